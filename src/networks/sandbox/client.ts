/**
 * How the sandbox adapter reaches the sandbox: over HTTP (undici, pooled
 * keep-alive connections) or in-process (calling the same API functions the
 * server uses). Both turn every failure into a classified NetworkError.
 */
import { Agent, request } from 'undici';
import { isUnsafeUrlError, publicOnlyConnector } from '../../lib/safe-fetch.ts';
import { parseNetworkAnswer, sandboxAccountShape } from '../response-shape.ts';
import { MAX_ENGAGERS_PER_POST, NetworkError } from '../types.ts';
import * as api from './api.ts';
import type { MetricCounts } from './audience.ts';
import type { SimulatedEngagers } from './engagers.ts';
import type { SandboxNetwork } from './simulator.ts';

/** The body of a post as sent to the sandbox API. */
export interface PostRequestBody {
  text: string;
  media: Array<{ alt?: string; size: number; mimeType: string; durationSeconds?: number }>;
  /** 'carousel', 'video'…; text or image by the media when absent. */
  postType?: string;
  replyTo?: string;
  marker: string;
  visibility?: string;
  contentWarning?: string;
  language?: string;
}

export interface AccountView {
  id: string;
  handle: string;
  displayName: string;
  followers: number;
}

/** The sandbox operations the adapter needs, whatever the transport. */
export interface SandboxClient {
  createPost(handle: string, body: PostRequestBody, idempotencyKey: string): Promise<api.PostView>;
  /** Live posts of `handle` carrying `marker`, newest first. */
  findByMarker(handle: string, marker: string): Promise<api.PostView[]>;
  getPost(postId: string): Promise<{ post: api.PostView; metrics: MetricCounts }>;
  getEngagers(postId: string): Promise<SimulatedEngagers>;
  /** Resolves false when the post was already gone (404). */
  deletePost(postId: string): Promise<boolean>;
  getAccount(handle: string): Promise<AccountView>;
  getMentions(handle: string, since?: string): Promise<api.MentionView[]>;
  /** One page of the account's inbox after `after` (or since `since`). */
  getInbox(handle: string, query: { after?: string; since?: string; limit?: number }): Promise<InboxPageView>;
  createInboxReply(handle: string, body: InboxReplyRequestBody): Promise<api.InboxReplyView>;
  /** The account's live replies with `marker`, oldest first. */
  findInboxReplies(handle: string, marker: string): Promise<api.InboxReplyView[]>;
  inboxAction(handle: string, body: { action: string; targetId: string; authorHandle: string }): Promise<void>;
}

export interface InboxPageView {
  items: api.InboxItemView[];
  cursor: string | null;
  hasMore: boolean;
}

export interface InboxReplyRequestBody {
  targetId: string;
  threadId: string;
  mode: 'public' | 'private' | 'direct_message';
  text: string;
  marker: string;
  toHandle: string;
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Classifies a non-2xx answer: 401 → auth; 429 → rate_limited (with
 * retryAfterMs); 5xx and the sandbox's 499 (arrived past its deadline, nothing
 * stored) → transient; other 4xx (validation, not found, forbidden) → permanent.
 */
export function errorFromStatus(status: number, body: unknown, retryAfterMs?: number): NetworkError {
  const apiError = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof apiError?.code === 'string' ? apiError.code : `http_${status}`;
  const message = typeof apiError?.message === 'string' ? apiError.message : `sandbox answered HTTP ${status}`;
  const details = { status, body, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 401) return new NetworkError('auth', code, message, details);
  if (status === 429) return new NetworkError('rate_limited', code, message, details);
  // The sandbox stored nothing because the call arrived past its deadline: safe to retry.
  if (status === 499) return new NetworkError('transient', code, message, details);
  if (status >= 500) return new NetworkError('transient', `http_${status}`, message, details);
  if (status >= 400) return new NetworkError('permanent', code, message, details);
  return new NetworkError('transient', `http_${status}`, `unexpected HTTP ${status}`, details);
}

/**
 * A call cut short by our timeout or the caller's signal. A write may have
 * reached the network, so its outcome is ambiguous; a read is simply retried.
 */
function cutShort(reason: 'timeout' | 'aborted' | 'connection_lost', write: boolean, cause?: unknown): NetworkError {
  const message =
    reason === 'timeout'
      ? 'the sandbox did not answer in time'
      : reason === 'aborted'
        ? 'the call was aborted'
        : 'the connection dropped before an answer';
  return new NetworkError(write ? 'ambiguous' : 'transient', reason, write ? `${message}; the post may exist` : message, {
    ...(cause !== undefined ? { body: String(cause) } : {}),
  });
}

function notSent(code: string, message: string): NetworkError {
  return new NetworkError('transient', code, message);
}

/**
 * How long one request may take: the per-call timeout, cut to the caller's time
 * left (read right before sending). Throws, without sending, once it is gone.
 */
function requestBudget(timeoutMs: number, timeLeft: (() => number) | undefined): number {
  const left = timeLeft === undefined ? timeoutMs : Math.min(timeoutMs, Math.floor(timeLeft()));
  if (left <= 0) throw notSent('deadline_passed', 'the caller’s deadline passed before the request was sent; nothing was sent');
  return left;
}

function unwrap<T>(result: { status: number; body: unknown; retryAfterMs?: number }): T {
  if (result.status >= 200 && result.status < 300) return result.body as T;
  throw errorFromStatus(result.status, result.body, result.retryAfterMs);
}

/** Shared by both transports: API results to the operations' return values. */
abstract class BaseSandboxClient implements SandboxClient {
  protected abstract send(
    call: { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown; idempotencyKey?: string },
    write: boolean,
  ): Promise<{ status: number; body: unknown; retryAfterMs?: number }>;

  async createPost(handle: string, body: PostRequestBody, idempotencyKey: string): Promise<api.PostView> {
    const path = `/api/accounts/${encodeURIComponent(handle)}/posts`;
    return unwrap<{ post: api.PostView }>(await this.send({ method: 'POST', path, body, idempotencyKey }, true)).post;
  }

  async findByMarker(handle: string, marker: string): Promise<api.PostView[]> {
    const path = `/api/accounts/${encodeURIComponent(handle)}/posts?marker=${encodeURIComponent(marker)}`;
    return unwrap<{ posts: api.PostView[] }>(await this.send({ method: 'GET', path }, false)).posts;
  }

  async getPost(postId: string): Promise<{ post: api.PostView; metrics: MetricCounts }> {
    return unwrap(await this.send({ method: 'GET', path: `/api/posts/${encodeURIComponent(postId)}` }, false));
  }

  async getEngagers(postId: string): Promise<SimulatedEngagers> {
    return unwrap(await this.send({ method: 'GET', path: `/api/posts/${encodeURIComponent(postId)}/engagers` }, false));
  }

  async deletePost(postId: string): Promise<boolean> {
    const result = await this.send({ method: 'DELETE', path: `/api/posts/${encodeURIComponent(postId)}` }, false);
    if (result.status === 404) return false;
    unwrap(result);
    return true;
  }

  async getAccount(handle: string): Promise<AccountView> {
    const path = `/api/accounts/${encodeURIComponent(handle)}`;
    const answer = unwrap<{ account?: unknown } | null>(await this.send({ method: 'GET', path }, false));
    return parseNetworkAnswer(sandboxAccountShape, answer?.account, 'the sandbox account');
  }

  async getMentions(handle: string, since?: string): Promise<api.MentionView[]> {
    const query = since !== undefined ? `?since=${encodeURIComponent(since)}` : '';
    const path = `/api/accounts/${encodeURIComponent(handle)}/mentions${query}`;
    return unwrap<{ mentions: api.MentionView[] }>(await this.send({ method: 'GET', path }, false)).mentions;
  }

  async getInbox(handle: string, query: { after?: string; since?: string; limit?: number }): Promise<InboxPageView> {
    const params = new URLSearchParams();
    if (query.after !== undefined) params.set('after', query.after);
    if (query.since !== undefined) params.set('since', query.since);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const path = `/api/accounts/${encodeURIComponent(handle)}/inbox?${params.toString()}`;
    return unwrap<InboxPageView>(await this.send({ method: 'GET', path }, false));
  }

  async createInboxReply(handle: string, body: InboxReplyRequestBody): Promise<api.InboxReplyView> {
    const path = `/api/accounts/${encodeURIComponent(handle)}/inbox/replies`;
    return unwrap<{ reply: api.InboxReplyView }>(await this.send({ method: 'POST', path, body, idempotencyKey: body.marker }, true)).reply;
  }

  async findInboxReplies(handle: string, marker: string): Promise<api.InboxReplyView[]> {
    const path = `/api/accounts/${encodeURIComponent(handle)}/inbox/replies?marker=${encodeURIComponent(marker)}`;
    return unwrap<{ replies: api.InboxReplyView[] }>(await this.send({ method: 'GET', path }, false)).replies;
  }

  async inboxAction(handle: string, body: { action: string; targetId: string; authorHandle: string }): Promise<void> {
    const path = `/api/accounts/${encodeURIComponent(handle)}/inbox/actions`;
    unwrap(await this.send({ method: 'POST', path, body }, false));
  }
}

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

/** Connections per sandbox origin: at 50 ms latency, 512 connections carry ~10,000 calls/s (the server listens with a backlog of 2048). */
const DEFAULT_CONNECTIONS_PER_ORIGIN = 512;
let sharedAgent: Agent | null = null;
let sharedPublicAgent: Agent | null = null;
let poolConnections = DEFAULT_CONNECTIONS_PER_ORIGIN;

function newPool(connections: number, publicOnly: boolean): Agent {
  return new Agent({
    connections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000,
    // Our own per-call timeout decides; undici's must not fire first.
    headersTimeout: 0,
    bodyTimeout: 0,
    // Without PLAZA_ALLOW_PRIVATE_URLS, loopback/private/link-local servers are refused at connect time.
    ...(publicOnly ? { connect: publicOnlyConnector } : {}),
  });
}

/**
 * The process-wide keep-alive pool used for every sandbox server: with `allowPrivate`
 * (PLAZA_ALLOW_PRIVATE_URLS) any address, otherwise only public ones (the default).
 */
export function getSandboxHttpAgent(allowPrivate = false): Agent {
  if (allowPrivate) return (sharedAgent ??= newPool(poolConnections, false));
  return (sharedPublicAgent ??= newPool(poolConnections, true));
}

/** Replaces the shared pools, e.g. with more connections for a load test; closes the old ones. */
export async function configureSandboxHttpAgent(options: { connections: number }): Promise<void> {
  const previous = [sharedAgent, sharedPublicAgent];
  poolConnections = options.connections;
  sharedAgent = null;
  sharedPublicAgent = null;
  await Promise.all(previous.map((agent) => agent?.close()));
}

function errorCode(error: unknown): string | undefined {
  const direct = (error as { code?: unknown } | null)?.code;
  if (typeof direct === 'string') return direct;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}

/** Failures that happen before any byte of the request left: always safe to retry. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Talks to a sandbox server over HTTP with the shared keep-alive pool. */
export class HttpSandboxClient extends BaseSandboxClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
    private readonly signal?: AbortSignal,
    private readonly allowPrivate = false,
    /** Time left before the caller's deadline, on the caller's clock; checked before each request. */
    private readonly timeLeft?: () => number,
  ) {
    super();
  }

  protected async send(
    call: { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown; idempotencyKey?: string },
    write: boolean,
  ): Promise<{ status: number; body: unknown; retryAfterMs?: number }> {
    if (this.signal?.aborted) throw notSent('aborted', 'the call was aborted before it was sent');
    const timeoutMs = requestBudget(this.timeoutMs, this.timeLeft);
    const controller = new AbortController();
    let cutReason: 'timeout' | 'aborted' | null = null;
    // The server stores nothing once Date.now() reaches the deadline, and we give
    // up only once it has: a post is either stored before we give up (and a
    // lookup then finds it) or never.
    const deadline = Date.now() + timeoutMs;
    const giveUpAtDeadline = () => {
      const remaining = deadline - Date.now();
      if (remaining > 0) {
        // Timers run on the loop's cached clock and can fire a little early.
        timer = setTimeout(giveUpAtDeadline, remaining);
        return;
      }
      cutReason = 'timeout';
      controller.abort();
    };
    let timer = setTimeout(giveUpAtDeadline, timeoutMs);
    const onCallerAbort = () => {
      cutReason ??= 'aborted';
      controller.abort();
    };
    this.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
      if (call.body !== undefined) headers['content-type'] = 'application/json';
      if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
      headers['x-sandbox-deadline'] = String(deadline);
      const response = await request(this.baseUrl + call.path, {
        method: call.method,
        headers,
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        signal: controller.signal,
        dispatcher: getSandboxHttpAgent(this.allowPrivate),
      });
      const text = await response.body.text();
      let body: unknown = null;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const retryAfterHeader = response.headers['retry-after'];
      const retryAfterMs = parseRetryAfter(Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader);
      return { status: response.statusCode, body, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    } catch (error) {
      if (cutReason !== null) throw cutShort(cutReason, write);
      if (isUnsafeUrlError(error)) throw new NetworkError('permanent', 'private_address', 'the sandbox server address is not allowed');
      const code = errorCode(error);
      if (code !== undefined && NOT_SENT_CODES.has(code)) {
        throw notSent(code === 'ECONNREFUSED' ? 'connection_refused' : 'connect_failed', 'cannot reach the sandbox server');
      }
      throw cutShort('connection_lost', write, error);
    } finally {
      clearTimeout(timer);
      this.signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}

// ---------------------------------------------------------------------------
// In-process
// ---------------------------------------------------------------------------

/**
 * Calls the sandbox API functions directly, with the same latency, faults and
 * timeouts as over HTTP: a held call ends in an ambiguous error.
 */
export class InProcessSandboxClient extends BaseSandboxClient {
  constructor(
    private readonly network: SandboxNetwork,
    private readonly token: string,
    private readonly timeoutMs: number,
    private readonly signal?: AbortSignal,
    /** Time left before the caller's deadline, on the caller's clock; checked before each request. */
    private readonly timeLeft?: () => number,
  ) {
    super();
  }

  private dispatch(
    call: { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown; idempotencyKey?: string },
    abandoned: () => boolean,
  ): Promise<api.ApiResult> {
    const caller: api.ApiCaller = {
      authorization: `Bearer ${this.token}`,
      abandoned,
      ...(call.idempotencyKey !== undefined ? { idempotencyKey: call.idempotencyKey } : {}),
    };
    const url = new URL(call.path, 'http://sandbox.internal');
    const segments = url.pathname.split('/').slice(2).map(decodeURIComponent); // after "/api"
    const [collection, id, sub] = segments;
    if (collection === 'accounts' && id !== undefined) {
      if (sub === 'posts' && call.method === 'POST') return api.createPost(this.network, id, caller, call.body);
      if (sub === 'posts') {
        const marker = url.searchParams.get('marker');
        return api.listPosts(this.network, id, caller, marker === null ? {} : { marker });
      }
      if (sub === 'mentions') {
        const since = url.searchParams.get('since');
        return api.getMentions(this.network, id, caller, since === null ? {} : { since });
      }
      if (sub === 'inbox') {
        const [, , , action] = segments;
        if (action === 'replies' && call.method === 'POST') return api.createInboxReply(this.network, id, caller, call.body);
        if (action === 'replies') return api.findInboxReplies(this.network, id, caller, url.searchParams.get('marker') ?? '');
        if (action === 'actions') return api.inboxAction(this.network, id, caller, call.body);
        const query: { after?: string; since?: string; limit?: string } = {};
        for (const name of ['after', 'since', 'limit'] as const) {
          const value = url.searchParams.get(name);
          if (value !== null) query[name] = value;
        }
        return api.getInbox(this.network, id, caller, query);
      }
      if (sub === undefined) return api.getAccount(this.network, id, caller);
    }
    if (collection === 'posts' && id !== undefined && sub === 'engagers')
      return api.getEngagers(this.network, id, caller, MAX_ENGAGERS_PER_POST);
    if (collection === 'posts' && id !== undefined) {
      return call.method === 'DELETE' ? api.deletePost(this.network, id, caller) : api.getPost(this.network, id, caller);
    }
    return Promise.resolve({ status: 404, body: { error: { code: 'not_found', message: 'no such route' } } });
  }

  protected send(
    call: { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown; idempotencyKey?: string },
    write: boolean,
  ): Promise<{ status: number; body: unknown; retryAfterMs?: number }> {
    if (this.signal?.aborted) return Promise.reject(notSent('aborted', 'the call was aborted before it was sent'));
    let timeoutMs: number;
    try {
      timeoutMs = requestBudget(this.timeoutMs, this.timeLeft);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      // Like a closed connection: once we stop waiting, the network sees the caller gone.
      let settled = false;
      let holdTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearTimeout(holdTimer);
        this.signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const deadline = setTimeout(() => finish(() => reject(cutShort('timeout', write))), timeoutMs);
      const onAbort = () => finish(() => reject(cutShort('aborted', write)));
      this.signal?.addEventListener('abort', onAbort, { once: true });
      // Like a JSON round trip: the caller must not share objects with the network.
      const body = call.body === undefined ? undefined : (JSON.parse(JSON.stringify(call.body)) as unknown);
      this.dispatch({ ...call, body }, () => settled).then(
        (result) => {
          if (result.hangMs !== undefined) {
            holdTimer = setTimeout(() => finish(() => reject(cutShort('connection_lost', write))), result.hangMs);
            return;
          }
          const payload = result.body === null ? null : (JSON.parse(JSON.stringify(result.body)) as unknown);
          const retryAfterMs = result.retryAfterSeconds === undefined ? undefined : result.retryAfterSeconds * 1000;
          finish(() => resolve({ status: result.status, body: payload, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }));
        },
        (error: unknown) => finish(() => reject(cutShort('connection_lost', write, error))),
      );
    });
  }
}
