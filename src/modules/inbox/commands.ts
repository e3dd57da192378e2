/**
 * The inbox's writes, each one transaction with its events: storing inbound items (once per
 * channel and remote id, whichever way they came), conversation changes, replies (queued here,
 * sent by replies.ts), notes, sentiment corrections and saved replies.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { httpUrlOrNull } from '../../lib/safe-url.ts';
import type { InboundItem } from '../../networks/inbox.ts';
import { announceEvents, recordEvent, type EventInput } from '../events/events.ts';
import { channelRepository } from '../channels/repository.ts';
import { inboxRepository, type ConversationRow, type NewItemRow, type ReplyRow } from './repository.ts';
import type { ConversationState, Priority, ReplyMode, SentimentValue } from './tables.ts';
import { classifyInbound, type InboundSentiment } from './classify.ts';
import { foldForSearch, mentionedMembers, previewOf } from './text.ts';
import { applyRules, contactStagesOf, loadRuleSet, newRuleWrites, writeRuleOutcomes } from './rules-apply.ts';
import { channelContext } from '../channels/service.ts';

export type ReceivedVia = 'poll' | 'push' | 'backfill';

/** Where the channel's reading continues, saved with the items it covers (same transaction). */
export interface ChannelProgress {
  owner: string;
  cursor: string | null;
  backfillDone?: boolean;
}

/** Another writer stored some of a page's conversations or items between its two statements: the page is stored again. */
class PageRaced extends Error {}

/** Times a page is stored again after a race (each retry sees what the other writer committed) before giving up. */
const PAGE_ATTEMPTS = 5;

/**
 * Stores a page of inbound items in one transaction; returns how many were new and how many were already stored.
 * Two statements do the work: the first locks the page's existing conversations (id order) and says which remote ids
 * are stored already; then, in TypeScript, only the new items are classified (once per text), the new conversations are
 * made, and each conversation's counters, state, preview and waiting time are worked out in order of the page (as one
 * message after another would leave them), the rules run on each new inbound item (first match wins, seeing the
 * conversation as the earlier items and rules left it); the second statement inserts the new conversations as they
 * end up, updates the locked ones and inserts the new items (ON CONFLICT on (channel, remote id) DO NOTHING: whichever
 * way an item comes, push, poll or backfill, it is stored once). If another worker stored any of them in between (a
 * new thread or item of the same page at the same moment), the transaction is rolled back and the page stored again.
 * The rules' writes and the events follow with one statement each.
 */
export async function ingestInbound(
  ctx: AppContext,
  channel: { id: string; workspace_id: string; network: string },
  items: readonly InboundItem[],
  via: ReceivedVia,
  progress?: ChannelProgress,
): Promise<{ created: number; duplicates: number }> {
  // Items without a valid date are skipped; an item twice in one page counts once (the second is a duplicate).
  const page: PageEntry[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  for (const item of items) {
    const at = new Date(item.createdAt);
    if (Number.isNaN(at.getTime())) continue;
    if (seen.has(item.remoteId)) {
      repeated++;
      continue;
    }
    seen.add(item.remoteId);
    page.push({ item, at });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const { created, hides } = await storePage(ctx, channel, page, via, progress);
      for (const itemId of hides) await hideByRule(ctx, channel, itemId);
      return { created, duplicates: page.length - created + repeated };
    } catch (error) {
      if (!(error instanceof PageRaced) || attempt >= PAGE_ATTEMPTS) throw error;
    }
  }
}

interface PageEntry {
  item: InboundItem;
  at: Date;
}

/** One attempt at storing a page (ingestInbound): its transaction; the items rules asked to hide, for after the commit. */
async function storePage(
  ctx: AppContext,
  channel: { id: string; workspace_id: string; network: string },
  page: readonly PageEntry[],
  via: ReceivedVia,
  progress: ChannelProgress | undefined,
): Promise<{ created: number; hides: string[] }> {
  const now = new Date(ctx.clock.now());
  const hides: string[] = [];
  const created = await ctx.database.db.transaction().execute(async (trx) => {
    // A thread's conversation is made from its first item in the page.
    const firstOfThread = new Map<string, PageEntry>();
    for (const entry of page) if (!firstOfThread.has(entry.item.threadRemoteId)) firstOfThread.set(entry.item.threadRemoteId, entry);
    const locked =
      page.length === 0
        ? { conversations: [], stored: new Set<string>() }
        : await inboxRepository.lockPage(
            trx,
            channel.id,
            [...firstOfThread.keys()],
            page.map(({ item }) => item.remoteId),
          );
    const fresh = page.filter(({ item }) => !locked.stored.has(item.remoteId));
    const byThread = new Map(locked.conversations.map((row) => [row.thread_remote_id, row]));
    const made = new Set<ConversationRow>();
    for (const { item } of fresh) {
      if (byThread.has(item.threadRemoteId)) continue;
      const conversation = newConversation(channel, firstOfThread.get(item.threadRemoteId) as PageEntry, now);
      byThread.set(item.threadRemoteId, conversation);
      made.add(conversation);
    }
    const classified = await classifyInbound(fresh.map(({ item }) => item));
    // Rules run on what arrives from now on; the 30-day history is not acted on (the tester shows it).
    const rules =
      via === 'backfill' || !fresh.some(({ item }) => item.fromUs !== true) ? null : await loadRuleSet(trx, channel.workspace_id);
    const stages = rules
      ? await contactStagesOf(
          trx,
          rules,
          channel.workspace_id,
          channel.network,
          fresh.filter(({ item }) => item.fromUs !== true).map(({ item }) => item.author.id),
        )
      : null;
    const events: EventInput[] = [];
    const writes = newRuleWrites(events);
    const rows: NewItemRow[] = [];
    const touched = new Set<ConversationRow>();
    for (const [index, { item, at }] of fresh.entries()) {
      const conversation = byThread.get(item.threadRemoteId) as ConversationRow;
      const row = newItemRow(channel, conversation.id, item, at, classified[index], via, now);
      rows.push(row);
      touched.add(conversation);
      if (row.direction === 'outbound') {
        const waited = noteOutbound(conversation, at, now);
        if (waited) Object.assign(row, waited);
        continue;
      }
      const before = conversation.state;
      noteInbound(conversation, { at, preview: previewOf(item.text), sentiment: row.sentiment, now });
      // The 30-day history arrives quietly: no notification or webhook per old message.
      if (via === 'backfill') continue;
      const stateAfterItem = conversation.state;
      const outcome = rules
        ? applyRules(
            rules,
            {
              workspaceId: channel.workspace_id,
              channelId: channel.id,
              network: channel.network,
              item: row,
              conversation,
              now,
              stages,
            },
            writes,
          )
        : null;
      if (outcome?.hideItemId) hides.push(outcome.hideItemId);
      events.push({
        workspaceId: channel.workspace_id,
        actorUserId: null,
        type: 'inbox.item.created',
        subjectType: 'inbox_conversation',
        subjectId: conversation.id,
        data: { itemId: row.id, channelId: channel.id, network: channel.network, kind: item.kind, via, state: stateAfterItem },
      });
      if (before === 'resolved' && stateAfterItem === 'open') {
        events.push({
          workspaceId: channel.workspace_id,
          actorUserId: null,
          type: 'inbox.conversation.reopened',
          subjectType: 'inbox_conversation',
          subjectId: conversation.id,
          data: { channelId: channel.id },
        });
      }
    }
    if (rows.length > 0) {
      const updated = [...touched].filter((c) => !made.has(c));
      const written = await inboxRepository.writePage(trx, { created: [...made], updated, items: rows, events });
      if (written.created !== made.size || written.updated !== updated.length || written.items !== rows.length) throw new PageRaced();
      announceEvents(events, written.eventIds);
    }
    await writeRuleOutcomes(trx, writes, now);
    if (progress) {
      await inboxRepository.saveChannelProgress(trx, channel.id, progress.owner, {
        cursor: progress.cursor,
        last_polled_at: now,
        last_error: null,
        last_error_code: null,
        ...(via === 'backfill' ? { addBackfillItems: rows.length } : {}),
        ...(progress.backfillDone ? { backfill_state: 'done' as const } : {}),
      });
    }
    return rows.length;
  });
  return { created, hides };
}

/** A thread's new conversation as its first item in the page starts it (ingestion then counts every new item in). */
function newConversation(
  channel: { id: string; workspace_id: string; network: string },
  { item, at }: PageEntry,
  now: Date,
): ConversationRow {
  const fromUs = item.fromUs === true;
  return {
    id: randomUUID(),
    workspace_id: channel.workspace_id,
    channel_id: channel.id,
    network: channel.network,
    thread_remote_id: item.threadRemoteId,
    kind: item.kind,
    state: 'new',
    assignee_user_id: null,
    priority: 'normal',
    labels: [],
    author_handle: fromUs ? '' : item.author.handle,
    author_name: fromUs ? null : (item.author.displayName ?? null),
    preview: fromUs ? '' : previewOf(item.text),
    sentiment: null,
    unread_count: 0,
    item_count: 0,
    last_inbound_at: null,
    last_message_at: at,
    resolved_at: null,
    created_at: now,
    updated_at: now,
    waiting_since: null,
    first_response_at: null,
    resolved_by_user_id: null,
  };
}

/** A new item's row as it will be stored (our own messages have no sentiment). */
function newItemRow(
  channel: { id: string; workspace_id: string },
  conversationId: string,
  item: InboundItem,
  at: Date,
  sentiment: InboundSentiment | null,
  via: ReceivedVia,
  now: Date,
): NewItemRow {
  const fromUs = item.fromUs === true;
  return {
    id: randomUUID(),
    workspace_id: channel.workspace_id,
    channel_id: channel.id,
    conversation_id: conversationId,
    remote_id: item.remoteId,
    kind: item.kind,
    direction: fromUs ? 'outbound' : 'inbound',
    author_id: item.author.id,
    author_handle: item.author.handle,
    author_name: item.author.displayName ?? null,
    author_url: httpUrlOrNull(item.author.profileUrl ?? null),
    text: item.text,
    search_text: foldForSearch(item.text),
    url: httpUrlOrNull(item.url),
    post_remote_id: item.postRemoteId ?? null,
    in_reply_to_remote_id: item.inReplyToRemoteId ?? null,
    language: sentiment?.language ?? item.language ?? null,
    rating: item.rating ?? null,
    sentiment: sentiment?.label ?? null,
    sentiment_score: sentiment?.score ?? null,
    sentiment_manual: false,
    received_via: via,
    hidden: false,
    liked: false,
    deleted_at: null,
    remote_created_at: at,
    created_at: now,
    rule_id: null,
    waited_since: null,
    first_response: false,
    author_user_id: null,
  };
}

/** The later of two instants (a null one is ignored, as GREATEST does). */
function later(a: Date | null, b: Date): Date {
  return a && a.getTime() > b.getTime() ? a : b;
}

/**
 * A new inbound item in a conversation (the page's locked copy): counts it as unread, and when it is the newest
 * message it becomes the preview and a pending or resolved conversation opens again; the person waits for us from
 * their first message we have not answered.
 */
function noteInbound(c: ConversationRow, item: { at: Date; preview: string; sentiment: string | null; now: Date }): void {
  const newest = item.at.getTime() >= c.last_message_at.getTime();
  c.unread_count += 1;
  c.item_count += 1;
  if (newest) {
    if (c.state === 'resolved') c.resolved_at = null;
    if (c.state === 'pending' || c.state === 'resolved') c.state = 'open';
    c.preview = item.preview;
    c.sentiment = item.sentiment;
    c.waiting_since ??= item.at;
  }
  c.last_inbound_at = later(c.last_inbound_at, item.at);
  c.last_message_at = later(c.last_message_at, item.at);
  c.updated_at = item.now;
}

/**
 * Our own message in a conversation seen by polling: it waits for them. Returns since when the person had waited
 * and whether it was the first answer (kept on the item: the service-level reports read them), or null.
 */
function noteOutbound(c: ConversationRow, at: Date, now: Date): { waited_since: Date; first_response: boolean } | null {
  const answered = c.waiting_since !== null && c.waiting_since.getTime() <= at.getTime() ? c.waiting_since : null;
  const result = answered ? { waited_since: answered, first_response: c.first_response_at === null } : null;
  c.item_count += 1;
  if (at.getTime() >= c.last_message_at.getTime() && (c.state === 'new' || c.state === 'open')) c.state = 'pending';
  if (answered) {
    c.first_response_at ??= at;
    c.waiting_since = null;
  }
  c.last_message_at = later(c.last_message_at, at);
  c.updated_at = now;
  return result;
}

/** Hides an item on its network because a rule said so (after the commit); a refusal is logged, the item stays shown. */
async function hideByRule(ctx: AppContext, channel: { id: string; workspace_id: string; network: string }, itemId: string) {
  const inbox = ctx.networks.has(channel.network) ? ctx.networks.get(channel.network).inbox : undefined;
  if (!inbox?.capabilities.actions.includes('hide')) return;
  const row = await channelRepository.find(ctx.database.db, channel.workspace_id, channel.id);
  const item = await inboxRepository.findItem(ctx.database.db, channel.workspace_id, itemId);
  if (!row || !item) return;
  try {
    await inbox.act(channelContext(ctx, row), 'hide', {
      remoteId: item.remote_id,
      kind: item.kind as InboundItem['kind'],
      threadRemoteId: '',
      authorId: item.author_id,
      authorHandle: item.author_handle,
    });
    await ctx.database.db.transaction().execute(async (trx) => {
      await inboxRepository.updateItem(trx, item.id, { hidden: true });
      await recordEvent(trx, {
        workspaceId: channel.workspace_id,
        actorUserId: null,
        type: 'inbox.action.done',
        subjectType: 'inbox_conversation',
        subjectId: item.conversation_id,
        data: { itemId: item.id, action: 'hide', ruleId: item.rule_id },
      });
    });
  } catch (error) {
    ctx.logger.warn({ err: error, itemId }, 'a rule could not hide a message on its network');
  }
}

/** What a person may change on a conversation at once. */
export interface ConversationChange {
  state?: ConversationState;
  assigneeUserId?: string | null;
  priority?: Priority;
  labels?: string[];
  /** Marks every message read (opening it). */
  read?: boolean;
}

async function loadConversation(db: Db, workspaceId: string, conversationId: string): Promise<ConversationRow> {
  const row = await inboxRepository.lockConversation(db, workspaceId, conversationId);
  if (!row) throw notFound('Conversation');
  return row;
}

/** Changes a conversation's state, assignee, priority, labels or read mark; assigned and resolved are events of their own. */
export async function changeConversation(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; conversationId: string; change: ConversationChange },
): Promise<ConversationRow> {
  const { change } = input;
  if (change.assigneeUserId) {
    const members = await inboxRepository.members(ctx.database.db, input.workspaceId);
    if (!members.some((m) => m.id === change.assigneeUserId))
      throw new AppError(400, 'inbox_not_a_member', 'The assignee is not a member of this workspace');
  }
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await loadConversation(trx, input.workspaceId, input.conversationId);
    const after = await inboxRepository.updateConversation(
      trx,
      before.id,
      {
        ...(change.state !== undefined
          ? {
              state: change.state,
              resolved_at: change.state === 'resolved' ? now : null,
              resolved_by_user_id: change.state === 'resolved' ? input.actorUserId : null,
              // Resolved: nobody waits any more; reopened by hand: the person waits again from now.
              ...(change.state === 'resolved'
                ? { waiting_since: null }
                : before.state === 'resolved' && change.state !== 'pending'
                  ? { waiting_since: now }
                  : {}),
            }
          : {}),
        ...(change.assigneeUserId !== undefined ? { assignee_user_id: change.assigneeUserId } : {}),
        ...(change.priority !== undefined ? { priority: change.priority } : {}),
        ...(change.labels !== undefined ? { labels: [...new Set(change.labels.map((l) => l.trim()).filter(Boolean))] } : {}),
        ...(change.read || change.state === 'resolved' ? { unread_count: 0 } : {}),
        // Opening a new conversation is reading it.
        ...(change.read && before.state === 'new' && change.state === undefined ? { state: 'open' as const } : {}),
      },
      now,
    );
    const base = {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      subjectType: 'inbox_conversation',
      subjectId: before.id,
    };
    if (change.assigneeUserId !== undefined && change.assigneeUserId !== before.assignee_user_id) {
      await recordEvent(trx, {
        ...base,
        type: 'inbox.conversation.assigned',
        // The assignee is told (notifications are per recipient when data.recipientUserId is set).
        data: {
          assigneeUserId: change.assigneeUserId,
          previousAssigneeUserId: before.assignee_user_id,
          recipientUserId: change.assigneeUserId,
        },
      });
    }
    if (change.state === 'resolved' && before.state !== 'resolved') {
      await recordEvent(trx, { ...base, type: 'inbox.conversation.resolved', data: { channelId: before.channel_id } });
    }
    const other =
      (change.state !== undefined && change.state !== 'resolved' && change.state !== before.state) ||
      change.priority !== undefined ||
      change.labels !== undefined;
    if (other) {
      await recordEvent(trx, {
        ...base,
        type: 'inbox.conversation.updated',
        data: { state: after.state, priority: after.priority, labels: after.labels },
      });
    }
    return after;
  });
}

/** The reply a teammate already sent or is sending, as the 409 shows it. */
function presentOtherReply(reply: ReplyRow & { author_name: string | null }) {
  return {
    id: reply.id,
    authorUserId: reply.author_user_id,
    authorName: reply.author_name,
    text: reply.text,
    state: reply.state,
    createdAt: reply.created_at.toISOString(),
  };
}

/**
 * Queues a reply to one item of a conversation (by default its newest inbound message), after
 * the checks a person must hear about before anything is sent: the item still there, the
 * channel connected, the network's kind of reply, its messaging window and length, and no
 * teammate's reply to the same item (409 with that reply, unless `force`). Sent by replies.ts.
 */
export async function queueReply(
  ctx: AppContext,
  input: {
    workspaceId: string;
    actorUserId: string;
    conversationId: string;
    itemId?: string;
    mode?: ReplyMode;
    text: string;
    force?: boolean;
  },
): Promise<ReplyRow> {
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    const conversation = await loadConversation(trx, input.workspaceId, input.conversationId);
    const target = input.itemId
      ? await inboxRepository.findItem(trx, input.workspaceId, input.itemId)
      : await inboxRepository.latestInbound(trx, conversation.id);
    if (!target || target.conversation_id !== conversation.id) throw notFound('Message');
    if (target.deleted_at || target.hidden)
      throw conflict('inbox_item_deleted', 'The message was deleted or hidden: it can no longer be answered');
    const channel = await channelRepository.find(trx, input.workspaceId, conversation.channel_id);
    if (channel?.status !== 'active') throw conflict('inbox_channel_needs_reconnect', 'The channel needs reconnecting before replying');
    const inbox = ctx.networks.has(channel.network) ? ctx.networks.get(channel.network).inbox : undefined;
    if (!inbox) throw new AppError(400, 'inbox_not_supported', 'This network has no inbox in Plaza');
    const mode: ReplyMode = input.mode ?? (target.kind === 'direct_message' ? 'direct_message' : 'public');
    const action = mode === 'public' ? 'reply' : mode === 'private' ? 'private_reply' : 'direct_message';
    if (!inbox.capabilities.actions.includes(action))
      throw new AppError(400, 'inbox_mode_not_supported', `This network does not allow a ${mode} reply`, { mode });
    const windowHours = inbox.capabilities.messagingWindowHours;
    if (mode !== 'public' && windowHours !== undefined) {
      const last = conversation.last_inbound_at ?? target.remote_created_at;
      if (now.getTime() - last.getTime() > windowHours * 3_600_000)
        throw conflict(
          'inbox_window_closed',
          `The network allows answering only within ${windowHours} hours of the person's last message`,
          {
            windowHours,
            closedAt: new Date(last.getTime() + windowHours * 3_600_000).toISOString(),
          },
        );
    }
    const max = inbox.capabilities.maxReplyChars;
    const length = Array.from(input.text).length;
    if (max !== undefined && length > max)
      throw new AppError(400, 'inbox_reply_too_long', `The reply has ${length} characters; the network takes ${max}`, {
        max,
        count: length,
      });
    if (!input.force) {
      const other = await inboxRepository.otherReply(trx, target.id);
      if (other) throw conflict('inbox_already_answered', 'This message already has a reply', { reply: presentOtherReply(other) });
    }
    const reply = await inboxRepository.insertReply(trx, {
      workspace_id: input.workspaceId,
      channel_id: channel.id,
      conversation_id: conversation.id,
      item_id: target.id,
      author_user_id: input.actorUserId,
      mode,
      text: input.text,
      lease_owner: null,
      lease_until: null,
      next_attempt_at: now,
      remote_id: null,
      remote_url: null,
      error_code: null,
      error_message: null,
      created_at: now,
    });
    await inboxRepository.updateConversation(trx, conversation.id, { unread_count: 0 }, now);
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.reply.queued',
      subjectType: 'inbox_conversation',
      subjectId: conversation.id,
      data: { replyId: reply.id, mode },
    });
    return reply;
  });
}

/** A reply the network confirmed: stored as the conversation's outbound item (once) and the conversation waits for them. */
export async function settleReplySent(
  ctx: AppContext,
  fence: { id: string; owner: string; attempt: number },
  result: { remoteId: string; remoteUrl: string | null },
): Promise<ReplyRow | null> {
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    const reply = await inboxRepository.settleReply(trx, fence, {
      state: 'sent',
      remote_id: result.remoteId,
      remote_url: httpUrlOrNull(result.remoteUrl),
      sent_at: now,
      error_code: null,
      error_message: null,
    });
    if (!reply) return null;
    // The conversation is locked before its new item is inserted: the insert's key-share lock on it,
    // then noteOutbound's lock, deadlocked two replies settling in one conversation at once.
    const conversation = await inboxRepository.lockConversation(trx, reply.workspace_id, reply.conversation_id);
    const target = await inboxRepository.findItem(trx, reply.workspace_id, reply.item_id);
    if (target && conversation) {
      const stored = await inboxRepository.insertItem(trx, {
        workspace_id: reply.workspace_id,
        channel_id: reply.channel_id,
        conversation_id: reply.conversation_id,
        remote_id: result.remoteId,
        kind: reply.mode === 'direct_message' ? 'direct_message' : 'reply',
        direction: 'outbound',
        author_id: '',
        author_handle: '',
        author_name: null,
        author_url: null,
        text: reply.text,
        search_text: foldForSearch(reply.text),
        url: httpUrlOrNull(result.remoteUrl),
        post_remote_id: null,
        in_reply_to_remote_id: target.remote_id,
        language: null,
        rating: null,
        sentiment: null,
        sentiment_score: null,
        received_via: 'reply',
        remote_created_at: now,
        created_at: now,
        author_user_id: reply.author_user_id,
      });
      if (stored) await inboxRepository.noteOutbound(trx, conversation.id, now, now, stored.id);
    }
    await recordEvent(trx, {
      workspaceId: reply.workspace_id,
      actorUserId: reply.author_user_id,
      type: 'inbox.reply.sent',
      subjectType: 'inbox_conversation',
      subjectId: reply.conversation_id,
      data: { replyId: reply.id, remoteId: result.remoteId },
    });
    return reply;
  });
}

/** A reply the network refused for good (or gave up on): the draft stays readable on the conversation. */
export async function settleReplyFailed(
  ctx: AppContext,
  fence: { id: string; owner: string; attempt: number },
  failure: { code: string; message: string },
): Promise<ReplyRow | null> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const reply = await inboxRepository.settleReply(trx, fence, {
      state: 'failed',
      error_code: failure.code,
      error_message: failure.message,
    });
    if (!reply) return null;
    await recordEvent(trx, {
      workspaceId: reply.workspace_id,
      actorUserId: null,
      type: 'inbox.reply.failed',
      subjectType: 'inbox_conversation',
      subjectId: reply.conversation_id,
      data: { replyId: reply.id, code: failure.code, recipientUserId: reply.author_user_id },
    });
    return reply;
  });
}

/** Back in the queue for another attempt (looking the reply up first when the last outcome was unknown). */
export async function settleReplyRetry(
  ctx: AppContext,
  fence: { id: string; owner: string; attempt: number },
  retry: { at: Date; reconcile: boolean; code: string; message: string },
): Promise<ReplyRow | null> {
  return inboxRepository.settleReply(ctx.database.db, fence, {
    state: 'queued',
    next_attempt_at: retry.at,
    ...(retry.reconcile ? { needs_reconcile: true } : {}),
    error_code: retry.code,
    error_message: retry.message,
  });
}

/** Records what an action on an item did on the network (like, hide, delete…), after the network did it. */
export async function recordItemAction(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; itemId: string; action: string },
): Promise<void> {
  const now = new Date(ctx.clock.now());
  await ctx.database.db.transaction().execute(async (trx) => {
    const item = await inboxRepository.findItem(trx, input.workspaceId, input.itemId);
    if (!item) throw notFound('Message');
    const patch =
      input.action === 'like'
        ? { liked: true }
        : input.action === 'unlike'
          ? { liked: false }
          : input.action === 'hide'
            ? { hidden: true }
            : input.action === 'unhide'
              ? { hidden: false }
              : input.action === 'delete'
                ? { deleted_at: now }
                : null;
    if (patch) await inboxRepository.updateItem(trx, item.id, patch);
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.action.done',
      subjectType: 'inbox_conversation',
      subjectId: item.conversation_id,
      data: { itemId: item.id, action: input.action },
    });
  });
}

/** A person's sentiment label for an item: kept over the classifier from now on. */
export async function correctSentiment(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; itemId: string; sentiment: SentimentValue },
) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const item = await inboxRepository.findItem(trx, input.workspaceId, input.itemId);
    if (item?.direction !== 'inbound') throw notFound('Message');
    const updated = await inboxRepository.updateItem(trx, item.id, { sentiment: input.sentiment, sentiment_manual: true });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.sentiment_corrected',
      subjectType: 'inbox_conversation',
      subjectId: item.conversation_id,
      data: { itemId: item.id, from: item.sentiment, to: input.sentiment },
    });
    return updated;
  });
}

/** An internal note; each teammate it @mentions is notified. */
export async function addNote(ctx: AppContext, input: { workspaceId: string; actorUserId: string; conversationId: string; text: string }) {
  const members = await inboxRepository.members(ctx.database.db, input.workspaceId);
  const mentioned = mentionedMembers(input.text, members).filter((m) => m.id !== input.actorUserId);
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    const conversation = await loadConversation(trx, input.workspaceId, input.conversationId);
    const note = await inboxRepository.insertNote(trx, {
      workspace_id: input.workspaceId,
      conversation_id: conversation.id,
      author_user_id: input.actorUserId,
      text: input.text,
      mentioned_user_ids: JSON.stringify(mentioned.map((m) => m.id)),
      created_at: now,
    });
    const base = {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      subjectType: 'inbox_conversation',
      subjectId: conversation.id,
    };
    await recordEvent(trx, { ...base, type: 'inbox.note.created', data: { noteId: note.id } });
    for (const person of mentioned)
      await recordEvent(trx, { ...base, type: 'inbox.note.mentioned', data: { noteId: note.id, recipientUserId: person.id } });
    return { note, mentioned };
  });
}

/** A saved reply (one language) and its event. */
export async function createSavedReply(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; name: string; language: 'es' | 'en'; text: string },
) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const row = await inboxRepository.insertSavedReply(trx, {
      workspace_id: input.workspaceId,
      name: input.name,
      language: input.language,
      text: input.text,
      created_at: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.saved_reply.created',
      subjectType: 'inbox_saved_reply',
      subjectId: row.id,
      data: { name: row.name, language: row.language },
    });
    return row;
  });
}

export async function deleteSavedReply(ctx: AppContext, input: { workspaceId: string; actorUserId: string; savedReplyId: string }) {
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await inboxRepository.deleteSavedReply(trx, input.workspaceId, input.savedReplyId))) throw notFound('Saved reply');
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.saved_reply.deleted',
      subjectType: 'inbox_saved_reply',
      subjectId: input.savedReplyId,
    });
  });
}
