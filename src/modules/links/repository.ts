import { sql, type Insertable } from 'kysely';
import type { TrackedLinksTable } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';

/** A click row as the recorder writes it (batched). */
export interface ClickRow {
  link_id: string;
  workspace_id: string;
  clicked_at: Date;
  visitor_hash: string;
  is_bot: boolean;
  referrer_host: string | null;
}

/** The values of a new tracked link (the table's own insert type). */
export type NewTrackedLink = Insertable<TrackedLinksTable>;

/** The values of a new conversion. */
export interface NewConversion {
  workspace_id: string;
  link_id: string | null;
  post_id: string | null;
  channel_id: string | null;
  campaign_id: string | null;
  objective_id: string | null;
  kind: string;
  value: number;
  currency: string;
  external_id: string | null;
  source: string;
  occurred_at: Date;
  created_at: Date;
}

/** What a ROI breakdown groups by. */
export type RoiDimension = 'campaign' | 'channel' | 'objective';

/**
 * Tracked links, clicks, conversions, costs and the workspace's analytics settings row
 * (conversion secret, pixel key, report branding, SMTP): the only code that reads or writes them.
 */
export const linksRepository = {
  /** One link of a workspace, or undefined. */
  findLink(db: Db, workspaceId: string, linkId: string) {
    return db.selectFrom('tracked_links').selectAll().where('id', '=', linkId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** A link by its short code (any workspace), for redirects. */
  findLinkByCode(db: Db, code: string) {
    return db.selectFrom('tracked_links').select(['id', 'workspace_id', 'destination_url']).where('code', '=', code).executeTakeFirst();
  },

  /** A link by its short code within a workspace, for attributing a conversion. */
  findAttributionByCode(db: Db, workspaceId: string, code: string) {
    return db
      .selectFrom('tracked_links')
      .select(['id', 'post_id', 'channel_id', 'campaign_id', 'objective_id'])
      .where('code', '=', code)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  /** The workspace's links, newest first, each with its human clicks. */
  listLinks(db: Db, workspaceId: string, filter: { postId?: string; campaignId?: string }) {
    let query = db
      .selectFrom('tracked_links as l')
      .selectAll('l')
      .select((eb) =>
        eb
          .selectFrom('link_clicks as c')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('c.link_id', '=', 'l.id')
          .where('c.is_bot', '=', false)
          .as('clicks'),
      )
      .where('l.workspace_id', '=', workspaceId);
    if (filter.postId) query = query.where('l.post_id', '=', filter.postId);
    if (filter.campaignId) query = query.where('l.campaign_id', '=', filter.campaignId);
    return query.orderBy('l.created_at', 'desc').limit(500).execute();
  },

  /** A link's clicks in [from, to): totals (all, human, unique), by brand-zone day, top referrers; and its conversions. */
  async linkClickStats(db: Db, linkId: string, range: { from: Date; to: Date }, zone: string) {
    const base = db
      .selectFrom('link_clicks')
      .where('link_id', '=', linkId)
      .where('clicked_at', '>=', range.from)
      .where('clicked_at', '<', range.to);
    const [totals, byDay, referrers, conversions] = await Promise.all([
      base
        .select((eb) => [
          eb.fn.countAll<number>().as('all'),
          sql<number>`count(*) FILTER (WHERE NOT is_bot)`.as('human'),
          sql<number>`count(DISTINCT visitor_hash) FILTER (WHERE NOT is_bot)`.as('unique'),
        ])
        .executeTakeFirst(),
      base
        .select([
          sql<string>`to_char(clicked_at AT TIME ZONE ${zone}, 'YYYY-MM-DD')`.as('day'),
          sql<number>`count(*)`.as('clicks'),
          sql<number>`count(DISTINCT visitor_hash)`.as('unique'),
        ])
        .where('is_bot', '=', false)
        .groupBy(sql`1`)
        .orderBy(sql`1`)
        .execute(),
      base
        .select([sql<string | null>`referrer_host`.as('host'), sql<number>`count(*)`.as('clicks')])
        .where('is_bot', '=', false)
        .groupBy('referrer_host')
        .orderBy(sql`2`, 'desc')
        .limit(20)
        .execute(),
      db
        .selectFrom('conversions')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('value').as('value')])
        .where('link_id', '=', linkId)
        .executeTakeFirst(),
    ]);
    return { totals, byDay, referrers, conversions };
  },

  /** Inserts a link unless its code is taken (then undefined). */
  insertLinkUnlessCodeTaken(db: Db, values: NewTrackedLink) {
    return db
      .insertInto('tracked_links')
      .values(values)
      .onConflict((oc) => oc.column('code').doNothing())
      .returningAll()
      .executeTakeFirst();
  },

  deleteLink(db: Db, linkId: string) {
    return db.deleteFrom('tracked_links').where('id', '=', linkId).execute();
  },

  /** A post's campaign and objective (for UTM and attribution). */
  findPostAttribution(db: Db, workspaceId: string, postId: string) {
    return db
      .selectFrom('posts')
      .select(['id', 'campaign_id', 'objective_id'])
      .where('id', '=', postId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  findChannelNetwork(db: Db, workspaceId: string, channelId: string) {
    return db
      .selectFrom('channels')
      .select(['network'])
      .where('id', '=', channelId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  findCampaignSlug(db: Db, workspaceId: string, campaignId: string) {
    return db
      .selectFrom('campaigns')
      .select(['slug', 'objective_id'])
      .where('id', '=', campaignId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
  },

  /**
   * A campaign by its UTM tag or its id (as text), for conversions that name it by UTM. Tags are
   * compared without case: some sites and analytics tools lower-case utm_campaign on the way back.
   */
  findCampaignBySlugOrId(db: Db, workspaceId: string, campaign: string) {
    return db
      .selectFrom('campaigns')
      .select(['id', 'objective_id'])
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb(eb.fn('lower', ['slug']), '=', campaign.toLowerCase()), eb(eb.cast('id', 'text'), '=', campaign)]))
      .orderBy('created_at')
      .executeTakeFirst();
  },

  async campaignObjective(db: Db, campaignId: string): Promise<string | null> {
    return (await db.selectFrom('campaigns').select('objective_id').where('id', '=', campaignId).executeTakeFirst())?.objective_id ?? null;
  },

  // ---------------- clicks ----------------

  /** Today's visitor salt, created on first use; salts before `oldestDay` are deleted. */
  async dailySalt(db: Db, day: string, newSalt: string, oldestDay: string): Promise<string> {
    await db
      .insertInto('visitor_salts')
      .values({ day, salt: newSalt })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
    const row = await db.selectFrom('visitor_salts').select('salt').where('day', '=', day).executeTakeFirstOrThrow();
    await db.deleteFrom('visitor_salts').where('day', '<', oldestDay).execute();
    return row.salt;
  },

  /** One multi-row INSERT of queued clicks. */
  insertClicks(db: Db, rows: ClickRow[]) {
    return db.insertInto('link_clicks').values(rows).execute();
  },

  // ---------------- analytics settings ----------------

  findSettings(db: Db, workspaceId: string) {
    return db.selectFrom('analytics_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  /** Creates the settings row with a new secret and pixel key unless one exists. */
  insertSettingsIfMissing(db: Db, values: { workspaceId: string; conversionSecretSealed: string; pixelKey: string; now: Date }) {
    return db
      .insertInto('analytics_settings')
      .values({
        workspace_id: values.workspaceId,
        conversion_secret_sealed: values.conversionSecretSealed,
        pixel_key: values.pixelKey,
        updated_at: values.now,
      })
      .onConflict((oc) => oc.column('workspace_id').doNothing())
      .execute();
  },

  /** The workspace whose conversion pixel has this key. */
  findWorkspaceByPixelKey(db: Db, pixelKey: string) {
    return db.selectFrom('analytics_settings').select('workspace_id').where('pixel_key', '=', pixelKey).executeTakeFirst();
  },

  // ---------------- conversions ----------------

  /** Inserts a conversion; undefined when its external id was already recorded. */
  insertConversionUnlessDuplicate(db: Db, values: NewConversion) {
    return db
      .insertInto('conversions')
      .values(values)
      .onConflict((oc) => oc.columns(['workspace_id', 'external_id']).where('external_id', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst();
  },

  findConversionByExternalId(db: Db, workspaceId: string, externalId: string) {
    return db
      .selectFrom('conversions')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();
  },

  /** Conversions in [from, to), newest first (at most 500). */
  listConversions(db: Db, workspaceId: string, range: { from?: Date; to?: Date }) {
    let query = db.selectFrom('conversions').selectAll().where('workspace_id', '=', workspaceId);
    if (range.from) query = query.where('occurred_at', '>=', range.from);
    if (range.to) query = query.where('occurred_at', '<', range.to);
    return query.orderBy('occurred_at', 'desc').limit(500).execute();
  },

  // ---------------- costs ----------------

  insertCost(
    db: Db,
    values: {
      workspace_id: string;
      amount: number;
      currency: string;
      campaign_id: string | null;
      channel_id: string | null;
      incurred_on: string;
      note: string;
      created_at: Date;
    },
  ) {
    return db.insertInto('costs').values(values).returningAll().executeTakeFirstOrThrow();
  },

  /** The workspace's costs, newest day first, with the day as YYYY-MM-DD. */
  listCosts(db: Db, workspaceId: string) {
    return db
      .selectFrom('costs')
      .selectAll()
      .select(sql<string>`to_char(incurred_on, 'YYYY-MM-DD')`.as('day'))
      .where('workspace_id', '=', workspaceId)
      .orderBy('incurred_on', 'desc')
      .limit(1000)
      .execute();
  },

  findCostId(db: Db, workspaceId: string, costId: string) {
    return db.selectFrom('costs').select('id').where('id', '=', costId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  },

  deleteCost(db: Db, costId: string) {
    return db.deleteFrom('costs').where('id', '=', costId).execute();
  },

  // ---------------- ROI ----------------

  /** Leads and value of conversions in [from, to), grouped by the dimension's id. */
  conversionsBy(db: Db, workspaceId: string, by: RoiDimension, range: { from: Date; to: Date }) {
    const column = `${by}_id` as const;
    return db
      .selectFrom('conversions')
      .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('leads'), eb.fn.sum<number>('value').as('value')])
      .where('workspace_id', '=', workspaceId)
      .where('occurred_at', '>=', range.from)
      .where('occurred_at', '<', range.to)
      .groupBy(column)
      .execute();
  },

  /** Human clicks in [from, to), grouped by their link's dimension id. */
  clicksBy(db: Db, workspaceId: string, by: RoiDimension, range: { from: Date; to: Date }) {
    const column = `l.${by}_id` as const;
    return db
      .selectFrom('link_clicks as c')
      .innerJoin('tracked_links as l', 'l.id', 'c.link_id')
      .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number>().as('clicks')])
      .where('c.workspace_id', '=', workspaceId)
      .where('c.is_bot', '=', false)
      .where('c.clicked_at', '>=', range.from)
      .where('c.clicked_at', '<', range.to)
      .groupBy(column)
      .execute();
  },

  /** Costs booked on the calendar days [firstDay, lastDay], grouped by the dimension (objective: through the campaign). */
  costsBy(db: Db, workspaceId: string, by: RoiDimension, days: { firstDay: string; lastDay: string }) {
    if (by === 'objective') {
      return db
        .selectFrom('costs as k')
        .leftJoin('campaigns as g', 'g.id', 'k.campaign_id')
        .select((eb) => [eb.ref('g.objective_id').as('key'), eb.fn.sum<number>('k.amount').as('cost')])
        .where('k.workspace_id', '=', workspaceId)
        .where('k.incurred_on', '>=', days.firstDay)
        .where('k.incurred_on', '<=', days.lastDay)
        .groupBy('g.objective_id')
        .execute();
    }
    const column = by === 'campaign' ? 'campaign_id' : 'channel_id';
    return db
      .selectFrom('costs')
      .select((eb) => [eb.ref(column).as('key'), eb.fn.sum<number>('amount').as('cost')])
      .where('workspace_id', '=', workspaceId)
      .where('incurred_on', '>=', days.firstDay)
      .where('incurred_on', '<=', days.lastDay)
      .groupBy(column)
      .execute();
  },
};
