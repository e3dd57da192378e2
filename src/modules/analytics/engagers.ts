/**
 * Engaging accounts per publication, for the "interested followers" KPI:
 * collected from adapters that implement fetchEngagers, stored only as salted
 * hashes (see migration 0502_post_engagers.sql for the privacy reasoning).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../server/context.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { NetworkError } from '../../networks/types.ts';
import { channelContext } from '../channels/service.ts';
import type { Db } from '../../db/database.ts';
import { NO_KEY } from './snapshots.ts';
import type { BrandDays } from '../../lib/brand-days.ts';

/** Salts already opened, by workspace (they never change once created). */
const salts = new Map<string, string>();

/** The workspace's engager salt, created on first use; stored sealed so a database dump alone cannot reverse hashes. */
export async function engagerSalt(ctx: AppContext, workspaceId: string): Promise<string> {
  const cached = salts.get(workspaceId);
  if (cached) return cached;
  const db = ctx.database.db;
  await db
    .insertInto('engager_salts')
    .values({ workspace_id: workspaceId, salt_sealed: ctx.secrets.seal(randomBytes(32).toString('base64url')) })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute();
  const row = await db.selectFrom('engager_salts').select('salt_sealed').where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
  const salt = ctx.secrets.open<string>(row.salt_sealed);
  salts.set(workspaceId, salt);
  return salt;
}

/** SHA-256 of salt, network and account id: stable within a workspace, meaningless outside it. */
export function engagerHash(salt: string, network: string, accountId: string): string {
  return sha256Hex(`${salt}\u0000${network}\u0000${accountId}`);
}

/**
 * Fetches and stores who engaged with one publication. Returns null when done
 * or when the network cannot tell (no fetchEngagers), the error otherwise.
 */
export async function collectEngagers(ctx: AppContext, publicationId: string): Promise<Error | null> {
  const db = ctx.database.db;
  const publication = await db.selectFrom('publications').select(['workspace_id', 'channel_id', 'remote_id', 'state']).where('id', '=', publicationId).executeTakeFirst();
  if (!publication || publication.state !== 'published' || !publication.remote_id) return null;
  const channel = await db.selectFrom('channels').selectAll().where('id', '=', publication.channel_id).executeTakeFirstOrThrow();
  if (!ctx.networks.has(channel.network)) return null;
  const adapter = ctx.networks.get(channel.network);
  if (!adapter.fetchEngagers) return null;
  try {
    const engagers = await adapter.fetchEngagers(channelContext(ctx, channel, AbortSignal.timeout(60_000)), publication.remote_id);
    const salt = await engagerSalt(ctx, publication.workspace_id);
    const now = new Date(ctx.clock.now());
    const rows = engagers.accounts.map((account) => ({
      publication_id: publicationId,
      workspace_id: publication.workspace_id,
      channel_id: publication.channel_id,
      account_hash: engagerHash(salt, channel.network, account.id),
      is_follower: account.follower,
      first_seen_at: now,
    }));
    await db.transaction().execute(async (trx) => {
      for (let start = 0; start < rows.length; start += 500) {
        await trx
          .insertInto('post_engagers')
          .values(rows.slice(start, start + 500))
          // Keep when we first saw them; the follower flag is the latest known.
          .onConflict((oc) => oc.columns(['publication_id', 'account_hash']).doUpdateSet({ is_follower: (eb) => eb.ref('excluded.is_follower') }))
          .execute();
      }
      const fetch = { workspace_id: publication.workspace_id, channel_id: publication.channel_id, fetched_at: now, accounts: rows.length, truncated: engagers.truncated };
      await trx
        .insertInto('post_engager_fetches')
        .values({ publication_id: publicationId, ...fetch })
        .onConflict((oc) => oc.column('publication_id').doUpdateSet(fetch))
        .execute();
    });
    return null;
  } catch (error) {
    return error instanceof Error ? error : new NetworkError('transient', 'error', String(error));
  }
}

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
export async function engagedFollowersOf(db: Db, workspaceId: string, scope: EngagerScope, range: BrandDays): Promise<{ posts: number; collected: number; engagedFollowers: number }> {
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
    const keys = scope.campaignKeys && scope.campaignKeys.length ? scope.campaignKeys : [NO_KEY];
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
