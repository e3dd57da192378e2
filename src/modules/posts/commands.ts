/**
 * The posts module's writes: each command owns its transaction and records its events,
 * so a failure leaves nothing half-written.
 */
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import type { PostState } from '../../db/schema.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { recordEvent, recordEvents } from '../events/events.ts';
import { assertReferencesInWorkspace } from '../workspaces/references.ts';
import { postsRepository as posts, type PostRow } from './repository.ts';
import { recurringRepository } from '../recurring/repository.ts';
import type { POST_ACTIONS, PostBody, Transition } from './schemas.ts';
import { assertNotEmpty, assertValid, type resolveVariants, validateVariants } from './validation.ts';
import { listEventsFor } from '../events/events.ts';
import { parseEventData } from '../events/redact.ts';

/** How far behind now a time may be and still count as "now" (clock skew, a slow form). */
const PAST_GRACE_MS = 60_000;

/** How long after a cancel the post can be restored (the web app offers "Undo" for a few seconds). */
export const RESTORE_WINDOW_MS = 10 * 60_000;

/** True when `at` is already behind us (beyond the grace). */
function hasPassed(at: Date | null, now: number): at is Date {
  return at !== null && at.getTime() < now - PAST_GRACE_MS;
}

/** 409 `scheduled_time_passed`: the caller must pick a new time or say "publish now" explicitly. */
function timePassed(scheduledAt: Date): AppError {
  return new AppError(
    409,
    'scheduled_time_passed',
    'The post’s time has already passed: give a new scheduledAt, or say publishNow: true to publish it at once',
    { scheduledAt: scheduledAt.toISOString() },
  );
}

/** What a saved post should tell its author (a date already behind us is saved, but said). */
export function postWarnings(state: PostState, scheduledAt: Date | null, now: number) {
  if (!hasPassed(scheduledAt, now) || ['published', 'publishing', 'canceled'].includes(state)) return [];
  return [{ code: 'scheduled_time_passed' as const, message: 'That time has already passed' }];
}

/** One publication per channel variant, with its channel's network. */
async function insertPublications(
  trx: Db,
  postId: string,
  workspaceId: string,
  variants: ReturnType<typeof resolveVariants>,
  channels: Array<{ id: string; network: string }>,
  state: PostState,
  scheduledAt: Date | null,
): Promise<void> {
  const rows = variants.map((variant) => ({ ...variant, network: channels.find((c) => c.id === variant.channelId)!.network }));
  await posts.insertPublications(trx, postId, workspaceId, rows, state === 'scheduled', scheduledAt);
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

/**
 * Creates many posts (CSV import) in one transaction: all rows are stored, or none, with
 * an error per failing row (422 `import_failed`). Returns the new posts' ids in order.
 */
export async function importPosts(ctx: AppContext, workspaceId: string, authorId: string, bodies: PostBody[]): Promise<string[]> {
  const rowErrors: Array<{ row: number; code: string; message: string; details: unknown }> = [];
  return ctx.database.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const [index, body] of bodies.entries()) {
      try {
        const { post } = await createPostIn(ctx, trx, workspaceId, authorId, body);
        ids.push(post.id);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        rowErrors.push({ row: index + 1, code: error.code, message: error.message, details: error.details ?? null });
      }
    }
    // Any failing row rolls the whole import back: nothing is half-imported.
    if (rowErrors.length)
      throw new AppError(422, 'import_failed', `${rowErrors.length} of ${bodies.length} rows are invalid; nothing was imported`, rowErrors);
    return ids;
  });
}

/**
 * createPost inside a caller's transaction: bulk imports commit all rows or none; recurring occurrences and
 * evergreen re-shares; an idea becomes its post with its link; a feed item and its post are stored together.
 */
export async function createPostIn(ctx: AppContext, trx: Db, workspaceId: string, authorId: string, body: PostBody) {
  const workspace = await posts.workspace(trx, workspaceId);
  const now = ctx.clock.now();
  let scheduledAt = body.scheduledAt ?? null;
  if (body.action === 'publish_now') scheduledAt = new Date(now);
  if (body.action === 'schedule' && !scheduledAt) throw badRequest('scheduled_at_required', 'scheduledAt is required to schedule');
  if (body.action === 'schedule' && hasPassed(scheduledAt, now)) throw timePassed(scheduledAt);
  assertNotEmpty(body);
  await assertReferencesInWorkspace(trx, workspaceId, {
    campaignId: body.campaignId,
    objectiveId: body.objectiveId,
    segmentId: body.segmentId,
    pillarId: body.pillarId,
  });
  const { variants, channels, results } = await validateVariants(ctx, trx, workspaceId, body);
  if (body.action !== 'draft') assertValid(results);
  const state = targetState(body.action, workspace.approval_required, null);
  const post = await posts.insertPost(trx, {
    workspaceId,
    authorId,
    content: body.content,
    state,
    scheduledAt,
    campaignId: body.campaignId ?? null,
    objectiveId: body.objectiveId ?? null,
    segmentId: body.segmentId ?? null,
    pillarId: body.pillarId ?? null,
  });
  await insertPublications(trx, post.id, workspaceId, variants, channels, state, scheduledAt);
  // Both events in one statement, in order.
  await recordEvents(trx, [
    {
      workspaceId,
      actorUserId: authorId,
      type: 'post.created',
      subjectType: 'post',
      subjectId: post.id,
      data: { state, channels: variants.length },
    },
    ...(state === 'scheduled'
      ? [
          {
            workspaceId,
            actorUserId: authorId,
            type: 'post.scheduled' as const,
            subjectType: 'post',
            subjectId: post.id,
            data: { scheduledAt },
          },
        ]
      : []),
  ]);
  return { post, validation: results, warnings: postWarnings(state, scheduledAt, now) };
}

const EDITABLE: PostState[] = ['draft', 'in_review', 'approved', 'scheduled', 'failed'];

/**
 * Replaces a post's content and channels. Allowed until it starts publishing. When
 * approval is required, a content change sends an approved post back to review.
 */
export async function updatePost(ctx: AppContext, workspaceId: string, postId: string, actorId: string, body: Omit<PostBody, 'action'>) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const post = await lockPost(trx, workspaceId, postId);
    if (!EDITABLE.includes(post.state)) throw conflict('post_not_editable', `A ${post.state} post cannot be edited`, { state: post.state });
    const inflight = await posts.findInflightPublication(trx, postId);
    if (inflight) throw conflict('post_partly_published', 'Some channels already published this post; it can no longer be edited');
    const workspace = await posts.workspace(trx, workspaceId);
    await assertReferencesInWorkspace(trx, workspaceId, {
      campaignId: body.campaignId,
      objectiveId: body.objectiveId,
      segmentId: body.segmentId,
      pillarId: body.pillarId,
    });
    assertNotEmpty(body);
    const { variants, channels, results } = await validateVariants(ctx, trx, workspaceId, body);
    let state: PostState = post.state;
    if (workspace.approval_required && (state === 'approved' || state === 'scheduled')) state = 'in_review';
    if (state === 'failed') state = 'draft';
    if (state !== 'draft') assertValid(results);
    const scheduledAt = body.scheduledAt === undefined ? post.scheduled_at : body.scheduledAt;
    if (state === 'scheduled' && !scheduledAt) throw badRequest('scheduled_at_required', 'A scheduled post needs scheduledAt');
    // A scheduled post moved to a time already behind us would go out at once: refuse, say why.
    if (state === 'scheduled' && hasPassed(scheduledAt, ctx.clock.now()) && scheduledAt.getTime() !== post.scheduled_at?.getTime())
      throw timePassed(scheduledAt);
    await posts.deletePublications(trx, postId);
    await insertPublications(trx, postId, workspaceId, variants, channels, state, scheduledAt);
    // An occurrence of a recurring post edited on its own: "all future" edits of its rule leave it alone.
    if (post.recurring_rule_id) await recurringRepository.detach(trx, postId);
    const updated = await posts.updatePost(trx, postId, {
      content: body.content,
      state,
      scheduledAt,
      campaignId: body.campaignId === undefined ? post.campaign_id : body.campaignId,
      objectiveId: body.objectiveId === undefined ? post.objective_id : body.objectiveId,
      segmentId: body.segmentId === undefined ? post.segment_id : body.segmentId,
      pillarId: body.pillarId === undefined ? post.pillar_id : body.pillarId,
      updatedAt: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'post.updated',
      subjectType: 'post',
      subjectId: postId,
      data: { from: post.state, to: state },
    });
    return { post: updated, validation: results, warnings: postWarnings(state, scheduledAt, ctx.clock.now()) };
  });
}

async function lockPost(trx: Db, workspaceId: string, postId: string): Promise<PostRow> {
  const post = await posts.lockPost(trx, workspaceId, postId);
  if (!post) throw notFound('Post');
  return post;
}

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
  input: { comment?: string; scheduledAt?: Date | null; publishNow?: boolean } = {},
) {
  return ctx.database.db.transaction().execute((trx) => transitionPostIn(ctx, trx, { workspaceId, postId, actorId }, transition, input));
}

/**
 * transitionPost inside a caller's transaction (the queues module schedules a post in a slot
 * under its queue's lock). A transition made here by hand takes the post out of its queue:
 * the caller puts it back when the queue itself chose the time.
 */
export async function transitionPostIn(
  ctx: AppContext,
  trx: Db,
  who: { workspaceId: string; postId: string; actorId: string },
  transition: Transition,
  input: { comment?: string; scheduledAt?: Date | null; publishNow?: boolean } = {},
) {
  const { workspaceId, postId, actorId } = who;
  const now = ctx.clock.now();
  const post = await lockPost(trx, workspaceId, postId);
  const workspace = await posts.workspace(trx, workspaceId);
  const from = post.state;
  let to: PostState;
  let scheduledAt = input.scheduledAt !== undefined ? input.scheduledAt : post.scheduled_at;
  const requireFrom = (...states: PostState[]) => {
    if (!states.includes(from))
      throw conflict('transition_not_allowed', `Cannot ${transition} a ${from} post`, { transition, from, allowed: states });
  };
  switch (transition) {
    case 'submit':
      requireFrom('draft', 'failed');
      to = workspace.approval_required ? 'in_review' : 'approved';
      break;
    case 'approve':
      // Approving is the go-ahead: a dated post is scheduled at its time, an undated one waits for a date
      // ('approved'), and one whose time has passed goes out only on an explicit publishNow.
      requireFrom('in_review');
      if (input.publishNow) {
        scheduledAt = new Date(now);
        to = 'scheduled';
      } else if (hasPassed(scheduledAt, now)) throw timePassed(scheduledAt);
      else to = scheduledAt ? 'scheduled' : 'approved';
      break;
    case 'reject':
      requireFrom('in_review', 'approved');
      if (!input.comment) throw badRequest('reject_comment_required', 'Say why in a comment when rejecting');
      to = 'draft';
      break;
    case 'schedule':
      requireFrom(
        ...(workspace.approval_required
          ? (['approved', 'scheduled'] as PostState[])
          : (['draft', 'approved', 'scheduled', 'failed'] as PostState[])),
      );
      if (!scheduledAt) throw badRequest('scheduled_at_required', 'scheduledAt is required to schedule');
      if (hasPassed(scheduledAt, now)) throw timePassed(scheduledAt);
      to = 'scheduled';
      break;
    case 'publish_now':
      requireFrom(
        ...(workspace.approval_required
          ? (['approved', 'scheduled'] as PostState[])
          : (['draft', 'approved', 'scheduled', 'failed'] as PostState[])),
      );
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
    case 'restore':
      requireFrom('canceled');
      to = await stateBeforeCancel(trx, workspaceId, postId, now);
      // A restored post whose time passed meanwhile is not sent at once: it waits for a new time.
      if (to === 'scheduled' && hasPassed(scheduledAt, now)) to = workspace.approval_required ? 'approved' : 'draft';
      break;
  }
  if (transition === 'restore') {
    // Only the publications the cancel stopped come back; sent ones were never touched (exactly once).
    if (to === 'scheduled') {
      const { results } = await validateVariants(ctx, trx, workspaceId, await bodyFromPublications(trx, post));
      assertValid(results);
      await posts.schedulePublications(trx, postId, ['canceled'], scheduledAt, new Date(now));
    } else await posts.parkPublications(trx, postId, ['canceled'], 'pending', new Date(now));
  } else if (to === 'scheduled') {
    const body = await bodyFromPublications(trx, post);
    const { results } = await validateVariants(ctx, trx, workspaceId, body);
    assertValid(results);
    await posts.schedulePublications(trx, postId, ['pending', 'scheduled', 'failed'], scheduledAt, new Date(now));
  } else {
    // Leaving 'scheduled' takes publications off the engine's queue; in-flight ones finish on their own.
    await posts.parkPublications(
      trx,
      postId,
      ['pending', 'scheduled', ...(to === 'canceled' ? (['failed'] as const) : [])],
      to === 'canceled' ? 'canceled' : 'pending',
      new Date(now),
    );
  }
  const updated = await posts.setPostState(trx, postId, { state: to, scheduledAt, updatedAt: new Date(now) });
  if (input.comment || transition === 'approve' || transition === 'reject' || transition === 'submit') {
    const kind = transition === 'approve' || transition === 'reject' || transition === 'submit' ? transition : 'comment';
    await posts.insertComment(trx, { postId, workspaceId, authorId: actorId, body: input.comment ?? '', kind });
  }
  await recordEvent(trx, {
    workspaceId,
    actorUserId: actorId,
    type: `post.${transition}`,
    subjectType: 'post',
    subjectId: postId,
    data: { from, to, scheduledAt, comment: input.comment ?? null },
  });
  if (post.queue_id && LEAVES_QUEUE.includes(transition)) await posts.setPostQueue(trx, postId, null);
  // An occurrence moved to another time by hand is this occurrence's own now.
  if (post.recurring_rule_id && transition === 'schedule' && scheduledAt?.getTime() !== post.scheduled_at?.getTime())
    await recurringRepository.detach(trx, postId);
  return updated;
}

/** Transitions that set or clear a post's time by hand, so it no longer follows its queue's slots. */
const LEAVES_QUEUE: Transition[] = ['schedule', 'unschedule', 'publish_now', 'cancel'];

/**
 * The state a canceled post was in before its cancel (from the cancel's event), or 409
 * `restore_window_passed` when that cancel is older than {@link RESTORE_WINDOW_MS}.
 */
async function stateBeforeCancel(trx: Db, workspaceId: string, postId: string, now: number): Promise<PostState> {
  const events = await listEventsFor(trx, workspaceId, 'post', postId);
  const cancel = events.find((e) => e.type === 'post.cancel'); // newest first
  const from = cancel ? (parseEventData(cancel.data).from as PostState | undefined) : undefined;
  if (!cancel || !from || now - new Date(cancel.created_at).getTime() > RESTORE_WINDOW_MS)
    throw new AppError(409, 'restore_window_passed', 'This post was canceled too long ago to be restored; duplicate it instead');
  return from;
}

/** Rebuilds a post body from its stored publications (for re-validation). */
async function bodyFromPublications(trx: Db, post: PostRow) {
  const publications = await posts.publicationsForValidation(trx, post.id);
  return {
    content: post.content,
    media: [],
    thread: [],
    channels: publications.map((p) => ({ channelId: p.channel_id, text: p.text, media: p.media, thread: p.thread, options: p.options })),
  };
}

/** Puts a failed publication back on the queue, now. */
export async function retryPublication(ctx: AppContext, workspaceId: string, postId: string, publicationId: string, actorId: string) {
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    await lockPost(trx, workspaceId, postId);
    const publication = await posts.lockPublication(trx, postId, publicationId);
    if (!publication) throw notFound('Publication');
    if (publication.state !== 'failed')
      throw conflict('publication_not_failed', `Only failed publications can be retried (this one is ${publication.state})`, {
        state: publication.state,
      });
    await assertChannelActive(trx, publication.channel_id);
    await posts.requeuePublication(trx, publicationId, now);
    await posts.markPostScheduled(trx, postId, now);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'publication.retried',
      subjectType: 'post',
      subjectId: postId,
      data: { publicationId },
    });
  });
}

/** A retry needs a working channel: one that needs reconnecting answers 409 channel_not_active. */
async function assertChannelActive(trx: Db, channelId: string): Promise<void> {
  const channel = await posts.channelStatus(trx, channelId);
  if (channel.status !== 'active')
    throw conflict('channel_not_active', `The channel is ${channel.status}: reconnect it first`, { status: channel.status });
}

/**
 * A failed first comment, due again now: the engine's comment loop tries it (looking first for one an
 * earlier try made). Only the comment: its post is published and is never sent again.
 */
export async function retryFirstComment(ctx: AppContext, workspaceId: string, postId: string, publicationId: string, actorId: string) {
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    await lockPost(trx, workspaceId, postId);
    const publication = await posts.lockPublication(trx, postId, publicationId);
    if (!publication) throw notFound('Publication');
    if (publication.state !== 'published' || publication.first_comment_state !== 'failed')
      throw conflict('first_comment_not_failed', 'Only a failed first comment of a published post can be retried', {
        state: publication.first_comment_state ?? 'none',
      });
    await assertChannelActive(trx, publication.channel_id);
    await posts.requeueFirstComment(trx, publicationId, now);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'publication.retried',
      subjectType: 'post',
      subjectId: postId,
      data: { publicationId, firstComment: true },
    });
  });
}

/** Comments on a post (404 when the post is not in the workspace). */
export async function commentOnPost(ctx: AppContext, input: { workspaceId: string; postId: string; authorId: string; body: string }) {
  if (!(await posts.findPost(ctx.database.db, input.workspaceId, input.postId))) throw notFound('Post');
  return ctx.database.db.transaction().execute(async (trx) => {
    const row = await posts.insertComment(trx, {
      postId: input.postId,
      workspaceId: input.workspaceId,
      authorId: input.authorId,
      body: input.body,
      kind: 'comment',
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.authorId,
      type: 'post.commented',
      subjectType: 'post',
      subjectId: input.postId,
      data: { commentId: row.id },
    });
    return row;
  });
}

/** Deletes a post that never published (409 once any channel is sending or sent it). */
export async function deletePost(ctx: AppContext, input: { workspaceId: string; postId: string; actorId: string }): Promise<void> {
  const db = ctx.database.db;
  const post = await posts.findPost(db, input.workspaceId, input.postId);
  if (!post) throw notFound('Post');
  const publications = await posts.publicationsOf(db, post.id);
  if (publications.some((p) => p.state === 'published' || p.state === 'publishing'))
    throw conflict('published_post_undeletable', 'A published post cannot be deleted from Plaza; cancel or delete it on the network');
  await db.transaction().execute(async (trx) => {
    await posts.deletePost(trx, post.id);
    await recordEvent(trx, {
      workspaceId: post.workspace_id,
      actorUserId: input.actorId,
      type: 'post.deleted',
      subjectType: 'post',
      subjectId: post.id,
      data: { content: post.content.slice(0, 200) },
    });
  });
}
