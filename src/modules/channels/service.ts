import { presentCapabilities } from '../posts/capability-schema.ts';
import type { AppContext } from '../../server/context.ts';
import type { ChannelContext, ChannelHealth, NetworkAdapter, NetworkQuotaUsage } from '../../networks/types.ts';
import { NetworkError } from '../../networks/types.ts';
import { AppError } from '../../lib/errors.ts';
import type { Db } from '../../db/database.ts';
import { recordEvent } from '../events/events.ts';
import type { Logger } from 'pino';
import { PRIVATE_ADDRESS, UNEXPECTED_RESPONSE, UNREACHABLE, publicHealthError } from './connection-errors.ts';
import { channelRepository, type ChannelRow } from './repository.ts';
import { workspacesRepository } from '../workspaces/repository.ts';
import { DateTime } from 'luxon';

export type { ChannelRow } from './repository.ts';

/** What the API shows of a channel: never its credentials. */
export function presentChannel(ctx: AppContext, row: ChannelRow, apiCost?: ChannelApiCost | null) {
  const adapter = ctx.networks.has(row.network) ? ctx.networks.get(row.network) : null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    network: row.network,
    networkLabel: adapter?.label ?? { en: row.network, es: row.network },
    simulated: adapter?.simulated ?? false,
    name: row.name,
    settings: row.settings,
    status: row.status,
    account: row.account,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
    lastCheckedAt: row.last_checked_at,
    createdAt: row.created_at,
    limits: adapter?.limits ?? null,
    ...presentCapabilities(ctx.config, adapter),
    connectionExpiresAt: row.connection_expires_at ?? null,
    signIn: Boolean(adapter?.oauth) && typeof row.settings.oauthRemoteId === 'string',
    ...(apiCost !== undefined && { apiCost }),
    quota: adapter?.quotaUsage ? presentQuota(adapter.quotaUsage({ settings: row.settings })) : null,
  };
}

/** A network's daily quota (YouTube) as the API shows it: one row per bucket. */
function presentQuota(usage: NetworkQuotaUsage) {
  return {
    day: usage.day,
    resetsAt: usage.resetsAt,
    buckets: Object.keys(usage.limit).map((bucket) => ({ bucket, used: usage.used[bucket] ?? 0, limit: usage.limit[bucket] ?? 0 })),
  };
}

/** What a channel on a per-call-billed network (X) spent on the API this month, in the brand's time zone. */
export interface ChannelApiCost {
  currency: 'USD';
  /** The month, YYYY-MM, in the brand's time zone. */
  month: string;
  total: number;
  /** Publications the total covers. */
  publications: number;
}

/**
 * This month's API spend of each of the workspace's channels whose network bills per call (others:
 * absent from the map). The month starts at midnight on the 1st in the brand's time zone.
 */
export async function channelApiCosts(ctx: AppContext, workspaceId: string, rows: ChannelRow[]): Promise<Map<string, ChannelApiCost>> {
  const billed = rows.filter((row) => ctx.networks.has(row.network) && ctx.networks.get(row.network).estimateApiCost);
  const costs = new Map<string, ChannelApiCost>();
  if (billed.length === 0) return costs;
  const workspace = await workspacesRepository.findWorkspace(ctx.database.db, workspaceId);
  const start = DateTime.fromMillis(ctx.clock.now(), { zone: workspace?.time_zone ?? 'UTC' }).startOf('month');
  const spent = await channelRepository.apiCostsSince(ctx.database.db, workspaceId, start.toJSDate());
  for (const row of billed) {
    const found = spent.get(row.id);
    costs.set(row.id, {
      currency: 'USD',
      month: start.toFormat('yyyy-MM'),
      total: Math.round((found?.total ?? 0) * 1000) / 1000,
      publications: found?.publications ?? 0,
    });
  }
  return costs;
}

/**
 * Where a network is reached (PLAZA_NETWORK_ORIGINS), for every ChannelContext and sign-in call:
 * undefined means the network's official hosts. The one place that reads the setting.
 */
export function networkOrigin(config: { networkOrigins?: Record<string, string> } | undefined, network: string | undefined) {
  return network ? config?.networkOrigins?.[network] : undefined;
}

/** Builds the adapter's view of a channel, decrypting credentials just for this call. */
export function channelContext(
  ctx: AppContext,
  row: Pick<ChannelRow, 'id' | 'settings' | 'credentials_sealed'> & { network?: string },
  signal?: AbortSignal,
): ChannelContext {
  const origin = networkOrigin(ctx.config, row.network);
  return {
    channelId: row.id,
    settings: row.settings,
    credentials: ctx.secrets.open<Record<string, unknown>>(row.credentials_sealed),
    signal,
    allowPrivateUrls: ctx.config.allowPrivateUrls,
    ...(origin && { origin }),
  };
}

/**
 * Runs a health check, turning any failure into a ChannelHealth with a reason users may see
 * (transport failures generic, see connection-errors.ts; the original goes to `log`).
 */
export async function probeChannel(adapter: NetworkAdapter, channel: ChannelContext, log?: Pick<Logger, 'warn'>): Promise<ChannelHealth> {
  let health: ChannelHealth;
  try {
    health = await adapter.checkHealth(channel);
  } catch (error) {
    health =
      error instanceof NetworkError
        ? { ok: false, error: { code: error.code, message: error.message, kind: error.kind } }
        : { ok: false, error: { code: 'unreachable', message: (error as Error).message } };
  }
  if (health.ok || !health.error) return health;
  return { ...health, error: publicHealthError(health.error, log, { network: adapter.name, channelId: channel.channelId }) };
}

/**
 * Stores a health result on the channel; an auth failure marks it as needing
 * reconnection (and says so in the audit log and the live activity feed).
 */
export async function applyHealth(
  db: Db,
  ctx: AppContext,
  row: ChannelRow,
  health: ChannelHealth,
  actorUserId: string | null,
): Promise<ChannelRow> {
  const needsReconnect = !health.ok && health.error?.kind === 'auth';
  const status = health.ok ? 'active' : needsReconnect ? 'needs_reconnect' : row.status === 'disconnected' ? 'disconnected' : row.status;
  const updated = await channelRepository.recordHealth(db, row.id, {
    status,
    lastError: health.ok ? null : (health.error?.message ?? 'Unknown error'),
    lastErrorCode: health.ok ? null : (health.error?.code ?? 'unreachable'),
    checkedAt: new Date(ctx.clock.now()),
    ...(health.account && { account: health.account }),
  });
  if (updated.status !== row.status) {
    await recordEvent(db, {
      workspaceId: row.workspace_id,
      actorUserId,
      type: needsReconnect ? 'channel.needs_reconnect' : 'channel.status_changed',
      subjectType: 'channel',
      subjectId: row.id,
      // reasonCode: the network's code, which the web app shows translated (reason is its raw words).
      data: { from: row.status, to: updated.status, reason: updated.last_error, reasonCode: health.error?.code ?? null },
    });
  }
  return updated;
}

/** Marks a channel as needing reconnection after the network rejected its credentials mid-publish. */
export async function markNeedsReconnect(db: Db, channelId: string, reason: string, reasonCode?: string): Promise<void> {
  const row = await channelRepository.markNeedsReconnect(db, channelId, reason, reasonCode ?? null);
  if (row)
    await recordEvent(db, {
      workspaceId: row.workspace_id,
      actorUserId: null,
      type: 'channel.needs_reconnect',
      subjectType: 'channel',
      subjectId: row.id,
      data: { reason, reasonCode: reasonCode ?? null },
    });
}

/**
 * Checks credentials with the network before they are stored; a refusal is a 400
 * with the network's reason. Returns the sealed credentials and the health result.
 */
export async function verifyNewConnection(
  ctx: AppContext,
  adapter: NetworkAdapter,
  channelId: string,
  settings: Record<string, unknown>,
  credentials: Record<string, unknown>,
) {
  const sealed = ctx.secrets.seal(credentials);
  const health = await probeChannel(
    adapter,
    channelContext(ctx, { id: channelId, network: adapter.name, settings, credentials_sealed: sealed }),
    ctx.logger,
  );
  if (!health.ok) {
    const error = health.error ?? UNREACHABLE;
    // Stable codes the web app translates: private_address, unexpected_response, else connection_failed.
    const code =
      error.code === PRIVATE_ADDRESS.code
        ? 'private_address'
        : error.code === UNEXPECTED_RESPONSE.code
          ? 'unexpected_response'
          : 'connection_failed';
    // details.code is the network's reason (e.g. invalid_token), which the web app translates too.
    throw new AppError(400, code, `Could not connect: ${error.message}`, { ...error, network: adapter.name });
  }
  return { sealed, health };
}

/**
 * The values a channel's account offers for one of its network's `choicesFromAccount` options
 * (WordPress: the site's categories or tags), read from the network now. An unknown option is a
 * 404; a network that refuses or cannot be reached is a 502 `connection_failed` with its reason code.
 */
export async function accountOptionChoices(ctx: AppContext, input: { workspaceId: string; channelId: string; option: string }) {
  const row = await channelRepository.find(ctx.database.db, input.workspaceId, input.channelId);
  if (!row) throw new AppError(404, 'not_found', 'Channel not found');
  if (row.status === 'disconnected') throw new AppError(409, 'disconnected', 'This channel is disconnected; reconnect it first');
  const adapter = ctx.networks.get(row.network);
  const option = adapter.capabilities?.options.find((o) => o.name === input.option && o.choicesFromAccount);
  if (!option || !adapter.optionChoices)
    throw new AppError(404, 'not_found', `${adapter.label.en} channels offer no choices for the option "${input.option}"`);
  try {
    return await adapter.optionChoices(channelContext(ctx, row, AbortSignal.timeout(20_000)), option.name);
  } catch (error) {
    const failure =
      error instanceof NetworkError
        ? { code: error.code, message: error.message, kind: error.kind }
        : { code: 'unreachable', message: (error as Error).message };
    const shown = publicHealthError(failure, ctx.logger, { network: adapter.name, channelId: row.id });
    throw new AppError(502, 'connection_failed', `Could not read the choices: ${shown.message}`, { ...shown, network: adapter.name });
  }
}
