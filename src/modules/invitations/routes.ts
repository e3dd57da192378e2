import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { ZodFastify } from '../../server/api.ts';
import type { AppContext } from '../../server/context.ts';
import { ROLES } from '../../db/schema.ts';
import { requireRole, setSessionCookie } from '../../server/auth.ts';
import { accountsRepository } from '../accounts/repository.ts';
import { PASSWORD_MAX_LENGTH } from '../accounts/password-policy.ts';
import { acceptInvitation, inviteMember, presentInvitation, previewInvitation, resendInvitation, revokeInvitation } from './service.ts';
import { invitationsRepository } from './repository.ts';

const workspaceParams = z.object({ workspaceId: z.string().uuid() });
const invitationParams = workspaceParams.extend({ invitationId: z.string().uuid() });
const tokenSchema = z.string().min(20).max(200);

/** The address the app is reached at, for links shown to the inviter when the instance cannot send e-mail. */
const requestOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Invitations by e-mail: managers invite, the invitee accepts with the link (signed in or with a new account). */
export async function invitationRoutes(app: ZodFastify, ctx: AppContext): Promise<void> {
  const db = ctx.database.db;

  app.get(
    '/workspaces/:workspaceId/invitations',
    { schema: { tags: ['workspaces'], summary: 'Open invitations (not yet accepted or revoked)', params: workspaceParams } },
    async (request) => {
      await requireRole(ctx, request, request.params.workspaceId, 'member.manage');
      const now = ctx.clock.now();
      return { items: (await invitationsRepository.listOpen(db, request.params.workspaceId)).map((row) => presentInvitation(row, now)) };
    },
  );

  app.post(
    '/workspaces/:workspaceId/invitations',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Invite an e-mail address with a role; the answer is the same whether it has an account. Without SMTP the accept link is in the answer, once',
        params: workspaceParams,
        body: z.object({ email: z.string().trim().email().max(254), role: z.enum(ROLES) }),
      },
    },
    async (request, reply) => {
      const { user, role } = await requireRole(ctx, request, request.params.workspaceId, 'member.manage');
      const result = await inviteMember(ctx, request.params.workspaceId, { id: user.id, name: user.name, role }, { ...request.body, requestOrigin: requestOrigin(request) });
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/workspaces/:workspaceId/invitations/:invitationId/resend',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags: ['workspaces'], summary: 'Send an open invitation again with a new link and a new 7-day expiry', params: invitationParams } },
    async (request) => {
      const { user, role } = await requireRole(ctx, request, request.params.workspaceId, 'member.manage');
      return resendInvitation(ctx, request.params.workspaceId, { id: user.id, name: user.name, role }, request.params.invitationId, requestOrigin(request));
    },
  );

  app.delete(
    '/workspaces/:workspaceId/invitations/:invitationId',
    { schema: { tags: ['workspaces'], summary: 'Revoke an open invitation', params: invitationParams } },
    async (request, reply) => {
      const { user, role } = await requireRole(ctx, request, request.params.workspaceId, 'member.manage');
      await revokeInvitation(ctx, request.params.workspaceId, { id: user.id, name: user.name, role }, request.params.invitationId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/invitations/preview',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags: ['auth'], summary: 'What an invitation link invites to', security: [], body: z.object({ token: tokenSchema }) } },
    async (request) => previewInvitation(ctx, request.body.token),
  );

  app.post(
    '/invitations/accept',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: signed in with the invited address, or creating that account (name and password)',
        security: [],
        body: z.object({
          token: tokenSchema,
          name: z.string().trim().min(1).max(120).optional(),
          password: z.string().min(1).max(PASSWORD_MAX_LENGTH + 50).optional(),
          locale: z.enum(['en', 'es']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const user = request.user;
      const newAccount = !user && body.name && body.password ? { name: body.name, password: body.password, locale: body.locale } : undefined;
      const accepted = await acceptInvitation(ctx, body.token, { user: user ? { id: user.id, email: user.email } : null, newAccount });
      if (!accepted.createdAccount) return { ...accepted, csrfToken: null };
      // A new account is signed in right away, like the first sign-up.
      const session = await accountsRepository.createSession(db, accepted.userId, ctx.clock.now());
      setSessionCookie(ctx, request, reply, session.token);
      return { ...accepted, csrfToken: session.csrfToken };
    },
  );
}
