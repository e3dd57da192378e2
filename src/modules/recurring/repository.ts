/**
 * Named queries of the recurring module: repeat rules, the occurrences (posts) they made, and
 * evergreen posts with their re-shares. The only code of the module that touches the database.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { RecurringRulesTable } from './tables.ts';

export type RuleRow = Selectable<RecurringRulesTable>;

/** Occurrence states that are still only plans (not publishing, not sent): "all future" edits replace them. */
const REPLACEABLE = ['draft', 'in_review', 'approved', 'scheduled'] as const;

export const recurringRepository = {
  insertRule(
    db: Db,
    values: { workspaceId: string; authorId: string; rrule: string; startsLocal: string; windowDays: number; template: unknown; now: Date },
  ) {
    return db
      .insertInto('recurring_rules')
      .values({
        workspace_id: values.workspaceId,
        author_id: values.authorId,
        rrule: values.rrule,
        starts_local: values.startsLocal,
        window_days: values.windowDays,
        template: JSON.stringify(values.template),
        generated_until: values.now,
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  list(db: Db, workspaceId: string) {
    return db
      .selectFrom('recurring_rules')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(500)
      .execute();
  },

  find(db: Db, workspaceId: string, ruleId: string) {
    return db.selectFrom('recurring_rules').selectAll().where('id', '=', ruleId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** One rule, locked for the rest of the transaction: occurrences are generated under this lock, once. */
  lock(db: Db, ruleId: string) {
    return db.selectFrom('recurring_rules').selectAll().where('id', '=', ruleId).forUpdate().executeTakeFirst();
  },

  update(
    db: Db,
    ruleId: string,
    values: Partial<{
      rrule: string;
      startsLocal: string;
      windowDays: number;
      template: unknown;
      generatedUntil: Date;
      finished: boolean;
      stoppedAt: Date;
    }> & {
      now: Date;
    },
  ) {
    return db
      .updateTable('recurring_rules')
      .set({
        ...(values.rrule !== undefined ? { rrule: values.rrule } : {}),
        ...(values.startsLocal !== undefined ? { starts_local: values.startsLocal } : {}),
        ...(values.windowDays !== undefined ? { window_days: values.windowDays } : {}),
        ...(values.template !== undefined ? { template: JSON.stringify(values.template) } : {}),
        ...(values.generatedUntil !== undefined ? { generated_until: values.generatedUntil } : {}),
        ...(values.finished !== undefined ? { finished: values.finished } : {}),
        ...(values.stoppedAt !== undefined ? { stopped_at: values.stoppedAt } : {}),
        updated_at: values.now,
      })
      .where('id', '=', ruleId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /**
   * Rules whose rolling window must move on: active, not finished, and generated up to less than
   * `now` + their window − `slackMs` (so the calendar always shows about a full window ahead).
   */
  async dueForExtension(db: Db, now: Date, slackMs: number, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('recurring_rules')
      .select('id')
      .where('stopped_at', 'is', null)
      .where('finished', '=', false)
      .where(
        'generated_until',
        '<',
        sql<Date>`${now}::timestamptz + window_days::integer * interval '1 day' - ${slackMs}::integer * interval '1 millisecond'`,
      )
      .orderBy('generated_until')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },

  async markOccurrence(db: Db, postId: string, ruleId: string, local: string): Promise<void> {
    await db.updateTable('posts').set({ recurring_rule_id: ruleId, occurrence_local: local }).where('id', '=', postId).execute();
  },

  /** The occurrence keys a rule already has (any state: a canceled or detached one is not made again). */
  async occurrenceKeys(db: Db, ruleId: string): Promise<Set<string>> {
    const rows = await db.selectFrom('posts').select('occurrence_local').where('recurring_rule_id', '=', ruleId).execute();
    return new Set(rows.map((r) => r.occurrence_local as string));
  },

  /** A rule's occurrences, in time order (the post page and `plaza recurring show`). */
  occurrences(db: Db, ruleId: string, limit = 200) {
    return db
      .selectFrom('posts')
      .select(['id', 'state', 'scheduled_at', 'occurrence_local', 'occurrence_detached', 'content'])
      .where('recurring_rule_id', '=', ruleId)
      .orderBy('occurrence_local')
      .limit(limit)
      .execute();
  },

  /** Counts per rule: occurrences made, published, and still ahead (scheduled). */
  async counts(db: Db, ruleIds: string[]) {
    if (!ruleIds.length) return new Map<string, { total: number; published: number; upcoming: number; next: Date | null }>();
    const rows = await db
      .selectFrom('posts')
      .select([
        'recurring_rule_id',
        (eb) => eb.fn.countAll<string>().as('total'),
        sql<string>`count(*) FILTER (WHERE state = 'published')`.as('published'),
        sql<string>`count(*) FILTER (WHERE state IN ('draft', 'in_review', 'approved', 'scheduled'))`.as('upcoming'),
        sql<Date | null>`min(scheduled_at) FILTER (WHERE state IN ('in_review', 'approved', 'scheduled'))`.as('next'),
      ])
      .where('recurring_rule_id', 'in', ruleIds)
      .groupBy('recurring_rule_id')
      .execute();
    return new Map(
      rows.map((r) => [
        r.recurring_rule_id as string,
        { total: Number(r.total), published: Number(r.published), upcoming: Number(r.upcoming), next: r.next ? new Date(r.next) : null },
      ]),
    );
  },

  /**
   * The occurrences "all future" replaces: not detached, still plans, due after `after`. Locked, so
   * the engine (which claims only scheduled publications with SKIP LOCKED) and this edit never meet.
   */
  replaceableOccurrences(db: Db, ruleId: string, after: Date) {
    return db
      .selectFrom('posts')
      .select(['id', 'occurrence_local', 'scheduled_at'])
      .where('recurring_rule_id', '=', ruleId)
      .where('occurrence_detached', '=', false)
      .where('state', 'in', [...REPLACEABLE])
      .where('scheduled_at', '>', after)
      .forUpdate()
      .execute();
  },

  /** True when a publication of the post is being sent or was sent (then it is no longer a plan). */
  async anyPublicationStarted(db: Db, postIds: string[]): Promise<Set<string>> {
    if (!postIds.length) return new Set();
    const rows = await db
      .selectFrom('publications')
      .select('post_id')
      .where('post_id', 'in', postIds)
      .where('state', 'in', ['publishing', 'published'])
      .execute();
    return new Set(rows.map((r) => r.post_id));
  },

  async deletePosts(db: Db, postIds: string[]): Promise<void> {
    if (postIds.length) await db.deleteFrom('posts').where('id', 'in', postIds).execute();
  },

  /** Marks an occurrence as edited on its own. */
  async detach(db: Db, postId: string): Promise<void> {
    await db
      .updateTable('posts')
      .set({ occurrence_detached: true })
      .where('id', '=', postId)
      .where('recurring_rule_id', 'is not', null)
      .execute();
  },

  // ——— Evergreen ———

  async setEvergreen(db: Db, postId: string, evergreen: boolean, variants: string[] | undefined): Promise<void> {
    await db
      .updateTable('posts')
      .set({ evergreen, ...(variants !== undefined ? { evergreen_variants: JSON.stringify(variants) } : {}) })
      .where('id', '=', postId)
      .execute();
  },

  async setQueueEvergreenGap(db: Db, queueId: string, gapDays: number | null): Promise<void> {
    await db.updateTable('queues').set({ evergreen_gap_days: gapDays }).where('id', '=', queueId).execute();
  },

  /** Queues that recycle evergreen posts (not paused). */
  recyclingQueues(db: Db, workspaceId?: string) {
    let query = db
      .selectFrom('queues')
      .select(['id', 'workspace_id', 'evergreen_gap_days'])
      .where('evergreen_gap_days', 'is not', null)
      .where('paused', '=', false);
    if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
    return query.execute();
  },

  /**
   * The evergreen posts a queue may share: published before, with every channel among the queue's,
   * with the last time each was (re)shared; least recently shared first.
   */
  async evergreenCandidates(db: Db, workspaceId: string, queueChannelIds: string[]) {
    if (!queueChannelIds.length) return [];
    const rows = await db
      .selectFrom('posts as p')
      .select([
        'p.id',
        'p.content',
        'p.evergreen_variants',
        'p.campaign_id',
        'p.objective_id',
        'p.segment_id',
        'p.pillar_id',
        sql<Date>`greatest(p.scheduled_at, (SELECT max(c.scheduled_at) FROM posts c WHERE c.evergreen_source_id = p.id AND c.state <> 'canceled'))`.as(
          'last_shared',
        ),
        sql<
          string | null
        >`(SELECT c.content FROM posts c WHERE c.evergreen_source_id = p.id AND c.state <> 'canceled' ORDER BY c.scheduled_at DESC LIMIT 1)`.as(
          'last_text',
        ),
      ])
      .where('p.workspace_id', '=', workspaceId)
      .where('p.evergreen', '=', true)
      .where('p.state', '=', 'published')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('publications as x')
              .select('x.id')
              .whereRef('x.post_id', '=', 'p.id')
              .where('x.channel_id', 'not in', queueChannelIds),
          ),
        ),
      )
      .orderBy('last_shared')
      .orderBy('p.id')
      .limit(200)
      .execute();
    return rows.map((r) => ({ ...r, last_shared: r.last_shared ? new Date(r.last_shared) : null }));
  },

  /** The publications of a post, for copying them into a re-share. */
  publicationsOf(db: Db, postId: string) {
    return db
      .selectFrom('publications')
      .select(['channel_id', 'network', 'text', 'media', 'thread', 'options', 'post_type'])
      .where('post_id', '=', postId)
      .execute();
  },

  /** The text of the last post (sent or planned) on each channel before `before`: the variation rule looks at it. */
  async lastTextByChannel(db: Db, channelIds: string[], before: Date): Promise<Map<string, string>> {
    if (!channelIds.length) return new Map();
    const rows = await db
      .selectFrom('publications as pub')
      .innerJoin('posts as p', 'p.id', 'pub.post_id')
      .select(['pub.channel_id', 'pub.text'])
      .distinctOn('pub.channel_id')
      .where('pub.channel_id', 'in', channelIds)
      .where('p.state', 'in', ['scheduled', 'publishing', 'published'])
      .where('p.scheduled_at', '<', before)
      .orderBy('pub.channel_id')
      .orderBy('p.scheduled_at', 'desc')
      .execute();
    return new Map(rows.map((r) => [r.channel_id, r.text]));
  },

  async markReshare(db: Db, postId: string, sourceId: string): Promise<void> {
    await db.updateTable('posts').set({ evergreen_source_id: sourceId }).where('id', '=', postId).execute();
  },

  queueChannels(db: Db, queueId: string): Promise<string[]> {
    return db
      .selectFrom('queue_channels')
      .select('channel_id')
      .where('queue_id', '=', queueId)
      .execute()
      .then((rows) => rows.map((r) => r.channel_id));
  },

  /** One post's evergreen fields and its channels (with their networks), for its evergreen status. */
  async evergreenPost(db: Db, workspaceId: string, postId: string) {
    const post = await db
      .selectFrom('posts')
      .select(['id', 'evergreen', 'evergreen_variants', 'evergreen_source_id', 'state', 'scheduled_at'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', postId)
      .executeTakeFirst();
    if (!post) return undefined;
    const channels = await db.selectFrom('publications').select(['channel_id', 'network']).where('post_id', '=', postId).execute();
    return { ...post, channels };
  },

  /** A workspace's queues with their channels and recycling gap (null: the queue does not recycle). */
  async queuesWithChannels(db: Db, workspaceId: string) {
    const [queues, links] = await Promise.all([
      db
        .selectFrom('queues')
        .select(['id', 'name', 'paused', 'evergreen_gap_days'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('name')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('queue_channels as qc')
        .innerJoin('queues as q', 'q.id', 'qc.queue_id')
        .select(['qc.queue_id', 'qc.channel_id'])
        .where('q.workspace_id', '=', workspaceId)
        .execute(),
    ]);
    return queues.map((q) => ({ ...q, channelIds: links.filter((l) => l.queue_id === q.id).map((l) => l.channel_id) }));
  },

  /**
   * Per evergreen post: its re-shares (copies made by recycling queues, not canceled) with when the
   * last one went (or goes) out before `now` and the next one planned after it.
   */
  async reshareTimes(db: Db, sourceIds: string[], now: Date) {
    if (!sourceIds.length) return new Map<string, { count: number; last: Date | null; next: Date | null }>();
    const rows = await db
      .selectFrom('posts')
      .select([
        'evergreen_source_id',
        (eb) => eb.fn.countAll<string>().as('count'),
        sql<Date | null>`max(scheduled_at) FILTER (WHERE scheduled_at <= ${now})`.as('last'),
        sql<Date | null>`min(scheduled_at) FILTER (WHERE scheduled_at > ${now} AND state IN ('scheduled', 'publishing'))`.as('next'),
      ])
      .where('evergreen_source_id', 'in', sourceIds)
      .where('state', '<>', 'canceled')
      .groupBy('evergreen_source_id')
      .execute();
    return new Map(
      rows.map((r) => [
        r.evergreen_source_id as string,
        { count: Number(r.count), last: r.last ? new Date(r.last) : null, next: r.next ? new Date(r.next) : null },
      ]),
    );
  },

  /** The re-shares of one evergreen post, newest first (its page lists them). */
  reshares(db: Db, sourceId: string, limit = 20) {
    return db
      .selectFrom('posts')
      .select(['id', 'state', 'scheduled_at', 'content', 'queue_id'])
      .where('evergreen_source_id', '=', sourceId)
      .where('state', '<>', 'canceled')
      .orderBy('scheduled_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  /** The channels of several posts (post id → channel ids). */
  async channelsOfPosts(db: Db, postIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (!postIds.length) return map;
    const rows = await db.selectFrom('publications').select(['post_id', 'channel_id']).where('post_id', 'in', postIds).execute();
    for (const r of rows) map.set(r.post_id, [...(map.get(r.post_id) ?? []), r.channel_id]);
    return map;
  },

  evergreenPosts(db: Db, workspaceId: string) {
    return db
      .selectFrom('posts')
      .select(['id', 'content', 'evergreen_variants', 'state', 'scheduled_at'])
      .where('workspace_id', '=', workspaceId)
      .where('evergreen', '=', true)
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute();
  },
};
