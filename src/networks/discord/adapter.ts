/**
 * Discord: messages in a server's channel, sent by a webhook (its URL is the channel's sealed
 * credential) or by a bot (its token, and the channel id). Text, images as attachments (with alt
 * text as their description), an embed with a link preview (title, link, description), and
 * threads: into an existing thread (`threadId`) or, in a forum channel, a new post (`threadName`).
 *
 * Idempotency: the bot sends a `nonce` derived from the publication id with `enforce_nonce`, so a
 * retry within Discord's nonce window answers the message already made instead of a second one;
 * `findPublished` looks for the bot's own message with this text since the first attempt (not one
 * Plaza recorded for another publication, nor one carrying another nonce). A
 * webhook takes no nonce and cannot list messages: after a lost answer a webhook post cannot be
 * told from one never sent (the docs say so; use a bot where that matters).
 *
 * Discord reports no per-message metrics: every metric has a reason code.
 *
 * Facts not confirmed from Discord's documentation: how long a nonce is remembered ("a few
 * minutes"); the 10 MB upload limit of a server without boosts (Discord's help centre, 2024).
 */
import { createHash } from 'node:crypto';
import { validationIssue } from '../validation.ts';
import {
  NetworkError,
  unhealthy,
  type ChannelContext,
  type ChannelHealth,
  type MetricsSupport,
  type NetworkAdapter,
  type NetworkCapabilities,
  type NetworkLimits,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type ValidationIssue,
} from '../types.ts';
import { createDiscordClient, parseWebhookUrl, type DiscordRequestFn } from './api.ts';

export const DISCORD_LIMITS: NetworkLimits = {
  maxChars: 2000,
  maxImages: 10,
  maxImageBytes: 10 * 1024 * 1024,
  acceptedImageTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
  maxAltChars: 1024,
  supportsThreads: false,
  supportsContentWarning: false,
  supportsVisibility: false,
  postsPerMinutePerChannel: 30,
};

export const DISCORD_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'link', 'image', 'carousel'],
  maxCarouselItems: 10,
  firstComment: false,
  mediaByUrl: false,
  charCounting: 'code-points',
  options: [
    {
      name: 'link',
      kind: 'text',
      label: { en: 'Link shown as a preview card (https://…)', es: 'Enlace mostrado como tarjeta (https://…)' },
    },
    { name: 'threadId', kind: 'text', label: { en: 'Post in this thread (thread id)', es: 'Publicar en este hilo (id del hilo)' } },
    {
      name: 'threadName',
      kind: 'text',
      label: { en: 'Forum channel: title of the new post', es: 'Canal de foro: título de la nueva publicación' },
    },
  ],
};

export const DISCORD_METRICS: MetricsSupport = {
  reported: [],
  missing: {
    likes: 'not_provided_by_network',
    replies: 'not_provided_by_network',
    reposts: 'not_provided_by_network',
    quotes: 'not_provided_by_network',
    impressions: 'not_provided_by_network',
    reach: 'not_provided_by_network',
    clicks: 'use_tracked_links',
  },
};

const SNOWFLAKE = /^\d{15,25}$/;
/** Discord snowflakes count milliseconds from 2015-01-01. */
const DISCORD_EPOCH = 1_420_070_400_000n;
const CLOCK_SKEW_MS = 5 * 60_000;

const option = (input: PublishInput, name: string): string | undefined => {
  const value = input.options?.network?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** The nonce of a publication: 25 characters at most, the same for every attempt. */
export function nonceFor(publicationId: string): string {
  return createHash('sha256').update(publicationId).digest('base64url').slice(0, 25);
}

/** The smallest snowflake made at `ms` (for `after=`). */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH) << 22n).toString();
}

export function validateDiscordPost(input: PublishInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const length = Array.from(input.text).length;
  if (length > DISCORD_LIMITS.maxChars)
    issues.push(validationIssue('text', 'text_too_long', { count: length, max: DISCORD_LIMITS.maxChars, network: 'Discord' }));
  if (input.media.length > DISCORD_LIMITS.maxImages)
    issues.push(validationIssue('media', 'too_many_images', { max: DISCORD_LIMITS.maxImages }));
  input.media.forEach((item, index) => {
    if (!DISCORD_LIMITS.acceptedImageTypes.includes(item.mimeType))
      issues.push(validationIssue(`media.${index}`, 'unsupported_media_type', { type: item.mimeType }));
    if (item.size > DISCORD_LIMITS.maxImageBytes) issues.push(validationIssue(`media.${index}`, 'image_too_large', { maxMb: 10 }));
    if (item.alt && Array.from(item.alt).length > DISCORD_LIMITS.maxAltChars)
      issues.push(validationIssue(`media.${index}`, 'alt_too_long', { max: DISCORD_LIMITS.maxAltChars }));
  });
  const link = option(input, 'link');
  if (link && (!/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(link) || link.length > 2048))
    issues.push(validationIssue('options.network.link', 'link_invalid'));
  const threadId = option(input, 'threadId');
  if (threadId && !SNOWFLAKE.test(threadId))
    issues.push(validationIssue('options.network.threadId', 'option_invalid', { option: 'threadId' }));
  const threadName = option(input, 'threadName');
  if (threadName && (Array.from(threadName).length > 100 || threadId))
    issues.push(validationIssue('options.network.threadName', 'option_invalid', { option: 'threadName' }));
  if (input.title && Array.from(input.title).length > 256)
    issues.push(validationIssue('title', 'title_too_long', { count: Array.from(input.title).length, max: 256, network: 'Discord' }));
  return issues;
}

interface Message {
  id: string;
  channel_id: string;
  content: string;
  author?: { id: string; bot?: boolean };
  webhook_id?: string;
  /** Echoed when the message was sent with one (Discord does not always keep it on later reads). */
  nonce?: string | number | null;
}

type Mode = { kind: 'webhook'; id: string; token: string } | { kind: 'bot'; token: string; channelId: string };

export interface DiscordAdapterOptions {
  fetch?: typeof fetch;
  now?: () => number;
  requestTimeoutMs?: number;
  reconcileLookbackMs?: number;
}

export function createDiscordAdapter(options: DiscordAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const lookbackMs = options.reconcileLookbackMs ?? 60 * 60_000;

  function modeOf(ctx: ChannelContext): Mode {
    const webhookUrl = ctx.credentials.webhookUrl;
    if (typeof webhookUrl === 'string' && webhookUrl.trim() !== '') {
      const parsed = parseWebhookUrl(webhookUrl);
      if (!parsed)
        throw new NetworkError(
          'permanent',
          'webhook_url_invalid',
          'This is not a Discord webhook URL (https://discord.com/api/webhooks/…)',
        );
      return { kind: 'webhook', ...parsed };
    }
    const token = ctx.credentials.botToken;
    const channelId = ctx.settings.channelId;
    if (typeof token !== 'string' || token.trim() === '')
      throw new NetworkError('auth', 'missing_credentials', 'The Discord channel has neither a webhook URL nor a bot token');
    if (typeof channelId !== 'string' || !SNOWFLAKE.test(channelId.trim()))
      throw new NetworkError('permanent', 'invalid_settings', 'A Discord bot channel needs the id of the channel to post in');
    return { kind: 'bot', token: token.trim(), channelId: channelId.trim() };
  }

  const clientFor = (ctx: ChannelContext, mode: Mode): DiscordRequestFn =>
    createDiscordClient(ctx, { fetch: options.fetch, now, requestTimeoutMs }, mode.kind === 'bot' ? `Bot ${mode.token}` : undefined);

  /** remoteId: the message id, with `@<thread id>` when it went into a thread (a webhook deletes it there). */
  const remoteIdOf = (message: Message, thread: string | undefined) => (thread ? `${message.id}@${message.channel_id}` : message.id);

  function resultOf(ctx: ChannelContext, message: Message, thread: string | undefined): PublishResult {
    const guild = typeof ctx.settings.guildId === 'string' ? ctx.settings.guildId : undefined;
    return {
      remoteId: remoteIdOf(message, thread),
      remoteUrl: guild ? `https://discord.com/channels/${guild}/${message.channel_id}/${message.id}` : null,
    };
  }

  function payloadOf(input: PublishInput, mode: Mode): Record<string, unknown> {
    const payload: Record<string, unknown> = { content: input.text, allowed_mentions: { parse: [] } };
    const link = option(input, 'link');
    if (link) {
      const embed: Record<string, unknown> = { url: link, title: (input.title?.trim() || link).slice(0, 256) };
      payload.embeds = [embed];
    }
    if (input.media.length > 0)
      payload.attachments = input.media.map((m, index) => ({
        id: String(index),
        filename: `${m.mediaId}.${m.mimeType.split('/')[1] ?? 'bin'}`,
        ...(m.alt ? { description: m.alt.slice(0, 1024) } : {}),
      }));
    if (mode.kind === 'bot') {
      payload.nonce = nonceFor(input.publicationId);
      payload.enforce_nonce = true;
    } else {
      const threadName = option(input, 'threadName');
      if (threadName) payload.thread_name = threadName;
    }
    return payload;
  }

  function bodyOf(payload: Record<string, unknown>, input: PublishInput): { json?: unknown; form?: FormData } {
    if (input.media.length === 0) return { json: payload };
    const form = new FormData();
    form.append('payload_json', JSON.stringify(payload));
    input.media.forEach((m, index) => {
      form.append(
        `files[${index}]`,
        new Blob([new Uint8Array(m.bytes)], { type: m.mimeType }),
        `${m.mediaId}.${m.mimeType.split('/')[1] ?? 'bin'}`,
      );
    });
    return { form };
  }

  async function botUserId(request: DiscordRequestFn): Promise<string> {
    const { body } = await request<{ id: string }>({ method: 'GET', path: '/users/@me', route: 'GET /users/@me' });
    return body.id;
  }

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const mode = modeOf(ctx);
    // A webhook cannot list the channel's messages: nothing to look in.
    if (mode.kind === 'webhook') return null;
    const request = clientFor(ctx, mode);
    const thread = option(input, 'threadId');
    const channel = thread ?? mode.channelId;
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    const after = snowflakeAt((Number.isNaN(first) ? now() - lookbackMs : first) - CLOCK_SKEW_MS);
    const me = await botUserId(request);
    const { body } = await request<Message[] | null>({
      method: 'GET',
      path: `/channels/${channel}/messages`,
      route: 'GET /channels/:id/messages',
      query: [
        ['after', after],
        ['limit', '100'],
      ],
    });
    // The same text may be another publication's (a weekly reminder): messages Plaza recorded for
    // its other publications on this channel are not this one's, and a message that carries a
    // nonce must carry this publication's.
    const since = new Date((Number.isNaN(first) ? now() - lookbackMs : first) - CLOCK_SKEW_MS).toISOString();
    const others = new Set(
      ((await ctx.publishedOnChannel?.(since, 1_000)) ?? [])
        .filter((entry) => entry.publicationId !== input.publicationId)
        .map((entry) => entry.remoteId.split('@')[0]),
    );
    const nonce = nonceFor(input.publicationId);
    const found = (body ?? []).find(
      (m) =>
        m.author?.id === me &&
        m.content === input.text &&
        !others.has(m.id) &&
        (m.nonce === undefined || m.nonce === null || String(m.nonce) === nonce),
    );
    return found ? resultOf(ctx, found, thread) : null;
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const mode = modeOf(ctx);
    const request = clientFor(ctx, mode);
    const thread = option(input, 'threadId');
    const payload = payloadOf(input, mode);
    const body = bodyOf(payload, input);
    if (mode.kind === 'bot') {
      const channel = thread ?? mode.channelId;
      // Same nonce on every attempt, enforced: Discord answers the message it already made.
      const { body: message } = await request<Message>({
        method: 'POST',
        path: `/channels/${channel}/messages`,
        route: 'POST /channels/:id/messages',
        ...body,
      });
      return resultOf(ctx, message, thread);
    }
    const query: Array<[string, string]> = [['wait', 'true']];
    if (thread) query.push(['thread_id', thread]);
    const { body: message } = await request<Message>({
      method: 'POST',
      path: `/webhooks/${mode.id}/${mode.token}`,
      route: 'POST /webhooks/:id',
      query,
      ...body,
    });
    if (!message?.id) throw new NetworkError('ambiguous', 'no_remote_id', 'Discord did not answer the message it made');
    return resultOf(ctx, message, thread ?? (option(input, 'threadName') ? message.channel_id : undefined));
  }

  async function deleteMessage(ctx: ChannelContext, remoteId: string): Promise<void> {
    const mode = modeOf(ctx);
    const request = clientFor(ctx, mode);
    const [messageId, thread] = remoteId.split('@');
    try {
      if (mode.kind === 'bot') {
        await request({
          method: 'DELETE',
          path: `/channels/${thread ?? mode.channelId}/messages/${messageId}`,
          route: 'DELETE /channels/:id/messages/:id',
        });
      } else {
        await request({
          method: 'DELETE',
          path: `/webhooks/${mode.id}/${mode.token}/messages/${messageId}`,
          route: 'DELETE /webhooks/:id/messages/:id',
          ...(thread ? { query: [['thread_id', thread]] as Array<[string, string]> } : {}),
        });
      }
    } catch (error) {
      if (error instanceof NetworkError && error.code === 'not_found') return; // already gone
      throw error;
    }
  }

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const mode = modeOf(ctx);
      const request = clientFor(ctx, mode);
      if (mode.kind === 'webhook') {
        const { body } = await request<{ id: string; name?: string | null; channel_id?: string | null }>({
          method: 'GET',
          path: `/webhooks/${mode.id}/${mode.token}`,
          route: 'GET /webhooks/:id',
        });
        return { ok: true, account: { id: body.id, handle: body.name ?? 'webhook', ...(body.name ? { displayName: body.name } : {}) } };
      }
      const { body: me } = await request<{ id: string; username: string; global_name?: string | null }>({
        method: 'GET',
        path: '/users/@me',
        route: 'GET /users/@me',
      });
      // The bot must see the channel (404 Unknown Channel or 403 Missing Access otherwise).
      const { body: channel } = await request<{ id: string; name?: string }>({
        method: 'GET',
        path: `/channels/${mode.channelId}`,
        route: 'GET /channels/:id',
      });
      return {
        ok: true,
        account: { id: me.id, handle: me.username, displayName: channel.name ? `#${channel.name}` : (me.global_name ?? me.username) },
      };
    } catch (error) {
      return unhealthy(error);
    }
  }

  async function fetchMetrics(): Promise<PostMetrics> {
    return {
      likes: null,
      replies: null,
      reposts: null,
      quotes: null,
      impressions: null,
      reach: null,
      clicks: null,
      missing: { ...DISCORD_METRICS.missing },
    };
  }

  return {
    name: 'discord',
    label: { en: 'Discord', es: 'Discord' },
    simulated: false,
    limits: DISCORD_LIMITS,
    capabilities: DISCORD_CAPABILITIES,
    idempotency: 'idempotency-key-header',
    connectionFields: [
      {
        name: 'webhookUrl',
        secret: true,
        required: false,
        label: { en: 'Webhook URL (or use a bot below)', es: 'URL del webhook (o usa un bot, abajo)' },
      },
      { name: 'botToken', secret: true, required: false, label: { en: 'Bot token', es: 'Token del bot' } },
      { name: 'channelId', secret: false, required: false, label: { en: 'Channel id (for a bot)', es: 'Id del canal (para un bot)' } },
      {
        name: 'guildId',
        secret: false,
        required: false,
        label: { en: 'Server id (for links to messages)', es: 'Id del servidor (para enlazar mensajes)' },
      },
    ],
    metrics: DISCORD_METRICS,
    validate: validateDiscordPost,
    checkHealth,
    publish,
    findPublished,
    delete: deleteMessage,
    fetchMetrics,
    // Replies in a Discord channel are read by a bot through the gateway, which Plaza does not run.
    fetchMentions: async () => [],
  };
}
