import { z } from 'zod';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../server/context.ts';
import type { MediaItem, PostState, PostsTable, PublicationsTable } from '../../db/schema.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { recordEvent } from '../events/events.ts';
import type { Db } from '../../db/database.ts';
import type { MediaInput, PublishInput, ValidationIssue } from '../../networks/types.ts';
import { assertReferencesInWorkspace } from '../workspaces/references.ts';

export type PostRow = Selectable<PostsTable>;
export type PublicationRow = Selectable<PublicationsTable>;

const mediaItemSchema = z.object({ mediaId: z.string().uuid(), alt: z.string().max(5000).optional() });
const threadPartSchema = z.object({ text: z.string().max(20_000), media: z.array(mediaItemSchema).max(10).default([]) });
const optionsSchema = z
  .object({
    visibility: z.enum(['public', 'unlisted', 'private', 'direct']).optional(),
    contentWarning: z.string().max(500).optional(),
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
  })
  .default({});

/** One channel's variant of a post; anything left out comes from the post itself. */
export const channelVariantSchema = z.object({
  channelId: z.string().uuid(),
  text: z.string().max(20_000).optional(),
  media: z.array(mediaItemSchema).max(10).optional(),
  thread: z.array(threadPartSchema).max(25).optional(),
  options: optionsSchema,
});

export const POST_ACTIONS = ['draft', 'submit', 'schedule', 'publish_now'] as const;

export const postBodySchema = z.object({
  content: z.string().max(20_000).default(''),
  media: z.array(mediaItemSchema).max(10).default([]),
  thread: z.array(threadPartSchema).max(25).default([]),
  channels: z.array(channelVariantSchema).min(1).max(50),
  scheduledAt: isoInstantSchema.optional().nullable(),
  campaignId: z.string().uuid().nullable().optional(),
  objectiveId: z.string().uuid().nullable().optional(),
  segmentId: z.string().uuid().nullable().optional(),
  pillarId: z.string().uuid().nullable().optional(),
  action: z.enum(POST_ACTIONS).default('draft'),
});
export type PostBody = z.infer<typeof postBodySchema>;

/** Per-channel validation problems, as returned to the composer. */
export interface ChannelIssues {
  channelId: string;
  network: string;
  issues: ValidationIssue[];
}

/** Loads media rows of a workspace as adapter inputs (bytes are loaded lazily by the engine). */
async function mediaInputs(db: Db, workspaceId: string, items: MediaItem[]): Promise<MediaInput[]> {
  if (items.length === 0) return [];
  const rows = await db.selectFrom('media').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', items.map((m) => m.mediaId)).execute();
  return items.map((item) => {
    const row = rows.find((r) => r.id === item.mediaId);
    if (!row) throw badRequest(`Unknown media ${item.mediaId}`);
    return { mediaId: row.id, mimeType: row.mime_type, size: row.size_bytes, bytes: new Uint8Array(0), alt: item.alt };
  });
}

/** The resolved variant per channel: text, media, thread and options after defaults. */
function resolveVariants(body: Pick<PostBody, 'content' | 'media' | 'thread' | 'channels'>) {
  return body.channels.map((variant) => ({
    channelId: variant.channelId,
    text: variant.text ?? body.content,
    media: variant.media ?? body.media,
    thread: variant.thread ?? body.thread,
    options: variant.options ?? {},
  }));
}

/**
 * Checks each channel's variant against its network's limits. Returns the issues
 * per channel; nothing is saved here.
 */
export async function validateVariants(ctx: AppContext, db: Db, workspaceId: string, body: Pick<PostBody, 'content' | 'media' | 'thread' | 'channels'>) {
  const variants = resolveVariants(body);
  const ids = [...new Set(variants.map((v) => v.channelId))];
  if (ids.length !== variants.length) throw badRequest('A channel appears twice');
  const channels = await db.selectFrom('channels').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  const results: ChannelIssues[] = [];
  for (const variant of variants) {
    const channel = channels.find((c) => c.id === variant.channelId);
    if (!channel) throw new AppError(400, 'unknown_channel', `Unknown channel ${variant.channelId}`);
    const adapter = ctx.networks.get(channel.network);
    const input: PublishInput = {
      publicationId: 'validation',
      text: variant.text,
      media: await mediaInputs(db, workspaceId, variant.media),
      thread: await Promise.all(variant.thread.map(async (part) => ({ text: part.text, media: await mediaInputs(db, workspaceId, part.media) }))),
      options: variant.options,
    };
    const issues = adapter.validate(input);
    if (channel.status === 'disconnected') issues.push({ field: 'channel', code: 'disconnected', message: 'This channel is disconnected', messageEs: 'Este canal está desconectado' });
    if (variant.text.trim() === '' && variant.media.length === 0) issues.push({ field: 'text', code: 'empty', message: 'Write something or attach media', messageEs: 'Escribe algo o adjunta un archivo' });
    results.push({ channelId: channel.id, network: channel.network, issues });
  }
  return { variants, channels, results, ok: results.every((r) => r.issues.length === 0) };
}

function assertValid(results: ChannelIssues[]): void {
  if (results.some((r) => r.issues.length > 0)) {
    throw new AppError(422, 'invalid_for_network', 'Some channels reject this content', results.filter((r) => r.issues.length > 0));
  }
}

/** One publication per channel variant; scheduled ones get their due time, the rest wait. */
async function insertPublications(
  trx: Db,
  postId: string,
  workspaceId: string,
  variants: ReturnType<typeof resolveVariants>,
  channels: Array<{ id: string; network: string }>,
  state: PostState,
  scheduledAt: Date | null,
): Promise<void> {
  await trx
    .insertInto('publications')
    .values(
      variants.map((variant) => ({
        post_id: postId,
        workspace_id: workspaceId,
        channel_id: variant.channelId,
        network: channels.find((c) => c.id === variant.channelId)!.network,
        text: variant.text,
        media: JSON.stringify(variant.media),
        thread: JSON.stringify(variant.thread),
        options: JSON.stringify(variant.options),
        state: state === 'scheduled' ? ('scheduled' as const) : ('pending' as const),
        due_at: state === 'scheduled' ? scheduledAt : null,
      })),
    )
    .execute();
}

/** The state a post moves to for an action, given the workspace's approval rule. */
function targetState(action: (typeof POST_ACTIONS)[number], approvalRequired: boolean, current: PostState | null): PostState {
  if (action === 'draft') return 'draft';
  if (action === 'submit') return approvalRequired ? 'in_review' : 'approved';
  // schedule / publish_now: straight through only when approval is not required or already given.
  if (approvalRequired && current !== 'approved' && current !== 'scheduled') {
    throw new AppError(409, 'approval_required', 'This workspace requires approval before scheduling: submit the post for review');
  }
  return 'scheduled';
}

/**
 * Creates a post with one publication per channel, validated against every
 * network, in one transaction: either everything is stored or nothing is.
 */
export async function createPost(ctx: AppContext, workspaceId: string, authorId: string, body: PostBody) {
  return ctx.database.db.transaction().execute((trx) => createPostIn(ctx, trx, workspaceId, authorId, body));
}

/** createPost inside a caller's transaction (bulk imports commit all rows or none). */
export async function createPostIn(ctx: AppContext, trx: Db, workspaceId: string, authorId: string, body: PostBody) {
  const workspace = await trx.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  let scheduledAt = body.scheduledAt ?? null;
  if (body.action === 'publish_now') scheduledAt = new Date(now);
  if (body.action === 'schedule' && !scheduledAt) throw badRequest('scheduledAt is required to schedule');
  if (body.action === 'schedule' && scheduledAt && scheduledAt.getTime() < now - 60_000) throw badRequest('scheduledAt is in the past; use publish_now');
  await assertReferencesInWorkspace(trx, workspaceId, { campaignId: body.campaignId, objectiveId: body.objectiveId, segmentId: body.segmentId, pillarId: body.pillarId });
  const { variants, channels, results } = await validateVariants(ctx, trx, workspaceId, body);
  if (body.action !== 'draft') assertValid(results);
  const state = targetState(body.action, workspace.approval_required, null);
  const post = await trx
    .insertInto('posts')
    .values({
      workspace_id: workspaceId,
      author_id: authorId,
      content: body.content,
      state,
      scheduled_at: scheduledAt,
      campaign_id: body.campaignId ?? null,
      objective_id: body.objectiveId ?? null,
      segment_id: body.segmentId ?? null,
      pillar_id: body.pillarId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertPublications(trx, post.id, workspaceId, variants, channels, state, scheduledAt);
  await recordEvent(trx, { workspaceId, actorUserId: authorId, type: 'post.created', subjectType: 'post', subjectId: post.id, data: { state, channels: variants.length } });
  if (state === 'scheduled') await recordEvent(trx, { workspaceId, actorUserId: authorId, type: 'post.scheduled', subjectType: 'post', subjectId: post.id, data: { scheduledAt } });
  return { post, validation: results };
}

const EDITABLE: PostState[] = ['draft', 'in_review', 'approved', 'scheduled', 'failed'];

/**
 * Replaces a post's content and channels. Allowed until it starts publishing. When
 * approval is required, a content change sends an approved post back to review.
 */
export async function updatePost(ctx: AppContext, workspaceId: string, postId: string, actorId: string, body: Omit<PostBody, 'action'>) {
  const db = ctx.database.db;
  return db.transaction().execute(async (trx) => {
    const post = await lockPost(trx, workspaceId, postId);
    if (!EDITABLE.includes(post.state)) throw conflict(`A ${post.state} post cannot be edited`);
    const inflight = await trx.selectFrom('publications').select('id').where('post_id', '=', postId).where('state', 'in', ['publishing', 'published']).executeTakeFirst();
    if (inflight) throw conflict('Some channels already published this post; it can no longer be edited');
    const workspace = await trx.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow();
    await assertReferencesInWorkspace(trx, workspaceId, { campaignId: body.campaignId, objectiveId: body.objectiveId, segmentId: body.segmentId, pillarId: body.pillarId });
    const { variants, channels, results } = await validateVariants(ctx, trx, workspaceId, body);
    let state: PostState = post.state;
    if (workspace.approval_required && (state === 'approved' || state === 'scheduled')) state = 'in_review';
    if (state === 'failed') state = 'draft';
    if (state !== 'draft') assertValid(results);
    const scheduledAt = body.scheduledAt === undefined ? post.scheduled_at : body.scheduledAt;
    if (state === 'scheduled' && !scheduledAt) throw badRequest('A scheduled post needs scheduledAt');
    await trx.deleteFrom('publications').where('post_id', '=', postId).execute();
    await insertPublications(trx, postId, workspaceId, variants, channels, state, scheduledAt);
    const updated = await trx
      .updateTable('posts')
      .set({
        content: body.content,
        state,
        scheduled_at: scheduledAt,
        campaign_id: body.campaignId === undefined ? post.campaign_id : body.campaignId,
        objective_id: body.objectiveId === undefined ? post.objective_id : body.objectiveId,
        segment_id: body.segmentId === undefined ? post.segment_id : body.segmentId,
        pillar_id: body.pillarId === undefined ? post.pillar_id : body.pillarId,
        updated_at: new Date(ctx.clock.now()),
      })
      .where('id', '=', postId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { workspaceId, actorUserId: actorId, type: 'post.updated', subjectType: 'post', subjectId: postId, data: { from: post.state, to: state } });
    return { post: updated, validation: results };
  });
}

async function lockPost(trx: Db, workspaceId: string, postId: string): Promise<PostRow> {
  const post = await trx.selectFrom('posts').selectAll().where('id', '=', postId).where('workspace_id', '=', workspaceId).forUpdate().executeTakeFirst();
  if (!post) throw notFound('Post');
  return post;
}

export const TRANSITIONS = ['submit', 'approve', 'reject', 'schedule', 'unschedule', 'publish_now', 'cancel'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/**
 * Moves a post through its workflow (draft → in_review → approved → scheduled →
 * publishing → published | failed | canceled), keeping publications in step.
 */
export async function transitionPost(
  ctx: AppContext,
  workspaceId: string,
  postId: string,
  actorId: string,
  transition: Transition,
  input: { comment?: string; scheduledAt?: Date | null } = {},
) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    const post = await lockPost(trx, workspaceId, postId);
    const workspace = await trx.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirstOrThrow();
    const from = post.state;
    let to: PostState;
    let scheduledAt = input.scheduledAt !== undefined ? input.scheduledAt : post.scheduled_at;
    const requireFrom = (...states: PostState[]) => {
      if (!states.includes(from)) throw conflict(`Cannot ${transition} a ${from} post`, { from, allowed: states });
    };
    switch (transition) {
      case 'submit':
        requireFrom('draft', 'failed');
        to = workspace.approval_required ? 'in_review' : 'approved';
        break;
      case 'approve':
        requireFrom('in_review');
        to = 'approved';
        break;
      case 'reject':
        requireFrom('in_review', 'approved');
        if (!input.comment) throw badRequest('Say why in a comment when rejecting');
        to = 'draft';
        break;
      case 'schedule':
        requireFrom(...(workspace.approval_required ? (['approved', 'scheduled'] as PostState[]) : (['draft', 'approved', 'scheduled', 'failed'] as PostState[])));
        if (!scheduledAt) throw badRequest('scheduledAt is required to schedule');
        if (scheduledAt.getTime() < now - 60_000) throw badRequest('scheduledAt is in the past; use publish_now');
        to = 'scheduled';
        break;
      case 'publish_now':
        requireFrom(...(workspace.approval_required ? (['approved', 'scheduled'] as PostState[]) : (['draft', 'approved', 'scheduled', 'failed'] as PostState[])));
        scheduledAt = new Date(now);
        to = 'scheduled';
        break;
      case 'unschedule':
        requireFrom('scheduled');
        to = workspace.approval_required ? 'approved' : 'draft';
        break;
      case 'cancel':
        requireFrom('draft', 'in_review', 'approved', 'scheduled', 'failed');
        to = 'canceled';
        break;
    }
    if (to === 'scheduled') {
      const body = await bodyFromPublications(trx, post);
      const { results } = await validateVariants(ctx, trx, workspaceId, body);
      assertValid(results);
      await trx
        .updateTable('publications')
        .set({ state: 'scheduled', due_at: scheduledAt, claimed_by: null, lease_until: null, error_code: null, error_message: null, updated_at: new Date(now) })
        .where('post_id', '=', postId)
        .where('state', 'in', ['pending', 'scheduled', 'failed'])
        .execute();
    } else {
      // Leaving 'scheduled' takes publications off the engine's queue; in-flight ones finish on their own.
      await trx
        .updateTable('publications')
        .set({ state: to === 'canceled' ? 'canceled' : 'pending', claimed_by: null, lease_until: null, updated_at: new Date(now) })
        .where('post_id', '=', postId)
        .where('state', 'in', ['pending', 'scheduled', ...(to === 'canceled' ? (['failed'] as const) : [])])
        .execute();
    }
    const updated = await trx
      .updateTable('posts')
      .set({ state: to, scheduled_at: scheduledAt, updated_at: new Date(now) })
      .where('id', '=', postId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.comment || transition === 'approve' || transition === 'reject' || transition === 'submit') {
      await trx
        .insertInto('post_comments')
        .values({ post_id: postId, workspace_id: workspaceId, author_id: actorId, body: input.comment ?? '', kind: transition === 'approve' || transition === 'reject' || transition === 'submit' ? transition : 'comment' })
        .execute();
    }
    await recordEvent(trx, { workspaceId, actorUserId: actorId, type: `post.${transition}`, subjectType: 'post', subjectId: postId, data: { from, to, scheduledAt, comment: input.comment ?? null } });
    return updated;
  });
}

/** Rebuilds a post body from its stored publications (for re-validation). */
async function bodyFromPublications(trx: Db, post: PostRow) {
  const publications = await trx.selectFrom('publications').selectAll().where('post_id', '=', post.id).execute();
  return {
    content: post.content,
    media: [],
    thread: [],
    channels: publications.map((p) => ({ channelId: p.channel_id, text: p.text, media: p.media, thread: p.thread, options: p.options })),
  };
}

/** Puts a failed publication back on the queue, now. */
export async function retryPublication(ctx: AppContext, workspaceId: string, postId: string, publicationId: string, actorId: string) {
  const db = ctx.database.db;
  const now = new Date(ctx.clock.now());
  return db.transaction().execute(async (trx) => {
    await lockPost(trx, workspaceId, postId);
    const publication = await trx.selectFrom('publications').selectAll().where('id', '=', publicationId).where('post_id', '=', postId).forUpdate().executeTakeFirst();
    if (!publication) throw notFound('Publication');
    if (publication.state !== 'failed') throw conflict(`Only failed publications can be retried (this one is ${publication.state})`);
    const channel = await trx.selectFrom('channels').select(['status']).where('id', '=', publication.channel_id).executeTakeFirstOrThrow();
    if (channel.status !== 'active') throw conflict(`The channel is ${channel.status}: reconnect it first`);
    await trx
      .updateTable('publications')
      .set({ state: 'scheduled', due_at: now, claimed_by: null, lease_until: null, error_code: null, error_message: null, needs_reconcile: true, updated_at: now })
      .where('id', '=', publicationId)
      .execute();
    await trx.updateTable('posts').set({ state: 'scheduled', updated_at: now }).where('id', '=', postId).execute();
    await recordEvent(trx, { workspaceId, actorUserId: actorId, type: 'publication.retried', subjectType: 'post', subjectId: postId, data: { publicationId } });
  });
}

/** A post's state as derived from its publications once the engine has touched them. */
export function derivePostState(states: string[]): PostState | null {
  if (states.length === 0) return null;
  if (states.some((s) => s === 'publishing')) return 'publishing';
  if (states.some((s) => s === 'scheduled')) return states.some((s) => s === 'published' || s === 'failed') ? 'publishing' : 'scheduled';
  if (states.every((s) => s === 'published')) return 'published';
  if (states.every((s) => s === 'canceled')) return 'canceled';
  if (states.some((s) => s === 'failed')) return 'failed';
  if (states.some((s) => s === 'published')) return 'published';
  return null;
}
