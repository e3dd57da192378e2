import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { BrandDays } from '../../../lib/brand-days.ts';
import { NO_KEY } from './snapshots.ts';

/** An engaging account of a publication, as a salted hash. */
export interface EngagerRow {
  publication_id: string;
  workspace_id: string;
  channel_id: string;
  account_hash: string;
  is_follower: boolean;
  first_seen_at: Date;
}

/** Engager salts, engaging accounts and their fetches. */
export const engagersRepository = {
  /** The workspace's sealed salt, created from `newSealed` on first use. */
  async sealedSalt(db: Db, workspaceId: string, newSealed: () => string): Promise<string> {
    await db
      .insertInto('engager_salts')
      .values({ workspace_id: workspaceId, salt_sealed: newSealed() })
      .onConflict((oc) => oc.column('workspace_id').doNothing())
      .execute();
    return (await db.selectFrom('engager_salts').select('salt_sealed').where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow())
      .salt_sealed;
  },

  publication(db: Db, publicationId: string) {
    return db
      .selectFrom('publications')
      .select(['workspace_id', 'channel_id', 'remote_id', 'state'])
      .where('id', '=', publicationId)
      .executeTakeFirst();
  },

  channel(db: Db, channelId: string) {
    return db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
  },

  /** Stores a fetch's engagers (500 a statement; first-seen kept, follower flag updated) and notes the fetch. */
  async saveFetch(
    db: Db,
    publicationId: string,
    rows: EngagerRow[],
    fetch: { workspace_id: string; channel_id: string; fetched_at: Date; accounts: number; truncated: boolean },
  ): Promise<void> {
    for (let start = 0; start < rows.length; start += 500) {
      await db
        .insertInto('post_engagers')
        .values(rows.slice(start, start + 500))
        // Keep when we first saw them; the follower flag is the latest known.
        .onConflict((oc) =>
          oc.columns(['publication_id', 'account_hash']).doUpdateSet({ is_follower: (eb) => eb.ref('excluded.is_follower') }),
        )
        .execute();
    }
    await db
      .insertInto('post_engager_fetches')
      .values({ publication_id: publicationId, ...fetch })
      .onConflict((oc) => oc.column('publication_id').doUpdateSet(fetch))
      .execute();
  },
};

/** Which posts a period covers, as the dashboards scope them. */
export interface EngagerScope {
  channelIds: string[];
  campaignId?: string;
  objectiveId?: string;
  /** Campaigns serving the objective (their posts count towards it). */
  campaignKeys: string[] | null;
}

/**
 * Distinct engaging followers over the posts published in the period (by the
 * same brand-zone days as the rollups), and how many of those posts have had
 * their engagers collected.
 */
export async function engagedFollowersOf(
  db: Db,
  workspaceId: string,
  scope: EngagerScope,
  range: BrandDays,
): Promise<{ posts: number; collected: number; engagedFollowers: number }> {
  if (!scope.channelIds.length) return { posts: 0, collected: 0, engagedFollowers: 0 };
  let periodPosts = db
    .selectFrom('publication_metrics as m')
    .select('m.publication_id')
    .where('m.workspace_id', '=', workspaceId)
    .where('m.channel_id', 'in', scope.channelIds)
    .where('m.published_at', '>=', range.from)
    .where('m.published_at', '<', range.to);
  if (scope.campaignId) periodPosts = periodPosts.where('m.campaign_id', '=', scope.campaignId);
  if (scope.objectiveId) {
    const objectiveId = scope.objectiveId;
    const keys = scope.campaignKeys?.length ? scope.campaignKeys : [NO_KEY];
    periodPosts = periodPosts.where((eb) => eb.or([eb('m.objective_id', '=', objectiveId), eb('m.campaign_id', 'in', keys)]));
  }
  const [counts, engaged] = await Promise.all([
    db
      .selectFrom(periodPosts.as('p'))
      .leftJoin('post_engager_fetches as f', 'f.publication_id', 'p.publication_id')
      .select((eb) => [eb.fn.countAll<number>().as('posts'), eb.fn.count<number>('f.publication_id').as('collected')])
      .executeTakeFirst(),
    db
      .selectFrom('post_engagers as e')
      .select(sql<number>`count(DISTINCT e.account_hash)`.as('n'))
      .where('e.is_follower', '=', true)
      .where('e.publication_id', 'in', periodPosts)
      .executeTakeFirst(),
  ]);
  return { posts: Number(counts?.posts ?? 0), collected: Number(counts?.collected ?? 0), engagedFollowers: Number(engaged?.n ?? 0) };
}
