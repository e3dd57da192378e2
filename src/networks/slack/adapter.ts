/**
 * The Slack adapter: a workspace channel, through an incoming webhook or a bot token
 * (chat.postMessage). See docs/networks/slack.md.
 *
 * - Posts: text as Block Kit sections (with the plain text as the notification fallback), link
 *   previews (unfurl) on or off, images (bot only: files.getUploadURLExternal → upload →
 *   files.completeUploadExternal, then image blocks that reference the uploaded file), threads
 *   (bot only: follow-ups as replies with thread_ts).
 * - Idempotency (bot): each message carries message metadata naming its publication
 *   (`plaza_publication`); before sending, and after a lost answer, conversations.history is read
 *   back for it. Webhooks answer nothing but "ok" and cannot be read back: after a lost answer the
 *   engine cannot know, and a retry may post again (docs/networks/slack.md says so).
 * - Metrics: Slack reports none for messages (reason codes).
 *
 * Facts not confirmed in Slack's documentation: that a webhook answers an empty payload `{}` with
 * 400 (no_text / invalid_payload) without posting, which the connect check relies on, and the
 * 20 MB image figure (Slack's files take up to 1 GB; Plaza keeps images small).
 */
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
import { createSlackClient, type SlackClient } from './api.ts';
import { SLACK_CAPABILITIES, SLACK_LIMITS, SLACK_OPTIONS, validateSlackPost } from './validate.ts';

export interface SlackAdapterOptions {
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
  now?: () => number;
  /** How far back a reconcile reads when the publication carries no firstAttemptAt. */
  reconcileLookbackMs?: number;
}

export const SLACK_METRICS: MetricsSupport = {
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

/** The metadata event type Plaza's messages carry. */
export const SLACK_EVENT_TYPE = 'plaza_publication';
const SECTION_CHARS = 3000;
const CLOCK_SKEW_MS = 5 * 60_000;

interface SlackMessage {
  ts: string;
  thread_ts?: string;
  text?: string;
  metadata?: { event_type?: string; event_payload?: { publication_id?: string; part?: number } };
}

/** Block Kit sections of at most 3,000 characters (a section's limit), cut at line ends where possible. */
export function sectionBlocks(text: string): Array<Record<string, unknown>> {
  const blocks: Array<Record<string, unknown>> = [];
  let rest = text.trim();
  while (rest.length > 0) {
    let cut = rest.length <= SECTION_CHARS ? rest.length : rest.lastIndexOf('\n', SECTION_CHARS);
    if (cut <= 0) cut = Math.min(rest.length, SECTION_CHARS);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: rest.slice(0, cut) } });
    rest = rest.slice(cut).replace(/^\n+/, '');
  }
  return blocks;
}

export function createSlackAdapter(options: SlackAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const reconcileLookbackMs = options.reconcileLookbackMs ?? 24 * 60 * 60_000;
  const clientFor = (ctx: ChannelContext): SlackClient =>
    createSlackClient(ctx, {
      fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true),
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
    });

  async function uploadImages(client: SlackClient, media: MediaInput[]): Promise<Array<{ id: string; alt: string }>> {
    const files: Array<{ id: string; alt: string }> = [];
    for (const item of media) {
      const extension = item.mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
      const filename = `${item.mediaId}.${extension}`;
      const { upload_url, file_id } = await client.call<{ upload_url?: string; file_id?: string }>('files.getUploadURLExternal', {
        form: { filename, length: String(item.bytes.byteLength), ...(item.alt ? { alt_txt: item.alt } : {}) },
      });
      if (!upload_url || !file_id)
        throw new NetworkError('permanent', 'unexpected_response', 'Slack answered files.getUploadURLExternal without an upload URL');
      await client.upload(upload_url, item.bytes, item.mimeType);
      // Completed without a channel: the file is not shared as a message of its own; the image block shows it.
      await client.call('files.completeUploadExternal', {
        form: { files: JSON.stringify([{ id: file_id, title: item.alt || filename }]) },
      });
      files.push({ id: file_id, alt: item.alt || filename });
    }
    return files;
  }

  function payload(text: string, input: PublishInput, images: Array<{ id: string; alt: string }>, part: number) {
    const preview = input.options?.network?.[SLACK_OPTIONS.noPreview] !== true;
    return {
      text, // the notification's and screen readers' fallback
      blocks: [...sectionBlocks(text), ...images.map((image) => ({ type: 'image', slack_file: { id: image.id }, alt_text: image.alt }))],
      unfurl_links: preview,
      unfurl_media: preview,
      metadata: { event_type: SLACK_EVENT_TYPE, event_payload: { publication_id: input.publicationId, part } },
    };
  }

  /** Messages of this publication already in the channel (root and thread parts), from conversations.history. */
  async function lookUp(client: SlackClient, input: PublishInput): Promise<{ root?: SlackMessage; parts: Map<number, SlackMessage> }> {
    if (client.mode.kind !== 'bot') return { parts: new Map() };
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    const oldest = ((Number.isNaN(first) ? now() - reconcileLookbackMs : first - CLOCK_SKEW_MS) / 1000).toFixed(6);
    const parts = new Map<number, SlackMessage>();
    const { messages = [] } = await client.call<{ messages?: SlackMessage[] }>(
      'conversations.history',
      { query: { channel: client.mode.channel, oldest, limit: '200', include_all_metadata: 'true' } },
      false,
    );
    const mine = (message: SlackMessage) =>
      message.metadata?.event_type === SLACK_EVENT_TYPE && message.metadata.event_payload?.publication_id === input.publicationId;
    const root = messages.find((message) => mine(message) && (message.metadata?.event_payload?.part ?? 0) === 0);
    if (root && (input.thread?.length ?? 0) > 0) {
      const { messages: replies = [] } = await client.call<{ messages?: SlackMessage[] }>(
        'conversations.replies',
        { query: { channel: client.mode.channel, ts: root.ts, limit: '200', include_all_metadata: 'true' } },
        false,
      );
      for (const reply of replies) if (mine(reply) && reply.ts !== root.ts) parts.set(reply.metadata?.event_payload?.part ?? 0, reply);
    }
    return { ...(root ? { root } : {}), parts };
  }

  /** The message's link (chat.getPermalink); null when Slack does not give one. */
  async function permalink(client: SlackClient, ts: string): Promise<string | null> {
    if (client.mode.kind !== 'bot') return null;
    try {
      const { permalink: link } = await client.call<{ permalink?: string }>(
        'chat.getPermalink',
        { query: { channel: client.mode.channel, message_ts: ts } },
        false,
      );
      return link ?? null;
    } catch {
      return null; // the post is made; a missing link is not worth failing it
    }
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const client = clientFor(ctx);
    const mode = client.mode;
    if (mode.kind === 'webhook') {
      if (input.media.length > 0 || (input.thread?.length ?? 0) > 0)
        throw new NetworkError(
          'permanent',
          'slack_webhook_limited',
          'A Slack incoming webhook posts text only: connect with a bot token for images and threads',
        );
      await client.postWebhook(payload(input.text, input, [], 0));
      // A webhook gives no message id: Plaza keeps its own, which cannot be deleted or read back.
      return { remoteId: `webhook:${input.publicationId}`, remoteUrl: null };
    }
    // No idempotency on Slack: look for this publication's messages before sending any.
    const found = await lookUp(client, input);
    let rootTs = found.root?.ts;
    if (!rootTs) {
      const images = await uploadImages(client, input.media);
      const sent = await client.call<{ ts: string }>('chat.postMessage', {
        json: { channel: mode.channel, ...payload(input.text, input, images, 0) },
      });
      rootTs = sent.ts;
    }
    const threadRemoteIds: string[] = [];
    for (const [index, part] of (input.thread ?? []).entries()) {
      const existing = found.parts.get(index + 1);
      if (existing) {
        threadRemoteIds.push(existing.ts);
        continue;
      }
      const images = await uploadImages(client, part.media);
      const sent = await client.call<{ ts: string }>('chat.postMessage', {
        json: { channel: mode.channel, thread_ts: rootTs, ...payload(part.text, input, images, index + 1) },
      });
      threadRemoteIds.push(sent.ts);
    }
    return { remoteId: rootTs, remoteUrl: await permalink(client, rootTs), ...(threadRemoteIds.length ? { threadRemoteIds } : {}) };
  }

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const client = clientFor(ctx);
    const { root, parts } = await lookUp(client, input);
    if (!root) return null;
    const threadRemoteIds = [...parts.entries()].sort(([a], [b]) => a - b).map(([, message]) => message.ts);
    return { remoteId: root.ts, remoteUrl: await permalink(client, root.ts), ...(threadRemoteIds.length ? { threadRemoteIds } : {}) };
  }

  async function deletePost(ctx: ChannelContext, remoteId: string): Promise<void> {
    const client = clientFor(ctx);
    if (client.mode.kind !== 'bot' || remoteId.startsWith('webhook:'))
      throw new NetworkError('permanent', 'delete_not_supported', 'Messages sent by a Slack webhook cannot be deleted through it');
    try {
      await client.call('chat.delete', { json: { channel: client.mode.channel, ts: remoteId } });
    } catch (error) {
      if (error instanceof NetworkError && error.code === 'not_found') return;
      throw error;
    }
  }

  async function fetchMetrics(_ctx: ChannelContext, _remoteId: string): Promise<PostMetrics> {
    return {
      likes: null,
      replies: null,
      reposts: null,
      quotes: null,
      impressions: null,
      reach: null,
      clicks: null,
      missing: { ...SLACK_METRICS.missing },
    };
  }

  async function fetchMentions(_ctx: ChannelContext, _since?: string): Promise<RemoteMention[]> {
    return [];
  }

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const client = clientFor(ctx);
      const mode = client.mode;
      if (mode.kind === 'webhook') {
        // An empty payload is refused (400 no_text / invalid_payload) by a live webhook without
        // posting anything; a revoked one answers 403/404/410 with its reason.
        try {
          await client.postWebhook({});
        } catch (error) {
          if (!(error instanceof NetworkError) || error.code !== 'invalid_content') throw error;
        }
        const path = new URL(mode.webhookUrl).pathname.split('/');
        // A webhook tells nothing about its channel: no handle is shown, only what it is.
        return { ok: true, account: { id: `${path[2]}/${path[3]}`, handle: 'Slack webhook', displayName: 'Slack webhook' } };
      }
      const auth = await client.call<{ team?: string; team_id?: string; user_id?: string; user?: string }>(
        'auth.test',
        { json: {} },
        false,
      );
      const { channel } = await client.call<{
        channel?: { id: string; name?: string; is_member?: boolean; is_archived?: boolean; num_members?: number };
      }>('conversations.info', { query: { channel: mode.channel, include_num_members: 'true' } }, false);
      if (channel?.is_archived) throw new NetworkError('permanent', 'slack_channel_archived', 'The Slack channel is archived');
      if (channel && channel.is_member === false)
        throw new NetworkError(
          'permanent',
          'slack_not_in_channel',
          `The Slack app is not in #${channel.name ?? mode.channel}: invite it with /invite`,
        );
      return {
        ok: true,
        account: {
          id: mode.channel,
          handle: `#${channel?.name ?? mode.channel}`,
          ...(auth.team ? { displayName: `${auth.team} · #${channel?.name ?? mode.channel}` } : {}),
          ...(typeof channel?.num_members === 'number' ? { followers: channel.num_members } : {}),
        },
      };
    } catch (error) {
      return unhealthy(error);
    }
  }

  return {
    name: 'slack',
    label: { en: 'Slack', es: 'Slack' },
    simulated: false,
    limits: SLACK_LIMITS,
    capabilities: SLACK_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    connectionFields: [
      {
        name: 'webhookUrl',
        secret: true,
        required: false,
        label: { en: 'Incoming webhook URL (text only)', es: 'URL del webhook entrante (solo texto)' },
      },
      { name: 'botToken', secret: true, required: false, label: { en: 'Bot token (xoxb-…)', es: 'Token del bot (xoxb-…)' } },
      {
        name: 'channel',
        secret: false,
        required: false,
        label: { en: 'Channel id, with a bot token (C0…)', es: 'Id del canal, con token de bot (C0…)' },
      },
    ],
    metrics: SLACK_METRICS,
    validate: validateSlackPost,
    checkHealth,
    publish,
    findPublished,
    delete: deletePost,
    fetchMetrics,
    fetchMentions,
  };
}
