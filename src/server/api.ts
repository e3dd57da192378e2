/**
 * The kernel every API module builds on: the module type, the shared path
 * parameters, and how a route declares who may call it.
 *
 * Every route under /api/v1 declares its access in `config.access`, and
 * `server/app.ts` checks it in one place before the handler runs:
 * - `'public'`: anyone (sign-in, sign-up, password reset, token-protected feeds);
 * - `'user'`: any signed-in user (their own account, creating a workspace);
 * - a `Permission`: a member of the route's `:workspaceId` whose role grants it.
 *   Not a member → 404 (another workspace's objects do not exist for you);
 *   a member without the permission → 403.
 * A route without a declaration stops start-up.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.ts';
import type { Role } from '../db/schema.ts';
import { forbidden, notFound, unauthorized } from '../lib/errors.ts';
import { can, PERMISSIONS, type Permission } from './permissions.ts';
import type { AuthenticatedUser } from './auth.ts';

/** Fastify with zod schemas as the type provider: request types follow the schemas. */
export type ZodFastify = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A module's API routes, mounted under /api/v1. */
export type ApiModule = (app: ZodFastify, ctx: AppContext) => Promise<void>;

/** Who may call a route: anyone, any signed-in user, or members holding a permission. */
export type RouteAccess = 'public' | 'user' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; checked by the server before the handler (see server/api.ts). */
    access?: RouteAccess;
  }
}

/** Every route under a workspace has this parameter. */
export const workspaceParams = z.object({ workspaceId: z.string().uuid() });

/** `{ workspaceId, <name>: uuid }`: the parameters of one object under a workspace. */
export function objectParams<const K extends string>(name: K) {
  return workspaceParams.extend({ [name]: z.string().uuid() } as { [P in K]: z.ZodString });
}

/** True when `access` names a workspace permission. */
export function isPermission(access: RouteAccess): access is Permission {
  return access in PERMISSIONS;
}

/** The signed-in caller of a route declared `'user'` or a permission (already checked: never null there). */
export function caller(request: FastifyRequest): AuthenticatedUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** The caller and their role in the route's workspace (already checked against the route's permission). */
export function member(request: FastifyRequest): { user: AuthenticatedUser; role: Role; workspaceId: string } {
  const user = caller(request);
  if (!request.membership) throw notFound('Workspace');
  return { user, role: request.membership.role, workspaceId: request.membership.workspaceId };
}

/** For a second, conditional permission inside a handler (e.g. approving while editing): 403 unless the caller's role grants it. */
export function requirePermission(request: FastifyRequest, permission: Permission): void {
  const { role } = member(request);
  if (!can(role, permission)) throw forbidden();
}
