import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import { AppError, unauthorized } from '../lib/errors.ts';
import { accountsRepository } from '../modules/accounts/repository.ts';
import { workspacesRepository } from '../modules/workspaces/repository.ts';
import type { Role } from '../db/schema.ts';

export const SESSION_COOKIE = 'plaza_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  via: 'session' | 'token';
  csrfToken?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthenticatedUser | null;
    /** The caller's membership of the route's workspace, loaded once per request. */
    membership: { workspaceId: string; role: Role } | null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's role in a workspace, or null when not a member (or the id is not a workspace id). */
export async function loadMembership(
  ctx: AppContext,
  userId: string,
  workspaceId: string,
): Promise<{ workspaceId: string; role: Role } | null> {
  if (!UUID.test(workspaceId)) return null;
  return workspacesRepository.findMembership(ctx.database.db, userId, workspaceId);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is calling: a Bearer API token (API, CLI) or the session cookie
 * (web app). Cookie-authenticated writes must carry the CSRF token in a header,
 * which a cross-site form cannot set.
 */
export async function identify(ctx: AppContext, request: FastifyRequest): Promise<AuthenticatedUser | null> {
  const db = ctx.database.db;
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('Malformed Authorization header');
    const found = await accountsRepository.findUserByApiToken(db, match[1]);
    if (!found) throw unauthorized('Invalid or revoked API token');
    void accountsRepository.touchApiToken(db, found.tokenId, ctx.clock.now()).catch(() => undefined);
    return { id: found.id, email: found.email, name: found.name, locale: found.locale, via: 'token' };
  }
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  const session = await accountsRepository.findSession(db, token, ctx.clock.now());
  if (!session) return null;
  if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrf_token) {
    throw new AppError(403, 'csrf_failed', 'Missing or wrong CSRF token');
  }
  return {
    id: session.id,
    email: session.email,
    name: session.name,
    locale: session.locale,
    via: 'session',
    csrfToken: session.csrf_token,
  };
}

/** Sets the session cookie: HTTP-only, SameSite=Lax, Secure behind HTTPS. */
export function setSessionCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, token: string): void {
  const mode = ctx.config.secureCookies;
  const secure = mode === 'auto' ? request.protocol === 'https' : mode === 'true' || mode === '1';
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 30 * 86_400 });
}
