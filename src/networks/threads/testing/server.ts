/**
 * Test-only: a local HTTP server speaking the documented Threads API (graph.threads.net, v1.0)
 * closely enough for contract tests. Paths are `/<official host>/<path>` (endpoints.ts
 * `networkUrl`), so one server stands in for graph.threads.net and threads.net.
 *
 * What it does, as the Threads docs describe it:
 * - sign-in: GET /threads.net/oauth/authorize redirects back with a code; POST /oauth/access_token
 *   exchanges it for a short-lived token and `user_id`; GET /access_token (th_exchange_token, with
 *   the app secret) gives a long-lived token; GET /refresh_access_token (th_refresh_token) renews it
 *   (here the old token stops working: rotation), or refuses when told to;
 * - containers: POST /{user}/threads (TEXT, IMAGE, VIDEO, CAROUSEL with children, reply_to_id,
 *   reply_control, link_attachment, alt_text), GET /{container}?fields=status,error_message
 *   (IN_PROGRESS → FINISHED for video, ERROR, EXPIRED after 24 hours, PUBLISHED), POST
 *   /{user}/threads_publish (only a FINISHED container, once);
 * - reads: /me and /{user} profile, /{user}/threads and /{user}/replies (newest first, since, limit,
 *   cursor paging), /{user}/mentions, /{media}/conversation, /{media}/insights, /{user}/threads_insights,
 *   /{user}/threads_publishing_limit (250 posts, 1,000 replies per 24 hours); DELETE /{media};
 * - Graph errors `{ error: { message, type, code, error_subcode, fbtrace_id } }`.
 * - webhooks: each new reply under a post of the app's user queues the `replies` delivery Meta would
 *   POST to the app's callback URL (`{ app_id, topic: 'moderate', target_id, time, subscription_id,
 *   has_uid_field, values: { field: 'replies', value: { id, username, text, media_type, permalink,
 *   replied_to, root_post: { id, owner_id, username }, shortcode, timestamp } } }`), signed
 *   `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body with the app secret>` (`deliveries`);
 * Faults on demand: an expired token (190/463), throttling (code 4 with X-Business-Use-Case-Usage),
 * 5xx, a duplicate post (506), container ERROR or EXPIRED, a refused refresh, and "carry out the
 * request, then lose the answer".
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredContainer {
  id: string;
  ownerId: string;
  mediaType: 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL';
  text: string;
  mediaUrl?: string;
  altText?: string;
  children: string[];
  isCarouselItem: boolean;
  replyToId?: string;
  replyControl?: string;
  linkAttachment?: string;
  status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
  errorMessage?: string;
  pollsUntilReady: number;
  createdAt: number;
}

export interface StoredPost {
  id: string;
  ownerId: string;
  username: string;
  text: string;
  mediaType: 'TEXT_POST' | 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  timestamp: number;
  replyToId?: string;
  rootId?: string;
  replyControl?: string;
  linkAttachment?: string;
  mediaUrls: string[];
  altTexts: string[];
  insights: { views: number; likes: number; replies: number; reposts: number; quotes: number; shares: number };
  /** Hidden by the root post's author (POST /{reply}/manage_reply). */
  hidden?: boolean;
}

/** A webhook delivery as Meta would POST it: the raw JSON body and its headers. */
export interface WebhookDelivery {
  field: 'replies';
  body: Buffer;
  headers: Record<string, string>;
}

interface TokenInfo {
  userId: string;
  kind: 'short' | 'long';
  expiresAt: number;
  issuedAt: number;
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  times: number;
}

const DAY_MS = 24 * 60 * 60_000;
const LONG_LIVED_SECONDS = 60 * 24 * 60 * 60;

/** Threads' timestamp format: "2024-05-01T10:00:00+0000". */
export function threadsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export class FakeThreadsServer {
  readonly appId = '990001112223334';
  readonly appSecret = 'threads-app-secret';
  readonly userId = '17841400000000001';
  readonly username = 'cafe_aroma';
  readonly name = 'Café Aroma ☕';
  /** A valid long-lived token of the user. */
  token = '';
  readonly tokens = new Map<string, TokenInfo>();
  readonly containers = new Map<string, StoredContainer>();
  readonly posts = new Map<string, StoredPost>();
  /** Every request received: method, path (without the host segment) and the query. */
  readonly requests: Array<{ method: string; path: string; query: URLSearchParams }> = [];
  /** Milliseconds added to the real clock (tests move time forward to expire containers and tokens). */
  clockOffsetMs = 0;
  /** Video containers stay IN_PROGRESS for this many status reads. */
  videoPolls = 2;
  quotaTotal = 250;
  replyQuotaTotal = 1000;
  followers = 42;
  /** The next containers end this way instead of FINISHED (e.g. { status: 'ERROR', message: 'FAILED_DOWNLOADING_VIDEO' }). */
  containerOutcomes: Array<{ status: 'ERROR' | 'EXPIRED'; message?: string }> = [];
  /** The next publish is refused as a duplicate (code 506). */
  duplicateNextPublish = false;
  /** th_refresh_token answers with this Graph error when set. */
  refuseRefresh: { code: number; subcode?: number; message: string } | null = null;
  /** Webhook deliveries caused so far (a reply under a post of the app's user), oldest first. */
  readonly deliveries: WebhookDelivery[] = [];
  /** The webhook subscription id Meta gives the app's user. */
  readonly subscriptionId = '8800000000000001';

  private server: http.Server | null = null;
  private faults: Fault[] = [];
  private lose: Array<{ method: string; path: RegExp }> = [];
  private delays: Array<{ method: string; path: RegExp; ms: number }> = [];
  private codes = new Map<string, { redirectUri: string; userId: string }>();
  private sequence = 0;
  private port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  async start(): Promise<void> {
    this.token = this.issue('long');
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => this.handle(req, res, raw));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  // ---- faults and test helpers ----

  /** Requests matching `method` and `path` (after /graph.threads.net/v1.0) answer this, `times` times. */
  fail(method: string, path: RegExp, status: number, body: unknown, headers: Record<string, string> = {}, times = 1): void {
    this.faults.push({ method, path, status, headers, body, times });
  }

  /** Throttles matching requests like Meta does: code 4 and the usage header naming the wait in minutes. */
  throttle(method: string, path: RegExp, minutes: number): void {
    const usage = JSON.stringify({
      [this.userId]: [{ type: 'threads', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: minutes }],
    });
    this.fail(method, path, 400, this.graphError(4, 'Application request limit reached'), { 'x-business-use-case-usage': usage });
  }

  /** The next matching request is carried out, then its answer is lost (connection reset). */
  loseNextAnswer(method: string, path: RegExp): void {
    this.lose.push({ method, path });
  }

  /** The next matching request is carried out at once, but answered only after `ms` (a timeout after acceptance). */
  delayNextAnswer(method: string, path: RegExp, ms: number): void {
    this.delays.push({ method, path, ms });
  }

  /** Makes `token` expired (190 / 463 on every call). */
  expire(token: string): void {
    const info = this.tokens.get(token);
    if (info) info.expiresAt = this.now() - 1000;
  }

  clearFaults(): void {
    this.faults = [];
    this.lose = [];
    this.delays = [];
    this.containerOutcomes = [];
    this.duplicateNextPublish = false;
    this.refuseRefresh = null;
  }

  /** A short-lived or long-lived token of the user, as the token endpoints issue them. */
  issue(kind: 'short' | 'long', userId = this.userId): string {
    const token = `TH${kind === 'long' ? 'LL' : 'SL'}${randomBytes(12).toString('hex')}`;
    const lifetime = kind === 'long' ? LONG_LIVED_SECONDS * 1000 : 60 * 60_000;
    this.tokens.set(token, { userId, kind, expiresAt: this.now() + lifetime, issuedAt: this.now() });
    return token;
  }

  /** A post by someone else that mentions the account (for the mentions edge) or replies to `replyToId`. */
  addForeignPost(text: string, username: string, replyToId?: string): StoredPost {
    const post = this.storePost({
      ownerId: `other-${username}`,
      username,
      text,
      mediaType: 'TEXT_POST',
      replyToId,
      mediaUrls: [],
      altTexts: [],
    });
    return post;
  }

  /** The `replies` delivery for `reply` (a stored reply), as Meta would send it, signed with `secret`. */
  replyDelivery(reply: StoredPost, secret = this.appSecret): WebhookDelivery {
    const root = this.posts.get(reply.rootId ?? '');
    if (!reply.replyToId || !root) throw new Error(`${reply.id} is not a reply`);
    const value = {
      id: reply.id,
      username: reply.username,
      text: reply.text,
      media_type: reply.mediaType,
      permalink: this.permalinkOf(reply),
      replied_to: { id: reply.replyToId },
      root_post: { id: root.id, owner_id: root.ownerId, username: root.username },
      shortcode: reply.id,
      timestamp: threadsTimestamp(reply.timestamp),
    };
    // target_id: "the media's ID for a reply" (the docs' sample does not say which): the root post here.
    return this.signedDelivery(
      'replies',
      {
        app_id: this.appId,
        topic: 'moderate',
        target_id: root.id,
        time: Math.floor(this.now() / 1000),
        subscription_id: this.subscriptionId,
        has_uid_field: false,
        values: { value, field: 'replies' },
      },
      secret,
    );
  }

  /** `payload` as a delivery: its JSON body and `X-Hub-Signature-256` with `secret`. */
  signedDelivery(field: WebhookDelivery['field'], payload: unknown, secret = this.appSecret): WebhookDelivery {
    const body = Buffer.from(JSON.stringify(payload));
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    return { field, body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature } };
  }

  /** Removes and returns the deliveries queued so far. */
  takeDeliveries(): WebhookDelivery[] {
    return this.deliveries.splice(0);
  }

  publishedWithText(text: string): StoredPost[] {
    return [...this.posts.values()].filter((post) => post.text === text);
  }

  // ---- plumbing ----

  private graphError(code: number, message: string, subcode?: number, type = 'OAuthException') {
    return {
      error: {
        message,
        type,
        code,
        ...(subcode !== undefined ? { error_subcode: subcode } : {}),
        fbtrace_id: `A${randomBytes(6).toString('hex')}`,
      },
    };
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${String(this.sequence).padStart(8, '0')}`;
  }

  private storePost(fields: Omit<StoredPost, 'id' | 'timestamp' | 'insights' | 'rootId'>): StoredPost {
    const id = this.nextId('1790000');
    const parent = fields.replyToId ? this.posts.get(fields.replyToId) : undefined;
    const post: StoredPost = {
      ...fields,
      id,
      timestamp: this.now(),
      rootId: parent ? (parent.rootId ?? parent.id) : undefined,
      insights: { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0 },
    };
    if (parent) parent.insights.replies += 1;
    this.posts.set(id, post);
    // Meta notifies the app of replies on media its user owns (the `replies` webhook field).
    if (post.rootId && this.posts.get(post.rootId)?.ownerId === this.userId) this.deliveries.push(this.replyDelivery(post));
    return post;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    const params = new URLSearchParams(url.search);
    if (raw && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      for (const [key, value] of new URLSearchParams(raw)) params.set(key, value);
    }
    const [, host, ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    this.requests.push({ method, path, query: params });

    if (host === 'threads.net' && path === '/oauth/authorize') return this.authorize(res, params);
    if (host !== 'graph.threads.net') return this.send(res, 404, this.graphError(803, 'Unknown host'));

    const apiPath = path.replace(/^\/v1\.0(?=\/)/, '');
    const fault = this.faults.find((f) => f.method === method && f.path.test(apiPath));
    if (fault) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return this.send(res, fault.status, fault.body, fault.headers);
    }
    const loseIndex = this.lose.findIndex((l) => l.method === method && l.path.test(apiPath));
    const delay = this.delays.find((d) => d.method === method && d.path.test(apiPath));
    if (delay) this.delays.splice(this.delays.indexOf(delay), 1);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (loseIndex !== -1) {
        this.lose.splice(loseIndex, 1);
        req.socket.destroy();
        return;
      }
      if (delay) {
        setTimeout(() => {
          if (!res.destroyed && !res.writableEnded) this.send(res, status, body, headers);
        }, delay.ms).unref();
        return;
      }
      this.send(res, status, body, headers);
    };

    if (path === '/oauth/access_token' && method === 'POST') return this.exchangeCode(params, answer);
    if (path === '/access_token' && method === 'GET') return this.exchangeLongLived(params, answer);
    if (path === '/refresh_access_token' && method === 'GET') return this.refresh(params, answer);
    if (!path.startsWith('/v1.0/')) return answer(404, this.graphError(100, 'Unsupported request'));

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? params.get('access_token') ?? '';
    const token = this.tokens.get(bearer);
    if (!token) return answer(400, this.graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
    if (token.expiresAt <= this.now()) {
      return answer(400, this.graphError(190, 'Error validating access token: Session has expired.', 463));
    }
    this.route(method, apiPath, params, token.userId, answer);
  }

  private authorize(res: http.ServerResponse, params: URLSearchParams): void {
    const redirectUri = params.get('redirect_uri');
    if (params.get('client_id') !== this.appId || !redirectUri)
      return this.send(res, 400, this.graphError(100, 'Invalid client_id or redirect_uri'));
    const code = `AQ${randomBytes(10).toString('hex')}`;
    this.codes.set(code, { redirectUri, userId: this.userId });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (params.get('state')) target.searchParams.set('state', params.get('state')!);
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  private exchangeCode(params: URLSearchParams, answer: (status: number, body: unknown) => void): void {
    if (params.get('client_id') !== this.appId || params.get('client_secret') !== this.appSecret) {
      return answer(400, this.graphError(101, 'Error validating application. Invalid application ID or secret.'));
    }
    const code = (params.get('code') ?? '').replace(/#_$/, '');
    const stored = this.codes.get(code);
    this.codes.delete(code);
    if (params.get('grant_type') !== 'authorization_code' || !stored || stored.redirectUri !== params.get('redirect_uri')) {
      return answer(400, this.graphError(100, 'Invalid authorization code', 36009));
    }
    answer(200, { access_token: this.issue('short', stored.userId), user_id: Number(stored.userId) });
  }

  /** Test helper: a code as if the user had just approved the app (for exchange tests without a browser). */
  codeFor(redirectUri: string): string {
    const code = `AQ${randomBytes(10).toString('hex')}`;
    this.codes.set(code, { redirectUri, userId: this.userId });
    return code;
  }

  private exchangeLongLived(params: URLSearchParams, answer: (status: number, body: unknown) => void): void {
    if (params.get('grant_type') !== 'th_exchange_token') return answer(400, this.graphError(100, 'Unsupported grant_type'));
    if (params.get('client_secret') !== this.appSecret) return answer(400, this.graphError(101, 'Error validating client secret.'));
    const short = this.tokens.get(params.get('access_token') ?? '');
    if (short?.kind !== 'short') return answer(400, this.graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
    if (short.expiresAt <= this.now()) return answer(400, this.graphError(190, 'Error validating access token: Session has expired.', 463));
    answer(200, { access_token: this.issue('long', short.userId), token_type: 'bearer', expires_in: LONG_LIVED_SECONDS });
  }

  private refresh(params: URLSearchParams, answer: (status: number, body: unknown) => void): void {
    if (params.get('grant_type') !== 'th_refresh_token') return answer(400, this.graphError(100, 'Unsupported grant_type'));
    if (this.refuseRefresh) {
      const { code, subcode, message } = this.refuseRefresh;
      return answer(400, this.graphError(code, message, subcode));
    }
    const old = params.get('access_token') ?? '';
    const info = this.tokens.get(old);
    if (info?.kind !== 'long') return answer(400, this.graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
    if (info.expiresAt <= this.now()) return answer(400, this.graphError(190, 'Error validating access token: Session has expired.', 463));
    if (this.now() - info.issuedAt < DAY_MS)
      return answer(400, this.graphError(10, 'Long-lived tokens can be refreshed once they are 24 hours old'));
    this.tokens.delete(old);
    const renewed = this.issue('long', info.userId);
    if (old === this.token) this.token = renewed;
    answer(200, { access_token: renewed, token_type: 'bearer', expires_in: LONG_LIVED_SECONDS });
  }

  private route(
    method: string,
    path: string,
    params: URLSearchParams,
    userId: string,
    answer: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const segments = path.split('/').filter(Boolean);
    const owner = segments[0] === 'me' ? userId : segments[0];
    const edge = segments[1];
    if (segments.length === 2 && owner === userId) {
      if (method === 'POST' && edge === 'threads') return this.createContainer(params, userId, answer);
      if (method === 'POST' && edge === 'threads_publish') return this.publish(params, userId, answer);
      if (method === 'GET' && edge === 'threads') return this.list(params, answer, (post) => post.ownerId === userId && !post.replyToId);
      if (method === 'GET' && edge === 'replies') return this.list(params, answer, (post) => post.ownerId === userId && !!post.replyToId);
      if (method === 'GET' && edge === 'mentions') {
        return this.list(params, answer, (post) => post.ownerId !== userId && post.text.includes(`@${this.username}`));
      }
      if (method === 'GET' && edge === 'threads_publishing_limit') return this.publishingLimit(userId, answer);
      if (method === 'GET' && edge === 'threads_insights') {
        return answer(200, {
          data: [
            {
              name: 'followers_count',
              period: 'day',
              title: 'followers_count',
              description: 'Followers',
              total_value: { value: this.followers },
              id: `${userId}/insights/followers_count/day`,
            },
          ],
        });
      }
    }
    if (segments.length === 1 && method === 'GET' && owner === userId) {
      return answer(200, {
        id: userId,
        username: this.username,
        name: this.name,
        threads_profile_picture_url: 'https://scontent.cdninstagram.com/avatar.jpg',
      });
    }
    const id = segments[0]!;
    if (segments.length === 1 && method === 'GET') {
      const container = this.containers.get(id);
      if (container && container.ownerId === userId)
        return answer(200, {
          id,
          status: this.readStatus(container),
          ...(container.errorMessage ? { error_message: container.errorMessage } : {}),
        });
      const post = this.posts.get(id);
      if (post) return answer(200, this.view(post));
      return answer(400, this.graphError(100, `Object with ID '${id}' does not exist`, 33, 'GraphMethodException'));
    }
    if (segments.length === 1 && method === 'DELETE') {
      const post = this.posts.get(id);
      if (!post) return answer(400, this.graphError(100, `Object with ID '${id}' does not exist`, 33, 'GraphMethodException'));
      if (post.ownerId !== userId) return answer(403, this.graphError(10, 'Permission denied: not the author'));
      this.posts.delete(id);
      return answer(200, { success: true, deleted_id: id });
    }
    if (segments.length === 2 && method === 'POST' && edge === 'manage_reply') {
      const reply = this.posts.get(id);
      if (!reply?.replyToId) return answer(400, this.graphError(100, `Object with ID '${id}' does not exist`, 33, 'GraphMethodException'));
      const root = this.posts.get(reply.rootId ?? '');
      if (root?.ownerId !== userId)
        return answer(403, this.graphError(10, 'Permission denied: only the author of the thread can hide replies'));
      const hide = params.get('hide');
      if (hide !== 'true' && hide !== 'false') return answer(400, this.graphError(100, 'The parameter hide must be true or false'));
      reply.hidden = hide === 'true';
      return answer(200, { success: true });
    }
    if (segments.length === 2 && method === 'GET' && (edge === 'insights' || edge === 'conversation' || edge === 'replies')) {
      const post = this.posts.get(id);
      if (!post) return answer(400, this.graphError(100, `Object with ID '${id}' does not exist`, 33, 'GraphMethodException'));
      if (edge === 'insights') {
        const wanted = (params.get('metric') ?? '').split(',').filter(Boolean);
        const known = Object.keys(post.insights);
        const unknown = wanted.find((name) => !known.includes(name));
        if (unknown) return answer(400, this.graphError(100, `(#100) metric[0] must be one of the following values: ${known.join(', ')}`));
        return answer(200, {
          data: wanted.map((name) => ({
            name,
            period: 'lifetime',
            values: [{ value: post.insights[name as keyof StoredPost['insights']] }],
            title: name,
            description: name,
            id: `${id}/insights/${name}/lifetime`,
          })),
        });
      }
      return this.list(params, answer, (reply) => (edge === 'conversation' ? reply.rootId === id : reply.replyToId === id), true);
    }
    answer(400, this.graphError(100, 'Unsupported get request.', 33, 'GraphMethodException'));
  }

  private readStatus(container: StoredContainer): StoredContainer['status'] {
    if ((container.status === 'FINISHED' || container.status === 'IN_PROGRESS') && this.now() - container.createdAt > DAY_MS)
      container.status = 'EXPIRED';
    if (container.status === 'IN_PROGRESS') {
      if (container.pollsUntilReady <= 0) container.status = 'FINISHED';
      else container.pollsUntilReady -= 1;
    }
    return container.status;
  }

  private createContainer(params: URLSearchParams, userId: string, answer: (status: number, body: unknown) => void): void {
    const mediaType = (params.get('media_type') ?? '').toUpperCase();
    const text = params.get('text') ?? '';
    const isCarouselItem = params.get('is_carousel_item') === 'true';
    if (!['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'].includes(mediaType))
      return answer(400, this.graphError(100, 'The parameter media_type is required'));
    if (mediaType === 'TEXT' && text.trim() === '')
      return answer(400, this.graphError(100, 'The parameter text is required for TEXT posts'));
    if ([...text].length > 500 * 4) return answer(400, this.graphError(100, 'Text is too long'));
    const links = new Set(text.match(/\bhttps?:\/\/[^\s]+/g) ?? []);
    if (params.get('link_attachment')) links.add(params.get('link_attachment')!);
    if (links.size > 5) return answer(400, this.graphError(100, 'THREADS_API__LINK_LIMIT_EXCEEDED: posts may contain at most 5 links'));
    const mediaUrl = mediaType === 'IMAGE' ? params.get('image_url') : mediaType === 'VIDEO' ? params.get('video_url') : undefined;
    if ((mediaType === 'IMAGE' || mediaType === 'VIDEO') && !/^https?:\/\//.test(mediaUrl ?? '')) {
      return answer(400, this.graphError(100, `The parameter ${mediaType === 'IMAGE' ? 'image_url' : 'video_url'} is required`));
    }
    const children = (params.get('children') ?? '').split(',').filter(Boolean);
    if (mediaType === 'CAROUSEL') {
      if (children.length < 2 || children.length > 20) return answer(400, this.graphError(100, 'A carousel needs 2 to 20 children'));
      const bad = children.find((child) => {
        const item = this.containers.get(child);
        return !item?.isCarouselItem || item.ownerId !== userId || this.readStatus(item) !== 'FINISHED';
      });
      if (bad) return answer(400, this.graphError(100, `Carousel item ${bad} is not ready or not a carousel item`));
    }
    const replyToId = params.get('reply_to_id') ?? undefined;
    if (replyToId && !this.posts.has(replyToId))
      return answer(400, this.graphError(100, `Object with ID '${replyToId}' does not exist`, 33));
    const outcome = this.containerOutcomes.shift();
    const container: StoredContainer = {
      id: this.nextId('1800000'),
      ownerId: userId,
      mediaType: mediaType as StoredContainer['mediaType'],
      text,
      mediaUrl: mediaUrl ?? undefined,
      altText: params.get('alt_text') ?? undefined,
      children,
      isCarouselItem,
      replyToId,
      replyControl: params.get('reply_control') ?? undefined,
      linkAttachment: params.get('link_attachment') ?? undefined,
      status: outcome ? outcome.status : mediaType === 'VIDEO' ? 'IN_PROGRESS' : 'FINISHED',
      errorMessage: outcome?.status === 'ERROR' ? (outcome.message ?? 'UNKNOWN') : undefined,
      pollsUntilReady: mediaType === 'VIDEO' ? this.videoPolls : 0,
      createdAt: this.now(),
    };
    this.containers.set(container.id, container);
    answer(200, { id: container.id });
  }

  private publishingUsage(userId: string) {
    const since = this.now() - DAY_MS;
    const mine = [...this.posts.values()].filter((post) => post.ownerId === userId && post.timestamp > since);
    return { posts: mine.filter((post) => !post.replyToId).length, replies: mine.filter((post) => !!post.replyToId).length };
  }

  private publishingLimit(userId: string, answer: (status: number, body: unknown) => void): void {
    const usage = this.publishingUsage(userId);
    answer(200, {
      data: [
        {
          quota_usage: usage.posts,
          config: { quota_total: this.quotaTotal, quota_duration: 86400 },
          reply_quota_usage: usage.replies,
          reply_config: { quota_total: this.replyQuotaTotal, quota_duration: 86400 },
        },
      ],
    });
  }

  private publish(params: URLSearchParams, userId: string, answer: (status: number, body: unknown) => void): void {
    const container = this.containers.get(params.get('creation_id') ?? '');
    if (!container || container.ownerId !== userId || container.isCarouselItem) {
      return answer(400, this.graphError(24, 'The requested resource does not exist', 4279009, 'THApiException'));
    }
    const status = this.readStatus(container);
    if (status === 'PUBLISHED')
      return answer(400, this.graphError(100, 'This container has already been published', 2207006, 'THApiException'));
    if (status === 'EXPIRED') return answer(400, this.graphError(100, 'The media container has expired', 2207008, 'THApiException'));
    if (status === 'ERROR')
      return answer(400, this.graphError(100, `Media upload has failed: ${container.errorMessage}`, 2207001, 'THApiException'));
    if (status !== 'FINISHED') return answer(400, this.graphError(9007, 'Media ID is not available', 2207027, 'THApiException'));
    if (this.duplicateNextPublish) {
      this.duplicateNextPublish = false;
      return answer(400, this.graphError(506, 'Duplicate post', undefined, 'THApiException'));
    }
    const usage = this.publishingUsage(userId);
    if (container.replyToId ? usage.replies >= this.replyQuotaTotal : usage.posts >= this.quotaTotal) {
      return answer(400, this.graphError(4, 'Publishing limit reached for this profile', 2207042, 'THApiException'));
    }
    const items = container.mediaType === 'CAROUSEL' ? container.children.map((child) => this.containers.get(child)!) : [container];
    const post = this.storePost({
      ownerId: userId,
      username: this.username,
      text: container.text,
      mediaType: ({ TEXT: 'TEXT_POST', IMAGE: 'IMAGE', VIDEO: 'VIDEO', CAROUSEL: 'CAROUSEL_ALBUM' } as const)[container.mediaType],
      replyToId: container.replyToId,
      replyControl: container.replyControl,
      linkAttachment: container.linkAttachment,
      mediaUrls: items.map((item) => item.mediaUrl ?? '').filter(Boolean),
      altTexts: items.map((item) => item.altText ?? ''),
    });
    container.status = 'PUBLISHED';
    answer(200, { id: post.id });
  }

  private permalinkOf(post: StoredPost): string {
    return `https://www.threads.net/@${post.username}/post/${post.id}`;
  }

  private view(post: StoredPost): Record<string, unknown> {
    return {
      id: post.id,
      text: post.text,
      username: post.username,
      permalink: this.permalinkOf(post),
      timestamp: threadsTimestamp(post.timestamp),
      media_type: post.mediaType,
      is_reply: !!post.replyToId,
      ...(post.replyToId ? { replied_to: { id: post.replyToId } } : {}),
      ...(post.rootId ? { root_post: { id: post.rootId } } : {}),
      ...(post.replyToId ? { hide_status: post.hidden ? 'HIDDEN' : 'NOT_HUSHED', is_reply_owned_by_me: post.ownerId === this.userId } : {}),
    };
  }

  /** A list edge: newest first, `since`/`until` (unix seconds), `limit`, `after` cursor, `fields`. */
  private list(
    params: URLSearchParams,
    answer: (status: number, body: unknown) => void,
    keep: (post: StoredPost) => boolean,
    oldestFirst = false,
  ): void {
    const since = params.get('since');
    const until = params.get('until');
    if (since !== null && Number(since) < 1688540400) return answer(400, this.graphError(100, 'since must be on or after 1688540400'));
    let items = [...this.posts.values()].filter(keep);
    if (since !== null) items = items.filter((post) => post.timestamp >= Number(since) * 1000);
    if (until !== null) items = items.filter((post) => post.timestamp <= Number(until) * 1000);
    items.sort((a, b) => (oldestFirst ? 1 : -1) * (a.timestamp - b.timestamp || a.id.localeCompare(b.id)));
    const limit = Math.min(100, Number(params.get('limit') ?? 25) || 25);
    const start = params.get('after') ? Number(Buffer.from(params.get('after')!, 'base64url').toString()) : 0;
    const page = items.slice(start, start + limit);
    const fields = (params.get('fields') ?? 'id').split(',');
    const data = page.map((post) => {
      const full = this.view(post);
      return Object.fromEntries(Object.entries(full).filter(([key]) => key === 'id' || fields.includes(key)));
    });
    const more = start + limit < items.length;
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    answer(200, {
      data,
      paging: {
        cursors: { before: cursor(start), after: cursor(start + page.length) },
        ...(more ? { next: `https://graph.threads.net/v1.0/next?after=${cursor(start + page.length)}` } : {}),
      },
    });
  }
}
