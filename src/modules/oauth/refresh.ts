/**
 * Keeping tokens alive: one refresh per channel at a time across processes (a lease on the channel
 * row), the rotated refresh token saved in the same statement as the new access token, and a
 * refused refresh turning the channel to "needs reconnect" with the network's reason.
 */
import type { AppContext } from '../../server/context.ts';
import { NetworkError } from '../../networks/types.ts';
import type { OAuthAppCredentials } from '../../networks/oauth.ts';
import { recordEvent } from '../events/events.ts';
import { markNeedsReconnect, type ChannelRow } from '../channels/service.ts';
import { instanceApp, recordAppRefused, resolveApp } from '../integrations/service.ts';
import { channelWay, expiryOf, leaseOwner, oauthCallContext, providerOf } from './commands.ts';
import { oauthRepository } from './repository.ts';
import { refreshTokens, tokensOf } from './tokens.ts';

/** How long one refresh may hold a channel before another process may take over. */
export const REFRESH_LEASE_MS = 60_000;
/** Default margin before expiry (providers may say otherwise: `refreshAheadMs`). */
export const DEFAULT_REFRESH_AHEAD_MS = 60 * 60_000;

export interface RefreshOptions {
  /**
   * The sealed credentials the caller saw fail: when the channel's have changed since (another
   * process refreshed meanwhile), they are returned without refreshing again.
   */
  ifCredentials?: string;
  /** How long to wait for another process's refresh of the same channel (ms; default 30 s). */
  waitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when the channel can be refreshed: a sign-in network and a refresh token or the provider's own way. */
export function canRefresh(ctx: AppContext, row: Pick<ChannelRow, 'network' | 'settings' | 'credentials_sealed'>): boolean {
  if (!ctx.networks.has(row.network) || !ctx.networks.get(row.network).oauth) return false;
  const provider = wayProvider(ctx, row);
  if (!provider) return false;
  const tokens = tokensOf(ctx.secrets.open<Record<string, unknown>>(row.credentials_sealed));
  return Boolean(tokens && (tokens.refreshToken || provider.refresh));
}

/**
 * Refreshes a channel's tokens and returns the channel as stored afterwards. Another process
 * refreshing the same channel: waits for it and returns its result. The network refuses: the
 * channel needs reconnecting (with the network's reason) and the NetworkError is thrown.
 */
export async function refreshChannel(ctx: AppContext, channelId: string, options: RefreshOptions = {}): Promise<ChannelRow> {
  const db = ctx.database.db;
  const owner = leaseOwner();
  const waitUntil = Date.now() + (options.waitMs ?? 30_000);
  let row: ChannelRow | undefined;
  for (;;) {
    const now = ctx.clock.now();
    row = await oauthRepository.takeRefreshLease(db, channelId, owner, new Date(now), new Date(now + REFRESH_LEASE_MS));
    if (row) break;
    if (Date.now() > waitUntil) throw new NetworkError('transient', 'refresh_busy', 'Another refresh of this channel is still running');
    await sleep(50);
  }
  if (options.ifCredentials && row.credentials_sealed !== options.ifCredentials) {
    // Someone else refreshed while we waited: their tokens are the ones to use.
    await oauthRepository.releaseRefreshLease(db, channelId, owner);
    return (await oauthRepository.channel(db, channelId))!;
  }
  try {
    const { adapter, provider, appNetwork } = providerOf(ctx, row.network, channelWay(row.settings));
    const credentials = ctx.secrets.open<Record<string, unknown>>(row.credentials_sealed);
    const tokens = tokensOf(credentials);
    if (!tokens) throw new NetworkError('auth', 'no_tokens', 'This channel was not connected by signing in');
    const instanceUrl = typeof row.settings.instanceUrl === 'string' ? row.settings.instanceUrl : null;
    const call = oauthCallContext(ctx, adapter.name, instanceUrl);
    const app: OAuthAppCredentials = provider.registerApp
      ? await instanceApp(ctx, adapter.name, instanceUrl ?? '', (redirectUrl) => provider.registerApp!(redirectUrl, call))
      : await resolveApp(ctx, appNetwork);
    const renewed = await refreshTokens(provider, app, call, tokens, ctx.clock.now());
    const merged = { ...credentials, ...renewed };
    const saved = await db.transaction().execute(async (trx) => {
      const updated = await oauthRepository.saveRefreshed(trx, channelId, owner, {
        credentialsSealed: ctx.secrets.seal(merged),
        ...expiryOf(renewed, provider),
      });
      if (!updated) throw new NetworkError('transient', 'refresh_lease_lost', 'The refresh took too long and another process took over');
      await recordEvent(trx, {
        workspaceId: updated.workspace_id,
        actorUserId: null,
        type: 'channel.token_refreshed',
        subjectType: 'channel',
        subjectId: channelId,
        data: { network: adapter.name, expiresAt: renewed.expiresAt ?? null },
      });
      return updated;
    });
    return saved;
  } catch (caught) {
    const error = caught instanceof NetworkError ? caught : new NetworkError('transient', 'unexpected', (caught as Error).message);
    if (error.kind === 'auth') {
      if (error.code === 'invalid_client') await recordAppRefused(ctx, appNetworkOf(ctx, row));
      await db.transaction().execute(async (trx) => {
        await oauthRepository.releaseRefreshLease(trx, channelId, owner);
        await markNeedsReconnect(trx, channelId, error.message, error.code);
      });
    } else {
      await oauthRepository.releaseRefreshLease(db, channelId, owner);
    }
    ctx.logger.warn({ channelId, network: row.network, code: error.code, kind: error.kind }, 'token refresh failed');
    throw error;
  }
}

/**
 * For the publishing engine: the network refused a channel's token mid-publish. Refreshes once
 * (when the channel can be refreshed) and returns the new sealed credentials, or null.
 */
export async function refreshAfterAuthError(ctx: AppContext, channelId: string, usedCredentials: string): Promise<string | null> {
  const row = await oauthRepository.channel(ctx.database.db, channelId);
  if (!row || !canRefresh(ctx, row)) return null;
  try {
    const refreshed = await refreshChannel(ctx, channelId, { ifCredentials: usedCredentials });
    return refreshed.status === 'active' ? refreshed.credentials_sealed : null;
  } catch {
    return null;
  }
}

/** The background pass: refreshes channels whose token ends within their provider's margin. */
export async function refreshDueChannels(
  ctx: AppContext,
  options: { limit?: number } = {},
): Promise<{ refreshed: number; failed: number }> {
  const now = ctx.clock.now();
  const maxAhead = Math.max(
    DEFAULT_REFRESH_AHEAD_MS,
    ...ctx.networks.list().map((adapter) => adapter.oauth?.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS),
  );
  const rows = await oauthRepository.channelsExpiringBefore(ctx.database.db, new Date(now + maxAhead), options.limit ?? 200);
  let refreshed = 0;
  let failed = 0;
  for (const row of rows) {
    if (!canRefresh(ctx, row) || !row.token_expires_at) continue;
    const ahead = ctx.networks.get(row.network).oauth?.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS;
    if (new Date(row.token_expires_at).getTime() - ahead > now) continue;
    try {
      await refreshChannel(ctx, row.id, { ifCredentials: row.credentials_sealed, waitMs: 0 });
      refreshed++;
    } catch {
      failed++;
    }
  }
  return { refreshed, failed };
}

/** A week ahead of a connection's end: one notification and event per token ("expires in N days"). */
export const EXPIRY_WARNING_MS = 7 * 24 * 3_600_000;

export async function warnExpiringChannels(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const rows = await oauthRepository.channelsToWarn(ctx.database.db, new Date(now + EXPIRY_WARNING_MS));
  let warned = 0;
  for (const row of rows) {
    const endsAt = new Date(row.connection_expires_at!).getTime();
    const days = Math.max(0, Math.ceil((endsAt - now) / 86_400_000));
    await ctx.database.db.transaction().execute(async (trx) => {
      if (!(await oauthRepository.markWarned(trx, row.id, new Date(now)))) return;
      await recordEvent(trx, {
        workspaceId: row.workspace_id,
        actorUserId: null,
        type: 'channel.token_expiring',
        subjectType: 'channel',
        subjectId: row.id,
        data: { network: row.network, name: row.name, days, expiresAt: new Date(endsAt).toISOString() },
      });
      warned++;
    });
  }
  return warned;
}

/**
 * On disconnect: asks the network to revoke the channel's tokens, where it offers it. Best effort: a
 * network that does not answer never stops a disconnect (the tokens are erased here either way).
 */
export async function revokeChannelTokens(ctx: AppContext, row: Pick<ChannelRow, 'id' | 'network' | 'settings' | 'credentials_sealed'>) {
  if (!ctx.networks.has(row.network) || !ctx.networks.get(row.network).oauth) return;
  const provider = wayProvider(ctx, row);
  if (!provider?.revoke || typeof row.settings.oauthRemoteId !== 'string') return;
  try {
    const tokens = tokensOf(ctx.secrets.open<Record<string, unknown>>(row.credentials_sealed));
    if (!tokens) return;
    const instanceUrl = typeof row.settings.instanceUrl === 'string' ? row.settings.instanceUrl : null;
    const call = oauthCallContext(ctx, row.network, instanceUrl);
    const app: OAuthAppCredentials = provider.registerApp
      ? await instanceApp(ctx, row.network, instanceUrl ?? '', (redirectUrl) => provider.registerApp!(redirectUrl, call))
      : await resolveApp(ctx, appNetworkOf(ctx, row));
    await provider.revoke(tokens, app, call);
  } catch (error) {
    ctx.logger.warn({ channelId: row.id, network: row.network, err: (error as Error).message }, 'revoking the tokens failed');
  }
}

/** The provider of the way the channel signed in (undefined when that way no longer exists). */
function wayProvider(ctx: AppContext, row: Pick<ChannelRow, 'network' | 'settings'>) {
  try {
    return providerOf(ctx, row.network, channelWay(row.settings)).provider;
  } catch {
    return undefined;
  }
}

/** Whose app the channel's sign-in used (Instagram via Facebook: the Facebook app). */
function appNetworkOf(ctx: AppContext, row: Pick<ChannelRow, 'network' | 'settings'>): string {
  try {
    return providerOf(ctx, row.network, channelWay(row.settings)).appNetwork;
  } catch {
    return row.network;
  }
}
