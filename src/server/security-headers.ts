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
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { WEB_DIST } from './web.ts';

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

let inlineScripts: { mtimeMs: number; sources: string } | null = null;

/**
 * The web app's own inline scripts, as CSP hash sources: index.html starts the first API requests
 * with a few lines of script before the app's code has loaded (web/index.html). Only those exact
 * texts may run inline; read from the built index.html (again when it is rebuilt).
 */
function inlineScriptSources(indexHtml = path.join(WEB_DIST, 'index.html')): string {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(indexHtml).mtimeMs;
  } catch {
    return '';
  }
  if (inlineScripts?.mtimeMs === mtimeMs) return inlineScripts.sources;
  const html = fs.readFileSync(indexHtml, 'utf8');
  const sources = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((match) => ` 'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`)
    .join('');
  inlineScripts = { mtimeMs, sources };
  return sources;
}

/** The page policy with the web app's inline boot script allowed by its hash (never 'unsafe-inline'). */
function pageCsp(): string {
  const sources = inlineScriptSources();
  return sources ? PAGE_CSP.replace("script-src 'self'", `script-src 'self'${sources}`) : PAGE_CSP;
}

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
    reply.headers({ ...COMMON_HEADERS, 'content-security-policy': isApi ? API_CSP : pageCsp() });
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=15552000');
  });
}
