/**
 * The sandbox adapter: a simulated network, clearly labelled as such, for demos,
 * training, load and chaos tests. With `settings.serverUrl` it talks to a
 * sandbox HTTP server (see server.ts); without it, to a process-wide in-process
 * SandboxNetwork with the same latency and faults.
 *
 * Idempotency: reconcile-by-lookup. Every post carries the publication id as
 * its `marker` (and as Idempotency-Key, which the sandbox may or may not
 * honour); `findPublished` looks the marker up.
 */
import {
  NetworkError,
  type ChannelContext,
  type ChannelHealth,
  type MediaInput,
  type NetworkAdapter,
  type NetworkCapabilities,
  type NetworkLimits,
  type PostEngagers,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
  type ValidationIssue,
} from '../types.ts';
import type { NetworkPackage } from '../package.ts';
import type { InboundItem, InboxAdapter, InboxTarget, ReplyInput, ReplyResult } from '../inbox.ts';
import { validationIssue } from '../validation.ts';
import { verifyHmacHeader } from '../push-signature.ts';
import { z } from 'zod';
import type { PostView } from './api.ts';
import { HttpSandboxClient, InProcessSandboxClient, type PostRequestBody, type SandboxClient } from './client.ts';
import type { InboxItemView, InboxReplyView } from './api.ts';
import { SANDBOX_RULES, SandboxNetwork } from './simulator.ts';
import { SANDBOX_POSTS_PER_MINUTE } from './rate-monitor.ts';

export { SandboxNetwork } from './simulator.ts';
export { startSandboxServer } from './server.ts';
export { configureSandboxHttpAgent } from './client.ts';

/** Per-call timeout when settings.timeoutMs is not given. */
export const DEFAULT_SANDBOX_TIMEOUT_MS = 10_000;

let inProcessNetwork: SandboxNetwork | null = null;

/** The process-wide simulated network used when a channel has no serverUrl (created on first use). */
export function getInProcessSandbox(): SandboxNetwork {
  inProcessNetwork ??= new SandboxNetwork();
  return inProcessNetwork;
}

/** Replaces the process-wide in-process network (tests, demos with a fixed seed or clock). */
export function setInProcessSandbox(network: SandboxNetwork): void {
  inProcessNetwork = network;
}

const limits: NetworkLimits = {
  maxChars: SANDBOX_RULES.maxChars,
  maxImages: SANDBOX_RULES.maxImages,
  maxImageBytes: SANDBOX_RULES.maxImageBytes,
  acceptedImageTypes: [...SANDBOX_RULES.acceptedImageTypes],
  maxAltChars: SANDBOX_RULES.maxAltChars,
  supportsThreads: true,
  supportsContentWarning: true,
  supportsVisibility: true,
  // High on purpose: load tests push thousands of posts through few channels.
  postsPerMinutePerChannel: SANDBOX_POSTS_PER_MINUTE,
};

/**
 * What the sandbox publishes: text, images, carousels, one video per post, threads and a first
 * comment (published as the account's own reply), with two options of its own so the composer's
 * option controls can be tried without a real network.
 */
const capabilities: NetworkCapabilities = {
  postTypes: [...SANDBOX_RULES.postTypes],
  maxCarouselItems: SANDBOX_RULES.maxCarouselItems,
  firstComment: true,
  video: {
    maxBytes: SANDBOX_RULES.maxVideoBytes,
    minDurationSeconds: 1,
    maxDurationSeconds: SANDBOX_RULES.maxVideoSeconds,
    minAspectRatio: 9 / 16,
    maxAspectRatio: 16 / 9,
    containers: [...SANDBOX_RULES.acceptedVideoTypes],
    // HEVC only as hvc1 (parameter sets in the sample entry), as Apple and Instagram expect it.
    codecs: ['avc1', 'hvc1'],
  },
  mediaByUrl: false,
  charCounting: 'code-points',
  options: [
    {
      name: 'replies',
      kind: 'select',
      values: ['everyone', 'followers', 'nobody'],
      label: { en: 'Who can reply', es: 'Quién puede responder' },
      valueLabels: {
        everyone: { en: 'Everyone', es: 'Todo el mundo' },
        followers: { en: 'Followers', es: 'Seguidores' },
        nobody: { en: 'Nobody', es: 'Nadie' },
      },
    },
    { name: 'pin', kind: 'boolean', default: false, label: { en: 'Pin to the profile', es: 'Fijar en el perfil' } },
  ],
};

/** Marker of a publication's first comment. */
function commentMarkerOf(publicationId: string): string {
  return `${publicationId}#comment`;
}

interface SandboxSettings {
  serverUrl?: string;
  handle: string;
  timeoutMs: number;
}

function readSettings(ctx: ChannelContext): SandboxSettings {
  const { serverUrl, handle, timeoutMs } = ctx.settings;
  if (typeof handle !== 'string' || handle === '') {
    throw new NetworkError('permanent', 'invalid_settings', 'sandbox channel settings need a handle');
  }
  if (serverUrl !== undefined && serverUrl !== null && serverUrl !== '' && typeof serverUrl !== 'string') {
    throw new NetworkError('permanent', 'invalid_settings', 'serverUrl must be a string');
  }
  if (typeof serverUrl === 'string' && serverUrl !== '' && !/^https?:\/\/[^/@]+(\/|$)/i.test(serverUrl)) {
    throw new NetworkError('permanent', 'invalid_settings', 'serverUrl must be an http(s) URL');
  }
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0))) {
    throw new NetworkError('permanent', 'invalid_settings', 'timeoutMs must be a positive number');
  }
  return {
    handle,
    timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : DEFAULT_SANDBOX_TIMEOUT_MS,
    ...(typeof serverUrl === 'string' && serverUrl !== '' ? { serverUrl: serverUrl.replace(/\/+$/, '') } : {}),
  };
}

function readToken(ctx: ChannelContext): string {
  const token = ctx.credentials.token;
  if (typeof token !== 'string' || token === '') {
    throw new NetworkError('auth', 'missing_token', 'the sandbox channel has no token');
  }
  return token;
}

function clientFor(ctx: ChannelContext): { client: SandboxClient; settings: SandboxSettings } {
  const settings = readSettings(ctx);
  const token = readToken(ctx);
  // Never send a request, nor let the network accept a post, after the engine's own
  // deadline: the time left is read on the engine's clock right before each request.
  const { deadline } = ctx;
  const now = ctx.now ?? Date.now;
  const timeLeft = deadline !== undefined ? () => deadline - now() : undefined;
  const client = settings.serverUrl
    ? new HttpSandboxClient(settings.serverUrl, token, settings.timeoutMs, ctx.signal, ctx.allowPrivateUrls === true, timeLeft)
    : new InProcessSandboxClient(getInProcessSandbox(), token, settings.timeoutMs, ctx.signal, timeLeft);
  return { client, settings };
}

function remoteUrlOf(settings: SandboxSettings, postId: string): string | null {
  // In-process posts live nowhere a browser could open.
  return settings.serverUrl ? `${settings.serverUrl}/api/posts/${encodeURIComponent(postId)}` : null;
}

/** Marker of the root post is the publication id; follow-ups append their position. */
function markerOf(publicationId: string, threadIndex: number): string {
  return threadIndex === 0 ? publicationId : `${publicationId}#${threadIndex}`;
}

function requestBody(part: { text: string; media: MediaInput[] }, input: PublishInput, marker: string, replyTo?: string): PostRequestBody {
  const options = input.options ?? {};
  return {
    text: part.text,
    media: part.media.map((item) => ({
      size: item.size,
      mimeType: item.mimeType,
      ...(item.alt !== undefined ? { alt: item.alt } : {}),
      ...(item.kind === 'video' && item.durationSeconds !== undefined ? { durationSeconds: item.durationSeconds } : {}),
    })),
    ...(part === input && input.postType !== undefined && input.postType !== 'text' ? { postType: input.postType } : {}),
    marker,
    ...(replyTo !== undefined ? { replyTo } : {}),
    ...(options.visibility !== undefined ? { visibility: options.visibility } : {}),
    ...(options.contentWarning !== undefined ? { contentWarning: options.contentWarning } : {}),
    ...(options.language !== undefined ? { language: options.language } : {}),
  };
}

/** The earliest live post with this marker (duplicates, if any, are newer). */
async function findOne(client: SandboxClient, handle: string, marker: string): Promise<PostView | null> {
  const posts = await client.findByMarker(handle, marker);
  return posts.length > 0 ? posts[posts.length - 1] : null;
}

const NETWORK = 'Sandbox';

function validatePart(part: { text: string; media: MediaInput[] }, prefix: string, maxItems = limits.maxImages): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const length = Array.from(part.text).length;
  if (length > limits.maxChars) {
    issues.push(validationIssue(`${prefix}text`, 'text_too_long', { count: length, network: NETWORK, max: limits.maxChars }));
  }
  if (part.text.trim() === '' && part.media.length === 0) issues.push(validationIssue(`${prefix}text`, 'empty_post'));
  if (part.media.length > maxItems) {
    issues.push(validationIssue(`${prefix}media`, 'too_many_images', { max: maxItems, count: part.media.length }));
  }
  part.media.forEach((item, index) => {
    const field = `${prefix}media[${index}]`;
    // Videos are checked against capabilities.video (posts/capability-checks.ts), not the image rules.
    if (item.kind === 'video') return;
    if (!limits.acceptedImageTypes.includes(item.mimeType)) {
      issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
    }
    if (item.size > limits.maxImageBytes) {
      issues.push(validationIssue(field, 'image_too_large', { maxMb: Math.round((limits.maxImageBytes / (1024 * 1024)) * 10) / 10 }));
    }
    if (item.alt !== undefined && Array.from(item.alt).length > limits.maxAltChars) {
      issues.push(validationIssue(`${field}.alt`, 'alt_too_long', { max: limits.maxAltChars, count: Array.from(item.alt).length }));
    }
  });
  return issues;
}

function validate(input: PublishInput): ValidationIssue[] {
  const maxItems = input.postType === 'carousel' ? capabilities.maxCarouselItems : limits.maxImages;
  const issues = validatePart(input, '', maxItems);
  for (const [index, part] of (input.thread ?? []).entries()) issues.push(...validatePart(part, `thread[${index}].`));
  const warning = input.options?.contentWarning;
  if (warning !== undefined && warning.length > SANDBOX_RULES.maxContentWarningChars) {
    issues.push(
      validationIssue('options.contentWarning', 'content_warning_too_long', {
        count: warning.length,
        max: SANDBOX_RULES.maxContentWarningChars,
      }),
    );
  }
  if (Array.from(markerOf(input.publicationId, (input.thread ?? []).length)).length > SANDBOX_RULES.maxMarkerChars) {
    issues.push(validationIssue('publicationId', 'publication_id_too_long'));
  }
  return issues;
}

/**
 * Posts the thread's follow-ups after `parentId`, starting at `fromIndex`
 * (1-based), each reconciled by its own marker when `lookupFirst` is set.
 */
async function postFollowUps(
  client: SandboxClient,
  settings: SandboxSettings,
  input: PublishInput,
  parentId: string,
  lookupFirst: boolean,
): Promise<string[]> {
  const ids: string[] = [];
  let parent = parentId;
  const thread = input.thread ?? [];
  for (let index = 1; index <= thread.length; index++) {
    const marker = markerOf(input.publicationId, index);
    const existing = lookupFirst ? await findOne(client, settings.handle, marker) : null;
    const post = existing ?? (await client.createPost(settings.handle, requestBody(thread[index - 1], input, marker, parent), marker));
    ids.push(post.id);
    parent = post.id;
  }
  return ids;
}

/**
 * Publishes the first comment as the account's reply to `rootId` (marker `<publicationId>#comment`),
 * looked up first when `lookupFirst`; returns its id, or null when the post has none.
 */
async function postFirstComment(
  client: SandboxClient,
  settings: SandboxSettings,
  input: PublishInput,
  rootId: string,
  lookupFirst: boolean,
): Promise<string | null> {
  if (!input.firstComment) return null;
  const marker = commentMarkerOf(input.publicationId);
  const existing = lookupFirst ? await findOne(client, settings.handle, marker) : null;
  if (existing) return existing.id;
  const body: PostRequestBody = { text: input.firstComment, media: [], marker, replyTo: rootId };
  return (await client.createPost(settings.handle, body, marker)).id;
}

function asHealthError(error: unknown): ChannelHealth {
  if (error instanceof NetworkError) return { ok: false, error: { code: error.code, message: error.message, kind: error.kind } };
  return { ok: false, error: { code: 'unexpected', message: error instanceof Error ? error.message : String(error) } };
}

/** Backfill pages of the sandbox inbox. */
const INBOX_PAGE_SIZE = 100;

function inboundOf(item: InboxItemView): InboundItem {
  return {
    remoteId: item.id,
    kind: item.kind,
    threadRemoteId: item.threadId,
    ...(item.postId !== null ? { postRemoteId: item.postId } : {}),
    ...(item.inReplyTo !== null ? { inReplyToRemoteId: item.inReplyTo } : {}),
    author: { id: item.authorHandle, handle: item.authorHandle, displayName: item.authorName },
    text: item.text,
    url: null,
    createdAt: item.createdAt,
    ...(item.fromUs ? { fromUs: true } : {}),
    language: item.language,
  };
}

function replyResultOf(settings: SandboxSettings, reply: InboxReplyView): ReplyResult {
  return { remoteId: reply.id, remoteUrl: settings.serverUrl ? `${settings.serverUrl}/api/inbox/${encodeURIComponent(reply.id)}` : null };
}

/** A deleted target is a refusal with its own code: the inbox keeps the draft and says why. */
function refusalOf(error: unknown): unknown {
  if (error instanceof NetworkError && error.code === 'target_deleted')
    return new NetworkError('permanent', 'item_deleted', 'the item replied to was deleted', error.details);
  return error;
}

/**
 * The sandbox inbox: its audience's replies, mentions and direct messages (one thread per
 * person), and its answers to ours. Replies carry the reply id as their marker, so `findReply`
 * answers whether an attempt whose outcome was lost created one.
 */
const sandboxInbox: InboxAdapter = {
  capabilities: {
    kinds: ['comment', 'reply', 'mention', 'direct_message'],
    actions: ['reply', 'direct_message', 'like', 'unlike', 'hide', 'unhide', 'delete', 'mute', 'block'],
    maxReplyChars: SANDBOX_RULES.maxChars,
    push: true,
  },

  async fetchInbound(ctx, opts) {
    const { client, settings } = clientFor(ctx);
    const page = await client.getInbox(settings.handle, {
      ...(opts.cursor !== null ? { after: opts.cursor } : opts.since !== undefined ? { since: opts.since } : {}),
      limit: INBOX_PAGE_SIZE,
    });
    return { items: page.items.map(inboundOf), cursor: page.cursor, hasMore: page.hasMore };
  },

  async reply(ctx, input: ReplyInput) {
    const { client, settings } = clientFor(ctx);
    try {
      const reply = await client.createInboxReply(settings.handle, {
        targetId: input.target.remoteId,
        threadId: input.target.threadRemoteId,
        mode: input.mode,
        text: input.text,
        marker: input.replyId,
        toHandle: input.target.authorHandle,
      });
      return replyResultOf(settings, reply);
    } catch (error) {
      throw refusalOf(error);
    }
  },

  async findReply(ctx, input: ReplyInput) {
    const { client, settings } = clientFor(ctx);
    const found = await client.findInboxReplies(settings.handle, input.replyId);
    return found.length > 0 ? replyResultOf(settings, found[0]) : null;
  },

  async act(ctx, action, target: InboxTarget) {
    const { client, settings } = clientFor(ctx);
    await client.inboxAction(settings.handle, { action, targetId: target.remoteId, authorHandle: target.authorHandle });
  },

  // A sandbox push is `{ items: [...] }` in the shape of its inbox API, signed like Meta's webhooks.
  verifyPush({ headers, rawBody, secret }) {
    return verifyHmacHeader(headers, SANDBOX_PUSH_SIGNATURE_HEADER, rawBody, secret);
  },

  parsePush(_ctx, body) {
    const parsed = sandboxPushSchema.safeParse(body);
    if (!parsed.success) throw new NetworkError('permanent', 'invalid_push', 'the push body is not a sandbox inbox page');
    return parsed.data.items.map((item) => inboundOf(item as InboxItemView));
  },
};

/** The header a sandbox push carries its signature in: `sha256=<hex HMAC of the raw body>`. */
export const SANDBOX_PUSH_SIGNATURE_HEADER = 'x-sandbox-signature';

const sandboxPushSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        kind: z.enum(['comment', 'reply', 'mention', 'direct_message']),
        threadId: z.string().min(1).max(200),
        postId: z.string().max(200).nullable(),
        inReplyTo: z.string().max(200).nullable(),
        authorHandle: z.string().max(200),
        authorName: z.string().max(200),
        text: z.string().max(200_000),
        createdAt: z.string().datetime({ offset: true }),
        language: z.enum(['es', 'en']),
        sentiment: z.enum(['positive', 'neutral', 'negative']),
        fromUs: z.boolean(),
      }),
    )
    .max(500),
});

/** The sandbox network adapter (simulated). */
export const sandboxAdapter: NetworkAdapter = {
  name: 'sandbox',
  label: { en: 'Sandbox (simulated)', es: 'Sandbox (simulada)' },
  simulated: true,
  limits,
  capabilities,
  idempotency: 'reconcile-by-lookup',
  // The simulator reports every metric.
  metrics: { reported: ['likes', 'replies', 'reposts', 'quotes', 'impressions', 'reach', 'clicks', 'followers'], missing: {} },
  connectionFields: [
    { name: 'handle', secret: false, required: true, label: { en: 'Name of the practice account', es: 'Nombre de la cuenta de prueba' } },
    {
      name: 'serverUrl',
      secret: false,
      required: false,
      // Plain words: the field is only for a practice server run apart from Plaza (tests, demos).
      label: {
        en: 'Separate practice server address (leave empty to practise inside Plaza)',
        es: 'Dirección de un servidor de prueba aparte (déjalo vacío para practicar dentro de Plaza)',
      },
    },
    {
      name: 'token',
      secret: true,
      required: true,
      label: { en: 'Any password (this is a practice account)', es: 'Cualquier contraseña (es una cuenta de prueba)' },
    },
  ],

  validate,
  inbox: sandboxInbox,

  async checkHealth(ctx) {
    try {
      const { client, settings } = clientFor(ctx);
      const account = await client.getAccount(settings.handle);
      return {
        ok: true,
        account: { id: account.id, handle: account.handle, displayName: account.displayName, followers: account.followers },
      };
    } catch (error) {
      return asHealthError(error);
    }
  },

  async publish(ctx, input) {
    const issues = validate(input);
    if (issues.length > 0) {
      throw new NetworkError('permanent', 'invalid_content', issues.map((found) => found.message).join(' '), { body: issues });
    }
    const { client, settings } = clientFor(ctx);
    const root = await client.createPost(settings.handle, requestBody(input, input, input.publicationId), input.publicationId);
    const result: PublishResult = { remoteId: root.id, remoteUrl: remoteUrlOf(settings, root.id) };
    if ((!input.thread || input.thread.length === 0) && !input.firstComment) return result;
    try {
      if (input.thread && input.thread.length > 0) result.threadRemoteIds = await postFollowUps(client, settings, input, root.id, false);
      const comment = await postFirstComment(client, settings, input, root.id, false);
      if (comment) result.firstCommentRemoteId = comment;
    } catch (error) {
      // The root exists: publishing again from scratch would duplicate it, so the
      // engine must reconcile; findPublished completes the thread.
      const cause = error instanceof NetworkError ? { kind: error.kind, code: error.code } : { message: String(error) };
      throw new NetworkError('ambiguous', 'thread_incomplete', 'the thread was only partly published', {
        body: { rootRemoteId: root.id, cause },
        ...(error instanceof NetworkError && error.details.retryAfterMs !== undefined ? { retryAfterMs: error.details.retryAfterMs } : {}),
      });
    }
    return result;
  },

  async findPublished(ctx, input) {
    const { client, settings } = clientFor(ctx);
    const root = await findOne(client, settings.handle, input.publicationId);
    if (!root) return null;
    const result: PublishResult = { remoteId: root.id, remoteUrl: remoteUrlOf(settings, root.id) };
    if (input.thread && input.thread.length > 0) {
      // A thread cut short is finished here, each follow-up looked up by its marker first.
      result.threadRemoteIds = await postFollowUps(client, settings, input, root.id, true);
    }
    // Likewise a first comment that never went out (or whose answer was lost).
    const comment = await postFirstComment(client, settings, input, root.id, true);
    if (comment) result.firstCommentRemoteId = comment;
    return result;
  },

  async delete(ctx, remoteId) {
    const { client } = clientFor(ctx);
    // Already gone counts as deleted: a retried delete must not fail.
    await client.deletePost(remoteId);
  },

  async fetchMetrics(ctx, remoteId): Promise<PostMetrics> {
    const { client } = clientFor(ctx);
    const { metrics } = await client.getPost(remoteId);
    return { ...metrics, missing: {} };
  },

  async fetchEngagers(ctx, remoteId): Promise<PostEngagers> {
    const { client } = clientFor(ctx);
    const { accounts, truncated } = await client.getEngagers(remoteId);
    return { accounts: accounts.map((account) => ({ id: account.handle, follower: account.follower })), truncated };
  },

  async fetchMentions(ctx, since): Promise<RemoteMention[]> {
    const { client, settings } = clientFor(ctx);
    const mentions = await client.getMentions(settings.handle, since);
    return mentions.map((mention) => ({
      remoteId: mention.id,
      url: null,
      authorHandle: mention.authorHandle,
      authorName: mention.authorName,
      text: mention.text,
      createdAt: mention.createdAt,
      ...(mention.inReplyTo !== null ? { inReplyToRemoteId: mention.inReplyTo } : {}),
    }));
  },
};

/** The simulated network as Plaza ships it (no listening source: its mentions arrive through channel mentions). */
export const sandbox: NetworkPackage = { adapter: sandboxAdapter, listeningSources: [] };
