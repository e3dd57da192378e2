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
 *
 * Pushes: Telegram signs nothing; `setWebhook` takes a `secret_token` (1–256 of A-Z a-z 0-9 _ -)
 * that it sends back in `X-Telegram-Bot-Api-Secret-Token` with every update it POSTs. Plaza
 * registers the channel's push address itself (`registerPush`: setWebhook with the push secret and
 * TELEGRAM_ALLOWED_UPDATES, keeping pending updates so they arrive by push), and `parsePush` reads
 * one Update into the same item `fetchInbound` makes. While the webhook is set getUpdates answers
 * 409, so a read first asks `getWebhookInfo`: Plaza's webhook, delivering → nothing to read (the
 * pushes bring it); Plaza's webhook failing (a delivery error in the last minutes and updates
 * waiting), or at an older address of this channel → deleteWebhook (pending updates kept),
 * getUpdates, setWebhook again; no webhook while the channel has a push secret → read, then set it
 * again; another address (another program, or another Plaza channel with the same bot) → the read
 * fails with `telegram_webhook_elsewhere` and nothing is taken from it. Items that come both ways
 * are stored once by (channel, remote id).
 */
import type { InboundItem, InboundPage, InboxAdapter, ReplyInput, ReplyResult } from '../inbox.ts';
import { encodeInboxCursor, parseInboxCursor } from '../inbox-cursor.ts';
import { verifySecretHeader } from '../push-signature.ts';
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

/** The header Telegram sends the webhook's `secret_token` in. */
export const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/**
 * How recent Telegram's last failed delivery must be, with updates still waiting, for a read to
 * take them with getUpdates instead of waiting for Telegram's next try.
 */
export const WEBHOOK_FAILING_MS = 10 * 60_000;

/** What getWebhookInfo answers (the fields Plaza reads). */
interface TgWebhookInfo {
  /** Empty when no webhook is set. */
  url: string;
  pending_update_count: number;
  last_error_date?: number;
  last_error_message?: string;
}

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

  /** Whether a webhook address is this channel's push address (at whatever public address Plaza had then). */
  const isChannelPushUrl = (url: string, channelId: string) => {
    try {
      return new URL(url).pathname.replace(/\/+$/, '').endsWith(`/api/v1/inbox/push/${channelId}`);
    } catch {
      return false;
    }
  };

  const webhookElsewhere = () =>
    new NetworkError(
      'permanent',
      'telegram_webhook_elsewhere',
      'The bot sends its updates to another address (another program or Plaza channel with the same bot): Plaza cannot read them',
    );

  async function setWebhook(client: TelegramClient, push: { url: string; secret: string }): Promise<void> {
    // Idempotent: the same call again changes nothing. Pending updates are kept, so they arrive by push.
    await client.call('setWebhook', { url: push.url, secret_token: push.secret, allowed_updates: TELEGRAM_ALLOWED_UPDATES }, false);
  }

  async function deleteWebhook(client: TelegramClient): Promise<void> {
    await client.call('deleteWebhook', { drop_pending_updates: false }, false);
  }

  function parseTarget(input: ReplyInput['target']): { chat: number; message: number } {
    const match = REMOTE_ID.exec(input.remoteId);
    if (!match) throw new NetworkError('permanent', 'invalid_id', 'Not a Telegram discussion message');
    return { chat: Number(match[1]), message: Number(match[2]) };
  }

  return {
    capabilities: { kinds: ['comment', 'reply'], actions: ['reply', 'delete'], maxReplyChars: 4096, push: true, serialReplies: true },

    async fetchInbound(ctx, { cursor, since }): Promise<InboundPage> {
      const client = deps.clientFor(ctx);
      const group = await discussionOf(client);
      const state = parseInboxCursor<{ u?: number }>(cursor);
      const sinceMs = since ? Date.parse(since) : 0;
      const push = ctx.push;
      // With pushes on, the webhook decides: read only what Telegram could not deliver.
      let setAgain = false;
      if (push) {
        const info = await client.call<TgWebhookInfo>('getWebhookInfo', {}, false);
        if (info.url !== '') {
          if (!isChannelPushUrl(info.url, ctx.channelId)) throw webhookElsewhere();
          const now = (ctx.now ?? Date.now)();
          const failing =
            info.pending_update_count > 0 && info.last_error_date !== undefined && now - info.last_error_date * 1000 <= WEBHOOK_FAILING_MS;
          if (info.url === push.url && !failing) return { items: [], cursor, hasMore: false };
          await deleteWebhook(client);
        }
        setAgain = true;
      }
      const read = () =>
        client.call<Array<{ update_id: number; message?: TgMessage }>>(
          'getUpdates',
          { offset: state.u !== undefined ? state.u + 1 : undefined, allowed_updates: TELEGRAM_ALLOWED_UPDATES, limit: 100, timeout: 0 },
          false,
        );
      let updates: Array<{ update_id: number; message?: TgMessage }>;
      try {
        updates = await read();
      } catch (error) {
        if (push || !(error instanceof NetworkError) || error.details.status !== 409) throw error;
        // A webhook with no push secret in Plaza: this channel's own from before (turn it off), or someone else's.
        const info = await client.call<TgWebhookInfo>('getWebhookInfo', {}, false);
        if (info.url !== '' && !isChannelPushUrl(info.url, ctx.channelId)) throw webhookElsewhere();
        await deleteWebhook(client);
        updates = await read();
      }
      const items: InboundItem[] = [];
      let last = state.u;
      for (const update of updates) {
        last = Math.max(last ?? 0, update.update_id);
        const message = update.message;
        if (!message || message.chat.id !== group || message.date * 1000 < sinceMs) continue;
        const item = itemOf(message, group, undefined);
        if (item) items.push(item);
      }
      const hasMore = updates.length >= 100;
      // Everything waiting is read: pushes again. If Telegram refuses now, the next read tries again (polling meanwhile).
      if (push && setAgain && !hasMore)
        await setWebhook(client, push).catch((error: unknown) => {
          if (!(error instanceof NetworkError)) throw error;
        });
      return { items, cursor: encodeInboxCursor(last !== undefined ? { u: last } : {}), hasMore };
    },

    verifyPush({ headers, secret }) {
      return verifySecretHeader(headers, TELEGRAM_SECRET_HEADER, secret);
    },

    async parsePush(ctx, body) {
      const update = body as { update_id?: unknown; message?: TgMessage } | null;
      if (typeof update !== 'object' || update === null || typeof update.update_id !== 'number')
        throw new NetworkError('permanent', 'invalid_push', 'Not a Telegram Update');
      // Reaction counts and anything else: no inbox item (see docs/networks/telegram.md on reactions with pushes on).
      const message = update.message;
      if (!message || typeof message.chat?.id !== 'number') return [];
      const group = await discussionOf(deps.clientFor(ctx));
      if (message.chat.id !== group) return []; // another chat the bot is in
      const item = itemOf(message, group, undefined);
      return item ? [item] : [];
    },

    async registerPush(ctx, push) {
      const client = deps.clientFor(ctx);
      const info = await client.call<TgWebhookInfo>('getWebhookInfo', {}, false);
      // Never take the bot's updates away from another program or another Plaza channel.
      if (info.url !== '' && !isChannelPushUrl(info.url, ctx.channelId)) throw webhookElsewhere();
      await setWebhook(client, push);
    },

    async unregisterPush(ctx) {
      const client = deps.clientFor(ctx);
      const info = await client.call<TgWebhookInfo>('getWebhookInfo', {}, false);
      if (info.url !== '' && isChannelPushUrl(info.url, ctx.channelId)) await deleteWebhook(client);
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
