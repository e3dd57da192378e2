import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import type { Role } from '../../db/schema.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { SESSION_COOKIE } from '../../server/auth.ts';
import { activityRepository } from './repository.ts';

/** How often an open stream re-checks its caller (tests shorten it). */
export const streamTimings = { recheckMs: 5_000 };

/**
 * The caller's current role in the workspace, re-read from the credentials that
 * opened a long-lived stream: null once the API token is revoked, the session
 * ended or expired, or the membership removed. One indexed query per check.
 */
export function streamCaller(ctx: AppContext, request: FastifyRequest, workspaceId: string): { currentRole(): Promise<Role | null> } {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const cookie = request.cookies?.[SESSION_COOKIE];
  const userId = request.user?.id;
  const raw = ctx.database.raw;
  return {
    async currentRole() {
      if (!userId) return null;
      if (request.user?.via === 'token' && bearer) return activityRepository.roleByToken(raw, sha256Hex(bearer), workspaceId, userId);
      if (request.user?.via === 'session' && cookie)
        return activityRepository.roleBySession(raw, sha256Hex(cookie), workspaceId, new Date(ctx.clock.now()), userId);
      return null;
    },
  };
}
