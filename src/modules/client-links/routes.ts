import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { binary, instant, listSchema, noContent } from '../../server/schemas.ts';
import { calendarDaySchema } from '../../lib/input.ts';
import { notFound } from '../../lib/errors.ts';
import { publicBaseUrl, publicUrlWarning } from '../../lib/public-url.ts';
import { POST_STATES } from '../../db/schema.ts';
import { sendStored } from '../media/serve.ts';
import { createClientLink, decideAsClient, MAX_VALID_DAYS, revokeClientLink } from './commands.ts';
import { clientLinkDetail, clientMedia, clientReview, listClientLinks, presentLink } from './queries.ts';

const linkParams = objectParams('linkId');
const language = z.enum(['es', 'en']);
const decision = z.enum(['approved', 'rejected']);
const tokenSchema = z.string().min(20).max(200);

const linkSchema = z.object({
  id: z.string().uuid(),
  clientName: z.string(),
  language,
  firstDay: z.string(),
  lastDay: z.string(),
  expiresAt: instant,
  revokedAt: instant.nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  createdAt: instant,
  createdByName: z.string().nullable(),
});

const mediaSchema = z.object({ url: z.string(), alt: z.string() });
const reviewSchema = z.object({
  workspaceName: z.string(),
  clientName: z.string(),
  language,
  timeZone: z.string(),
  firstDay: z.string(),
  lastDay: z.string(),
  expiresAt: instant,
  posts: z.array(
    z.object({
      id: z.string().uuid(),
      content: z.string(),
      state: z.enum(POST_STATES),
      scheduledAt: instant,
      /** False once the post is going or gone out: it takes no verdict. */
      decidable: z.boolean(),
      decision: z.object({ decision, comment: z.string(), decidedAt: instant }).nullable(),
      channels: z.array(
        z.object({
          id: z.string().uuid(),
          network: z.string(),
          channelName: z.string(),
          account: z.object({ name: z.string(), handle: z.string() }),
          text: z.string(),
          title: z.string().nullable(),
          excerpt: z.string().nullable(),
          media: z.array(mediaSchema),
          thread: z.array(z.object({ text: z.string(), media: z.array(mediaSchema) })),
        }),
      ),
    }),
  ),
});

/** Where the client opens a link: the web app's /client page, the token in the fragment (never sent to servers). */
function clientUrl(base: string, token: string): string {
  return `${base}/client#token=${token}`;
}

/**
 * Client approval links: managers create, list and revoke them; the client, without an account,
 * opens one and approves or rejects the posts of its period (public, rate-limited routes).
 */
export const clientLinkRoutes: ApiModule = async (app, ctx) => {
  app.get(
    '/workspaces/:workspaceId/client-links',
    {
      config: { access: 'client_link.manage' },
      schema: {
        tags: ['client-links'],
        summary: 'Client approval links, newest first, with how many posts each client approved and rejected',
        params: workspaceParams,
        response: { 200: listSchema(linkSchema.extend({ approved: z.number().int(), rejected: z.number().int() })) },
      },
    },
    async (request) => ({ items: await listClientLinks(ctx, member(request).workspaceId) }),
  );

  app.post(
    '/workspaces/:workspaceId/client-links',
    {
      config: { access: 'client_link.manage', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['client-links'],
        summary: 'Create a link for a client to approve the posts of a period (brand-zone days); the URL is shown once',
        params: workspaceParams,
        body: z.object({
          clientName: z.string().trim().min(1).max(120),
          language: language.default('es'),
          firstDay: calendarDaySchema,
          lastDay: calendarDaySchema,
          validDays: z.number().int().min(1).max(MAX_VALID_DAYS).default(14),
        }),
        response: {
          201: linkSchema.extend({
            url: z.string(),
            urlWarning: z.object({ code: z.string(), message: z.string(), base: z.string() }).nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const { link, token } = await createClientLink(ctx, workspaceId, user.id, request.body);
      return reply.status(201).send({
        ...presentLink({ ...link, created_by_name: user.name }, ctx.clock.now()),
        url: clientUrl(publicBaseUrl(ctx.config), token),
        urlWarning: publicUrlWarning(ctx.config),
      });
    },
  );

  app.get(
    '/workspaces/:workspaceId/client-links/:linkId',
    {
      config: { access: 'client_link.manage' },
      schema: {
        tags: ['client-links'],
        summary: 'One client link with the verdicts given through it, newest first',
        params: linkParams,
        response: {
          200: linkSchema.extend({
            decisions: z.array(
              z.object({
                postId: z.string().uuid(),
                decision,
                comment: z.string(),
                decidedAt: instant,
                postContent: z.string(),
                postState: z.enum(POST_STATES),
                scheduledAt: instant.nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => clientLinkDetail(ctx, member(request).workspaceId, request.params.linkId),
  );

  app.delete(
    '/workspaces/:workspaceId/client-links/:linkId',
    {
      config: { access: 'client_link.manage' },
      schema: { tags: ['client-links'], summary: 'Revoke a client link at once', params: linkParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await revokeClientLink(ctx, workspaceId, user.id, request.params.linkId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/client-review/open',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['client-links'],
        summary: 'What a client link shows (no account: the token is the credential); 410 when expired or revoked',
        body: z.object({ token: tokenSchema }),
        response: { 200: reviewSchema },
      },
    },
    async (request) => clientReview(ctx, request.body.token),
  );

  app.post(
    '/client-review/decide',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['client-links'],
        summary: 'The client approves or rejects one post of the link (a rejection needs a comment); recorded as the client',
        body: z.object({
          token: tokenSchema,
          postId: z.string().uuid(),
          decision,
          comment: z.string().max(2000).default(''),
        }),
        response: { 200: z.object({ postId: z.string().uuid(), decision, comment: z.string(), decidedAt: instant }) },
      },
    },
    async (request) => {
      const row = await decideAsClient(ctx, request.body.token, request.body);
      return { postId: row.post_id, decision: row.decision, comment: row.comment, decidedAt: row.decided_at };
    },
  );

  app.get(
    '/client-review/media/:linkId/:mediaId',
    {
      config: { access: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags: ['client-links'],
        summary: 'An image or video of a post a client link shows (the path is signed for that link and file)',
        params: z.object({ linkId: z.string().uuid(), mediaId: z.string().uuid() }),
        querystring: z.object({ sig: z.string().min(1).max(100) }),
        produces: ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'video/mp4', 'video/quicktime'],
        response: { 200: binary('The file'), 206: binary('The asked byte range of the file') },
      },
    },
    async (request, reply) => {
      const file = await clientMedia(ctx, request.params.linkId, request.params.mediaId, request.query.sig);
      const sent = await sendStored(reply, ctx.media, file, request.headers.range, 'private, no-store');
      if (!sent) throw notFound('Media file');
      return sent;
    },
  );
};
