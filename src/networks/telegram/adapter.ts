/**
 * The Telegram adapter: a channel (or group) where a bot made with @BotFather is an administrator
 * allowed to post. See docs/networks/telegram.md.
 *
 * - Posts: text (4,096 characters), a photo or a video with a caption (1,024 characters), albums
 *   of 2–10 photos and videos (sendMediaGroup, the caption on the first item), silent posts
 *   (disable_notification), link previews on or off.
 * - Idempotency: the Bot API has none, and a bot cannot read a channel's history. Plaza reconciles
 *   by the message the bot itself last sent, with a non-modifying probe (editMessageReplyMarkup
 *   without a keyboard answers "message is not modified" when the message exists, "message to edit
 *   not found" when it does not). Message ids in a channel count up, so after a lost answer
 *   `findPublished` starts from the newest message Plaza recorded as published on the channel
 *   before the publication's first attempt (the engine's record, shared by every worker:
 *   ChannelContext.publishedOnChannel) and probes the ids after it, skipping the ids of Plaza's
 *   other publications: the first other message there is the lost one; a few missing ids in a row
 *   mean nothing was posted. The engine keeps one send in doubt per channel at a time
 *   (TELEGRAM_LIMITS.oneSendInDoubtPerChannel), so two lost answers are never mixed up. Known
 *   limits: a message posted in the channel by someone else in between cannot be told apart from the lost post;
 *   and with nothing in the record yet (the channel's first post), the adapter falls back to the
 *   ids this process saw, or concludes nothing was posted (docs/networks/telegram.md).
 * - Engagement: reactions, from `message_reaction_count` updates (getUpdates, which only works
 *   while no webhook is set, and only for updates of the last 24 hours that are still unconfirmed).
 *
 * Facts not confirmed in Telegram's documentation: the exact "message is not modified" and
 * "message to edit not found" descriptions (taken from widely used libraries), and that a bot's
 * probe on a message without a keyboard never changes it.
 */
import { createHash } from 'node:crypto';
import { guardedFetch } from '../../lib/safe-fetch.ts';
import {
  NetworkError,
  type ChannelContext,
  type ChannelHealth,
  type MediaInput,
  type MetricsSupport,
  type NetworkAdapter,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
  unhealthy,
} from '../types.ts';
import { createTelegramClient, type TelegramClient } from './api.ts';
import { createTelegramInbox, TELEGRAM_ALLOWED_UPDATES } from './inbox.ts';
import { TELEGRAM_CAPABILITIES, TELEGRAM_LIMITS, TELEGRAM_OPTIONS, telegramMediaKind, validateTelegramPost } from './validate.ts';

export interface TelegramAdapterOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
  /** Longest flood wait (429 retry_after) waited out inside a call; default 5 s. */
  maxInlineWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const TELEGRAM_METRICS: MetricsSupport = {
  reported: ['likes', 'followers'],
  missing: {
    replies: 'not_provided_by_network',
    reposts: 'not_provided_by_network',
    quotes: 'not_provided_by_network',
    impressions: 'not_provided_by_network',
    reach: 'not_provided_by_network',
    clicks: 'use_tracked_links',
  },
};

interface TelegramMessage {
  message_id: number;
  chat: { id: number; type?: string; username?: string; title?: string };
}

/** remoteId: the message ids of the post, comma-separated (an album is several messages). */
const idsOf = (remoteId: string): number[] => {
  const ids = remoteId.split(',').map((part) => Number(part));
  if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id <= 0))
    throw new NetworkError('permanent', 'invalid_remote_id', `Not a Telegram message id: ${remoteId}`);
  return ids;
};

/** A public link to the message: t.me/<username>/<id>, or t.me/c/<id>/<id> for private channels. */
function messageUrl(chat: TelegramMessage['chat'] | undefined, chatSetting: string, messageId: number): string | null {
  const username = chat?.username ?? (chatSetting.startsWith('@') ? chatSetting.slice(1) : undefined);
  if (username) return `https://t.me/${username}/${messageId}`;
  const id = String(chat?.id ?? chatSetting);
  return id.startsWith('-100') ? `https://t.me/c/${id.slice(4)}/${messageId}` : null;
}

/** How far before a publication's first attempt Plaza's record is read for the message to start from. */
const RECORD_LOOKBACK_MS = 7 * 24 * 60 * 60_000;
/** Ids in a row that do not exist before a reconcile concludes that nothing was posted. */
const MAX_ID_GAP = 3;
/** Probes one reconcile may make at most. */
const MAX_PROBES = 30;

export function createTelegramAdapter(options: TelegramAdapterOptions = {}): NetworkAdapter {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const clientFor = (ctx: ChannelContext): TelegramClient =>
    createTelegramClient(ctx, {
      fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true),
      requestTimeoutMs: options.requestTimeoutMs ?? 120_000,
      maxInlineWaitMs: options.maxInlineWaitMs ?? 5_000,
      sleep,
    });

  /** Per bot and chat: the last message id this process knows the bot sent there. */
  const lastSent = new Map<string, number>();
  /** Per publication: what it became (a retry of an answered publication returns it). */
  const published = new Map<string, PublishResult>();
  const chatKey = (client: TelegramClient) =>
    `${createHash('sha256').update(client.channel.token).digest('hex').slice(0, 16)}:${client.channel.chatId}`;
  /** Per bot and chat: message ids this process got back from its sends (recent ones), whatever their publication. */
  const answeredIds = new Map<string, Set<number>>();
  const remember = (client: TelegramClient, lastId: number, ids: number[] = [lastId]) => {
    const key = chatKey(client);
    lastSent.set(key, Math.max(lastSent.get(key) ?? 0, lastId));
    const seen = answeredIds.get(key) ?? new Set<number>();
    for (const id of ids) seen.add(id);
    // Only the newest matter: a reconcile looks at ids after Plaza's last recorded post.
    if (seen.size > 2_000) for (const id of [...seen].sort((a, b) => a - b).slice(0, seen.size - 1_000)) seen.delete(id);
    answeredIds.set(key, seen);
  };

  function mediaFile(form: FormData, name: string, media: MediaInput) {
    const copy = new Uint8Array(media.bytes.byteLength);
    copy.set(media.bytes);
    const extension = media.mimeType.split('/')[1]?.replace('jpeg', 'jpg').replace('quicktime', 'mov') ?? 'bin';
    form.set(name, new Blob([copy], { type: media.mimeType }), `${media.mediaId}.${extension}`);
  }

  async function send(client: TelegramClient, input: PublishInput): Promise<TelegramMessage[]> {
    const chat_id = client.channel.chatId;
    const network = input.options?.network ?? {};
    const silent = network[TELEGRAM_OPTIONS.silent] === true;
    const text = input.text.trim();
    if (input.media.length === 0) {
      const message = await client.call<TelegramMessage>('sendMessage', {
        chat_id,
        text,
        ...(silent ? { disable_notification: true } : {}),
        ...(network[TELEGRAM_OPTIONS.noPreview] === true ? { link_preview_options: { is_disabled: true } } : {}),
      });
      return [message];
    }
    const form = new FormData();
    form.set('chat_id', chat_id);
    if (silent) form.set('disable_notification', 'true');
    if (input.media.length === 1) {
      const media = input.media[0]!;
      const video = telegramMediaKind(media) === 'video';
      mediaFile(form, video ? 'video' : 'photo', media);
      if (text) form.set('caption', text);
      if (video) {
        form.set('supports_streaming', 'true');
        if (media.durationSeconds) form.set('duration', String(Math.round(media.durationSeconds)));
        if (media.width && media.height) {
          form.set('width', String(media.width));
          form.set('height', String(media.height));
        }
      }
      return [await client.call<TelegramMessage>(video ? 'sendVideo' : 'sendPhoto', form)];
    }
    const items = input.media.map((media, index) => {
      mediaFile(form, `file${index}`, media);
      return {
        type: telegramMediaKind(media) === 'video' ? 'video' : 'photo',
        media: `attach://file${index}`,
        // The album's caption is the first item's.
        ...(index === 0 && text ? { caption: text } : {}),
      };
    });
    form.set('media', JSON.stringify(items));
    return client.call<TelegramMessage[]>('sendMediaGroup', form);
  }

  function result(client: TelegramClient, messages: TelegramMessage[]): PublishResult {
    const first = messages[0]!;
    return {
      remoteId: messages.map((m) => m.message_id).join(','),
      remoteUrl: messageUrl(first.chat, client.channel.chatId, first.message_id),
    };
  }

  /** True when message `id` exists in the chat (a probe that changes nothing on a message without a keyboard). */
  async function exists(client: TelegramClient, id: number): Promise<boolean> {
    try {
      await client.call('editMessageReplyMarkup', { chat_id: client.channel.chatId, message_id: id }, false);
      return true; // it had a keyboard (none of Plaza's posts do); it exists
    } catch (error) {
      if (!(error instanceof NetworkError) || error.kind !== 'permanent') throw error;
      const description = String((error.details.body as { description?: string } | undefined)?.description ?? '');
      if (/not modified/i.test(description)) return true;
      if (/not found|MESSAGE_ID_INVALID/i.test(description)) return false;
      return /can't be edited|cannot be edited/i.test(description); // exists, but not editable by the bot
    }
  }

  /** A message of any chat the bot is in (the discussion group): the bot's own, someone else's, or none. */
  async function probe(client: TelegramClient, chat: number, id: number, tries = 4): Promise<'own' | 'other' | 'none'> {
    try {
      await client.call('editMessageReplyMarkup', { chat_id: chat, message_id: id }, false);
      return 'own'; // it had a keyboard and the bot could edit it: the bot's (none of Plaza's replies have one)
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      // The probe changes nothing: a 5xx or a lost answer is simply asked again (one reconcile makes many probes).
      if ((error.kind === 'transient' || error.kind === 'ambiguous') && tries > 1) {
        await sleep(Math.min(1_000, error.details.retryAfterMs ?? 100));
        return probe(client, chat, id, tries - 1);
      }
      if (error.kind !== 'permanent') throw error;
      const description = String((error.details.body as { description?: string } | undefined)?.description ?? '');
      if (/not modified/i.test(description)) return 'own';
      if (/not found|MESSAGE_ID_INVALID/i.test(description)) return 'none';
      if (/can't be edited|cannot be edited/i.test(description)) return 'other';
      throw error;
    }
  }

  /**
   * Reconciles from Plaza's own record of the channel (every worker's, ChannelContext.publishedOnChannel):
   * the lost send made the first message after the newest one Plaza had published there before this
   * publication's first attempt, not counting the messages of Plaza's other publications (ids it
   * knows). Undefined when the record has nothing to start from.
   */
  async function findByRecord(ctx: ChannelContext, client: TelegramClient, input: PublishInput): Promise<PublishResult | null | undefined> {
    if (!ctx.publishedOnChannel || !input.firstAttemptAt) return undefined;
    const firstAttempt = Date.parse(input.firstAttemptAt);
    if (Number.isNaN(firstAttempt)) return undefined;
    const record = (await ctx.publishedOnChannel(new Date(firstAttempt - RECORD_LOOKBACK_MS).toISOString(), 1_000)).filter(
      (entry) => entry.publicationId !== input.publicationId,
    );
    const ids = (remoteId: string) =>
      remoteId
        .split(',')
        .map(Number)
        .filter((id) => Number.isInteger(id) && id > 0);
    const before = record.filter((entry) => Date.parse(entry.publishedAt) < firstAttempt).flatMap((entry) => ids(entry.remoteId));
    if (before.length === 0) return undefined;
    // Other publications' messages: those in the record, and those this process was answered for
    // whose outcome may not be written yet.
    const others = new Set([...record.flatMap((entry) => ids(entry.remoteId)), ...(answeredIds.get(chatKey(client)) ?? [])]);
    let candidate = Math.max(...before);
    // Consecutive ids that do not exist (deleted by someone, or not used yet): after a few, nothing is there.
    let missing = 0;
    for (let probes = 0; missing < MAX_ID_GAP && probes < MAX_PROBES; ) {
      candidate += 1;
      if (others.has(candidate)) {
        missing = 0;
        continue;
      }
      probes += 1;
      if (!(await exists(client, candidate))) {
        missing += 1;
        continue;
      }
      // An album is one message per item, with consecutive ids.
      const found = Array.from({ length: Math.max(1, input.media.length) }, (_, index) => candidate + index);
      const result = { remoteId: found.join(','), remoteUrl: messageUrl(undefined, client.channel.chatId, candidate) };
      remember(client, found.at(-1)!, found);
      published.set(input.publicationId, result);
      return result;
    }
    return null;
  }

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const known = published.get(input.publicationId);
    if (known) return known;
    const client = clientFor(ctx);
    const fromRecord = await findByRecord(ctx, client, input);
    if (fromRecord !== undefined) return fromRecord;
    const last = lastSent.get(chatKey(client));
    if (last === undefined) return null; // nothing known about this chat in this process
    const next = last + 1;
    if (!(await exists(client, next))) return null;
    // The lost send made the message(s) right after the bot's last one: an album, one per item.
    const count = Math.max(1, input.media.length);
    const ids = Array.from({ length: count }, (_, index) => next + index);
    const found = { remoteId: ids.join(','), remoteUrl: messageUrl(undefined, client.channel.chatId, next) };
    remember(client, ids.at(-1)!);
    published.set(input.publicationId, found);
    return found;
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const earlier = published.get(input.publicationId);
    if (earlier) return earlier;
    const client = clientFor(ctx);
    let messages: TelegramMessage[];
    try {
      messages = await send(client, input);
    } catch (error) {
      if (error instanceof NetworkError && error.kind === 'ambiguous') pending.add(input.publicationId);
      throw error;
    }
    const done = result(client, messages);
    remember(
      client,
      Math.max(...messages.map((m) => m.message_id)),
      messages.map((m) => m.message_id),
    );
    published.set(input.publicationId, done);
    pending.delete(input.publicationId);
    if (published.size > 10_000) published.delete(published.keys().next().value!);
    return done;
  }
  /** Publications whose send may or may not have happened: a retry looks before sending again. */
  const pending = new Set<string>();
  async function publishOnce(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    if (pending.has(input.publicationId)) {
      const found = await findPublished(ctx, input);
      pending.delete(input.publicationId);
      if (found) return found;
    }
    return publish(ctx, input);
  }

  async function deletePost(ctx: ChannelContext, remoteId: string): Promise<void> {
    const client = clientFor(ctx);
    for (const id of idsOf(remoteId)) {
      try {
        await client.call('deleteMessage', { chat_id: client.channel.chatId, message_id: id });
      } catch (error) {
        if (error instanceof NetworkError && error.code === 'not_found') continue; // already gone
        throw error;
      }
    }
  }

  async function fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
    const client = clientFor(ctx);
    const ids = new Set(idsOf(remoteId));
    const base: PostMetrics = {
      likes: null,
      replies: null,
      reposts: null,
      quotes: null,
      impressions: null,
      reach: null,
      clicks: null,
      missing: { ...TELEGRAM_METRICS.missing },
    };
    let updates: Array<{
      message_reaction_count?: {
        chat: { id: number; username?: string };
        message_id: number;
        date: number;
        reactions: Array<{ total_count: number }>;
      };
    }>;
    try {
      // Not confirming (no offset): the updates stay for other reads until Telegram drops them (24 h).
      updates = await client.call('getUpdates', { allowed_updates: TELEGRAM_ALLOWED_UPDATES, limit: 100, timeout: 0 }, false);
    } catch (error) {
      // 409: a webhook is set (the channel's instant inbox), so updates cannot be read here.
      if (error instanceof NetworkError && error.details.status === 409)
        return { ...base, missing: { ...base.missing, likes: 'unavailable_with_pushes' } };
      throw error;
    }
    const chat = client.channel.chatId;
    const counts = updates
      .map((update) => update.message_reaction_count)
      .filter((count): count is NonNullable<typeof count> => count !== undefined && ids.has(count.message_id))
      .filter((count) => String(count.chat.id) === chat || (count.chat.username !== undefined && `@${count.chat.username}` === chat));
    // Each update carries the message's current totals: the newest per message counts.
    const newest = new Map<number, number>();
    for (const count of counts.sort((a, b) => a.date - b.date))
      newest.set(
        count.message_id,
        count.reactions.reduce((sum, r) => sum + r.total_count, 0),
      );
    return { ...base, likes: [...newest.values()].reduce((sum, n) => sum + n, 0) };
  }

  async function fetchMentions(_ctx: ChannelContext, _since?: string): Promise<RemoteMention[]> {
    // Comments on channel posts live in the linked discussion group, which a bot reads only as
    // updates meant for that group: Plaza does not collect them.
    return [];
  }

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const client = clientFor(ctx);
      const me = await client.call<{ id: number; username?: string; first_name?: string }>('getMe', {}, false);
      const chat = await client.call<{ id: number; type: string; title?: string; username?: string }>(
        'getChat',
        { chat_id: client.channel.chatId },
        false,
      );
      const member = await client.call<{ status: string; can_post_messages?: boolean }>(
        'getChatMember',
        { chat_id: client.channel.chatId, user_id: me.id },
        false,
      );
      if (member.status !== 'administrator' && member.status !== 'creator')
        throw new NetworkError(
          'permanent',
          'telegram_bot_not_admin',
          `The bot @${me.username ?? me.id} is not an administrator of this channel`,
        );
      if (chat.type === 'channel' && member.can_post_messages === false)
        throw new NetworkError(
          'permanent',
          'telegram_cannot_post',
          `The bot @${me.username ?? me.id} may not post messages in this channel`,
        );
      const followers = await client.call<number>('getChatMemberCount', { chat_id: client.channel.chatId }, false).catch(() => undefined);
      return {
        ok: true,
        account: {
          id: String(chat.id),
          handle: chat.username ? `@${chat.username}` : String(chat.id),
          ...(chat.title ? { displayName: chat.title } : {}),
          ...(typeof followers === 'number' ? { followers } : {}),
        },
      };
    } catch (error) {
      return unhealthy(error);
    }
  }

  return {
    name: 'telegram',
    label: { en: 'Telegram', es: 'Telegram' },
    simulated: false,
    limits: TELEGRAM_LIMITS,
    capabilities: TELEGRAM_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    connectionFields: [
      { name: 'botToken', secret: true, required: true, label: { en: 'Bot token (from @BotFather)', es: 'Token del bot (de @BotFather)' } },
      {
        name: 'chatId',
        secret: false,
        required: true,
        label: { en: 'Channel (@username or numeric id -100…)', es: 'Canal (@usuario o id numérico -100…)' },
      },
    ],
    metrics: TELEGRAM_METRICS,
    validate: validateTelegramPost,
    checkHealth,
    publish: publishOnce,
    findPublished,
    delete: deletePost,
    fetchMetrics,
    fetchMentions,
    inbox: createTelegramInbox({ clientFor, probe }),
  };
}
