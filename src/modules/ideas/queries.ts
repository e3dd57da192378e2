/** The ideas module's reads, shaped for the API (routes call these). */
import type { Db } from '../../db/database.ts';
import type { PostState } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import { BOARD_COLUMNS, columnOf } from './board.ts';
import { suggestFromOwnPosts, suggestFromTrends } from './hashtags.ts';
import { ideasRepository as ideas, type SnippetRow, snippetsRepository as snippets, suggestionsRepository } from './repository.ts';
import type { SnippetKind } from './tables.ts';

type BoardRow = Awaited<ReturnType<typeof ideas.board>>[number];

function presentCard(row: BoardRow) {
  const postState = (row.post_state ?? null) as PostState | null;
  return {
    id: row.id,
    title: row.title,
    notes: row.notes,
    column: columnOf(postState),
    pillarId: row.pillar_id,
    campaignId: row.campaign_id,
    objectiveId: row.objective_id,
    channelIds: row.channel_ids,
    postId: row.post_id,
    postState,
    postScheduledAt: row.post_scheduled_at ?? null,
    position: Number(row.position),
    authorName: row.author_name ?? null,
    comments: Number(row.comments ?? 0),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The board: its columns in order and every card with the column it stands in. */
export async function ideasBoard(db: Db, workspaceId: string) {
  return { columns: [...BOARD_COLUMNS], items: (await ideas.board(db, workspaceId)).map(presentCard) };
}

/** One card with its comments, oldest first. */
export async function ideaDetail(db: Db, workspaceId: string, ideaId: string) {
  const [row] = await ideas.board(db, workspaceId, ideaId);
  if (!row) throw notFound('Idea');
  const comments = await ideas.comments(db, ideaId);
  return {
    ...presentCard(row),
    commentList: comments.map((c) => ({
      id: c.id,
      body: c.body,
      authorId: c.author_id,
      authorName: c.author_name ?? null,
      createdAt: c.created_at,
    })),
  };
}

/** A snippet as the API shows it; a hashtag set also as its list of tags. */
export function presentSnippet(row: SnippetRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    body: row.body,
    hashtags: row.kind === 'hashtags' ? row.body.split(' ').filter(Boolean) : [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listSnippets(db: Db, workspaceId: string, kind?: SnippetKind) {
  return (await snippets.list(db, workspaceId, kind)).map(presentSnippet);
}

/**
 * Hashtag suggestions from the brand's own data, each with its evidence: hashtags of its own
 * publications of the last `days` days ranked by their engagement rate by followers in the first
 * 24 h, and hashtags growing in the mentions its listening queries matched over the last day
 * against the week before.
 */
export async function hashtagSuggestions(db: Db, workspaceId: string, options: { now: number; days: number }) {
  const [measured, mentions] = await Promise.all([
    suggestionsRepository.measuredPublications(db, workspaceId, new Date(options.now - options.days * 86_400_000)),
    suggestionsRepository.matchedMentions(db, workspaceId, { from: new Date(options.now - 8 * 86_400_000), to: new Date(options.now) }),
  ]);
  const ownPosts = suggestFromOwnPosts(
    measured.map((m) => ({ text: m.text, engagements24h: Number(m.engagements_24h), followersAtPost: Number(m.followers_at_post) })),
  );
  const trends = suggestFromTrends(
    mentions.map((m) => ({ text: m.text, at: new Date(m.published_at).getTime() })),
    options.now,
  );
  return { days: options.days, ownPosts, trends };
}
