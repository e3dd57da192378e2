/**
 * Engaging accounts per publication, for the "interested followers" KPI:
 * collected from adapters that implement fetchEngagers, stored only as salted
 * hashes (see migration 0502_post_engagers.sql for the privacy reasoning).
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../server/context.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { NetworkError } from '../../networks/types.ts';
import { channelContext } from '../channels/service.ts';
import { engagersRepository } from './repository/engagers.ts';

/** Salts already opened, by workspace (they never change once created). */
const salts = new Map<string, string>();

/** The workspace's engager salt, created on first use; stored sealed so a database dump alone cannot reverse hashes. */
export async function engagerSalt(ctx: AppContext, workspaceId: string): Promise<string> {
  const cached = salts.get(workspaceId);
  if (cached) return cached;
  const sealed = await engagersRepository.sealedSalt(ctx.database.db, workspaceId, () =>
    ctx.secrets.seal(randomBytes(32).toString('base64url')),
  );
  const salt = ctx.secrets.open<string>(sealed);
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
  const publication = await engagersRepository.publication(db, publicationId);
  if (publication?.state !== 'published' || !publication.remote_id) return null;
  const channel = await engagersRepository.channel(db, publication.channel_id);
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
    const fetch = {
      workspace_id: publication.workspace_id,
      channel_id: publication.channel_id,
      fetched_at: now,
      accounts: rows.length,
      truncated: engagers.truncated,
    };
    await db.transaction().execute((trx) => engagersRepository.saveFetch(trx, publicationId, rows, fetch));
    return null;
  } catch (error) {
    return error instanceof Error ? error : new NetworkError('transient', 'error', String(error));
  }
}
