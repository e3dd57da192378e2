import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import { z } from 'zod';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { AppError } from '../lib/errors.ts';
import { createUser } from '../modules/accounts/commands/users.ts';
import { createApiTokenForEmail } from '../modules/accounts/commands/api-tokens.ts';
import { adminSetPassword, createResetToken, resetLink } from '../modules/accounts/commands/passwords.ts';
import { accountsRepository } from '../modules/accounts/repository.ts';

/** What `plaza user reset-password` did: set the password, or made a one-hour reset link. */
export type PasswordResetAnswer = { email: string; endedSessions: number } | { email: string; resetUrl: string; expiresInMinutes: number };

/**
 * `plaza user reset-password`: sets `password` (ending the user's sessions), or without one makes a
 * one-hour, single-use reset link. Run by the CLI on the data folder, or here for it while this
 * process owns the folder.
 */
export async function resetPasswordByEmail(ctx: AppContext, email: string, password?: string): Promise<PasswordResetAnswer> {
  if (password) return adminSetPassword(ctx, email, password);
  const found = await accountsRepository.findUserByEmail(ctx.database.db, email);
  if (!found) throw new AppError(404, 'not_found', `No user with e-mail ${email}`);
  const token = await createResetToken(ctx, found.id, null, 'cli');
  const base = (ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`).replace(/\/+$/, '');
  return { email: found.email, resetUrl: resetLink(base, token), expiresInMinutes: 60 };
}

/** Header carrying the local administration key (read by the CLI from the data folder's lock file). */
export const LOCAL_ADMIN_HEADER = 'x-plaza-local-admin';
/** Prefix of the local administration routes; outside /api/v1, hidden from the API documentation. */
export const LOCAL_ADMIN_PREFIX = '/api/local-admin';

/** A new local administration key: 256 random bits, new on every start. */
export function createLocalAdminKey(): string {
  return `plzlocal_${randomBytes(32).toString('base64url')}`;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether the TCP peer itself (not a forwarded-for header) is this machine's loopback. */
function fromLoopback(request: FastifyRequest): boolean {
  const address = request.socket.remoteAddress ?? '';
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (plain === '::1') return true;
  return net.isIPv4(plain) && plain.startsWith('127.');
}

/**
 * Administration routes for the `plaza` CLI while this process owns the embedded data folder
 * (`plaza user create`, `plaza user reset-password`, `plaza token create`, `plaza migrate`): the CLI cannot open the folder
 * itself, so it asks the owner. A caller must (1) connect from loopback, not through a proxy, and
 * (2) present the key this process wrote into the data folder's lock file (mode 0600): only the
 * folder's OS user (or root) can read it. `key()` is null until the key has been written.
 */
export async function registerLocalAdminRoutes(app: FastifyInstance, ctx: AppContext, key: () => string | null): Promise<void> {
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request) => {
        const expected = key();
        if (!expected) throw new AppError(503, 'local_admin_unavailable', 'Local administration is not available in this process');
        const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
        if (!fromLoopback(request) || forwarded)
          throw new AppError(
            403,
            'local_admin_not_local',
            'Local administration answers only on this machine (loopback), not through a proxy',
          );
        const given = request.headers[LOCAL_ADMIN_HEADER];
        if (typeof given !== 'string' || !timingSafeEqual(digest(given), digest(expected))) {
          throw new AppError(403, 'local_admin_key_invalid', 'Wrong or missing local administration key');
        }
      });
      const typed = scope.withTypeProvider<ZodTypeProvider>();
      typed.post(
        '/users',
        {
          config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
          schema: {
            hide: true,
            body: z.object({
              email: z.string().trim().email().max(254),
              name: z.string().trim().min(1).max(120),
              password: z.string().min(10, 'Use at least 10 characters').max(200),
              locale: z.enum(['en', 'es']).default('en'),
            }),
          },
        },
        async (request, reply) => reply.status(201).send(await createUser(ctx, request.body)),
      );
      typed.post(
        '/tokens',
        {
          config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
          schema: {
            hide: true,
            body: z.object({ email: z.string().trim().min(1).max(254), name: z.string().trim().min(1).max(100).default('cli') }),
          },
        },
        async (request, reply) => reply.status(201).send(await createApiTokenForEmail(ctx, request.body.email, request.body.name)),
      );
      typed.post(
        '/password-resets',
        {
          config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
          schema: {
            hide: true,
            body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200).optional() }),
          },
        },
        async (request) => resetPasswordByEmail(ctx, request.body.email, request.body.password),
      );
      typed.get('/migrations', { schema: { hide: true } }, async () => {
        const { rows } = await ctx.database.raw.query<{ name: string }>('SELECT name FROM plaza_migrations ORDER BY name');
        return { applied: rows.map((row) => row.name) };
      });
    },
    { prefix: LOCAL_ADMIN_PREFIX },
  );
}
