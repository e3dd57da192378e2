/**
 * Channel writes: connecting (checked live with the network before anything is stored),
 * renaming or reconnecting, checking the connection now, disconnecting. Each owns its
 * transaction and its events.
 */
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import type { NetworkAdapter } from '../../networks/types.ts';
import { recordEvent } from '../events/events.ts';
import { channelRepository } from './repository.ts';
import { revokeChannelTokens } from '../oauth/refresh.ts';
import { applyHealth, channelContext, probeChannel, verifyNewConnection } from './service.ts';

/** Who asks for a change, in which workspace. */
interface Actor {
  workspaceId: string;
  actorUserId: string;
}

/** Connection fields as submitted: each network declares which it needs (`connectionFields`). */
export type ConnectionFields = Record<string, string | number | boolean>;

/** Splits submitted fields into settings and secrets by the adapter's declaration; 400 on missing or unknown ones. */
function splitFields(fields: Record<string, unknown>, declared: NetworkAdapter['connectionFields']) {
  const settings: Record<string, unknown> = {};
  const credentials: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const field of declared) {
    const value = fields[field.name];
    if (value === undefined || value === '') {
      if (field.required) missing.push(field.name);
      continue;
    }
    (field.secret ? credentials : settings)[field.name] = value;
  }
  const unknown = Object.keys(fields).filter((name) => !declared.some((f) => f.name === name));
  if (missing.length || unknown.length)
    throw badRequest('connection_fields_mismatch', 'Connection fields do not match the network', { missing, unknown });
  return { settings, credentials };
}

async function loadChannel(ctx: AppContext, workspaceId: string, channelId: string) {
  const row = await channelRepository.find(ctx.database.db, workspaceId, channelId);
  if (!row) throw notFound('Channel');
  return row;
}

/** Connects an account: its credentials are checked with the network first, then stored sealed. */
export async function connectChannel(ctx: AppContext, input: Actor & { network: string; name: string; fields: ConnectionFields }) {
  const adapter = ctx.networks.get(input.network);
  const { settings, credentials } = splitFields(input.fields, adapter.connectionFields);
  const { sealed, health } = await verifyNewConnection(ctx, adapter, 'new', settings, credentials);
  return ctx.database.db.transaction().execute(async (trx) => {
    const inserted = await channelRepository.insert(trx, {
      workspaceId: input.workspaceId,
      network: adapter.name,
      name: input.name,
      settings,
      credentialsSealed: sealed,
      account: health.account ?? null,
      lastCheckedAt: new Date(ctx.clock.now()),
    });
    const data = { network: adapter.name, name: inserted.name };
    await recordEvent(trx, {
      workspaceId: inserted.workspace_id,
      actorUserId: input.actorUserId,
      type: 'channel.connected',
      subjectType: 'channel',
      subjectId: inserted.id,
      data,
    });
    return inserted;
  });
}

/** Renames a channel, or reconnects it with new credentials (checked with the network before saving). */
export async function updateChannel(ctx: AppContext, input: Actor & { channelId: string; name?: string; fields?: ConnectionFields }) {
  const row = await loadChannel(ctx, input.workspaceId, input.channelId);
  const adapter = ctx.networks.get(row.network);
  let connection: { settings: Record<string, unknown>; credentialsSealed: string; account: unknown } | undefined;
  if (input.fields) {
    const { settings, credentials } = splitFields(input.fields, adapter.connectionFields);
    const { sealed, health } = await verifyNewConnection(ctx, adapter, row.id, settings, credentials);
    connection = { settings, credentialsSealed: sealed, account: health.account ?? null };
  }
  if (!input.fields && !input.name) return row;
  return ctx.database.db.transaction().execute(async (trx) => {
    const result = await channelRepository.update(trx, row.id, { name: input.name, connection });
    await recordEvent(trx, {
      workspaceId: row.workspace_id,
      actorUserId: input.actorUserId,
      type: input.fields ? 'channel.reconnected' : 'channel.updated',
      subjectType: 'channel',
      subjectId: row.id,
      data: { name: result.name },
    });
    return result;
  });
}

/** Checks the connection now and stores the result (an auth failure marks the channel as needing reconnection). */
export async function checkChannel(ctx: AppContext, input: Actor & { channelId: string }) {
  const row = await loadChannel(ctx, input.workspaceId, input.channelId);
  if (row.status === 'disconnected') throw new AppError(409, 'disconnected', 'This channel is disconnected; reconnect it first');
  const adapter = ctx.networks.get(row.network);
  const health = await probeChannel(adapter, channelContext(ctx, row), ctx.logger);
  const updated = await ctx.database.db.transaction().execute((trx) => applyHealth(trx, ctx, row, health, input.actorUserId));
  return { health, channel: updated };
}

/** Disconnects a channel: credentials are erased, its unstarted publications canceled, history kept. */
export async function disconnectChannel(ctx: AppContext, input: Actor & { channelId: string }): Promise<void> {
  const row = await loadChannel(ctx, input.workspaceId, input.channelId);
  // Signed-in channels: the network is asked to revoke the tokens too (best effort).
  if (row.status !== 'disconnected') await revokeChannelTokens(ctx, row);
  await ctx.database.db.transaction().execute(async (trx) => {
    await channelRepository.disconnect(trx, row.id, ctx.secrets.seal({}));
    await channelRepository.cancelUnstartedPublications(trx, row.id);
    const data = { network: row.network };
    await recordEvent(trx, {
      workspaceId: row.workspace_id,
      actorUserId: input.actorUserId,
      type: 'channel.disconnected',
      subjectType: 'channel',
      subjectId: row.id,
      data,
    });
  });
}
