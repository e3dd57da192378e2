/**
 * The sandbox's API as plain functions returning { status, body }: the HTTP
 * server maps routes onto them and the in-process adapter calls them directly,
 * so both modes answer, fail and fault in exactly the same way.
 */
import type { SimulatedMention } from './audience.ts';
import { isValidHandle, SANDBOX_RULES, type SandboxNetwork, type SandboxOptions, type StoredPost } from './simulator.ts';
import {
  acceptInboxReply,
  applyInboxAction,
  inboxItems,
  inboxRepliesByMarker,
  SANDBOX_INBOX_ACTIONS,
  type SandboxInboxAction,
  type SandboxInboxItem,
  type SandboxInboxReply,
} from './inbox.ts';

export interface ApiResult {
  status: number;
  body: unknown;
  /** Sent as the Retry-After header (seconds). */
  retryAfterSeconds?: number;
  /** The post was stored but the answer must be withheld for this long, then the connection dropped. */
  hangMs?: number;
}

/** Credentials and headers of one call. */
export interface ApiCaller {
  /** The raw Authorization header. */
  authorization?: string;
  idempotencyKey?: string;
  /** True once the caller has hung up (its connection closed, or in-process its deadline passed). */
  abandoned?: () => boolean;
  /**
   * Wall-clock time (Date.now ms) after which the caller no longer waits (the
   * X-Sandbox-Deadline header). A closed connection is not always seen in time:
   * under load its FIN can trail the request by a retransmission.
   */
  deadline?: number;
}

export interface PostView {
  id: string;
  accountHandle: string;
  text: string;
  media: Array<{ alt?: string; size: number; mimeType: string }>;
  replyTo: string | null;
  marker: string | null;
  visibility: string;
  contentWarning: string | null;
  language: string | null;
  createdAt: string;
  deletedAt: string | null;
}

export interface MentionView {
  id: string;
  authorHandle: string;
  authorName: string;
  text: string;
  createdAt: string;
  inReplyTo: string | null;
  language: string;
  sentiment: string;
}

function failure(status: number, code: string, message: string, details?: unknown): ApiResult {
  return { status, body: { error: { code, message, ...(details !== undefined ? { details } : {}) } } };
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer\s+(.+)$/i);
  return match ? match[1].trim() : undefined;
}

/** The post as the API shows it. */
export function postView(post: StoredPost): PostView {
  return {
    id: post.id,
    accountHandle: post.accountHandle,
    text: post.text,
    media: post.media,
    replyTo: post.replyTo,
    marker: post.marker,
    visibility: post.visibility,
    contentWarning: post.contentWarning,
    language: post.language,
    createdAt: new Date(post.createdAt).toISOString(),
    deletedAt: post.deletedAt === null ? null : new Date(post.deletedAt).toISOString(),
  };
}

function mentionView(mention: SimulatedMention): MentionView {
  return {
    id: mention.id,
    authorHandle: mention.authorHandle,
    authorName: mention.authorName,
    text: mention.text,
    createdAt: new Date(mention.createdAt).toISOString(),
    inReplyTo: mention.inReplyTo ?? null,
    language: mention.language,
    sentiment: mention.sentiment,
  };
}

/** 401 unless the caller carries a valid token. */
function authorize(network: SandboxNetwork, caller: ApiCaller): ApiResult | null {
  if (network.isTokenValid(bearerToken(caller.authorization))) return null;
  network.noteUnauthorized();
  return failure(401, 'invalid_token', 'missing, bad or revoked bearer token');
}

function checkHandle(handle: string): ApiResult | null {
  return isValidHandle(handle) ? null : failure(400, 'invalid_handle', 'handle must be 1-64 letters, digits, _ . -');
}

/** Latency and (when enabled for reads) 5xx/429 before a read or delete. */
async function readFaults(network: SandboxNetwork): Promise<ApiResult | null> {
  if (!network.options.faultsOnReads) return null;
  await network.simulateLatency();
  const fault = network.drawFault('read');
  if (fault.kind === 'rate_limited') {
    return { ...failure(429, 'rate_limited', 'slow down'), retryAfterSeconds: fault.retryAfterSeconds };
  }
  if (fault.kind === 'server_error') return failure(fault.status, `http_${fault.status}`, 'simulated server error');
  return null;
}

/**
 * POST /api/accounts/:handle/posts. Order: latency, then the drawn fault (429 or
 * 5xx store nothing), then auth, validation and storage; a "timeout after
 * accept" stores the post and returns `hangMs` instead of an answer. A caller
 * that hung up during the latency gets nothing stored (see processAbandonedCalls).
 */
export async function createPost(network: SandboxNetwork, handle: string, caller: ApiCaller, body: unknown): Promise<ApiResult> {
  await network.simulateLatency();
  const fault = network.drawFault('write');
  if (fault.kind === 'rate_limited') {
    return { ...failure(429, 'rate_limited', 'too many posts, retry later'), retryAfterSeconds: fault.retryAfterSeconds };
  }
  if (fault.kind === 'server_error') return failure(fault.status, `http_${fault.status}`, 'simulated server error');
  const rejected = authorize(network, caller) ?? checkHandle(handle);
  if (rejected) return rejected;
  const parsed = network.parseDraft(body);
  if (parsed.draft === null) return failure(422, 'invalid_post', 'the post breaks the network rules', parsed.issues);
  const gone = caller.abandoned?.() === true || (caller.deadline !== undefined && Date.now() >= caller.deadline);
  if (gone && !network.options.processAbandonedCalls) {
    network.noteAbandoned();
    return failure(499, 'deadline_exceeded', 'the caller stopped waiting before the post was stored; nothing was stored');
  }
  const { post, replayed } = network.acceptPost(handle, parsed.draft, caller.idempotencyKey || undefined);
  if (fault.kind === 'accept_then_hang') {
    network.noteHung();
    return { status: 201, body: { post: postView(post) }, hangMs: fault.hangMs };
  }
  return { status: replayed ? 200 : 201, body: { post: postView(post), replayed } };
}

/** GET /api/accounts/:handle/posts?marker=&limit= : live posts, newest first. */
export async function listPosts(
  network: SandboxNetwork,
  handle: string,
  caller: ApiCaller,
  query: { marker?: string; limit?: string },
): Promise<ApiResult> {
  const rejected = (await readFaults(network)) ?? authorize(network, caller) ?? checkHandle(handle);
  if (rejected) return rejected;
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return failure(400, 'invalid_limit', 'limit must be 1-1000');
  const posts = network.postsOf(handle, { ...(query.marker !== undefined ? { marker: query.marker } : {}), limit });
  return { status: 200, body: { posts: posts.map(postView) } };
}

/** GET /api/posts/:id : the post and its metrics now; 404 when unknown or deleted. */
export async function getPost(network: SandboxNetwork, postId: string, caller: ApiCaller): Promise<ApiResult> {
  const rejected = (await readFaults(network)) ?? authorize(network, caller);
  if (rejected) return rejected;
  const post = network.getPost(postId);
  if (!post || post.deletedAt !== null) return failure(404, 'not_found', 'no such post');
  return { status: 200, body: { post: postView(post), metrics: network.metrics(postId) } };
}

/** GET /api/posts/:id/engagers : the distinct simulated accounts behind the post's counts, with their follower flag. */
export async function getEngagers(network: SandboxNetwork, postId: string, caller: ApiCaller, cap: number): Promise<ApiResult> {
  const rejected = (await readFaults(network)) ?? authorize(network, caller);
  if (rejected) return rejected;
  const post = network.getPost(postId);
  if (!post || post.deletedAt !== null) return failure(404, 'not_found', 'no such post');
  return { status: 200, body: network.engagers(postId, cap) };
}

/** DELETE /api/posts/:id : 204, or 404 when unknown or already deleted. */
export async function deletePost(network: SandboxNetwork, postId: string, caller: ApiCaller): Promise<ApiResult> {
  const rejected = (await readFaults(network)) ?? authorize(network, caller);
  if (rejected) return rejected;
  return network.deletePost(postId) ? { status: 204, body: null } : failure(404, 'not_found', 'no such post');
}

/** GET /api/accounts/:handle : the profile, followers now and today's change. */
export async function getAccount(network: SandboxNetwork, handle: string, caller: ApiCaller): Promise<ApiResult> {
  const rejected = (await readFaults(network)) ?? authorize(network, caller) ?? checkHandle(handle);
  if (rejected) return rejected;
  const account = network.account(handle);
  const history = network.followerHistory(handle);
  const today = history[history.length - 1];
  return {
    status: 200,
    body: {
      account: {
        id: account.id,
        handle: account.handle,
        displayName: account.displayName,
        timeZone: account.timeZone,
        createdAt: new Date(account.createdAt).toISOString(),
        followers: today?.followers ?? account.baseFollowers,
        followersGainedToday: today?.gained ?? 0,
        followersLostToday: today?.lost ?? 0,
        posts: network.postsOf(handle, { limit: Number.MAX_SAFE_INTEGER }).length,
      },
      followerHistory: history.slice(-90),
    },
  };
}

/** Parses an ISO date or a ms timestamp; undefined when absent, NaN when unreadable. */
function parseInstant(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

/** GET /api/accounts/:handle/mentions?since= : the audience's replies and mentions after `since`. */
export async function getMentions(
  network: SandboxNetwork,
  handle: string,
  caller: ApiCaller,
  query: { since?: string },
): Promise<ApiResult> {
  const rejected = (await readFaults(network)) ?? authorize(network, caller) ?? checkHandle(handle);
  if (rejected) return rejected;
  const since = parseInstant(query.since);
  if (since !== undefined && Number.isNaN(since)) return failure(400, 'invalid_since', 'since must be an ISO date');
  const mentions = network.mentions(handle, since === undefined ? {} : { sinceMs: since });
  return { status: 200, body: { mentions: mentions.map(mentionView) } };
}

/** GET /api/record : every accepted post in order, with the duplicate count. */
export function getRecord(network: SandboxNetwork): ApiResult {
  return {
    status: 200,
    body: { count: network.accepted.length, duplicates: network.countDuplicates(), stats: network.stats(), accepted: network.accepted },
  };
}

/** POST /api/chaos : changes options; 400 with the reason when a value is out of range. */
export function setChaos(network: SandboxNetwork, body: unknown): ApiResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return failure(400, 'invalid_body', 'body must be a JSON object of options');
  }
  try {
    return { status: 200, body: { options: network.setOptions(body as Partial<SandboxOptions>) } };
  } catch (error) {
    return failure(400, 'invalid_option', (error as Error).message);
  }
}

/** POST /api/accounts/:handle/configure : display name, time zone, starting followers. */
export function configureAccount(network: SandboxNetwork, handle: string, body: unknown): ApiResult {
  const invalidHandle = checkHandle(handle);
  if (invalidHandle) return invalidHandle;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return failure(400, 'invalid_body', 'body must be a JSON object');
  }
  const { displayName, timeZone, followers } = body as Record<string, unknown>;
  if (
    (displayName !== undefined && typeof displayName !== 'string') ||
    (timeZone !== undefined && typeof timeZone !== 'string') ||
    (followers !== undefined && typeof followers !== 'number')
  ) {
    return failure(400, 'invalid_body', 'displayName and timeZone are strings, followers a number');
  }
  try {
    const account = network.configureAccount(handle, {
      ...(displayName !== undefined ? { displayName } : {}),
      ...(timeZone !== undefined ? { timeZone } : {}),
      ...(followers !== undefined ? { followers } : {}),
    });
    return { status: 200, body: { account } };
  } catch (error) {
    return failure(400, 'invalid_value', (error as Error).message);
  }
}

/** POST /api/tokens/revoke { token } : that token gets 401 from now on. */
export function revokeToken(network: SandboxNetwork, body: unknown): ApiResult {
  const token = (body as { token?: unknown } | null)?.token;
  if (typeof token !== 'string' || token === '') return failure(400, 'invalid_body', 'token must be a non-empty string');
  network.revokeToken(token);
  return { status: 200, body: { revoked: true } };
}

// ---------------------------------------------------------------------------
// Inbox (inbox.ts): what the audience writes to the account, and the account's replies
// ---------------------------------------------------------------------------

export interface InboxItemView extends Omit<SandboxInboxItem, 'createdAt'> {
  createdAt: string;
}

export interface InboxReplyView extends Omit<SandboxInboxReply, 'createdAt' | 'deletedAt'> {
  createdAt: string;
}

const INBOX_PAGE_MAX = 200;

function inboxReplyView(reply: SandboxInboxReply): InboxReplyView {
  const { deletedAt: _deleted, ...rest } = reply;
  return { ...rest, createdAt: new Date(reply.createdAt).toISOString() };
}

/**
 * GET /api/accounts/:handle/inbox?after=&since=&limit= : items oldest first after the opaque
 * cursor `after` (or created after `since`), at most `limit`; `cursor` continues, `hasMore` says
 * whether more are waiting now.
 */
export async function getInbox(
  network: SandboxNetwork,
  handle: string,
  caller: ApiCaller,
  query: { after?: string; since?: string; limit?: string },
): Promise<ApiResult> {
  const rejected = (await readFaults(network)) ?? authorize(network, caller) ?? checkHandle(handle);
  if (rejected) return rejected;
  const limit = query.limit === undefined ? 100 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > INBOX_PAGE_MAX) return failure(400, 'invalid_limit', 'limit must be 1-200');
  let afterMs = Number.NEGATIVE_INFINITY;
  let afterId = '';
  if (query.after !== undefined && query.after !== '') {
    const match = /^(\d+)\|(.*)$/.exec(query.after);
    if (!match) return failure(400, 'invalid_cursor', 'after must be a cursor this API returned');
    afterMs = Number(match[1]);
    afterId = match[2];
  } else {
    const since = parseInstant(query.since);
    if (since !== undefined && Number.isNaN(since)) return failure(400, 'invalid_since', 'since must be an ISO date');
    if (since !== undefined) afterMs = since;
  }
  const all = inboxItems(network, handle, Number.isFinite(afterMs) ? afterMs - 1 : Number.NEGATIVE_INFINITY).filter(
    (item) => item.createdAt > afterMs || (item.createdAt === afterMs && item.id > afterId),
  );
  const page = all.slice(0, limit);
  const last = page[page.length - 1];
  return {
    status: 200,
    body: {
      items: page.map((item) => ({ ...item, createdAt: new Date(item.createdAt).toISOString() })),
      cursor: last ? `${last.createdAt}|${last.id}` : (query.after ?? null),
      hasMore: all.length > limit,
    },
  };
}

/**
 * POST /api/accounts/:handle/inbox/replies { targetId, threadId, mode, text, marker, toHandle }:
 * faults as for posts (a "timeout after accept" stores the reply and withholds the answer);
 * 404 target_deleted when the item is gone.
 */
export async function createInboxReply(network: SandboxNetwork, handle: string, caller: ApiCaller, body: unknown): Promise<ApiResult> {
  await network.simulateLatency();
  const fault = network.drawFault('write');
  if (fault.kind === 'rate_limited') {
    return { ...failure(429, 'rate_limited', 'too many replies, retry later'), retryAfterSeconds: fault.retryAfterSeconds };
  }
  if (fault.kind === 'server_error') return failure(fault.status, `http_${fault.status}`, 'simulated server error');
  const rejected = authorize(network, caller) ?? checkHandle(handle);
  if (rejected) return rejected;
  const input = (body ?? {}) as Record<string, unknown>;
  const text = input.text;
  const strings = ['targetId', 'threadId', 'marker', 'toHandle'] as const;
  if (strings.some((name) => typeof input[name] !== 'string' || input[name] === '' || (input[name] as string).length > 300))
    return failure(422, 'invalid_reply', 'targetId, threadId, marker and toHandle are required strings');
  if (typeof text !== 'string' || text.trim() === '' || Array.from(text).length > SANDBOX_RULES.maxChars)
    return failure(422, 'invalid_reply', `text must be 1-${SANDBOX_RULES.maxChars} characters`);
  const mode = input.mode;
  if (mode !== 'public' && mode !== 'private' && mode !== 'direct_message') return failure(422, 'invalid_reply', 'unknown mode');
  const gone = caller.abandoned?.() === true || (caller.deadline !== undefined && Date.now() >= caller.deadline);
  if (gone && !network.options.processAbandonedCalls) {
    network.noteAbandoned();
    return failure(499, 'deadline_exceeded', 'the caller stopped waiting before the reply was stored; nothing was stored');
  }
  const reply = acceptInboxReply(network, handle, {
    targetId: input.targetId as string,
    threadId: input.threadId as string,
    marker: input.marker as string,
    toHandle: input.toHandle as string,
    mode,
    text,
  });
  if (reply === 'target_deleted') return failure(404, 'target_deleted', 'the item replied to was deleted');
  if (fault.kind === 'accept_then_hang') {
    network.noteHung();
    return { status: 201, body: { reply: inboxReplyView(reply) }, hangMs: fault.hangMs };
  }
  return { status: 201, body: { reply: inboxReplyView(reply) } };
}

/** GET /api/accounts/:handle/inbox/replies?marker= : the account's live replies with that marker, oldest first. */
export async function findInboxReplies(network: SandboxNetwork, handle: string, caller: ApiCaller, marker: string): Promise<ApiResult> {
  const rejected = (await readFaults(network)) ?? authorize(network, caller) ?? checkHandle(handle);
  if (rejected) return rejected;
  return { status: 200, body: { replies: inboxRepliesByMarker(network, handle, marker).map(inboxReplyView) } };
}

/** POST /api/accounts/:handle/inbox/actions { action, targetId, authorHandle } : 204. */
export async function inboxAction(network: SandboxNetwork, handle: string, caller: ApiCaller, body: unknown): Promise<ApiResult> {
  const rejected = (await readFaults(network)) ?? authorize(network, caller) ?? checkHandle(handle);
  if (rejected) return rejected;
  const input = (body ?? {}) as Record<string, unknown>;
  const action = input.action as SandboxInboxAction;
  if (!SANDBOX_INBOX_ACTIONS.includes(action)) return failure(422, 'invalid_action', 'unknown action');
  if (typeof input.targetId !== 'string' || typeof input.authorHandle !== 'string')
    return failure(422, 'invalid_action', 'targetId and authorHandle are required strings');
  applyInboxAction(network, handle, action, input.targetId, input.authorHandle);
  return { status: 204, body: null };
}
