import { z } from 'zod';
import { caller, type ApiModule } from '../../server/api.ts';
import { setSessionCookie, SESSION_COOKIE } from '../../server/auth.ts';
import { instant, listSchema, noContent } from '../../server/schemas.ts';
import { accountsRepository } from './repository.ts';
import { accountsSecurityRepository } from './security-repository.ts';
import { logIn, logOut, signUpFirstOwner } from './commands/sessions.ts';
import { createApiToken, revokeApiToken } from './commands/api-tokens.ts';
import { PASSWORD_MAX_LENGTH } from './password-policy.ts';
import { workspacesRepository } from '../workspaces/repository.ts';
import { myWorkspaceSchema, permissionsOf } from '../workspaces/present.ts';

const emailSchema = z.string().trim().email().max(254);
// Length and common passwords: the policy checks them and answers with its own codes (password_too_short, …).
const passwordSchema = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH + 50);
const userSchema = z.object({ id: z.string().uuid(), email: z.string(), name: z.string(), locale: z.string() });
const signedInSchema = z.object({ user: userSchema, csrfToken: z.string() });
const apiTokenSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  createdAt: instant,
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
});
const createdApiTokenSchema = z.object({ id: z.string().uuid(), name: z.string(), createdAt: instant, token: z.string() });

/** Sign-up (first user), sign-in, sign-out, the current user and personal API tokens. */
export const accountRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get(
    '/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether the installation still needs its first user',
        response: { 200: z.object({ needsOwner: z.boolean() }) },
      },
    },
    async () => ({ needsOwner: !(await accountsSecurityRepository.installationClaimed(db)) }),
  );

  app.post(
    '/auth/signup',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Create the first user (owner) of this installation',
        body: z.object({
          email: emailSchema,
          name: z.string().trim().min(1).max(120),
          password: passwordSchema,
          locale: z.enum(['en', 'es']).default('en'),
        }),
        response: { 201: signedInSchema },
      },
    },
    async (request, reply) => {
      const { user, session } = await signUpFirstOwner(ctx, request.body);
      setSessionCookie(ctx, request, reply, session.token);
      return reply.status(201).send({ user, csrfToken: session.csrfToken });
    },
  );

  app.post(
    '/auth/login',
    {
      // Brute-force guard: per client address (in memory), and failures per account and per address
      // in the database (beginLoginAttempt), on top of the constant-time checks.
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        body: z.object({ email: emailSchema, password: z.string().min(1).max(200) }),
        response: { 200: signedInSchema.extend({ passwordChangeRecommended: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const { user, session, passwordChangeRecommended } = await logIn(ctx, { ...request.body, address: request.ip });
      setSessionCookie(ctx, request, reply, session.token);
      return { user, csrfToken: session.csrfToken, passwordChangeRecommended };
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'user' }, schema: { tags: ['auth'], summary: 'Sign out', response: { 204: noContent } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logOut(ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their CSRF token and their workspaces with their role and permissions in each',
        response: { 200: z.object({ user: userSchema, csrfToken: z.string().nullable(), workspaces: z.array(myWorkspaceSchema) }) },
      },
    },
    async (request) => {
      const user = caller(request);
      const rows = await workspacesRepository.listForUser(db, user.id);
      const workspaces = rows.map((row) => ({
        id: row.id,
        name: row.name,
        timeZone: row.time_zone,
        language: row.language,
        currency: row.currency,
        approvalRequired: row.approval_required,
        role: row.role,
        permissions: permissionsOf(row.role),
      }));
      return {
        user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
        csrfToken: user.csrfToken ?? null,
        workspaces,
      };
    },
  );

  app.get(
    '/me/tokens',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'Your personal API tokens (secrets are never shown again)',
        response: { 200: listSchema(apiTokenSchema) },
      },
    },
    async (request) => {
      const rows = await accountsRepository.listApiTokens(db, caller(request).id);
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          createdAt: row.created_at,
          lastUsedAt: row.last_used_at,
          revokedAt: row.revoked_at,
        })),
      };
    },
  );

  app.post(
    '/me/tokens',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token; the secret is shown once',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 201: createdApiTokenSchema },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(ctx, caller(request).id, request.body.name);
      return reply.status(201).send({ id: created.id, name: created.name, createdAt: created.created_at, token: created.token });
    },
  );

  app.delete(
    '/me/tokens/:tokenId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke a personal API token',
        params: z.object({ tokenId: z.string().uuid() }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, caller(request).id, request.params.tokenId);
      return reply.status(204).send(null);
    },
  );
};
