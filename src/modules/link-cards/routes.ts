import { z } from 'zod';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import { instant } from '../../server/schemas.ts';
import { badRequest } from '../../lib/errors.ts';
import { linkCardFor } from './cards.ts';

const cardSchema = z.object({
  url: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  imageUrl: z.string().nullable(),
  siteName: z.string().nullable(),
  /** Why there is no card, as a failure code; null when the page was read. */
  errorCode: z.string().nullable(),
  fetchedAt: instant,
});

/** Link cards for the composer's previews (issue 16, part 5). */
export const linkCardRoutes: ApiModule = async (app, ctx) => {
  app.get(
    '/workspaces/:workspaceId/link-card',
    {
      config: { access: 'post.write' },
      schema: {
        tags: ['links'],
        summary: 'A page’s link card (Open Graph title, description, image), read through the safe fetcher and cached for a day',
        params: workspaceParams,
        querystring: z.object({ url: z.string().trim().min(1).max(2000) }),
        response: { 200: cardSchema },
      },
    },
    async (request) => {
      let url: URL;
      try {
        url = new URL(request.query.url);
      } catch {
        throw badRequest('invalid_url', 'url must be an absolute http(s) URL');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('invalid_url', 'url must be an absolute http(s) URL');
      return linkCardFor(ctx, url.toString());
    },
  );
};
