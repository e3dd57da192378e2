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
import { publicBaseUrl } from '../../lib/public-url.ts';
import { notFound } from '../../lib/errors.ts';
import { AppError } from '../../lib/errors.ts';
import { channelContext } from '../channels/service.ts';
import { channelRepository, type ChannelRow } from '../channels/repository.ts';
import { publishingRepository } from '../publishing/repository.ts';
import { ingestInbound } from './commands.ts';
import { withFreshToken } from './fresh-token.ts';
import { inboxRepository } from './repository.ts';
import { inboxRulesRepository } from './rules-repository.ts';
import type { InboundItem } from '../../networks/inbox.ts';
import type { PushHeaders } from '../../networks/push-signature.ts';
import { NetworkError } from '../../networks/types.ts';

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
  // What Plaza published there: networks that read comments post by post (LinkedIn) read those posts' too.
  // With a push secret, the push address and secret: networks Plaza registers pushes with (Telegram) read around them.
  const pushSecret = state.push_secret_sealed ? ctx.secrets.open<string>(state.push_secret_sealed) : null;
  const context = {
    ...channelContext(ctx, channel),
    publishedOnChannel: (from: string, limit: number) =>
      publishingRepository.publishedOnChannel(ctx.database.raw, channel.id, new Date(from), limit),
    ...(pushSecret ? { push: { url: pushUrl(publicBaseUrl(ctx.config), channel.id), secret: pushSecret } } : {}),
  };
  try {
    const maxPages = options.maxPages ?? 50;
    for (let page = 0; page < maxPages; page++) {
      const read = await withFreshToken(ctx, channel, context, async (current) => {
        // Renewed credentials serve the pages after this one too.
        context.credentials = current.credentials;
        return inbox.fetchInbound(current, { cursor, ...(cursor === null && since ? { since } : {}) });
      });
      result.pages++;
      // What the network will not let Plaza read (a missing permission): said beside the channel.
      const unavailable = read.unavailable?.[0]?.code ?? null;
      if (page === 0 && unavailable !== (state.unavailable_code ?? null))
        await inboxRepository.saveChannelProgress(ctx.database.db, channel.id, owner, { unavailable_code: unavailable });
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

/** Where a network sends a channel's pushes, under the public address. */
export function pushUrl(baseUrl: string, channelId: string): string {
  return `${baseUrl.replace(/\/$/, '')}/api/v1/inbox/push/${channelId}`;
}

/**
 * Stores the items of a network's push for one channel, once its signature is checked with the
 * channel's push secret on the raw body: the adapter's `parsePush` reads them, and the same
 * ingestion as polling stores each (channel, remote id) once, whichever way it came first.
 */
export async function receivePush(ctx: AppContext, channelId: string, push: { headers: PushHeaders; rawBody: Uint8Array }) {
  const stored = await inboxRulesRepository.pushSecret(ctx.database.db, channelId);
  if (!stored) throw new AppError(404, 'inbox_push_not_configured', 'This channel takes no pushes');
  const channel = await channelRepository.find(ctx.database.db, stored.workspace_id, channelId);
  if (!channel) throw notFound('Channel');
  const inbox = ctx.networks.has(channel.network) ? ctx.networks.get(channel.network).inbox : undefined;
  if (!inbox?.parsePush || !inbox.verifyPush) throw new AppError(400, 'inbox_not_supported', 'This network does not push inbox items');
  const secret = ctx.secrets.open<string>(stored.sealed);
  if (!inbox.verifyPush({ headers: push.headers, rawBody: push.rawBody, secret }))
    throw new AppError(401, 'inbox_push_signature_invalid', 'The push signature does not match');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(push.rawBody).toString('utf8'));
  } catch {
    throw new AppError(400, 'invalid_input', 'The push body is not JSON');
  }
  let items: InboundItem[];
  try {
    items = await inbox.parsePush(channelContext(ctx, channel), body);
  } catch (error) {
    if (error instanceof NetworkError) throw new AppError(400, 'invalid_input', error.message, { reason: error.code });
    throw error;
  }
  return ingestInbound(ctx, channel, items, 'push');
}
