import { z } from 'zod';
import type { ApiModule } from '../../server/api.ts';
import { requireUser, setSessionCookie, SESSION_COOKIE } from '../../server/auth.ts';
import { notFound } from '../../lib/errors.ts';
import { accountsRepository } from './repository.ts';
import { authenticate, createUser, signupClosed } from './service.ts';
import { beginLoginAttempt } from './login-throttle.ts';
import { recordEvent } from '../events/events.ts';
import { accountsSecurityRepository } from './security-repository.ts';
import { assertAcceptablePassword, passwordProblem, PASSWORD_MAX_LENGTH } from './password-policy.ts';
import { passwordRoutes } from './password-routes.ts';
import { invitationRoutes } from '../invitations/routes.ts';

const emailSchema = z.string().trim().email().max(254);
// Length and common passwords: the policy checks them and answers with its own codes (password_too_short, …).
const passwordSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH + 50);
const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), locale: z.string() });

/** Sign-up (first user), sign-in, sign-out, the current user and personal API tokens. */
export const accountRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get('/setup', { schema: { tags: ['auth'], summary: 'Whether the installation still needs its first user', security: [] } }, async () => ({
    needsOwner: !(await accountsSecurityRepository.installationClaimed(db)),
  }));

  app.post(
    '/auth/signup',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Create the first user (owner) of this installation',
        security: [],
        body: z.object({ email: emailSchema, name: z.string().trim().min(1).max(120), password: passwordSchema, locale: z.enum(['en', 'es']).default('en') }),
      },
    },
    async (request, reply) => {
      // Open sign-up only for the first user; everybody else is invited by a manager. The early
      // check only spares the hashing; the rule itself holds inside createUser's transaction.
      assertAcceptablePassword(request.body.password, { email: request.body.email });
      if (await accountsSecurityRepository.installationClaimed(db)) throw signupClosed();
      const user = await createUser(ctx, request.body, { firstOwner: true });
      const session = await accountsRepository.createSession(db, user.id, ctx.clock.now());
      setSessionCookie(ctx, request, reply, session.token);
      return reply.status(201).send({ user, csrfToken: session.csrfToken });
    },
  );

  app.post(
    '/auth/login',
    {
      // Brute-force guard: per client address (in memory), and failures per account and per address
      // in the database (beginLoginAttempt), on top of the constant-time checks.
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', security: [], body: z.object({ email: emailSchema, password: z.string().min(1).max(200) }) },
    },
    async (request, reply) => {
      const attempt = await beginLoginAttempt(ctx, request.body.email, request.ip);
      const user = await authenticate(ctx, request.body.email, request.body.password);
      await attempt.succeeded();
      const session = await accountsRepository.createSession(db, user.id, ctx.clock.now());
      setSessionCookie(ctx, request, reply, session.token);
      // Passwords set before the 12-character policy still sign in; the app then asks for a new one.
      return { user, csrfToken: session.csrfToken, passwordChangeRecommended: passwordProblem(request.body.password, { email: user.email }) !== null };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (request, reply) => {
    requireUser(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await accountsRepository.deleteSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/me', { schema: { tags: ['auth'], summary: 'The signed-in user, their workspaces and CSRF token' } }, async (request) => {
    const user = requireUser(request);
    const workspaces = await db
      .selectFrom('memberships')
      .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
      .select(['workspaces.id', 'workspaces.name', 'workspaces.time_zone', 'workspaces.language', 'memberships.role'])
      .where('memberships.user_id', '=', user.id)
      .orderBy('workspaces.name')
      .execute();
    return { user: userSchema.parse(user), csrfToken: user.csrfToken ?? null, workspaces };
  });

  app.get('/me/tokens', { schema: { tags: ['auth'], summary: 'Your personal API tokens (secrets are never shown again)' } }, async (request) => {
    const user = requireUser(request);
    return { items: await accountsRepository.listApiTokens(db, user.id) };
  });

  app.post(
    '/me/tokens',
    { schema: { tags: ['auth'], summary: 'Create a personal API token; the secret is shown once', body: z.object({ name: z.string().trim().min(1).max(100) }) } },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await db.transaction().execute(async (trx) => {
        const token = await accountsRepository.createApiToken(trx, user.id, request.body.name);
        await recordEvent(trx, { workspaceId: null, actorUserId: user.id, type: 'api_token.created', subjectType: 'api_token', subjectId: token.id, data: { name: token.name } });
        return token;
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/me/tokens/:tokenId',
    { schema: { tags: ['auth'], summary: 'Revoke a personal API token', params: z.object({ tokenId: z.string().uuid() }) } },
    async (request, reply) => {
      const user = requireUser(request);
      if (!(await accountsRepository.revokeApiToken(db, user.id, request.params.tokenId, ctx.clock.now()))) throw notFound('Token');
      await recordEvent(db, { workspaceId: null, actorUserId: user.id, type: 'api_token.revoked', subjectType: 'api_token', subjectId: request.params.tokenId });
      return reply.status(204).send();
    },
  );

  await passwordRoutes(app, ctx);
  await invitationRoutes(app, ctx);
};
