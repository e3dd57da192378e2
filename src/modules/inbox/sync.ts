/**
 * Reading each channel's inbox: the first time, a backfill of the last 30 days page by page
 * (progress saved with every page); afterwards, new items after the durable cursor. One poller
 * per channel at a time (a lease on its inbox_channel_state row). Pushes (`parsePush`) store
 * through the same command, so an item that arrives both ways is stored once.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../../server/context.ts';
import { failureCode } from '../../lib/failure-code.ts';
import { notFound } from '../../lib/errors.ts';
import { AppError } from '../../lib/errors.ts';
import { channelContext } from '../channels/service.ts';
import { channelRepository, type ChannelRow } from '../channels/repository.ts';
import { ingestInbound } from './commands.ts';
import { inboxRepository } from './repository.ts';

/** How far back the first read of a channel goes. */
export const BACKFILL_DAYS = 30;
const LEASE_MS = 120_000;

const processOwner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** Networks whose adapter reads an inbox. */
export function inboxNetworks(ctx: AppContext): string[] {
  return ctx.networks
    .list()
    .filter((adapter) => adapter.inbox)
    .map((adapter) => adapter.name);
}

export interface SyncResult {
  channelId: string;
  created: number;
  duplicates: number;
  pages: number;
  backfill: 'pending' | 'running' | 'done' | 'failed';
  /** Another poller held the channel: nothing was read. */
  skipped?: boolean;
  errorCode?: string;
}

/** Reads one channel's new items (at most `maxPages` pages), saving the cursor with each page. */
export async function syncChannel(
  ctx: AppContext,
  channel: ChannelRow,
  options: { maxPages?: number; owner?: string } = {},
): Promise<SyncResult> {
  const adapter = ctx.networks.has(channel.network) ? ctx.networks.get(channel.network) : null;
  const inbox = adapter?.inbox;
  if (!inbox) throw new AppError(400, 'inbox_not_supported', 'This network has no inbox in Plaza');
  const owner = options.owner ?? processOwner;
  const now = ctx.clock.now();
  const state = await inboxRepository.claimChannel(ctx.database.db, {
    channelId: channel.id,
    workspaceId: channel.workspace_id,
    owner,
    now: new Date(now),
    leaseUntil: new Date(now + LEASE_MS),
  });
  const result: SyncResult = { channelId: channel.id, created: 0, duplicates: 0, pages: 0, backfill: state?.backfill_state ?? 'pending' };
  if (!state) return { ...result, skipped: true };
  let cursor = state.cursor;
  let backfilling = state.backfill_state !== 'done';
  let since: string | undefined;
  if (backfilling) {
    since = (state.backfill_since ?? new Date(now - BACKFILL_DAYS * 86_400_000)).toISOString();
    if (state.backfill_state !== 'running')
      await inboxRepository.saveChannelProgress(ctx.database.db, channel.id, owner, {
        backfill_state: 'running',
        backfill_since: new Date(since),
      });
    result.backfill = 'running';
  }
  try {
    const maxPages = options.maxPages ?? 50;
    for (let page = 0; page < maxPages; page++) {
      const read = await inbox.fetchInbound(channelContext(ctx, channel), { cursor, ...(cursor === null && since ? { since } : {}) });
      result.pages++;
      const done = !read.hasMore;
      const stored = await ingestInbound(ctx, channel, read.items, backfilling ? 'backfill' : 'poll', {
        owner,
        cursor: read.cursor ?? cursor,
        backfillDone: backfilling && done,
      });
      result.created += stored.created;
      result.duplicates += stored.duplicates;
      cursor = read.cursor ?? cursor;
      if (backfilling && done) {
        backfilling = false;
        result.backfill = 'done';
      }
      if (done) break;
    }
  } catch (error) {
    result.errorCode = failureCode(error);
    await inboxRepository.saveChannelProgress(ctx.database.db, channel.id, owner, {
      last_error_code: result.errorCode,
      last_error: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
      last_polled_at: new Date(ctx.clock.now()),
    });
    ctx.logger.warn({ err: error, channelId: channel.id }, 'reading the inbox of a channel failed');
  } finally {
    await inboxRepository.saveChannelProgress(ctx.database.db, channel.id, owner, { leaseUntil: null });
  }
  return result;
}

/** One pass over every active channel whose network has an inbox. */
export async function syncAllChannels(ctx: AppContext, options: { signal?: AbortSignal; maxPages?: number } = {}): Promise<SyncResult[]> {
  const channels = await inboxRepository.activeChannels(ctx.database.db, inboxNetworks(ctx));
  const results: SyncResult[] = [];
  for (const channel of channels) {
    if (options.signal?.aborted) break;
    results.push(await syncChannel(ctx, channel, { maxPages: options.maxPages ?? 10 }));
  }
  return results;
}

/** Reads one channel of a workspace now (the API's "sync now"). */
export async function syncWorkspaceChannel(ctx: AppContext, workspaceId: string, channelId: string): Promise<SyncResult> {
  const channel = await channelRepository.find(ctx.database.db, workspaceId, channelId);
  if (!channel) throw notFound('Channel');
  if (channel.status !== 'active') throw new AppError(409, 'inbox_channel_needs_reconnect', 'The channel needs reconnecting');
  return syncChannel(ctx, channel);
}

/**
 * Stores the items of a push the caller has verified (signature checked with the channel's
 * secret): the adapter's `parsePush` reads them, and items polling also returns are stored once.
 */
export async function ingestPush(ctx: AppContext, workspaceId: string, channelId: string, body: unknown) {
  const channel = await channelRepository.find(ctx.database.db, workspaceId, channelId);
  if (!channel) throw notFound('Channel');
  const inbox = ctx.networks.has(channel.network) ? ctx.networks.get(channel.network).inbox : undefined;
  if (!inbox?.parsePush) throw new AppError(400, 'inbox_not_supported', 'This network does not push inbox items');
  const items = inbox.parsePush(channelContext(ctx, channel), body);
  return ingestInbound(ctx, channel, items, 'push');
}
