/**
 * Named queries of the client-links module: links, the posts of a link's period with what each
 * channel gets, the client's decisions, and the media those posts use. The only SQL of the module.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { MediaItem, PostState } from '../../db/schema.ts';
import './tables.ts';

/** A link row with its days as text (YYYY-MM-DD) whatever the driver does with dates. */
export interface ClientLinkRow {
  id: string;
  workspace_id: string;
  client_name: string;
  language: string;
  first_day: string;
  last_day: string;
  expires_at: Date;
  revoked_at: Date | null;
  created_by: string | null;
  created_at: Date;
}

/** The states a client sees: what is planned or already out (not drafts, not cancelled). */
export const CLIENT_VISIBLE_STATES: PostState[] = ['in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed'];

const linkColumns = [
  'client_links.id',
  'client_links.workspace_id',
  'client_links.client_name',
  'client_links.language',
  sql<string>`to_char(client_links.first_day, 'YYYY-MM-DD')`.as('first_day'),
  sql<string>`to_char(client_links.last_day, 'YYYY-MM-DD')`.as('last_day'),
  'client_links.expires_at',
  'client_links.revoked_at',
  'client_links.created_by',
  'client_links.created_at',
] as const;

export const clientLinksRepository = {
  insert(
    db: Db,
    values: {
      workspaceId: string;
      tokenHash: string;
      clientName: string;
      language: string;
      firstDay: string;
      lastDay: string;
      expiresAt: Date;
      createdBy: string;
    },
  ): Promise<ClientLinkRow> {
    return db
      .insertInto('client_links')
      .values({
        workspace_id: values.workspaceId,
        token_hash: values.tokenHash,
        client_name: values.clientName,
        language: values.language,
        first_day: values.firstDay,
        last_day: values.lastDay,
        expires_at: values.expiresAt,
        created_by: values.createdBy,
      })
      .returning(linkColumns)
      .executeTakeFirstOrThrow();
  },

  /** A workspace's links, newest first, with who made them and how many posts the client decided. */
  list(db: Db, workspaceId: string) {
    return db
      .selectFrom('client_links')
      .leftJoin('users', 'users.id', 'client_links.created_by')
      .select(linkColumns)
      .select('users.name as created_by_name')
      .select((eb) => [
        eb
          .selectFrom('client_link_decisions as d')
          .whereRef('d.link_id', '=', 'client_links.id')
          .where('d.decision', '=', 'approved')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('approved'),
        eb
          .selectFrom('client_link_decisions as d')
          .whereRef('d.link_id', '=', 'client_links.id')
          .where('d.decision', '=', 'rejected')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('rejected'),
      ])
      .where('client_links.workspace_id', '=', workspaceId)
      .orderBy('client_links.created_at', 'desc')
      .orderBy('client_links.id')
      .limit(500)
      .execute();
  },

  find(db: Db, workspaceId: string, linkId: string): Promise<ClientLinkRow | undefined> {
    return db
      .selectFrom('client_links')
      .select(linkColumns)
      .where('client_links.id', '=', linkId)
      .where('client_links.workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  /** Marks a link revoked (once); undefined when it was not there. */
  revoke(db: Db, workspaceId: string, linkId: string, at: Date): Promise<ClientLinkRow | undefined> {
    return db
      .updateTable('client_links')
      .set({ revoked_at: sql`coalesce(revoked_at, ${at})` })
      .where('id', '=', linkId)
      .where('workspace_id', '=', workspaceId)
      .returning(linkColumns)
      .executeTakeFirst();
  },

  /** A link by id with its workspace's time zone (media paths carry the id and are checked by their signature). */
  byId(db: Db, linkId: string) {
    return db
      .selectFrom('client_links')
      .innerJoin('workspaces', 'workspaces.id', 'client_links.workspace_id')
      .select(linkColumns)
      .select(['workspaces.time_zone'])
      .where('client_links.id', '=', linkId)
      .executeTakeFirst();
  },

  /** The link a token opens, with its workspace's name and time zone. */
  byTokenHash(db: Db, tokenHash: string) {
    return db
      .selectFrom('client_links')
      .innerJoin('workspaces', 'workspaces.id', 'client_links.workspace_id')
      .select(linkColumns)
      .select(['workspaces.name as workspace_name', 'workspaces.time_zone'])
      .where('client_links.token_hash', '=', tokenHash)
      .executeTakeFirst();
  },

  /** The client-visible posts of a workspace scheduled within [from, to), in time order (at most 500). */
  postsBetween(db: Db, workspaceId: string, from: Date, to: Date) {
    return db
      .selectFrom('posts')
      .select(['id', 'content', 'state', 'scheduled_at'])
      .where('workspace_id', '=', workspaceId)
      .where('state', 'in', CLIENT_VISIBLE_STATES)
      .where('scheduled_at', '>=', from)
      .where('scheduled_at', '<', to)
      .orderBy('scheduled_at')
      .orderBy('id')
      .limit(500)
      .execute();
  },

  /** One client-visible post of the period, locked (a decision on it waits for a concurrent edit). */
  lockPostBetween(db: Db, workspaceId: string, postId: string, from: Date, to: Date) {
    return db
      .selectFrom('posts')
      .select(['id', 'state', 'scheduled_at'])
      .where('id', '=', postId)
      .where('workspace_id', '=', workspaceId)
      .where('state', 'in', CLIENT_VISIBLE_STATES)
      .where('scheduled_at', '>=', from)
      .where('scheduled_at', '<', to)
      .forUpdate()
      .executeTakeFirst();
  },

  /** What each channel of these posts gets, with the channel's name and public account fields. */
  publicationsOf(db: Db, postIds: string[]) {
    if (!postIds.length) return Promise.resolve([]);
    return db
      .selectFrom('publications')
      .innerJoin('channels', 'channels.id', 'publications.channel_id')
      .select([
        'publications.id',
        'publications.post_id',
        'publications.network',
        'publications.text',
        'publications.media',
        'publications.thread',
        'publications.title',
        'publications.options',
        'channels.name as channel_name',
        'channels.settings as channel_settings',
        'channels.account as channel_account',
      ])
      .where('publications.post_id', 'in', postIds)
      .orderBy('publications.post_id')
      .orderBy('channels.name')
      .orderBy('publications.id')
      .execute() as Promise<
      Array<{
        id: string;
        post_id: string;
        network: string;
        text: string;
        media: MediaItem[];
        thread: Array<{ text: string; media: MediaItem[] }>;
        title: string | null;
        options: Record<string, unknown>;
        channel_name: string;
        channel_settings: Record<string, unknown>;
        channel_account: Record<string, unknown> | null;
      }>
    >;
  },

  decisionsOf(db: Db, linkId: string) {
    return db
      .selectFrom('client_link_decisions')
      .select(['post_id', 'decision', 'comment', 'decided_at'])
      .where('link_id', '=', linkId)
      .execute();
  },

  /** The decisions given through a link, with a line of each post, newest first. */
  decisionsWithPosts(db: Db, linkId: string) {
    return db
      .selectFrom('client_link_decisions as d')
      .innerJoin('posts', 'posts.id', 'd.post_id')
      .select(['d.post_id', 'd.decision', 'd.comment', 'd.decided_at', 'posts.content', 'posts.state', 'posts.scheduled_at'])
      .where('d.link_id', '=', linkId)
      .orderBy('d.decided_at', 'desc')
      .execute();
  },

  /** Records (or replaces) the client's verdict on a post. */
  upsertDecision(
    db: Db,
    values: { linkId: string; postId: string; workspaceId: string; decision: 'approved' | 'rejected'; comment: string; at: Date },
  ) {
    return db
      .insertInto('client_link_decisions')
      .values({
        link_id: values.linkId,
        post_id: values.postId,
        workspace_id: values.workspaceId,
        decision: values.decision,
        comment: values.comment,
        decided_at: values.at,
      })
      .onConflict((oc) =>
        oc.columns(['link_id', 'post_id']).doUpdateSet({ decision: values.decision, comment: values.comment, decided_at: values.at }),
      )
      .returning(['post_id', 'decision', 'comment', 'decided_at'])
      .executeTakeFirstOrThrow();
  },

  /**
   * A media item of the workspace used (in the main media or a thread part) by a client-visible post
   * scheduled within [from, to); undefined otherwise, so a link reveals no other file.
   */
  mediaUsedBetween(db: Db, workspaceId: string, mediaId: string, from: Date, to: Date) {
    const item = sql`jsonb_build_array(jsonb_build_object('mediaId', ${mediaId}::text))`;
    return db
      .selectFrom('media')
      .select(['media.sha256', 'media.mime_type'])
      .where('media.id', '=', mediaId)
      .where('media.workspace_id', '=', workspaceId)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('publications')
            .innerJoin('posts', 'posts.id', 'publications.post_id')
            .select(sql`1`.as('one'))
            .where('posts.workspace_id', '=', workspaceId)
            .where('posts.state', 'in', CLIENT_VISIBLE_STATES)
            .where('posts.scheduled_at', '>=', from)
            .where('posts.scheduled_at', '<', to)
            .where(
              sql<boolean>`(publications.media @> ${item} OR publications.thread @> jsonb_build_array(jsonb_build_object('media', ${item})))`,
            ),
        ),
      )
      .executeTakeFirst();
  },
};
