import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { instant, listSchema, noContent } from '../../server/schemas.ts';
import { ROLES } from '../../db/schema.ts';
import { setSessionCookie } from '../../server/auth.ts';
import { startSession } from '../accounts/commands/sessions.ts';
import { PASSWORD_MAX_LENGTH } from '../accounts/password-policy.ts';
import { acceptInvitation, inviteMember, presentInvitation, previewInvitation, resendInvitation, revokeInvitation } from './commands.ts';
import { invitationsRepository } from './repository.ts';

const invitationParams = objectParams('invitationId');
const tokenSchema = z.string().min(20).max(200);
const role = z.enum(ROLES);

const invitationSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  role,
  invitedBy: z.string().nullable(),
  sentCount: z.number().int(),
  createdAt: instant,
  expiresAt: instant,
  expired: z.boolean(),
});
/** An invitation sent (or renewed) and how it reached the invitee; `acceptUrl` only with delivery `link`. */
const sentInvitationSchema = z.object({
  invitation: invitationSchema,
  delivery: z.enum(['email', 'email_failed', 'link']),
  acceptUrl: z.string().optional(),
});

/** The address the app is reached at, for links shown to the inviter when the instance cannot send e-mail. */
const requestOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The acting member as the invitation commands need them. */
const actorOf = (request: FastifyRequest) => {
  const { user, role: actorRole } = member(request);
  return { id: user.id, name: user.name, role: actorRole };
};

/** Invitations by e-mail: managers invite, the invitee accepts with the link (signed in or with a new account). */
export const invitationRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get(
    '/workspaces/:workspaceId/invitations',
    {
      config: { access: 'member.manage' },
      schema: {
        tags: ['workspaces'],
        summary: 'Open invitations (not yet accepted or revoked)',
        params: workspaceParams,
        response: { 200: listSchema(invitationSchema) },
      },
    },
    async (request) => {
      const now = ctx.clock.now();
      return { items: (await invitationsRepository.listOpen(db, member(request).workspaceId)).map((row) => presentInvitation(row, now)) };
    },
  );

  app.post(
    '/workspaces/:workspaceId/invitations',
    {
      config: { access: 'member.manage', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['workspaces'],
        summary:
          'Invite an e-mail address with a role; the answer is the same whether it has an account. Without SMTP the accept link is in the answer, once',
        params: workspaceParams,
        body: z.object({ email: z.string().trim().email().max(254), role }),
        response: { 201: sentInvitationSchema },
      },
    },
    async (request, reply) => {
      const result = await inviteMember(ctx, request.params.workspaceId, actorOf(request), {
        ...request.body,
        requestOrigin: requestOrigin(request),
      });
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/workspaces/:workspaceId/invitations/:invitationId/resend',
    {
      config: { access: 'member.manage', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Send an open invitation again with a new link and a new 7-day expiry',
        params: invitationParams,
        response: { 200: sentInvitationSchema },
      },
    },
    async (request) =>
      resendInvitation(ctx, request.params.workspaceId, actorOf(request), request.params.invitationId, requestOrigin(request)),
  );

  app.delete(
    '/workspaces/:workspaceId/invitations/:invitationId',
    {
      config: { access: 'member.manage' },
      schema: { tags: ['workspaces'], summary: 'Revoke an open invitation', params: invitationParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      await revokeInvitation(ctx, request.params.workspaceId, actorOf(request), request.params.invitationId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/invitations/preview',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'What an invitation link invites to',
        body: z.object({ token: tokenSchema }),
        response: {
          200: z.object({
            workspaceName: z.string(),
            workspaceLanguage: z.string(),
            workspaceTimeZone: z.string(),
            email: z.string(),
            role,
            invitedBy: z.string().nullable(),
            expiresAt: instant,
          }),
        },
      },
    },
    async (request) => previewInvitation(ctx, request.body.token),
  );

  app.post(
    '/invitations/accept',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: signed in with the invited address, or creating that account (name and password)',
        body: z.object({
          token: tokenSchema,
          name: z.string().trim().min(1).max(120).optional(),
          password: z
            .string()
            .min(1)
            .max(PASSWORD_MAX_LENGTH + 50)
            .optional(),
          locale: z.enum(['en', 'es']).optional(),
        }),
        response: {
          200: z.object({
            workspaceId: z.string().uuid(),
            role,
            userId: z.string().uuid(),
            createdAccount: z.boolean(),
            csrfToken: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const user = request.user;
      const newAccount =
        !user && body.name && body.password ? { name: body.name, password: body.password, locale: body.locale } : undefined;
      const accepted = await acceptInvitation(ctx, body.token, { user: user ? { id: user.id, email: user.email } : null, newAccount });
      if (!accepted.createdAccount) return { ...accepted, csrfToken: null };
      // A new account is signed in right away, like the first sign-up.
      const session = await startSession(ctx, accepted.userId);
      setSessionCookie(ctx, request, reply, session.token);
      return { ...accepted, csrfToken: session.csrfToken };
    },
  );
};
