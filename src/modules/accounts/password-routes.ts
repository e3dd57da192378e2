import { z } from 'zod';
import { caller, type ApiModule } from '../../server/api.ts';
import { SESSION_COOKIE } from '../../server/auth.ts';
import { changePassword, requestPasswordReset, resetPassword, resetTokenUsable, signOutEverywhere } from './commands/passwords.ts';
import { PASSWORD_MAX_LENGTH } from './password-policy.ts';

const emailSchema = z.string().trim().email().max(254);
// Length and common-password rules are checked by the policy (with their own error codes), not here.
const newPasswordSchema = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH + 50);
const tokenSchema = z.string().min(20).max(200);

/** Password change, reset by e-mail and "sign out everywhere". */
export const passwordRoutes: ApiModule = async (app, ctx) => {
  app.post(
    '/me/password',
    {
      config: { access: 'user', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Change your password (the current one is required); your other sessions end, API tokens stay',
        body: z.object({
          currentPassword: z
            .string()
            .min(1)
            .max(PASSWORD_MAX_LENGTH + 50),
          newPassword: newPasswordSchema,
        }),
        response: { 200: z.object({ endedSessions: z.number().int() }) },
      },
    },
    async (request) => {
      const user = caller(request);
      const keepSessionToken = user.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      return changePassword(ctx, user.id, {
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        keepSessionToken,
      });
    },
  );

  app.post(
    '/auth/sign-out-everywhere',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'End every session of yours, this one included; optionally revoke every personal API token too',
        body: z.object({ revokeApiTokens: z.boolean().default(false) }).default({ revokeApiTokens: false }),
        response: { 200: z.object({ endedSessions: z.number().int(), revokedTokens: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const user = caller(request);
      const result = await signOutEverywhere(ctx, user.id, { revokeApiTokens: request.body.revokeApiTokens });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return result;
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'E-mail a password reset link (valid one hour, once); the answer is the same whether the account exists or not',
        body: z.object({ email: emailSchema }),
        response: { 202: z.object({ mailConfigured: z.boolean(), message: z.string() }) },
      },
    },
    async (request, reply) => {
      const { mailConfigured } = await requestPasswordReset(ctx, request.body.email);
      return reply.status(202).send({
        mailConfigured,
        message: mailConfigured
          ? 'If an account uses this e-mail, a reset link is on its way'
          : 'This Plaza cannot send e-mail: ask its administrator to run `plaza user reset-password --email …` on the server',
      });
    },
  );

  app.post(
    '/auth/password-reset/check',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Whether a reset link can still be used',
        body: z.object({ token: tokenSchema }),
        response: { 200: z.object({ usable: z.boolean() }) },
      },
    },
    async (request) => ({ usable: await resetTokenUsable(ctx, request.body.token) }),
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a reset link; every session of the account ends',
        body: z.object({ token: tokenSchema, password: newPasswordSchema }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await resetPassword(ctx, request.body.token, request.body.password);
      return { ok: true as const };
    },
  );
};
