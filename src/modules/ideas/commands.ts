/**
 * The ideas module's writes: idea cards (create, edit, move on the board, turn into a post),
 * their comments, and saved snippets and hashtag sets. Each command owns its transaction and
 * records its events, so a failure leaves nothing half-written.
 */
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { createPostIn, transitionPostIn } from '../posts/commands.ts';
import { postBodySchema } from '../posts/schemas.ts';
import { assertReferencesInWorkspace } from '../workspaces/references.ts';
import { type IdeaFields, type IdeaRow, ideasRepository as ideas, snippetsRepository as snippets } from './repository.ts';
import type { SnippetKind } from './tables.ts';
import { extractHashtags } from './hashtags.ts';
import { columnOf, type BoardColumn } from './board.ts';

async function assertIdeaReferences(trx: Db, workspaceId: string, fields: IdeaFields): Promise<void> {
  await assertReferencesInWorkspace(trx, workspaceId, {
    pillarId: fields.pillarId,
    campaignId: fields.campaignId,
    objectiveId: fields.objectiveId,
  });
  for (const channelId of new Set(fields.channelIds ?? [])) await assertReferencesInWorkspace(trx, workspaceId, { channelId });
}

async function lockIdea(trx: Db, workspaceId: string, ideaId: string): Promise<IdeaRow> {
  const idea = await ideas.lock(trx, workspaceId, ideaId);
  if (!idea) throw notFound('Idea');
  return idea;
}

/** Adds an idea card at the end of the board's "idea" column. */
export async function createIdea(ctx: AppContext, workspaceId: string, actorId: string, fields: IdeaFields & { title: string }) {
  return ctx.database.db.transaction().execute(async (trx) => {
    await assertIdeaReferences(trx, workspaceId, fields);
    const position = fields.position ?? (await ideas.nextPosition(trx, workspaceId));
    const idea = await ideas.insert(trx, {
      workspaceId,
      authorId: actorId,
      fields: { ...fields, channelIds: [...new Set(fields.channelIds ?? [])] },
      position,
      now: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'idea.created',
      subjectType: 'idea',
      subjectId: idea.id,
      data: { title: idea.title },
    });
    return idea;
  });
}

/** Edits an idea's text, links (pillar, campaign, objective), channels or place on the board. */
export async function updateIdea(ctx: AppContext, workspaceId: string, ideaId: string, actorId: string, fields: IdeaFields) {
  return ctx.database.db.transaction().execute(async (trx) => {
    await lockIdea(trx, workspaceId, ideaId);
    await assertIdeaReferences(trx, workspaceId, fields);
    const idea = await ideas.update(
      trx,
      ideaId,
      { ...fields, channelIds: fields.channelIds && [...new Set(fields.channelIds)] },
      new Date(ctx.clock.now()),
    );
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'idea.updated',
      subjectType: 'idea',
      subjectId: ideaId,
      data: { title: idea.title, fields: Object.keys(fields).filter((k) => fields[k as keyof IdeaFields] !== undefined) },
    });
    return idea;
  });
}

/** Deletes an idea card and its comments; a post made from it stays. */
export async function deleteIdea(ctx: AppContext, workspaceId: string, ideaId: string, actorId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const idea = await lockIdea(trx, workspaceId, ideaId);
    await ideas.delete(trx, ideaId);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'idea.deleted',
      subjectType: 'idea',
      subjectId: ideaId,
      data: { title: idea.title, postId: idea.post_id },
    });
  });
}

/** The text a post made from an idea starts with: its title, then its notes. */
export function ideaText(idea: Pick<IdeaRow, 'title' | 'notes'>): string {
  return [idea.title.trim(), idea.notes.trim()].filter(Boolean).join('\n\n');
}

/**
 * Turns an idea into a draft post in one step (inside `trx`): the post gets the idea's text (or
 * `content`), its pillar, campaign and objective, and one variant per channel (`channelIds`, else
 * the idea's own). 409 `idea_already_posted` when it already has its post; 422 `idea_needs_channels`
 * when no channel is given.
 */
async function ideaToPostIn(
  ctx: AppContext,
  trx: Db,
  workspaceId: string,
  ideaId: string,
  actorId: string,
  input: { channelIds?: string[]; content?: string },
) {
  const idea = await lockIdea(trx, workspaceId, ideaId);
  if (idea.post_id) throw conflict('idea_already_posted', 'This idea is already a post', { postId: idea.post_id });
  const channelIds = [...new Set(input.channelIds?.length ? input.channelIds : idea.channel_ids)];
  if (!channelIds.length)
    throw new AppError(422, 'idea_needs_channels', 'Choose at least one channel for the post this idea becomes', {
      fields: ['channelIds'],
    });
  const body = postBodySchema.parse({
    content: input.content ?? ideaText(idea),
    channels: channelIds.map((channelId) => ({ channelId })),
    pillarId: idea.pillar_id,
    campaignId: idea.campaign_id,
    objectiveId: idea.objective_id,
    action: 'draft',
  });
  const { post, validation } = await createPostIn(ctx, trx, workspaceId, actorId, body);
  await ideas.linkPost(trx, ideaId, post.id, new Date(ctx.clock.now()));
  await recordEvent(trx, {
    workspaceId,
    actorUserId: actorId,
    type: 'idea.converted',
    subjectType: 'idea',
    subjectId: ideaId,
    data: { title: idea.title, postId: post.id },
  });
  return { ideaId, postId: post.id, validation };
}

/** Turns an idea into a draft post, in one transaction (see ideaToPostIn). */
export async function ideaToPost(
  ctx: AppContext,
  workspaceId: string,
  ideaId: string,
  actorId: string,
  input: { channelIds?: string[]; content?: string },
) {
  return ctx.database.db.transaction().execute((trx) => ideaToPostIn(ctx, trx, workspaceId, ideaId, actorId, input));
}

/**
 * Moves a card on the board. Only the first columns are moved by hand: idea → draft turns the idea
 * into its draft post, draft → in review submits that post for review; a move within a column only
 * changes the card's place. The later columns follow the post's own workflow (approve, schedule,
 * publish), so any other move is 409 `idea_move_not_allowed`.
 */
export async function moveIdea(
  ctx: AppContext,
  workspaceId: string,
  ideaId: string,
  actorId: string,
  input: { column: BoardColumn; position?: number; channelIds?: string[] },
) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const idea = await lockIdea(trx, workspaceId, ideaId);
    const from = columnOf(await postStateOf(trx, idea));
    if (input.position !== undefined) await ideas.update(trx, ideaId, { position: input.position }, new Date(ctx.clock.now()));
    if (from === input.column) return { from, to: from, postId: idea.post_id };
    if (from === 'idea' && input.column === 'draft') {
      const { postId } = await ideaToPostIn(ctx, trx, workspaceId, ideaId, actorId, { channelIds: input.channelIds });
      return { from, to: input.column, postId };
    }
    if (from === 'draft' && input.column === 'in_review' && idea.post_id) {
      await transitionPostIn(ctx, trx, { workspaceId, postId: idea.post_id, actorId }, 'submit');
      return { from, to: columnOf(await postStateOf(trx, idea)), postId: idea.post_id };
    }
    throw conflict('idea_move_not_allowed', `A card cannot be moved from ${from} to ${input.column} by hand`, { from, to: input.column });
  });
}

async function postStateOf(trx: Db, idea: IdeaRow) {
  if (!idea.post_id) return null;
  return (await ideas.postState(trx, idea.post_id)) ?? null;
}

/** Comments on an idea card. */
export async function commentOnIdea(ctx: AppContext, input: { workspaceId: string; ideaId: string; authorId: string; body: string }) {
  return ctx.database.db.transaction().execute(async (trx) => {
    if (!(await ideas.find(trx, input.workspaceId, input.ideaId))) throw notFound('Idea');
    const row = await ideas.insertComment(trx, {
      ideaId: input.ideaId,
      authorId: input.authorId,
      body: input.body,
      now: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.authorId,
      type: 'idea.commented',
      subjectType: 'idea',
      subjectId: input.ideaId,
      data: { commentId: row.id },
    });
    return row;
  });
}

/**
 * A hashtag set as stored: each tag once, with its "#", separated by spaces. 400
 * `snippet_invalid_hashtag` names the words that are not hashtags.
 */
export function normalizeHashtagSet(text: string): string {
  const words = text.split(/[\s,;]+/u).filter(Boolean);
  const invalid: string[] = [];
  const tags = new Map<string, string>();
  for (const word of words) {
    const withMark = word.startsWith('#') ? word : `#${word}`;
    const [tag] = extractHashtags(withMark);
    if (!tag || tag.written !== withMark) invalid.push(word);
    else if (!tags.has(tag.key)) tags.set(tag.key, tag.written);
  }
  if (invalid.length || !tags.size)
    throw new AppError(
      400,
      'snippet_invalid_hashtag',
      invalid.length ? `Not hashtags: ${invalid.join(', ')}` : 'A hashtag set needs a hashtag',
      {
        invalid,
      },
    );
  return [...tags.values()].join(' ');
}

const bodyFor = (kind: SnippetKind, body: string) => (kind === 'hashtags' ? normalizeHashtagSet(body) : body);

async function assertNameFree(trx: Db, workspaceId: string, kind: SnippetKind, name: string, except?: string): Promise<void> {
  const existing = await snippets.findByName(trx, workspaceId, kind, name);
  if (existing && existing.id !== except)
    throw conflict('snippet_name_taken', `A ${kind === 'text' ? 'snippet' : 'hashtag set'} named “${name}” already exists`, { name, kind });
}

/** Saves a text snippet or a hashtag set (names are unique per kind in a workspace). */
export async function createSnippet(
  ctx: AppContext,
  workspaceId: string,
  actorId: string,
  input: { kind: SnippetKind; name: string; body: string },
) {
  const body = bodyFor(input.kind, input.body);
  return ctx.database.db.transaction().execute(async (trx) => {
    await assertNameFree(trx, workspaceId, input.kind, input.name);
    const row = await snippets.insert(trx, {
      workspaceId,
      kind: input.kind,
      name: input.name,
      body,
      createdBy: actorId,
      now: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'snippet.created',
      subjectType: 'snippet',
      subjectId: row.id,
      data: { kind: row.kind, name: row.name },
    });
    return row;
  });
}

/** Renames a snippet or changes its text (a hashtag set's tags are checked again). */
export async function updateSnippet(
  ctx: AppContext,
  workspaceId: string,
  snippetId: string,
  actorId: string,
  input: { name?: string; body?: string },
) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await snippets.find(trx, workspaceId, snippetId);
    if (!before) throw notFound('Snippet');
    if (input.name !== undefined) await assertNameFree(trx, workspaceId, before.kind, input.name, snippetId);
    const row = await snippets.update(trx, snippetId, {
      name: input.name,
      body: input.body === undefined ? undefined : bodyFor(before.kind, input.body),
      now: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'snippet.updated',
      subjectType: 'snippet',
      subjectId: row.id,
      data: { kind: row.kind, name: row.name },
    });
    return row;
  });
}

export async function deleteSnippet(ctx: AppContext, workspaceId: string, snippetId: string, actorId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const before = await snippets.find(trx, workspaceId, snippetId);
    if (!before) throw notFound('Snippet');
    await snippets.delete(trx, snippetId);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'snippet.deleted',
      subjectType: 'snippet',
      subjectId: snippetId,
      data: { kind: before.kind, name: before.name },
    });
  });
}
