import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import { instant, noContent, pageSchema } from '../../server/schemas.ts';
import { pageQuerySchema } from '../../lib/pagination.ts';
import { cropMedia, deleteMedia, updateMediaDetails } from './commands.ts';
import { libraryItem, listLibrary, mediaDetails, mediaStorage } from './queries.ts';
import { CROP_ASPECT_NAMES } from './library.ts';

const mediaParams = objectParams('mediaId');
const tagSchema = z.string().trim().min(1).max(50);

const libraryItemSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  kind: z.enum(['image', 'video']),
  durationSeconds: z.number().nullable(),
  altText: z.string(),
  tags: z.array(z.string()),
  /** The file this one was cropped from (null: an upload, or its original was deleted). */
  originalId: z.string().uuid().nullable(),
  crop: z
    .object({ aspect: z.string(), left: z.number().int(), top: z.number().int(), width: z.number().int(), height: z.number().int() })
    .nullable(),
  /** Posts that use the file. */
  usageCount: z.number().int(),
  createdAt: instant,
});

const detailSchema = libraryItemSchema.extend({
  usages: z.array(
    z.object({
      postId: z.string().uuid(),
      text: z.string(),
      state: z.string(),
      scheduledAt: instant.nullable(),
      networks: z.array(z.string()),
      /** True while the post has a publication that has not gone out (the file cannot be deleted then). */
      waiting: z.boolean(),
    }),
  ),
});

const storageSchema = z.object({
  count: z.number().int(),
  bytes: z.number().int(),
  images: z.object({ count: z.number().int(), bytes: z.number().int() }),
  videos: z.object({ count: z.number().int(), bytes: z.number().int() }),
  tags: z.array(z.object({ tag: z.string(), count: z.number().int() })),
});

/** The media library (issue 16, part 7): search, names, alt text, tags, crops to network aspect ratios, storage, deletion. */
export const mediaLibraryRoutes: ApiModule = async (app, ctx) => {
  const tags = ['media'];

  app.get(
    '/workspaces/:workspaceId/media',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'The media library, newest first: search by name, tag, alt text or the text of a post using the file',
        params: workspaceParams,
        querystring: pageQuerySchema.extend({
          q: z.string().max(200).optional(),
          tag: z.string().max(50).optional(),
          kind: z.enum(['image', 'video']).optional(),
          unused: z.enum(['true', 'false']).optional(),
          postId: z.string().uuid().optional(),
          /** Only the crops made from this file. */
          originalId: z.string().uuid().optional(),
          /** true: only files that are not crops of another (the composer's picker groups crops under them). */
          originals: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: pageSchema(libraryItemSchema) },
      },
    },
    async (request) => {
      const { q, tag, kind, unused, postId, originalId, originals, cursor, limit } = request.query;
      return listLibrary(ctx, request.params.workspaceId, {
        q,
        tag,
        kind,
        unused: unused === 'true',
        postId,
        originalId,
        originals: originals === 'true',
        cursor,
        limit,
      });
    },
  );

  app.get(
    '/workspaces/:workspaceId/media/storage',
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Storage the workspace’s files take (by kind), and its tags',
        params: workspaceParams,
        response: { 200: storageSchema },
      },
    },
    async (request) => mediaStorage(ctx, request.params.workspaceId),
  );

  app.get(
    '/workspaces/:workspaceId/media/:mediaId/details',
    {
      config: { access: 'read' },
      schema: { tags, summary: 'One library file with the posts that use it', params: mediaParams, response: { 200: detailSchema } },
    },
    async (request) => mediaDetails(ctx, request.params.workspaceId, request.params.mediaId),
  );

  app.patch(
    '/workspaces/:workspaceId/media/:mediaId',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Rename a file, set its alt text, replace its tags or add and remove some',
        params: mediaParams,
        body: z
          .object({
            name: z.string().trim().min(1).max(200).optional(),
            altText: z.string().max(1500).optional(),
            tags: z.array(tagSchema).max(30).optional(),
            addTags: z.array(tagSchema).max(30).optional(),
            removeTags: z.array(tagSchema).max(30).optional(),
          })
          .strict(),
        response: { 200: libraryItemSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      await updateMediaDetails(ctx, { workspaceId, actorUserId: user.id, mediaId: request.params.mediaId, changes: request.body });
      return libraryItem(ctx, workspaceId, request.params.mediaId);
    },
  );

  app.post(
    '/workspaces/:workspaceId/media/:mediaId/crops',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary:
          'Crop an image to a network aspect ratio (square 1:1, portrait 4:5, landscape 1.91:1, vertical 9:16) into a new file; the original is kept. ' +
          'Without left/top/width: the largest centred rectangle; with width, the height follows from the ratio.',
        params: mediaParams,
        body: z
          .object({
            aspect: z.enum(CROP_ASPECT_NAMES),
            left: z.number().int().min(0).max(100_000).optional(),
            top: z.number().int().min(0).max(100_000).optional(),
            width: z.number().int().min(1).max(100_000).optional(),
          })
          .strict(),
        response: { 201: libraryItemSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await cropMedia(ctx, { workspaceId, actorUserId: user.id, mediaId: request.params.mediaId, ...request.body });
      return reply.status(201).send(await libraryItem(ctx, workspaceId, row.id));
    },
  );

  app.delete(
    '/workspaces/:workspaceId/media/:mediaId',
    {
      config: { access: 'post.write' },
      schema: {
        tags,
        summary: 'Delete a file from the library (409 media_in_use while a post that has not gone out uses it)',
        params: mediaParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteMedia(ctx, { workspaceId, actorUserId: user.id, mediaId: request.params.mediaId });
      return reply.status(204).send(null);
    },
  );
};
