import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import { ClickRecorder, recordConversion } from './service.ts';
import { linksRepository } from './repository.ts';

const recorders = new WeakMap<AppContext, ClickRecorder>();

/** The click recorder shared by the redirect route and the API of one context. */
export function clickRecorderFor(ctx: AppContext): ClickRecorder {
  let recorder = recorders.get(ctx);
  if (!recorder) {
    recorder = new ClickRecorder(ctx);
    recorders.set(ctx, recorder);
  }
  return recorder;
}

/** A 1×1 transparent GIF for the conversion pixel. */
const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * Public short-link routes outside /api: `GET /l/:code` (302 to the destination
 * with UTM, click logged) and `GET /px/:pixelKey.gif` (conversion pixel). Pass it
 * to `buildApp(ctx, { extraPlugins: [(app) => registerShortLinkRoutes(app, ctx)] })`.
 */
export async function registerShortLinkRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const recorder = clickRecorderFor(ctx);
  app.addHook('onClose', async () => recorder.flush());
  app.get<{ Params: { code: string } }>('/l/:code', { schema: { hide: true } }, async (request, reply) => {
    const code = request.params.code;
    const link = /^[A-Za-z0-9]{4,20}$/.test(code) ? await recorder.resolve(code) : null;
    if (!link) return reply.status(404).type('text/plain').send('Link not found');
    // The response does not wait for the click to be written.
    void recorder
      .record(link, { ip: request.ip, userAgent: request.headers['user-agent'], referrer: request.headers.referer })
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'click not recorded'));
    return reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer-when-downgrade')
      .redirect(link.destination, 302);
  });
  app.get<{ Params: { key: string }; Querystring: Record<string, string | undefined> }>(
    '/px/:key',
    { schema: { hide: true } },
    async (request, reply) => {
      const key = request.params.key.replace(/\.gif$/, '');
      const settings = await linksRepository.findWorkspaceByPixelKey(ctx.database.db, key);
      if (settings) {
        const q = request.query;
        const value = q.value !== undefined ? Number(q.value) : undefined;
        await recordConversion(
          ctx,
          settings.workspace_id,
          {
            code: q.code && /^[A-Za-z0-9]{4,20}$/.test(q.code) ? q.code : undefined,
            postId: q.utm_content,
            campaign: q.utm_campaign,
            kind: q.kind?.slice(0, 40),
            value: value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined,
            externalId: q.id?.slice(0, 200),
            currency: q.currency && /^[A-Z]{3}$/.test(q.currency) ? q.currency : undefined,
          },
          'pixel',
        ).catch(() => undefined); // a pixel always answers with the image
      }
      return reply.header('cache-control', 'no-store').type('image/gif').send(PIXEL_GIF);
    },
  );
}
