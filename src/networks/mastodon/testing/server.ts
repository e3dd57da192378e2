/**
 * Test-only: a local HTTP server that speaks the documented Mastodon REST
 * shapes (https://docs.joinmastodon.org/methods/ and /entities/) closely
 * enough for contract tests, and records every request it receives.
 *
 * Behaviour taken from the docs: bearer auth with 401 `{"error": "The access
 * token is invalid"}`, Idempotency-Key replay for 1 hour per account, POST
 * /api/v2/media answering 202 with `url: null` for background processing,
 * GET /api/v1/media/:id answering 206 until done, 422 for a status without
 * text or media or with unprocessed media, paginated own statuses and
 * mention notifications.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  json?: Record<string, unknown>;
  form?: FormData;
}

export interface ScriptedResponse {
  method: string;
  path: string | RegExp;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Handle the request normally (side effects happen) but answer only after this delay. */
  delayAfterHandlingMs?: number;
  /** How many matching requests this applies to (default 1). */
  times?: number;
  /** Matching requests to let through normally before this script applies (default 0). */
  after?: number;
}

interface StoredStatus {
  id: string;
  createdAt: number;
  text: string;
  spoilerText: string;
  visibility: string;
  sensitive: boolean;
  language: string | null;
  inReplyToId: string | null;
  accountId: string;
  mediaIds: string[];
  favourites: number;
  reblogs: number;
  replies: number;
}

interface StoredMedia {
  id: string;
  description: string | null;
  contentType: string;
  size: number;
  /** Polls left before processing completes (0 = ready). */
  pollsUntilReady: number;
}

const IDEMPOTENCY_TTL_MS = 60 * 60 * 1000;

const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Renders plain text the way Mastodon's formatter does (paragraphs, <br />, link spans, h-card mentions). */
export function renderMastodonHtml(text: string, host: string): string {
  const paragraphs = text.trim().split(/\n{2,}/);
  return paragraphs
    .map((paragraph) => {
      const escaped = escapeHtml(paragraph);
      const linked = escaped
        .replace(/https?:\/\/[^\s<]+[^\s<.,;:!?)]/g, (url) => {
          const scheme = url.match(/^https?:\/\/(www\.)?/)![0];
          const rest = url.slice(scheme.length);
          const shown = rest.slice(0, 30);
          const hidden = rest.slice(30);
          const cls = hidden ? 'ellipsis' : '';
          return `<a href="${url}" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">${scheme}</span><span class="${cls}">${shown}</span><span class="invisible">${hidden}</span></a>`;
        })
        .replace(/(^|[\s(])@([a-z0-9_]+)(?:@([a-z0-9.-]+[a-z0-9]))?/gi, (_m, lead: string, user: string, domain?: string) => {
          const href = `https://${domain ?? host}/@${user}`;
          return `${lead}<span class="h-card" translate="no"><a href="${href}" class="u-url mention">@<span>${user}</span></a></span>`;
        })
        .replace(
          /(^|\s)#(\w+)/g,
          (_m, lead: string, tag: string) =>
            `${lead}<a href="https://${host}/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`,
        );
      return `<p>${linked.replace(/\n/g, '<br />')}</p>`;
    })
    .join('');
}

export class FakeMastodonServer {
  readonly token = 'test-token-abc';
  readonly requests: RecordedRequest[] = [];
  readonly statuses = new Map<string, StoredStatus>();
  readonly media = new Map<string, StoredMedia>();
  /** Notifications delivered to the account, newest last. */
  readonly notifications: Array<{ id: string; statusId: string | null; fromAcct: string; fromName: string; type?: string }> = [];
  /** Statuses @plaza favourited, and accounts (ids) it muted or blocked. */
  readonly favouritedByMe = new Set<string>();
  readonly muted = new Set<string>();
  readonly blocked = new Set<string>();
  /** Direct conversations: thread root status id → conversation id. */
  private readonly conversationIds = new Map<string, string>();
  /** Next uploads answer 202 and need this many polls before the url appears. */
  asyncMediaPolls: number[] = [];
  /** Server clock (ms), advanced by tests to expire idempotency keys. */
  clock = Date.parse('2025-03-01T10:00:00.000Z');
  /** Mastodon 4.5+ exposes quotes_count; older servers do not. */
  reportQuotes = false;
  /** Accounts (acct) that favourited / boosted each status, oldest first. */
  readonly favouritedBy = new Map<string, string[]>();
  readonly rebloggedBy = new Map<string, string[]>();
  /** Accounts (acct) that follow @plaza. */
  readonly followers = new Set<string>();

  private server: http.Server | null = null;
  private scripted: ScriptedResponse[] = [];
  private idempotency = new Map<string, { statusId: string; at: number }>();
  private sequence = 0;
  readonly me = {
    id: '14715',
    username: 'plaza',
    acct: 'plaza',
    display_name: 'Plaza Test',
    locked: false,
    bot: false,
    created_at: '2016-11-24T10:02:12.085Z',
    note: '<p>Testing account</p>',
    url: '',
    avatar: '',
    avatar_static: '',
    header: '',
    header_static: '',
    followers_count: 821,
    following_count: 178,
    statuses_count: 0,
    last_status_at: null as string | null,
    emojis: [],
    fields: [],
  };
  host = '127.0.0.1';
  baseUrl = '';

  /** Starts listening on 127.0.0.1 with an OS-assigned port. */
  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `fake server crashed: ${String(error)}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.host = `127.0.0.1:${port}`;
    this.baseUrl = `http://${this.host}`;
    this.me.url = `${this.baseUrl}/@plaza`;
  }

  /** Stops the server and drops open connections (delayed responses included). */
  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Apps registered with POST /api/v1/apps, by client_id. */
  readonly apps = new Map<string, { clientSecret: string; redirectUris: string[]; scopes: string }>();
  /** Authorization codes issued by /oauth/authorize, single use. */
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; challenge: string | null; scope: string }>();
  /** When set, /oauth/authorize sends the user back with this error (the user said no). */
  denyAuthorization: string | null = null;

  /**
   * Sign-in as Mastodon documents it (https://docs.joinmastodon.org/methods/apps/ and /methods/oauth/):
   * POST /api/v1/apps registers a client; GET /oauth/authorize (the user approves at once here)
   * redirects back with `code` and `state`; POST /oauth/token exchanges the code (PKCE S256 checked
   * when a challenge was sent) for the account's token. True when it answered.
   */
  private oauth(
    method: string,
    url: URL,
    raw: Buffer,
    contentType: string,
    answer: (status: number, body: unknown, headers?: Record<string, string>) => void,
    res: http.ServerResponse,
  ): boolean {
    const reply = (status: number, body: unknown): true => {
      answer(status, body);
      return true;
    };
    const params = (): URLSearchParams => {
      if (contentType.startsWith('application/json') && raw.length)
        return new URLSearchParams(
          Object.entries(JSON.parse(raw.toString('utf8')) as Record<string, string>).map(([k, v]) => [k, String(v)]),
        );
      return new URLSearchParams(raw.toString('utf8'));
    };
    if (method === 'POST' && url.pathname === '/api/v1/apps') {
      const form = params();
      const redirectUris = (form.get('redirect_uris') ?? '').split(/\s+/).filter(Boolean);
      if (!form.get('client_name') || !redirectUris.length)
        return reply(422, { error: "Validation failed: Application name can't be blank, Redirect URI must be an absolute URI." });
      const id = String(this.apps.size + 1);
      const clientId = `client-${id}-${Math.random().toString(36).slice(2, 10)}`;
      const clientSecret = `secret-${Math.random().toString(36).slice(2, 14)}`;
      const scopes = form.get('scopes') ?? 'read';
      this.apps.set(clientId, { clientSecret, redirectUris, scopes });
      answer(200, {
        id,
        name: form.get('client_name'),
        website: form.get('website'),
        scopes: scopes.split(' '),
        redirect_uri: redirectUris.join('\n'),
        redirect_uris: redirectUris,
        client_id: clientId,
        client_secret: clientSecret,
        vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
      });
      return true;
    }
    if (method === 'GET' && url.pathname === '/oauth/authorize') {
      const q = url.searchParams;
      const app = this.apps.get(q.get('client_id') ?? '');
      const redirectUri = q.get('redirect_uri') ?? '';
      if (!app?.redirectUris.includes(redirectUri)) {
        res.writeHead(400, { 'content-type': 'text/html' });
        res.end('<p>The redirect uri included is not valid.</p>');
        return true;
      }
      const back = new URL(redirectUri);
      if (this.denyAuthorization) back.searchParams.set('error', this.denyAuthorization);
      else {
        const code = Math.random().toString(36).slice(2, 18);
        const challenge = q.get('code_challenge');
        if (challenge && q.get('code_challenge_method') !== 'S256') return reply(400, { error: 'invalid_request' });
        this.codes.set(code, { clientId: q.get('client_id')!, redirectUri, challenge, scope: q.get('scope') ?? 'read' });
        back.searchParams.set('code', code);
      }
      if (q.get('state')) back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.href });
      res.end();
      return true;
    }
    if (method === 'POST' && url.pathname === '/oauth/token') {
      const form = params();
      const app = this.apps.get(form.get('client_id') ?? '');
      if (!app || app.clientSecret !== form.get('client_secret'))
        return reply(401, {
          error: 'invalid_client',
          error_description:
            'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
        });
      if (form.get('grant_type') !== 'authorization_code') return reply(400, { error: 'unsupported_grant_type' });
      const code = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const grantInvalid = {
        error: 'invalid_grant',
        error_description:
          'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
      };
      if (!code || code.clientId !== form.get('client_id') || code.redirectUri !== form.get('redirect_uri'))
        return reply(400, grantInvalid);
      if (code.challenge && createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return reply(400, grantInvalid);
      answer(200, { access_token: this.token, token_type: 'Bearer', scope: code.scope, created_at: Math.floor(this.clock / 1000) });
      return true;
    }
    return false;
  }

  /** Forgets requests, statuses, media, keys and scripts between tests. */
  reset(): void {
    this.requests.length = 0;
    this.statuses.clear();
    this.media.clear();
    this.notifications.length = 0;
    this.asyncMediaPolls = [];
    this.scripted = [];
    this.idempotency.clear();
    this.reportQuotes = false;
    this.favouritedBy.clear();
    this.rebloggedBy.clear();
    this.followers.clear();
    this.favouritedByMe.clear();
    this.muted.clear();
    this.blocked.clear();
    this.conversationIds.clear();
  }

  /** Delivers a notification of another type (favourite, reblog, follow) from another account. */
  seedNotification(type: string, fromAcct: string, statusId: string | null): void {
    this.notifications.push({
      id: String(34975861 + this.notifications.length),
      statusId,
      fromAcct,
      fromName: `Name of ${fromAcct}`,
      type,
    });
  }

  /** A direct message to @plaza from another account (Mastodon also notifies it as a mention). */
  seedDirect(text: string, fromAcct: string, createdAt: number, inReplyToId: string | null = null): StoredStatus {
    const status = this.seedMention(`@plaza ${text}`, fromAcct, createdAt, inReplyToId);
    status.visibility = 'direct';
    return status;
  }

  private rootOf(status: StoredStatus): StoredStatus {
    let current = status;
    for (let depth = 0; depth < 100 && current.inReplyToId; depth += 1) {
      const parent = this.statuses.get(current.inReplyToId);
      if (!parent) break;
      current = parent;
    }
    return current;
  }

  /** The conversation a direct status belongs to (one per thread, as Mastodon keys them). */
  conversationIdOf(status: StoredStatus): string {
    const root = this.rootOf(status).id;
    let id = this.conversationIds.get(root);
    if (!id) {
      id = String(1000 + this.conversationIds.size);
      this.conversationIds.set(root, id);
    }
    return id;
  }

  /** Stable, distinct numeric id of a remote account. */
  remoteAccountId(acct: string): string {
    let hash = 7n;
    for (const char of acct) hash = (hash * 131n + BigInt(char.codePointAt(0)!)) % 1_000_000_007n;
    return `9${hash}`;
  }

  /** Answers the next matching request(s) with a scripted response. */
  script(response: ScriptedResponse): void {
    this.scripted.push({ times: 1, ...response });
  }

  /** Mastodon-style snowflake id: milliseconds shifted left 16 bits plus a sequence. */
  private nextId(at: number): string {
    this.sequence = (this.sequence + 1) % 65536;
    return ((BigInt(at) << 16n) + BigInt(this.sequence)).toString();
  }

  /** Adds a status as if posted earlier (e.g. yesterday's identical post). */
  seedStatus(text: string, createdAt: number, extra: Partial<StoredStatus> = {}): StoredStatus {
    const status: StoredStatus = {
      id: this.nextId(createdAt),
      createdAt,
      text,
      spoilerText: '',
      visibility: 'public',
      sensitive: false,
      language: 'en',
      inReplyToId: null,
      accountId: this.me.id,
      mediaIds: [],
      favourites: 0,
      reblogs: 0,
      replies: 0,
      ...extra,
    };
    this.statuses.set(status.id, status);
    return status;
  }

  /** Delivers a mention of @plaza from another account. */
  seedMention(text: string, fromAcct: string, createdAt: number, inReplyToId: string | null = null): StoredStatus {
    const status = this.seedStatus(text, createdAt, { accountId: `remote:${fromAcct}`, inReplyToId });
    this.notifications.push({
      id: String(34975861 + this.notifications.length),
      statusId: status.id,
      fromAcct,
      fromName: `Name of ${fromAcct}`,
    });
    return status;
  }

  private accountJson(accountId: string): Record<string, unknown> {
    if (accountId === this.me.id) return { ...this.me };
    const acct = accountId.replace(/^remote:/, '');
    const [username] = acct.split('@');
    return {
      ...this.me,
      id: this.remoteAccountId(acct),
      username,
      acct,
      display_name: `Name of ${acct}`,
      url: `https://remote.example/@${username}`,
    };
  }

  private mediaJson(media: StoredMedia): Record<string, unknown> {
    const ready = media.pollsUntilReady === 0;
    return {
      id: media.id,
      type: 'image',
      url: ready ? `${this.baseUrl}/system/media_attachments/files/${media.id}/original.jpg` : null,
      preview_url: `${this.baseUrl}/system/media_attachments/files/${media.id}/small.jpg`,
      remote_url: null,
      text_url: null,
      meta: { original: { width: 640, height: 480, size: '640x480', aspect: 1.3333333333333333 } },
      description: media.description,
      blurhash: 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}',
    };
  }

  /** The Status entity, with the fields documented for GET /api/v1/statuses/:id. */
  statusJson(status: StoredStatus): Record<string, unknown> {
    const account = this.accountJson(status.accountId);
    const username = String(account.username);
    const json: Record<string, unknown> = {
      id: status.id,
      created_at: new Date(status.createdAt).toISOString(),
      in_reply_to_id: status.inReplyToId,
      in_reply_to_account_id: status.inReplyToId
        ? String(this.accountJson(this.statuses.get(status.inReplyToId)?.accountId ?? this.me.id).id)
        : null,
      sensitive: status.sensitive,
      spoiler_text: status.spoilerText,
      visibility: status.visibility,
      language: status.language,
      uri: `${this.baseUrl}/users/${username}/statuses/${status.id}`,
      url: `${this.baseUrl}/@${username}/${status.id}`,
      replies_count: status.replies,
      reblogs_count: status.reblogs,
      favourites_count: status.favourites,
      favourited: this.favouritedByMe.has(status.id),
      reblogged: false,
      muted: false,
      bookmarked: false,
      content: renderMastodonHtml(status.text, this.host),
      reblog: null,
      application: { name: 'Plaza', website: null },
      account,
      media_attachments: status.mediaIds.map((id) => this.mediaJson(this.media.get(id)!)),
      mentions: [],
      tags: [],
      emojis: [],
      card: null,
      poll: null,
    };
    if (this.reportQuotes) json.quotes_count = 3;
    return json;
  }

  private async readBody(req: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = req.method ?? 'GET';
    const raw = await this.readBody(req);
    const recorded: RecordedRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers };
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('application/json') && raw.length > 0) {
      recorded.json = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } else if (contentType.startsWith('multipart/form-data')) {
      recorded.form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    }
    this.requests.push(recorded);

    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };

    const scriptIndex = this.scripted.findIndex(
      (s) => s.method === method && (typeof s.path === 'string' ? s.path === url.pathname : s.path.test(url.pathname)),
    );
    let script = scriptIndex >= 0 ? this.scripted[scriptIndex]! : undefined;
    if (script && (script.after ?? 0) > 0) {
      script.after = script.after! - 1;
      script = undefined;
    }
    if (script) {
      script.times = (script.times ?? 1) - 1;
      if (script.times <= 0) this.scripted.splice(scriptIndex, 1);
      if (script.delayAfterHandlingMs === undefined) {
        send(script.status ?? 500, script.body, script.headers);
        return;
      }
    }

    const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      if (script?.delayAfterHandlingMs !== undefined) {
        const timer = setTimeout(() => {
          if (!res.destroyed) send(status, body, headers);
        }, script.delayAfterHandlingMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      send(status, body, headers);
    };

    if (this.oauth(method, url, raw, contentType, answer, res)) return;
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      answer(401, { error: 'The access token is invalid' });
      return;
    }
    this.route(method, url, recorded, answer);
  }

  private route(
    method: string,
    url: URL,
    recorded: RecordedRequest,
    answer: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const path = url.pathname;
    let match: RegExpMatchArray | null;

    if (method === 'GET' && path === '/api/v1/accounts/verify_credentials') {
      return answer(200, { ...this.me, source: { privacy: 'public', sensitive: false, language: '', note: '', fields: [] } });
    }

    if (method === 'POST' && path === '/api/v2/media') {
      const file = recorded.form?.get('file');
      if (!(file instanceof Blob) || file.type === '') {
        return answer(422, { error: 'Validation failed: File content type is invalid, File is invalid' });
      }
      const description = recorded.form?.get('description');
      const polls = this.asyncMediaPolls.shift() ?? 0;
      const media: StoredMedia = {
        id: String(22348641 + this.media.size),
        description: typeof description === 'string' ? description : null,
        contentType: file.type,
        size: file.size,
        pollsUntilReady: polls,
      };
      this.media.set(media.id, media);
      return answer(polls > 0 ? 202 : 200, this.mediaJson(media));
    }

    if (method === 'GET' && (match = path.match(/^\/api\/v1\/media\/(\d+)$/))) {
      const media = this.media.get(match[1]!);
      if (!media) return answer(404, { error: 'Record not found' });
      if (media.pollsUntilReady > 0) {
        media.pollsUntilReady -= 1;
        if (media.pollsUntilReady > 0) return answer(206, undefined);
      }
      return answer(200, this.mediaJson(media));
    }

    if (method === 'POST' && path === '/api/v1/statuses') {
      const body = recorded.json ?? {};
      const key = recorded.headers['idempotency-key'];
      if (typeof key === 'string') {
        const seen = this.idempotency.get(`${this.me.id}:${key}`);
        if (seen && this.clock - seen.at < IDEMPOTENCY_TTL_MS) {
          return answer(200, this.statusJson(this.statuses.get(seen.statusId)!));
        }
      }
      const text = typeof body.status === 'string' ? body.status : '';
      const mediaIds = Array.isArray(body.media_ids) ? body.media_ids.map(String) : [];
      if (text.trim() === '' && mediaIds.length === 0) {
        return answer(422, { error: "Validation failed: Text can't be blank" });
      }
      for (const id of mediaIds) {
        const media = this.media.get(id);
        if (!media) return answer(422, { error: 'Validation failed: Media attachments are invalid' });
        if (media.pollsUntilReady > 0) {
          return answer(422, { error: 'Cannot attach files that have not finished processing. Try again in a moment!' });
        }
      }
      const inReplyToId = typeof body.in_reply_to_id === 'string' ? body.in_reply_to_id : null;
      if (inReplyToId && !this.statuses.has(inReplyToId)) return answer(404, { error: 'Record not found' });
      const status = this.seedStatus(text, this.clock, {
        spoilerText: typeof body.spoiler_text === 'string' ? body.spoiler_text : '',
        visibility: typeof body.visibility === 'string' ? body.visibility : 'public',
        sensitive: body.sensitive === true,
        language: typeof body.language === 'string' ? body.language : null,
        inReplyToId,
        mediaIds,
      });
      if (inReplyToId) this.statuses.get(inReplyToId)!.replies += 1;
      if (typeof key === 'string') this.idempotency.set(`${this.me.id}:${key}`, { statusId: status.id, at: this.clock });
      this.clock += 1000; // the next post is a second later
      return answer(200, this.statusJson(status));
    }

    if ((match = path.match(/^\/api\/v1\/statuses\/(\d+)(\/context)?$/))) {
      const status = this.statuses.get(match[1]!);
      if (!status) return answer(404, { error: 'Record not found' });
      if (method === 'GET' && match[2]) {
        const descendants: StoredStatus[] = [];
        const walk = (parentId: string): void => {
          for (const child of this.statuses.values()) {
            if (child.inReplyToId === parentId) {
              descendants.push(child);
              walk(child.id);
            }
          }
        };
        walk(status.id);
        const ancestors: StoredStatus[] = [];
        for (let parent = status.inReplyToId ? this.statuses.get(status.inReplyToId) : undefined; parent; ) {
          ancestors.unshift(parent);
          parent = parent.inReplyToId ? this.statuses.get(parent.inReplyToId) : undefined;
        }
        return answer(200, {
          ancestors: ancestors.map((s) => this.statusJson(s)),
          descendants: descendants.map((s) => this.statusJson(s)),
        });
      }
      if (method === 'GET') return answer(200, this.statusJson(status));
      if (method === 'DELETE') {
        if (status.accountId !== this.me.id) return answer(403, { error: 'This action is not allowed' });
        this.statuses.delete(status.id);
        return answer(200, { ...this.statusJson(status), text: status.text });
      }
    }

    if (method === 'POST' && (match = path.match(/^\/api\/v1\/statuses\/(\d+)\/(favourite|unfavourite)$/))) {
      // https://docs.joinmastodon.org/methods/statuses/#favourite: both answer the Status, and repeating is harmless.
      const status = this.statuses.get(match[1]!);
      if (!status) return answer(404, { error: 'Record not found' });
      const had = this.favouritedByMe.has(status.id);
      if (match[2] === 'favourite' && !had) {
        this.favouritedByMe.add(status.id);
        status.favourites += 1;
      } else if (match[2] === 'unfavourite' && had) {
        this.favouritedByMe.delete(status.id);
        status.favourites -= 1;
      }
      return answer(200, this.statusJson(status));
    }

    if (method === 'POST' && (match = path.match(/^\/api\/v1\/accounts\/(\d+)\/(mute|block|unmute|unblock)$/))) {
      // https://docs.joinmastodon.org/methods/accounts/#mute: answers the Relationship.
      const id = match[1]!;
      if (id === this.me.id) return answer(422, { error: 'Validation failed: You cannot mute or block yourself' });
      const set = match[2]!.endsWith('mute') ? this.muted : this.blocked;
      if (match[2]!.startsWith('un')) set.delete(id);
      else set.add(id);
      return answer(200, {
        id,
        following: false,
        followed_by: false,
        blocking: this.blocked.has(id),
        muting: this.muted.has(id),
        muting_notifications: this.muted.has(id),
        requested: false,
      });
    }

    if (method === 'GET' && path === '/api/v1/conversations') {
      // https://docs.joinmastodon.org/methods/conversations/: newest first, limit ≤ 40, paged by the
      // last status id with Link rel="next" (max_id) and rel="prev" (min_id).
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 40);
      const maxId = url.searchParams.get('max_id');
      const minId = url.searchParams.get('min_id') ?? url.searchParams.get('since_id');
      const lastByConversation = new Map<string, StoredStatus>();
      for (const status of this.statuses.values()) {
        if (status.visibility !== 'direct') continue;
        const id = this.conversationIdOf(status);
        const last = lastByConversation.get(id);
        if (!last || BigInt(status.id) > BigInt(last.id)) lastByConversation.set(id, status);
      }
      const all = [...lastByConversation.entries()]
        .sort(([, a], [, b]) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .filter(([, last]) => maxId === null || BigInt(last.id) < BigInt(maxId))
        .filter(([, last]) => minId === null || BigInt(last.id) > BigInt(minId));
      const page = all.slice(0, limit);
      const headers: Record<string, string> = {};
      if (page.length > 0) {
        headers.link = `<${this.baseUrl}${path}?max_id=${page.at(-1)![1].id}>; rel="next", <${this.baseUrl}${path}?min_id=${page[0]![1].id}>; rel="prev"`;
      }
      return answer(
        200,
        page.map(([id, last]) => {
          const others = new Set(
            [...this.statuses.values()]
              .filter((s) => s.visibility === 'direct' && this.conversationIdOf(s) === id && s.accountId !== this.me.id)
              .map((s) => s.accountId),
          );
          return {
            id,
            unread: last.accountId !== this.me.id,
            accounts: [...others].map((a) => this.accountJson(a)),
            last_status: this.statusJson(last),
          };
        }),
        headers,
      );
    }

    if (method === 'GET' && (match = path.match(/^\/api\/v1\/statuses\/(\d+)\/(favourited_by|reblogged_by)$/))) {
      if (!this.statuses.has(match[1]!)) return answer(404, { error: 'Record not found' });
      // Documented paging: newest first, limit ≤ 80, Link header with rel="next" carrying max_id.
      const accts = [...((match[2] === 'favourited_by' ? this.favouritedBy : this.rebloggedBy).get(match[1]!) ?? [])].reverse();
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 40), 80);
      const maxId = url.searchParams.get('max_id');
      const start = maxId === null ? 0 : Number(maxId);
      const page = accts.slice(start, start + limit);
      const headers: Record<string, string> = {};
      if (start + limit < accts.length) headers.link = `<${this.baseUrl}${path}?limit=${limit}&max_id=${start + limit}>; rel="next"`;
      return answer(
        200,
        page.map((acct) => this.accountJson(`remote:${acct}`)),
        headers,
      );
    }

    if (method === 'GET' && path === '/api/v1/accounts/relationships') {
      const ids = url.searchParams.getAll('id[]');
      const followerIds = new Set([...this.followers].map((acct) => this.remoteAccountId(acct)));
      return answer(
        200,
        ids.map((id) => ({ id, following: false, followed_by: followerIds.has(id), blocking: false, muting: false, requested: false })),
      );
    }

    if (method === 'GET' && (match = path.match(/^\/api\/v1\/accounts\/(\d+)\/statuses$/))) {
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 20), 40);
      const maxId = url.searchParams.get('max_id');
      const own = [...this.statuses.values()]
        .filter((s) => s.accountId === match![1])
        .filter((s) => maxId === null || BigInt(s.id) < BigInt(maxId))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .slice(0, limit);
      return answer(
        200,
        own.map((s) => this.statusJson(s)),
      );
    }

    if (method === 'GET' && path === '/api/v1/notifications') {
      // https://docs.joinmastodon.org/methods/notifications/#get: newest first; max_id pages back, since_id
      // returns the newest after it, min_id the ones right after it; Link rel="next"/"prev" carry both.
      const types = url.searchParams.getAll('types[]');
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 40), 80);
      const maxId = url.searchParams.get('max_id');
      const sinceId = url.searchParams.get('since_id');
      const minId = url.searchParams.get('min_id');
      const matching = [...this.notifications]
        .filter((n) => types.length === 0 || types.includes(n.type ?? 'mention'))
        .filter((n) => maxId === null || Number(n.id) < Number(maxId))
        .filter((n) => sinceId === null || Number(n.id) > Number(sinceId))
        .filter((n) => minId === null || Number(n.id) > Number(minId));
      const chosen = minId !== null ? matching.slice(0, limit).reverse() : matching.reverse().slice(0, limit);
      const list = chosen.map((n) => {
        const status = n.statusId ? this.statuses.get(n.statusId) : undefined;
        return {
          id: n.id,
          type: n.type ?? 'mention',
          created_at: new Date(status?.createdAt ?? this.clock).toISOString(),
          account: this.accountJson(`remote:${n.fromAcct}`),
          ...(status ? { status: this.statusJson(status) } : {}),
        };
      });
      const headers: Record<string, string> = {};
      if (list.length > 0) {
        const typeQuery = types.map((type) => `types[]=${type}&`).join('');
        headers.link = `<${this.baseUrl}${path}?${typeQuery}max_id=${list.at(-1)!.id}>; rel="next", <${this.baseUrl}${path}?${typeQuery}min_id=${list[0]!.id}>; rel="prev"`;
      }
      return answer(200, list, headers);
    }

    answer(404, { error: 'Record not found' });
  }
}
