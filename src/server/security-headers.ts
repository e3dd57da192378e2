/**
 * Security headers on every answer: a Content-Security-Policy, no framing, no MIME sniffing,
 * a conservative referrer policy.
 *
 * The web app (Vite build) loads only its own scripts and styles; Mantine and the charts set
 * inline styles, so style-src allows 'unsafe-inline' (styles only; scripts never). The Swagger
 * UI at /api/docs needs the same (its own scripts, inline styles, data: icons). API answers
 * (JSON, media, exports) get a policy that allows nothing, so a stored file opened directly
 * cannot run anything either.
 */
import type { FastifyInstance } from 'fastify';

/** Policy of the HTML pages: the web app and the API docs. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Policy of API answers: nothing may load or run, nobody may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Adds the headers in an onRequest hook, so errors and 404s carry them too. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') && !path.startsWith('/api/docs');
    reply.headers({ ...COMMON_HEADERS, 'content-security-policy': isApi ? API_CSP : PAGE_CSP });
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=15552000');
  });
}
