/**
 * Sends queued replies exactly once, with the publishing engine's rules on a smaller scale:
 * each attempt claims the reply with a lease and a new attempt number (the fencing token of
 * every outcome write); the adapter gets a deadline before the lease ends, so no request of an
 * attempt can land once another may start. A worker that dies mid-call leaves the reply
 * `sending`: when the lease runs out the next worker claims it marked `needs_reconcile`, and
 * asks the network (`findReply`, by the reply id) before sending again. An ambiguous outcome
 * (timeout after sending) does the same.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../../server/context.ts';
import { NetworkError } from '../../networks/types.ts';
import type { ReplyInput, ReplyResult } from '../../networks/inbox.ts';
import { channelContext } from '../channels/service.ts';
import { channelRepository } from '../channels/repository.ts';
import { settleReplyFailed, settleReplyRetry, settleReplySent } from './commands.ts';
import { withFreshToken } from './fresh-token.ts';
import { inboxRepository, type ReplyRow } from './repository.ts';

export interface ReplyEngineOptions {
  /** Who claims (one per process by default). */
  owner?: string;
  /** How long an attempt may take before another worker may look the reply up and retry. */
  leaseMs?: number;
  /** Replies per claim. */
  limit?: number;
  /** Attempts before giving up. */
  maxAttempts?: number;
}

const DEFAULT_LEASE_MS = 30_000;
/** Calls end this long before the lease, so a late request cannot overlap the next attempt. */
const LEASE_MARGIN_MS = 2_000;
/** Writes of a sent reply's outcome before leaving it to the next attempt's lookup. */
const SETTLE_TRIES = 5;
const processOwner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** What a network refusal means for the person who wrote the reply. */
function refusalCode(error: NetworkError): string {
  if (error.kind === 'auth') return 'inbox_channel_needs_reconnect';
  if (error.code === 'item_deleted' || error.code === 'target_deleted' || error.code === 'not_found') return 'inbox_item_deleted';
  if (error.code === 'window_closed' || error.code === 'messaging_window_closed') return 'inbox_window_closed';
  if (error.code === 'action_not_supported') return 'inbox_mode_not_supported';
  return 'inbox_reply_failed';
}

function backoffMs(attempt: number, retryAfterMs?: number): number {
  const base = Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(base / 2 + Math.random() * (base / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Sends one claimed reply and writes its outcome (fenced by owner and attempt). */
async function attempt(
  ctx: AppContext,
  reply: ReplyRow,
  owner: string,
  maxAttempts: number,
): Promise<'sent' | 'retry' | 'failed' | 'lost'> {
  const fence = { id: reply.id, owner, attempt: reply.attempts };
  const db = ctx.database.db;
  const channel = await channelRepository.find(db, reply.workspace_id, reply.channel_id);
  const target = await inboxRepository.findItem(db, reply.workspace_id, reply.item_id);
  const inbox = channel && ctx.networks.has(channel.network) ? ctx.networks.get(channel.network).inbox : undefined;
  if (!channel || !target || !inbox) {
    const settled = await settleReplyFailed(ctx, fence, { code: 'inbox_not_supported', message: 'The channel or its inbox is gone' });
    return settled ? 'failed' : 'lost';
  }
  if (channel.status !== 'active') {
    const settled = await settleReplyFailed(ctx, fence, {
      code: 'inbox_channel_needs_reconnect',
      message: 'The channel needs reconnecting',
    });
    return settled ? 'failed' : 'lost';
  }
  const conversation = await inboxRepository.findConversation(db, reply.workspace_id, reply.conversation_id);
  const input: ReplyInput = {
    replyId: reply.id,
    mode: reply.mode,
    text: reply.text,
    queuedAt: reply.created_at.toISOString(),
    target: {
      remoteId: target.remote_id,
      kind: target.kind as ReplyInput['target']['kind'],
      threadRemoteId: conversation?.thread_remote_id ?? target.remote_id,
      authorId: target.author_id,
      authorHandle: target.author_handle,
      ...(target.in_reply_to_remote_id ? { inReplyToRemoteId: target.in_reply_to_remote_id } : {}),
    },
  };
  const leaseEnd = reply.lease_until ? reply.lease_until.getTime() : ctx.clock.now() + DEFAULT_LEASE_MS;
  const context = {
    ...channelContext(ctx, channel),
    deadline: leaseEnd - LEASE_MARGIN_MS,
    now: () => ctx.clock.now(),
    repliesOnChannel: (limit: number) => inboxRepository.repliesOnChannel(db, channel.id, limit),
  };
  let result: ReplyResult;
  try {
    result = await withFreshToken(ctx, channel, context, async (current) => {
      const found = reply.needs_reconcile ? await inbox.findReply(current, input) : null;
      return found ?? (await inbox.reply(current, input));
    });
  } catch (error) {
    const failure = error instanceof NetworkError ? error : new NetworkError('ambiguous', 'unexpected', String(error));
    const permanent = failure.kind === 'permanent' || failure.kind === 'auth';
    if (permanent || reply.attempts >= maxAttempts) {
      const code = permanent ? refusalCode(failure) : 'inbox_reply_failed';
      return (await settleReplyFailed(ctx, fence, { code, message: failure.message.slice(0, 500) })) ? 'failed' : 'lost';
    }
    // Ambiguous: it may exist on the network, so the next attempt looks it up first (and a
    // reply already being reconciled stays so until it is found or confirmed absent).
    const reconcile = failure.kind === 'ambiguous' || reply.needs_reconcile;
    const at = new Date(ctx.clock.now() + backoffMs(reply.attempts, failure.details.retryAfterMs));
    const settled = await settleReplyRetry(ctx, fence, { at, reconcile, code: failure.code, message: failure.message.slice(0, 500) });
    return settled ? 'retry' : 'lost';
  }
  // The network has the reply: writing that down is retried (a deadlock or a dropped connection is
  // not the network's doing). Should it still fail, the lease runs out and the next attempt finds the
  // reply on the network instead of sending it again.
  for (let tries = 1; ; tries++) {
    try {
      return (await settleReplySent(ctx, fence, result)) ? 'sent' : 'lost';
    } catch (error) {
      if (tries >= SETTLE_TRIES) {
        ctx.logger.warn({ err: error, replyId: reply.id }, 'inbox reply sent but not recorded; the next attempt will find it');
        return 'lost';
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * tries));
    }
  }
}

/**
 * Claims the replies due now and sends them (a few at a time); returns what happened.
 * Runs in the worker's periodic job and, in tests and benchmarks, directly.
 */
export async function processDueReplies(ctx: AppContext, options: ReplyEngineOptions = {}) {
  const owner = options.owner ?? processOwner;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const maxAttempts = options.maxAttempts ?? 8;
  const counts = { sent: 0, retry: 0, failed: 0, lost: 0 };
  const serialNetworks = ctx.networks
    .list()
    .filter((adapter) => adapter.inbox?.capabilities.serialReplies)
    .map((adapter) => adapter.name);
  for (;;) {
    const now = ctx.clock.now();
    const claimed = await inboxRepository.claimDueReplies(ctx.database.db, {
      owner,
      now: new Date(now),
      leaseUntil: new Date(now + leaseMs),
      limit: options.limit ?? 20,
      serialNetworks,
    });
    if (claimed.length === 0) break;
    const outcomes = await Promise.all(claimed.map((reply) => attempt(ctx, reply, owner, maxAttempts)));
    for (const outcome of outcomes) counts[outcome]++;
    if (claimed.length < (options.limit ?? 20)) break;
  }
  return counts;
}
