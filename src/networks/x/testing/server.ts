/**
 * Test-only: a local X API v2 server speaking the documented requests and answers the adapter
 * uses, reached as `/<official host>/<path>` (endpoints.ts): `/api.x.com/2/tweets`…
 *
 * Every request it receives and every answer it gives is checked against X's published OpenAPI
 * document (x-api-v2.openapi.json, next to this file); a request that breaks it is refused with
 * 400 and recorded in `violations`, so a test fails. (The OAuth 2.0 token and revoke endpoints
 * are not in that document: they follow docs.x.com "OAuth 2.0 Authorization Code Flow with PKCE".)
 *
 * It keeps the posts it accepted (the duplicate oracle), refuses a second post with the same text
 * from the same account (403 "duplicate content", as X does), sends X's rate-limit headers on
 * every answer and injects failures on demand: an expired token, 429 with reset headers, 5xx,
 * and "accept, then lose the answer".
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiValidator } from '../../testing/openapi.ts';

const SPEC_URL = new URL('./x-api-v2.openapi.json', import.meta.url);
let sharedValidator: OpenApiValidator | undefined;
/** The validator over X's document (parsed once per process). */
export function xOpenApiValidator(): OpenApiValidator {
  sharedValidator ??= new OpenApiValidator(JSON.parse(readFileSync(SPEC_URL, 'utf8')));
  return sharedValidator;
}

export interface FakeXPost {
  id: string;
  text: string;
  authorId: string;
  createdAt: number;
  conversationId: string;
  replyTo?: string;
  mediaIds: string[];
  replySettings?: string;
  deleted: boolean;
  metrics: {
    like_count: number;
    reply_count: number;
    repost_count: number;
    quote_count: number;
    bookmark_count: number;
    impression_count: number;
  };
  urlLinkClicks: number;
}

interface Upload {
  id: string;
  mediaType: string;
  category: string;
  totalBytes: number;
  segments: Map<number, number>;
  finalized: boolean;
  state: 'pending' | 'in_progress' | 'succeeded' | 'failed' | 'image';
  pollsLeft: number;
  alt?: string;
}

interface XUserRecord {
  id: string;
  username: string;
  name: string;
  followers: number;
}

type Match = (method: string, path: string) => boolean;
interface Fault {
  match: Match;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  contentType: string;
  remaining: number;
}

const WINDOW_MS = 15 * 60_000;
/** Requests per 15-minute window per user, as docs.x.com lists them for the endpoints used. */
export const X_RATE_LIMITS: ReadonlyArray<{ method: string; pattern: RegExp; limit: number }> = [
  { method: 'POST', pattern: /^\/2\/tweets$/, limit: 100 },
  { method: 'DELETE', pattern: /^\/2\/tweets\/\d+$/, limit: 50 },
  { method: 'GET', pattern: /^\/2\/users\/\d+\/tweets$/, limit: 900 },
  { method: 'GET', pattern: /^\/2\/users\/\d+\/mentions$/, limit: 300 },
  { method: 'GET', pattern: /^\/2\/users\/me$/, limit: 75 },
  { method: 'GET', pattern: /^\/2\/tweets\/\d+$/, limit: 900 },
];

export class FakeXServer {
  baseUrl = '';
  readonly validator = xOpenApiValidator();
  /** Requests or answers that broke X's OpenAPI document. */
  readonly violations: string[] = [];
  readonly posts = new Map<string, FakeXPost>();
  readonly uploads = new Map<string, Upload>();
  /** Every request, in order (method and path without the host segment). */
  readonly requests: Array<{ method: string; path: string; query: string }> = [];
  readonly account: XUserRecord = { id: '1500000000000000001', username: 'plazacafe', name: 'Plaza Café', followers: 321 };
  readonly others = new Map<string, XUserRecord>();
  /** Posts the account liked, replies it hid, accounts it muted. */
  readonly liked = new Set<string>();
  readonly hidden = new Set<string>();
  readonly muted = new Set<string>();
  /** The app registered on this "X": tests sign in with it. */
  readonly app = { clientId: 'plaza-client-id', clientSecret: 'plaza-client-secret' };
  /** A valid access token of the account. */
  token = `xat-${randomBytes(8).toString('hex')}`;
  /** Link clicks and views only to the author (non_public_metrics); false answers a field-authorization error. */
  nonPublicMetrics = true;
  /** Per-user 15-minute windows this server enforces (tests may lower them). */
  rateLimits = X_RATE_LIMITS.map((rule) => ({ ...rule }));
  /** Status checks a video stays processing for. */
  videoProcessingPolls = 2;
  /** Videos end processing as `failed` (a codec X cannot read). */
  videoProcessingFails = false;

  private server?: http.Server;
  private nextId = 1_800_000_000_000_000_000n;
  private accessTokens = new Map<string, { userId: string; expired: boolean }>();
  private refreshTokens = new Set<string>();
  private codes = new Map<string, { challenge: string; redirectUri: string }>();
  private faults: Fault[] = [];
  private lose: Match[] = [];
  private delays: Array<{ match: Match; ms: number }> = [];
  private refuseRefreshes = false;
  private windows = new Map<string, { start: number; used: number }>();

  constructor() {
    this.accessTokens.set(this.token, { userId: this.account.id, expired: false });
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`server error: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 131, message: 'Internal error' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  // ---- test controls ------------------------------------------------------------------------

  /** Live posts of the account with exactly this text. */
  postsWithText(text: string): number {
    return [...this.posts.values()].filter((p) => !p.deleted && p.authorId === this.account.id && p.text === text).length;
  }

  /** The current access token stops working as expired (X answers 401). */
  expireAccessToken(token = this.token): void {
    const entry = this.accessTokens.get(token);
    if (entry) entry.expired = true;
  }

  /** Every access token handed out so far stops working as expired (the grant lapsed). */
  expireAllAccessTokens(): void {
    for (const entry of this.accessTokens.values()) entry.expired = true;
  }

  /** Answers matching requests with `status` (and X-style headers/body) `times` times. */
  fail(
    match: Match,
    status: number,
    options: { times?: number; headers?: Record<string, string>; body?: unknown; contentType?: string } = {},
  ): void {
    this.faults.push({
      match,
      status,
      headers: options.headers ?? {},
      body: options.body ?? errorBody(status),
      contentType: options.contentType ?? (status >= 500 && status !== 503 ? 'application/problem+json' : 'application/json'),
      remaining: options.times ?? 1,
    });
  }

  /** The next matching request hits X's 15-minute window: 429 with x-rate-limit-* headers resetting in `resetInSeconds`. */
  rateLimitNext(match: Match, resetInSeconds: number): void {
    const reset = String(Math.floor(Date.now() / 1000) + resetInSeconds);
    this.fail(match, 429, { headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset } });
  }

  /** The next matching request is carried out, and its answer never arrives (the connection drops). */
  loseNextAnswer(match: Match): void {
    this.lose.push(match);
  }

  /** The next matching request is carried out, and its answer comes `ms` later (past the client's timeout). */
  delayNextAnswer(match: Match, ms: number): void {
    this.delays.push({ match, ms });
  }

  /** Refresh requests are refused (the grant was revoked). */
  refuseRefresh(refuse = true): void {
    this.refuseRefreshes = refuse;
  }

  clearFaults(): void {
    this.faults = [];
    this.lose = [];
    this.delays = [];
    this.refuseRefreshes = false;
  }

  /** Starts a sign-in as x.com's consent screen would: returns the code for this PKCE challenge. */
  authorize(codeChallenge: string, redirectUri: string): string {
    const code = `code-${randomBytes(8).toString('hex')}`;
    this.codes.set(code, { challenge: codeChallenge, redirectUri });
    return code;
  }

  /**
   * x.com's consent page once the person has clicked "Authorize app": a 302 back to `redirect_uri`
   * with a code bound to the PKCE challenge, and the `state`. A wrong client id, no S256 challenge or
   * no state is refused on the page itself ("Something went wrong"), with no redirect.
   */
  private consent(query: URLSearchParams, res: http.ServerResponse): void {
    const redirectUri = query.get('redirect_uri');
    const challenge = query.get('code_challenge');
    const problem =
      query.get('response_type') !== 'code'
        ? 'response_type must be code'
        : query.get('client_id') !== this.app.clientId
          ? 'unknown client_id'
          : !redirectUri
            ? 'redirect_uri missing'
            : !challenge || query.get('code_challenge_method') !== 'S256'
              ? 'a S256 code_challenge is required'
              : !query.get('state')
                ? 'state missing'
                : null;
    if (problem) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>X</title><p>Something went wrong: ${problem}</p>`);
      return;
    }
    const target = new URL(redirectUri!);
    target.searchParams.set('state', query.get('state')!);
    target.searchParams.set('code', this.authorize(challenge!, redirectUri!));
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  /** Someone else's post mentioning the account. */
  addMention(username: string, text: string, replyTo?: string): FakeXPost {
    let user = [...this.others.values()].find((u) => u.username === username);
    if (!user) {
      user = { id: this.newId(), username, name: `${username} name`, followers: 3 };
      this.others.set(user.id, user);
    }
    return this.store({ text, authorId: user.id, replyTo, mediaIds: [] });
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private newId(): string {
    this.nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    return this.nextId.toString();
  }

  private store(input: { text: string; authorId: string; replyTo?: string; mediaIds: string[]; replySettings?: string }): FakeXPost {
    const id = this.newId();
    const parent = input.replyTo ? this.posts.get(input.replyTo) : undefined;
    const post: FakeXPost = {
      id,
      text: input.text,
      authorId: input.authorId,
      createdAt: Date.now(),
      conversationId: parent ? parent.conversationId : id,
      replyTo: input.replyTo,
      mediaIds: input.mediaIds,
      replySettings: input.replySettings,
      deleted: false,
      metrics: { like_count: 4, reply_count: 1, repost_count: 2, quote_count: 0, bookmark_count: 1, impression_count: 120 },
      urlLinkClicks: 7,
    };
    this.posts.set(id, post);
    if (parent) parent.metrics.reply_count += 1;
    return post;
  }

  /** Starts every 15-minute window afresh. */
  resetRateWindows(): void {
    this.windows.clear();
  }

  private overLimit(method: string, path: string): boolean {
    const rule = this.rateLimits.find((r) => r.method === method && r.pattern.test(path));
    const window = rule ? this.windows.get(`${method} ${rule.pattern.source}`) : undefined;
    return rule !== undefined && window !== undefined && window.used > rule.limit;
  }

  private rateHeaders(method: string, path: string): Record<string, string> {
    const rule = this.rateLimits.find((r) => r.method === method && r.pattern.test(path));
    if (!rule) return {};
    const key = `${method} ${rule.pattern.source}`;
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    window.used += 1;
    return {
      'x-rate-limit-limit': String(rule.limit),
      'x-rate-limit-remaining': String(Math.max(0, rule.limit - window.used)),
      'x-rate-limit-reset': String(Math.ceil((window.start + WINDOW_MS) / 1000)),
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    const host = url.pathname.split('/')[1];
    const path = url.pathname.slice(host.length + 1) || '/';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    this.requests.push({ method, path, query: url.search });
    const contentType = String(req.headers['content-type'] ?? '');

    const reply = (status: number, body: unknown, headers: Record<string, string> = {}, type = 'application/json') => {
      if (!path.startsWith('/2/oauth2/')) {
        const problems = this.validator.checkResponse(method, path, status, type, body);
        if (problems.length > 0) this.violations.push(`answer ${status} to ${method} ${path}: ${JSON.stringify(problems)}`);
      }
      const loseIndex = this.lose.findIndex((m) => m(method, path));
      if (loseIndex !== -1 && status < 300) {
        this.lose.splice(loseIndex, 1);
        req.socket.destroy();
        return;
      }
      const delayIndex = this.delays.findIndex((d) => d.match(method, path));
      const delay = delayIndex === -1 ? 0 : this.delays.splice(delayIndex, 1)[0].ms;
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': type, ...headers });
        res.end(JSON.stringify(body));
      }, delay);
    };

    if (host === 'x.com' && path === '/i/oauth2/authorize' && method === 'GET') return this.consent(url.searchParams, res);
    if (host !== 'api.x.com') return reply(404, { code: 34, message: 'Sorry, that page does not exist' });
    if (path === '/2/oauth2/token' || path === '/2/oauth2/revoke') return this.oauth(path, raw.toString('utf8'), req, reply);

    // The request against X's document.
    let body: unknown;
    if (raw.length > 0) {
      if (contentType.startsWith('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
        const fields: Record<string, unknown> = {};
        form.forEach((value, name) => {
          fields[name] = typeof value === 'string' ? value : { binary: true, size: value.size };
        });
        body = fields;
      } else {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          body = raw.toString('utf8');
        }
      }
    }
    const problems = this.validator.checkRequest({ method, path, query: url.searchParams, contentType, body });
    if (problems.length > 0) {
      this.violations.push(`${method} ${path}${url.search}: ${JSON.stringify(problems)}`);
      return reply(
        400,
        {
          type: 'https://api.x.com/2/problems/invalid-request',
          title: 'Invalid Request',
          detail: problems.map((p) => `${p.where} ${p.message}`).join('; '),
          status: 400,
        },
        {},
        'application/problem+json',
      );
    }

    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const session = auth ? this.accessTokens.get(auth) : undefined;
    if (!session) return reply(401, { code: 32, message: 'Could not authenticate you.' });
    if (session.expired) return reply(401, { code: 89, message: 'Invalid or expired token.' });

    const fault = this.faults.find((f) => f.match(method, path) && f.remaining > 0);
    if (fault) {
      fault.remaining -= 1;
      return reply(fault.status, fault.body, fault.headers, fault.contentType);
    }
    const headers = this.rateHeaders(method, path);
    if (headers['x-rate-limit-remaining'] === '0' && this.overLimit(method, path)) {
      return reply(429, { code: 88, message: 'Rate limit exceeded' }, headers);
    }
    const ok = (status: number, answer: unknown) => reply(status, answer, headers);
    const userId = session.userId;
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/2/users/me') return ok(200, { data: this.userView(this.account, url.searchParams) });
    if (method === 'POST' && path === '/2/tweets') return this.createPost(userId, body as Record<string, unknown>, ok, reply);
    if ((m = /^\/2\/tweets\/(\d+)$/.exec(path))) {
      const post = this.posts.get(m[1]);
      if (method === 'DELETE') {
        if (!post || post.deleted) return reply(404, notFound(m[1]), {}, 'application/problem+json');
        if (post.authorId !== userId) return reply(403, { code: 183, message: 'You may not delete another user’s post.' });
        post.deleted = true;
        return ok(200, { data: { deleted: true } });
      }
      if (!post || post.deleted) return ok(200, { errors: [notFound(m[1])] });
      const fields = (url.searchParams.get('post.fields') ?? '').split(',');
      if (fields.includes('non_public_metrics') && (!this.nonPublicMetrics || post.authorId !== userId)) {
        return ok(200, {
          errors: [
            {
              type: 'https://api.x.com/2/problems/field-unauthorized',
              title: 'Field Authorization Error',
              detail: 'Sorry, you are not authorized to access non_public_metrics on a Tweet.',
              field: 'non_public_metrics',
              resource_type: 'tweet',
              section: 'data',
            },
          ],
        });
      }
      return ok(200, { data: this.postView(post, url.searchParams) });
    }
    if (method === 'GET' && (m = /^\/2\/users\/(\d+)\/(tweets|mentions)$/.exec(path))) {
      const [, id, kind] = m;
      const start = url.searchParams.get('start_time');
      const since = start ? Date.parse(start) : 0;
      const user = id === this.account.id ? this.account : this.others.get(id);
      if (!user) return ok(200, { errors: [{ ...notFound(id), resource_type: 'user' }] });
      const sinceId = url.searchParams.get('since_id');
      const untilId = url.searchParams.get('until_id');
      const all = [...this.posts.values()]
        .filter((p) => !p.deleted && p.createdAt >= since)
        .filter((p) => (sinceId === null || BigInt(p.id) > BigInt(sinceId)) && (untilId === null || BigInt(p.id) < BigInt(untilId)))
        .filter((p) => (kind === 'tweets' ? p.authorId === id : p.authorId !== id && p.text.includes(`@${user.username}`)))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
      const max = Number(url.searchParams.get('max_results') ?? '10');
      const offset = Number(url.searchParams.get('pagination_token')?.replace(/^p/, '') ?? '0');
      const page = all.slice(offset, offset + max);
      const meta: Record<string, unknown> = { result_count: page.length };
      if (page.length > 0) {
        meta.newest_id = page[0].id;
        meta.oldest_id = page[page.length - 1].id;
      }
      if (offset + max < all.length) meta.next_token = `p${offset + max}`;
      const answer: Record<string, unknown> = { meta };
      if (page.length > 0) answer.data = page.map((p) => this.postView(p, url.searchParams));
      const expansions = (url.searchParams.get('expansions') ?? '').split(',');
      if (expansions.includes('author_id') && page.length > 0) {
        const authors = [...new Set(page.map((p) => p.authorId))].map((a) => (a === this.account.id ? this.account : this.others.get(a)!));
        answer.includes = { users: authors.map((u) => this.userView(u, url.searchParams)) };
      }
      return ok(200, answer);
    }
    if ((m = /^\/2\/users\/(\d+)\/likes(?:\/(\d+))?$/.exec(path)) && (method === 'POST' || method === 'DELETE')) {
      // docs.x.com "Like a Post" / "Unlike a Post": only for the authenticated user; liking twice is still liked.
      if (m[1] !== userId) return reply(403, { code: 403, message: 'You are not permitted to perform this action.' });
      const postId = method === 'POST' ? String((body as { tweet_id?: string }).tweet_id) : m[2];
      const post = this.posts.get(postId);
      if (!post || post.deleted)
        return reply(400, invalid('tweet_id', `Could not find tweet with id: [${postId}].`), {}, 'application/problem+json');
      if (method === 'POST' && !this.liked.has(postId)) {
        this.liked.add(postId);
        post.metrics.like_count += 1;
      } else if (method === 'DELETE' && this.liked.has(postId)) {
        this.liked.delete(postId);
        post.metrics.like_count -= 1;
      }
      return ok(200, { data: { liked: this.liked.has(postId) } });
    }
    if (method === 'PUT' && (m = /^\/2\/tweets\/(\d+)\/hidden$/.exec(path))) {
      // docs.x.com "Hide replies": only replies in a conversation the account started.
      const post = this.posts.get(m[1]);
      if (!post || post.deleted) return reply(404, notFound(m[1]), {}, 'application/problem+json');
      const root = this.posts.get(post.conversationId);
      if (!post.replyTo || root?.authorId !== userId) {
        return reply(403, { code: 403, message: 'You can only hide replies to conversations you started.' });
      }
      const hide = (body as { hidden?: boolean }).hidden === true;
      if (hide) this.hidden.add(post.id);
      else this.hidden.delete(post.id);
      return ok(200, { data: { hidden: hide } });
    }
    if (method === 'POST' && (m = /^\/2\/users\/(\d+)\/muting$/.exec(path))) {
      if (m[1] !== userId) return reply(403, { code: 403, message: 'You are not permitted to perform this action.' });
      const target = String((body as { target_user_id?: string }).target_user_id);
      if (!this.others.has(target))
        return reply(400, invalid('target_user_id', `Could not find user with id: [${target}].`), {}, 'application/problem+json');
      this.muted.add(target);
      return ok(200, { data: { muting: true } });
    }
    if (method === 'POST' && path === '/2/media/upload/initialize') {
      const b = body as { media_type: string; total_bytes: number; media_category?: string };
      const id = this.newId();
      const video = b.media_type.startsWith('video/');
      this.uploads.set(id, {
        id,
        mediaType: b.media_type,
        category: b.media_category ?? 'tweet_image',
        totalBytes: b.total_bytes,
        segments: new Map(),
        finalized: false,
        state: video ? 'pending' : 'image',
        pollsLeft: this.videoProcessingPolls,
      });
      return ok(200, { data: { id, media_key: `${video ? 7 : 3}_${id}`, expires_after_secs: 86_400 } });
    }
    if ((m = /^\/2\/media\/upload\/(\d+)\/(append|finalize)$/.exec(path))) {
      const upload = this.uploads.get(m[1]);
      if (!upload) return reply(400, invalid('media_id', 'Unknown media upload session'), {}, 'application/problem+json');
      if (m[2] === 'append') {
        const fields = body as { segment_index: string; media: { size: number } };
        upload.segments.set(Number(fields.segment_index), fields.media.size);
        return ok(200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } });
      }
      const received = [...upload.segments.values()].reduce((a, b) => a + b, 0);
      if (received !== upload.totalBytes) {
        return reply(400, invalid('total_bytes', `Received ${received} bytes of ${upload.totalBytes}`), {}, 'application/problem+json');
      }
      upload.finalized = true;
      return ok(200, { data: this.mediaView(upload) });
    }
    if (method === 'GET' && path === '/2/media/upload') {
      const upload = this.uploads.get(url.searchParams.get('media_id') ?? '');
      if (!upload) return reply(400, invalid('media_id', 'Unknown media'), {}, 'application/problem+json');
      if (upload.state === 'pending' || upload.state === 'in_progress') {
        upload.pollsLeft -= 1;
        upload.state = upload.pollsLeft <= 0 ? (this.videoProcessingFails ? 'failed' : 'succeeded') : 'in_progress';
      }
      return ok(200, { data: this.mediaView(upload) });
    }
    if (method === 'POST' && path === '/2/media/metadata') {
      const b = body as { id: string; metadata?: { alt_text?: { text: string } } };
      const upload = this.uploads.get(b.id);
      if (!upload) return reply(400, invalid('id', 'Unknown media'), {}, 'application/problem+json');
      upload.alt = b.metadata?.alt_text?.text;
      return ok(200, { data: { id: b.id, associated_metadata: b.metadata ?? {} } });
    }
    return reply(404, { code: 34, message: 'Sorry, that page does not exist' });
  }

  private createPost(
    userId: string,
    body: Record<string, unknown>,
    ok: (status: number, answer: unknown) => void,
    reply: (status: number, body: unknown, headers?: Record<string, string>, type?: string) => void,
  ): void {
    const text = typeof body.text === 'string' ? body.text : '';
    const mediaIds = ((body.media as { media_ids?: string[] } | undefined)?.media_ids ?? []).slice();
    for (const id of mediaIds) {
      const upload = this.uploads.get(id);
      if (!upload?.finalized || (upload.state !== 'image' && upload.state !== 'succeeded')) {
        return reply(400, invalid('media.media_ids', `Your media IDs are invalid: ${id}`), {}, 'application/problem+json');
      }
    }
    if (text === '' && mediaIds.length === 0)
      return reply(400, invalid('text', 'Text or media is required'), {}, 'application/problem+json');
    if (weighted(text) > 280) return reply(400, invalid('text', 'Text is too long'), {}, 'application/problem+json');
    const replyTo = (body.reply as { in_reply_to_tweet_id?: string } | undefined)?.in_reply_to_tweet_id;
    if (replyTo && (!this.posts.get(replyTo) || this.posts.get(replyTo)!.deleted)) {
      return reply(
        400,
        invalid('reply.in_reply_to_tweet_id', 'The post you are replying to does not exist'),
        {},
        'application/problem+json',
      );
    }
    const dayAgo = Date.now() - 24 * 60 * 60_000;
    if (
      text !== '' &&
      [...this.posts.values()].some((p) => !p.deleted && p.authorId === userId && p.text === text && p.createdAt >= dayAgo)
    ) {
      return reply(403, { code: 187, message: 'You are not allowed to create a Tweet with duplicate content.' });
    }
    const post = this.store({ text, authorId: userId, replyTo, mediaIds, replySettings: body.reply_settings as string | undefined });
    return ok(201, { data: { id: post.id, text: post.text, edit_history_post_ids: [post.id] } });
  }

  private postView(post: FakeXPost, params: URLSearchParams): Record<string, unknown> {
    const fields = new Set((params.get('post.fields') ?? '').split(','));
    const expansions = new Set((params.get('expansions') ?? '').split(','));
    // X answers links as t.co links (the typed URL in `entities.urls`), appends one for attached
    // media and escapes &, < and >.
    const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const urls: Array<Record<string, unknown>> = [];
    let text = '';
    let cursor = 0;
    for (const match of post.text.matchAll(/https?:\/\/\S+/g)) {
      text += escapeHtml(post.text.slice(cursor, match.index));
      const short = `https://t.co/${randomBytes(5).toString('hex')}`;
      urls.push({
        start: text.length,
        end: text.length + short.length,
        url: short,
        expanded_url: match[0],
        display_url: match[0].replace(/^https?:\/\//, ''),
      });
      text += short;
      cursor = (match.index ?? 0) + match[0].length;
    }
    text += escapeHtml(post.text.slice(cursor));
    if (post.mediaIds.length > 0) {
      const short = `https://t.co/${randomBytes(5).toString('hex')}`;
      text = text === '' ? short : `${text} ${short}`;
      urls.push({
        start: text.length - short.length,
        end: text.length,
        url: short,
        expanded_url: `https://x.com/${this.account.username}/status/${post.id}/photo/1`,
        media_key: `3_${post.mediaIds[0]}`,
      });
    }
    const view: Record<string, unknown> = { id: post.id, text, edit_history_post_ids: [post.id] };
    if (fields.has('created_at')) view.created_at = new Date(post.createdAt).toISOString();
    if (fields.has('conversation_id')) view.conversation_id = post.conversationId;
    if (fields.has('entities') && urls.length > 0) view.entities = { urls };
    if (fields.has('public_metrics')) view.public_metrics = { ...post.metrics };
    if (fields.has('non_public_metrics'))
      view.non_public_metrics = {
        impression_count: post.metrics.impression_count,
        url_link_clicks: post.urlLinkClicks,
        user_profile_clicks: 1,
      };
    if (fields.has('reply_settings')) view.reply_settings = post.replySettings ?? 'everyone';
    if (expansions.has('author_id')) view.author_id = post.authorId;
    const parent = post.replyTo ? this.posts.get(post.replyTo) : undefined;
    if (expansions.has('in_reply_to_user_id') && parent) view.in_reply_to_user_id = parent.authorId;
    if (expansions.has('referenced_posts') && post.replyTo) view.referenced_posts = [{ type: 'replied_to', id: post.replyTo }];
    return view;
  }

  private userView(user: XUserRecord, params: URLSearchParams): Record<string, unknown> {
    const fields = new Set((params.get('user.fields') ?? '').split(','));
    const view: Record<string, unknown> = { id: user.id, username: user.username, name: user.name };
    if (fields.has('public_metrics'))
      view.public_metrics = { followers_count: user.followers, following_count: 10, post_count: this.posts.size, listed_count: 0 };
    if (fields.has('profile_image_url')) view.profile_image_url = `https://pbs.twimg.com/profile_images/${user.id}/normal.jpg`;
    return view;
  }

  private mediaView(upload: Upload): Record<string, unknown> {
    const view: Record<string, unknown> = {
      id: upload.id,
      media_key: `${upload.state === 'image' ? 3 : 7}_${upload.id}`,
      size: upload.totalBytes,
      expires_after_secs: 86_400,
    };
    if (upload.state !== 'image') {
      const done = upload.state === 'succeeded' || upload.state === 'failed';
      view.processing_info = done
        ? { state: upload.state, progress_percent: 100 }
        : { state: upload.state, check_after_secs: 1, progress_percent: upload.state === 'pending' ? 0 : 50 };
    }
    return view;
  }

  private oauth(
    path: string,
    raw: string,
    req: http.IncomingMessage,
    reply: (status: number, body: unknown, headers?: Record<string, string>, type?: string) => void,
  ): void {
    const form = new URLSearchParams(raw);
    const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
    if (id !== this.app.clientId || secret !== this.app.clientSecret || (form.has('client_id') && form.get('client_id') !== id)) {
      return reply(401, { error: 'unauthorized_client', error_description: 'Missing valid authorization header' });
    }
    if (path === '/2/oauth2/revoke') {
      const token = form.get('token') ?? '';
      this.accessTokens.delete(token);
      this.refreshTokens.delete(token);
      return reply(200, { revoked: true });
    }
    const refused = (description: string) => reply(400, { error: 'invalid_request', error_description: description });
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      if (!code) return refused('Value passed for the authorization code was invalid.');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
        return refused('Value passed for the code verifier was invalid.');
      if (form.get('redirect_uri') !== code.redirectUri) return refused('Value passed for the redirect uri did not match.');
      return reply(200, this.issueTokens());
    }
    if (grant === 'refresh_token') {
      const token = form.get('refresh_token') ?? '';
      if (this.refreshTokens.has(token) && this.refuseRefreshes) this.refreshTokens.delete(token);
      if (!this.refreshTokens.has(token)) return refused('Value passed for the token was invalid.');
      // Rotation: the used refresh token stops working.
      this.refreshTokens.delete(token);
      return reply(200, this.issueTokens());
    }
    return reply(400, { error: 'unsupported_grant_type', error_description: 'Grant type is not supported' });
  }

  private issueTokens(): Record<string, unknown> {
    const access = `xat-${randomBytes(8).toString('hex')}`;
    const refresh = `xrt-${randomBytes(8).toString('hex')}`;
    this.accessTokens.set(access, { userId: this.account.id, expired: false });
    this.refreshTokens.add(refresh);
    return {
      token_type: 'bearer',
      expires_in: 7200,
      access_token: access,
      scope: 'tweet.read tweet.write users.read offline.access media.write',
      refresh_token: refresh,
    };
  }
}

function weighted(text: string): number {
  // The server's own, simpler count (URLs 23, code points above U+10FF 2), independent of the adapter's.
  const withoutUrls = text.replace(/https?:\/\/\S+/g, '');
  const urls = (text.match(/https?:\/\/\S+/g) ?? []).length;
  let n = urls * 23;
  for (const ch of withoutUrls.normalize('NFC')) n += (ch.codePointAt(0) ?? 0) <= 0x10ff ? 1 : 2;
  return n;
}

function errorBody(status: number): unknown {
  if (status === 429) return { code: 88, message: 'Rate limit exceeded' };
  if (status === 401) return { code: 89, message: 'Invalid or expired token.' };
  if (status === 503) return { code: 130, message: 'Over capacity' };
  if (status >= 500)
    return { type: 'https://api.x.com/2/problems/internal-error', title: 'Internal Error', detail: 'Something went wrong.', status };
  return { code: status, message: `HTTP ${status}` };
}

function notFound(id: string): Record<string, unknown> {
  return {
    type: 'https://api.x.com/2/problems/resource-not-found',
    title: 'Not Found Error',
    detail: `Could not find tweet with id: [${id}].`,
    resource_type: 'tweet',
    resource_id: id,
    parameter: 'id',
    value: id,
  };
}

function invalid(parameter: string, detail: string): Record<string, unknown> {
  return { type: 'https://api.x.com/2/problems/invalid-request', title: 'Invalid Request', detail, parameter, status: 400 };
}
