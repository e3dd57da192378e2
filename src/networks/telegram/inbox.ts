/**
 * Telegram inbox (../inbox.ts), on the Bot API: comments on the channel's posts live in the
 * channel's linked discussion group (`getChat` → `linked_chat_id`), where Telegram copies each
 * post (`is_automatic_forward`). The bot, a member of that group, reads them with `getUpdates`
 * (`message` updates; the durable cursor is the last `update_id`, and `offset` confirms what was
 * read). A message answering the copy is a comment; one answering a comment is a reply; the
 * conversation is the post's thread in the group (`message_thread_id`).
 * - reply: `sendMessage` in the group with `reply_parameters`. The Bot API cannot read history,
 *   so a lost answer is looked up as the channel's posts are (adapter.ts): message ids in a group
 *   count up, and a bot's probe that changes nothing (`editMessageReplyMarkup` without a keyboard)
 *   answers "not modified" on its own messages, "can't be edited" on anyone else's and "not found"
 *   where there is none. `findReply` starts after the answered message, or after the newest reply
 *   Plaza recorded as sent there before this one was queued (the inbox's record, in the database:
 *   ChannelContext.repliesOnChannel, so any worker finds it, after a restart too), skips Plaza's
 *   other recorded replies and other people's messages, and takes the first other message of the bot;
 *   a few missing ids in a row mean nothing was sent. Limits in docs/networks/telegram.md.
 * - delete: `deleteMessage` in the group (the bot needs "Delete messages" there).
 * getUpdates works only while the bot has no webhook (409 otherwise), and `offset` confirms every
 * earlier update, reactions included: reaction counts (fetchMetrics) see those not yet confirmed.
 */
import type { InboundItem, InboundPage, InboxAdapter, ReplyInput, ReplyResult } from '../inbox.ts';
import { encodeInboxCursor, parseInboxCursor } from '../inbox-cursor.ts';
import { NetworkError, type ChannelContext } from '../types.ts';
import type { TelegramClient } from './api.ts';

interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}

interface TgMessage {
  message_id: number;
  date: number;
  chat: { id: number; type: string };
  from?: TgUser;
  text?: string;
  caption?: string;
  message_thread_id?: number;
  is_automatic_forward?: boolean;
  forward_origin?: { type: string; message_id?: number };
  reply_to_message?: TgMessage;
}

/** The updates kinds Plaza reads, the same list for the inbox and the reaction counts (getUpdates remembers it). */
export const TELEGRAM_ALLOWED_UPDATES = ['message', 'message_reaction_count'];

const REMOTE_ID = /^(-?\d+):(\d+)$/;

/** Ids in a row that do not exist before a reply's reconcile concludes that nothing was sent. */
const MAX_ID_GAP = 3;
/** Probes one reply's reconcile may make at most (other people's messages in between count). */
const MAX_PROBES = 60;

export function createTelegramInbox(deps: {
  clientFor(ctx: ChannelContext): TelegramClient;
  /** Whether message `id` of chat `chat` exists and is the bot's own (editMessageReplyMarkup probe). */
  probe(client: TelegramClient, chat: number, id: number): Promise<'own' | 'other' | 'none'>;
}): InboxAdapter {
  /** A cache of each channel's discussion group (getChat answers it again after a restart). */
  const groups = new Map<string, number>();

  async function discussionOf(client: TelegramClient): Promise<number> {
    const key = client.channel.chatId;
    const known = groups.get(key);
    if (known !== undefined) return known;
    const chat = await client.call<{ linked_chat_id?: number }>('getChat', { chat_id: client.channel.chatId }, false);
    if (typeof chat.linked_chat_id !== 'number')
      throw new NetworkError('permanent', 'telegram_not_discussion', 'The channel has no discussion group linked');
    groups.set(key, chat.linked_chat_id);
    return chat.linked_chat_id;
  }

  function itemOf(message: TgMessage, group: number, botId: number | undefined): InboundItem | null {
    const parent = message.reply_to_message;
    if (!parent || message.is_automatic_forward) return null; // the copies of our posts, and chatter outside threads
    const threadRoot = message.message_thread_id ?? parent.message_id;
    const user = message.from;
    const handle = user?.username ?? [user?.first_name, user?.last_name].filter(Boolean).join(' ') ?? String(user?.id ?? 'unknown');
    const item: InboundItem = {
      remoteId: `${group}:${message.message_id}`,
      kind: parent.is_automatic_forward ? 'comment' : 'reply',
      threadRemoteId: `${group}:${threadRoot}`,
      inReplyToRemoteId: `${group}:${parent.message_id}`,
      author: { id: String(user?.id ?? 'unknown'), handle: handle || String(user?.id ?? 'unknown') },
      text: message.text ?? message.caption ?? '',
      url: null,
      createdAt: new Date(message.date * 1000).toISOString(),
    };
    const name = [user?.first_name, user?.last_name].filter(Boolean).join(' ');
    if (name) item.author.displayName = name;
    if (user?.username) item.author.profileUrl = `https://t.me/${user.username}`;
    if (parent.is_automatic_forward && parent.forward_origin?.message_id) item.postRemoteId = String(parent.forward_origin.message_id);
    if (botId !== undefined && user?.id === botId) item.fromUs = true;
    return item;
  }

  function parseTarget(input: ReplyInput['target']): { chat: number; message: number } {
    const match = REMOTE_ID.exec(input.remoteId);
    if (!match) throw new NetworkError('permanent', 'invalid_id', 'Not a Telegram discussion message');
    return { chat: Number(match[1]), message: Number(match[2]) };
  }

  return {
    capabilities: { kinds: ['comment', 'reply'], actions: ['reply', 'delete'], maxReplyChars: 4096 },

    async fetchInbound(ctx, { cursor, since }): Promise<InboundPage> {
      const client = deps.clientFor(ctx);
      const group = await discussionOf(client);
      const state = parseInboxCursor<{ u?: number }>(cursor);
      const sinceMs = since ? Date.parse(since) : 0;
      const updates = await client.call<Array<{ update_id: number; message?: TgMessage }>>(
        'getUpdates',
        { offset: state.u !== undefined ? state.u + 1 : undefined, allowed_updates: TELEGRAM_ALLOWED_UPDATES, limit: 100, timeout: 0 },
        false,
      );
      const items: InboundItem[] = [];
      let last = state.u;
      for (const update of updates) {
        last = Math.max(last ?? 0, update.update_id);
        const message = update.message;
        if (!message || message.chat.id !== group || message.date * 1000 < sinceMs) continue;
        const item = itemOf(message, group, undefined);
        if (item) items.push(item);
      }
      return { items, cursor: encodeInboxCursor(last !== undefined ? { u: last } : {}), hasMore: updates.length >= 100 };
    },

    async reply(ctx, input) {
      if (input.mode !== 'public') throw new NetworkError('permanent', 'action_not_supported', 'Telegram discussion replies are public');
      if (input.text.trim() === '') throw new NetworkError('permanent', 'invalid_content', 'The reply is empty');
      const client = deps.clientFor(ctx);
      const target = parseTarget(input.target);
      if (target.chat !== (await discussionOf(client)))
        throw new NetworkError('permanent', 'telegram_not_discussion', 'That message is not in the channel’s discussion group');
      const message = await client.call<TgMessage>('sendMessage', {
        chat_id: target.chat,
        text: input.text,
        reply_parameters: { message_id: target.message },
      });
      return { remoteId: `${target.chat}:${message.message_id}`, remoteUrl: null };
    },

    async findReply(ctx, input): Promise<ReplyResult | null> {
      const target = parseTarget(input.target);
      const client = deps.clientFor(ctx);
      // Plaza's replies on this channel (every worker's), in this group, other than this one.
      const record = ((await ctx.repliesOnChannel?.(1_000)) ?? [])
        .filter((entry) => entry.replyId !== input.replyId)
        .map((entry) => ({ ...entry, match: REMOTE_ID.exec(entry.remoteId) }))
        .filter((entry) => entry.match && Number(entry.match[1]) === target.chat)
        .map((entry) => ({ id: Number(entry.match![2]), sentAt: Date.parse(entry.sentAt) }));
      const queuedAt = input.queuedAt ? Date.parse(input.queuedAt) : Number.NaN;
      // A reply recorded as sent before this one was queued went out before it: its id is below ours.
      const before = Number.isNaN(queuedAt) ? [] : record.filter((entry) => entry.sentAt < queuedAt).map((entry) => entry.id);
      const others = new Set(record.map((entry) => entry.id));
      let candidate = Math.max(target.message, ...before);
      let missing = 0;
      for (let probes = 0; missing < MAX_ID_GAP && probes < MAX_PROBES; ) {
        candidate += 1;
        if (others.has(candidate)) {
          missing = 0;
          continue;
        }
        probes += 1;
        const found = await deps.probe(client, target.chat, candidate);
        if (found === 'none') {
          missing += 1;
          continue;
        }
        missing = 0;
        if (found === 'own') return { remoteId: `${target.chat}:${candidate}`, remoteUrl: null };
      }
      if (missing >= MAX_ID_GAP) return null;
      // Too many messages of others in between to conclude: sending again could post it twice.
      throw new NetworkError('ambiguous', 'reconcile_inconclusive', 'Too many messages after the answered one to find the reply');
    },

    async act(ctx, action, target) {
      if (action !== 'delete') throw new NetworkError('permanent', 'action_not_supported', `Telegram has no "${action}" Plaza can use`);
      const client = deps.clientFor(ctx);
      const { chat, message } = parseTarget(target);
      try {
        await client.call('deleteMessage', { chat_id: chat, message_id: message });
      } catch (error) {
        if (error instanceof NetworkError && error.code === 'not_found') return;
        throw error;
      }
    },
  };
}
