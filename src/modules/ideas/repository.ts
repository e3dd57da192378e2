/**
 * Named queries of the ideas module: idea cards and their comments, saved snippets and hashtag
 * sets, and what hashtag suggestions read (own posts' measured engagement, listening mentions).
 * The only code of the module that touches the database; commands pass their transaction.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { IdeasTable, SnippetKind, SnippetsTable } from './tables.ts';

export type IdeaRow = Selectable<IdeasTable>;
export type SnippetRow = Selectable<SnippetsTable>;

/** What an idea may change (undefined leaves a field as it is; null clears a reference). */
export interface IdeaFields {
  title?: string;
  notes?: string;
  pillarId?: string | null;
  campaignId?: string | null;
  objectiveId?: string | null;
  channelIds?: string[];
  position?: number;
}

export const ideasRepository = {
  /** Every card of the board (or only `ideaId`) with its linked post's state and time, author and comment count. */
  board(db: Db, workspaceId: string, ideaId?: string) {
    let query = db
      .selectFrom('ideas as i')
      .leftJoin('posts as p', 'p.id', 'i.post_id')
      .leftJoin('users as u', 'u.id', 'i.author_id')
      .select((eb) => [
        'i.id',
        'i.title',
        'i.notes',
        'i.pillar_id',
        'i.campaign_id',
        'i.objective_id',
        'i.channel_ids',
        'i.post_id',
        'i.position',
        'i.created_at',
        'i.updated_at',
        'u.name as author_name',
        'p.state as post_state',
        'p.scheduled_at as post_scheduled_at',
        eb.selectFrom('idea_comments as c').select(eb.fn.countAll<string>().as('n')).whereRef('c.idea_id', '=', 'i.id').as('comments'),
      ])
      .where('i.workspace_id', '=', workspaceId);
    if (ideaId) query = query.where('i.id', '=', ideaId);
    return query.orderBy('i.position').orderBy('i.created_at').orderBy('i.id').limit(2000).execute();
  },

  find(db: Db, workspaceId: string, ideaId: string) {
    return db.selectFrom('ideas').selectAll().where('id', '=', ideaId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** One idea, locked for the rest of the transaction (two people turning it into a post at once get one post). */
  lock(db: Db, workspaceId: string, ideaId: string) {
    return db
      .selectFrom('ideas')
      .selectAll()
      .where('id', '=', ideaId)
      .where('workspace_id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirst();
  },

  /** The position after the last card (new cards go to the end). */
  async nextPosition(db: Db, workspaceId: string): Promise<number> {
    const row = await db
      .selectFrom('ideas')
      .select((eb) => eb.fn.max<number | null>('position').as('max'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return (row?.max === null || row?.max === undefined ? 0 : Number(row.max)) + 1;
  },

  insert(db: Db, values: { workspaceId: string; authorId: string; fields: IdeaFields & { title: string }; position: number; now: Date }) {
    const f = values.fields;
    return db
      .insertInto('ideas')
      .values({
        workspace_id: values.workspaceId,
        author_id: values.authorId,
        title: f.title,
        notes: f.notes ?? '',
        pillar_id: f.pillarId ?? null,
        campaign_id: f.campaignId ?? null,
        objective_id: f.objectiveId ?? null,
        channel_ids: JSON.stringify(f.channelIds ?? []),
        position: values.position,
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  update(db: Db, ideaId: string, f: IdeaFields, now: Date) {
    return db
      .updateTable('ideas')
      .set({
        ...(f.title !== undefined ? { title: f.title } : {}),
        ...(f.notes !== undefined ? { notes: f.notes } : {}),
        ...(f.pillarId !== undefined ? { pillar_id: f.pillarId } : {}),
        ...(f.campaignId !== undefined ? { campaign_id: f.campaignId } : {}),
        ...(f.objectiveId !== undefined ? { objective_id: f.objectiveId } : {}),
        ...(f.channelIds !== undefined ? { channel_ids: JSON.stringify(f.channelIds) } : {}),
        ...(f.position !== undefined ? { position: f.position } : {}),
        updated_at: now,
      })
      .where('id', '=', ideaId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** The state of a post (an idea's linked post). */
  async postState(db: Db, postId: string) {
    return (await db.selectFrom('posts').select('state').where('id', '=', postId).executeTakeFirst())?.state;
  },

  async linkPost(db: Db, ideaId: string, postId: string, now: Date): Promise<void> {
    await db.updateTable('ideas').set({ post_id: postId, updated_at: now }).where('id', '=', ideaId).execute();
  },

  async delete(db: Db, ideaId: string): Promise<void> {
    await db.deleteFrom('ideas').where('id', '=', ideaId).execute();
  },

  /** An idea's comments with their authors' names, oldest first. */
  comments(db: Db, ideaId: string) {
    return db
      .selectFrom('idea_comments as c')
      .leftJoin('users as u', 'u.id', 'c.author_id')
      .select(['c.id', 'c.body', 'c.created_at', 'c.author_id', 'u.name as author_name'])
      .where('c.idea_id', '=', ideaId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(1000)
      .execute();
  },

  insertComment(db: Db, values: { ideaId: string; authorId: string; body: string; now: Date }) {
    return db
      .insertInto('idea_comments')
      .values({ idea_id: values.ideaId, author_id: values.authorId, body: values.body, created_at: values.now })
      .returningAll()
      .executeTakeFirstOrThrow();
  },
};

export const snippetsRepository = {
  list(db: Db, workspaceId: string, kind?: SnippetKind) {
    let query = db.selectFrom('snippets').selectAll().where('workspace_id', '=', workspaceId);
    if (kind) query = query.where('kind', '=', kind);
    return query.orderBy('kind').orderBy('name').orderBy('id').limit(1000).execute();
  },

  find(db: Db, workspaceId: string, snippetId: string) {
    return db.selectFrom('snippets').selectAll().where('id', '=', snippetId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** The snippet of that kind and name, if one exists (names are unique per kind). */
  findByName(db: Db, workspaceId: string, kind: SnippetKind, name: string) {
    return db
      .selectFrom('snippets')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', kind)
      .where('name', '=', name)
      .executeTakeFirst();
  },

  insert(db: Db, values: { workspaceId: string; kind: SnippetKind; name: string; body: string; createdBy: string; now: Date }) {
    return db
      .insertInto('snippets')
      .values({
        workspace_id: values.workspaceId,
        kind: values.kind,
        name: values.name,
        body: values.body,
        created_by: values.createdBy,
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  update(db: Db, snippetId: string, values: { name?: string; body?: string; now: Date }) {
    return db
      .updateTable('snippets')
      .set({
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values.body !== undefined ? { body: values.body } : {}),
        updated_at: values.now,
      })
      .where('id', '=', snippetId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async delete(db: Db, snippetId: string): Promise<void> {
    await db.deleteFrom('snippets').where('id', '=', snippetId).execute();
  },
};

export const suggestionsRepository = {
  /**
   * The workspace's own published publications since `since` with their text and first-24-hour
   * engagement and followers (analytics' publication_metrics), newest first, at most 20,000.
   */
  measuredPublications(db: Db, workspaceId: string, since: Date) {
    return db
      .selectFrom('publication_metrics as m')
      .innerJoin('publications as p', 'p.id', 'm.publication_id')
      .select(['m.post_id', 'p.text', 'm.engagements_24h', 'm.followers_at_post', 'm.published_at'])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.published_at', '>=', since)
      .where('m.engagements_24h', 'is not', null)
      .where('m.followers_at_post', '>', 0)
      .orderBy('m.published_at', 'desc')
      .limit(20_000)
      .execute();
  },

  /** Mentions in [from, to) with a "#" in their text that matched at least one of the workspace's listening queries (newest first, at most 30,000). */
  matchedMentions(db: Db, workspaceId: string, range: { from: Date; to: Date }) {
    return db
      .selectFrom('listening_mentions as m')
      .select(['m.id', 'm.text', 'm.published_at'])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.published_at', '>=', range.from)
      .where('m.published_at', '<', range.to)
      .where('m.text', 'like', '%#%')
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('listening_mention_matches as x').select(sql.lit(1).as('one')).whereRef('x.mention_id', '=', 'm.id')),
      )
      .orderBy('m.published_at', 'desc')
      .limit(30_000)
      .execute();
  },
};
