/**
 * Test-only: a local HTTP server speaking LinkedIn's documented requests and answers closely
 * enough for contract tests, at `/<official host>/<path>` (see networks/endpoints.ts):
 *
 * - OAuth 2.0 at /www.linkedin.com/oauth/v2/accessToken: code exchange (client secret in the
 *   body), refresh with optional rotation, refused refresh (`invalid_request`, "... invalid,
 *   expired or revoked"); OpenID userinfo at /api.linkedin.com/v2/userinfo;
 * - versioned REST under /api.linkedin.com/rest: `LinkedIn-Version: YYYYMM` and
 *   `X-Restli-Protocol-Version: 2.0.0` required, URNs percent-encoded in paths and queries;
 *   401 bodies with `serviceErrorCode` (65600 invalid, 65601 expired, 65602 revoked);
 * - organizationAcls (q=roleAssignee), organizations, networkSizes (followers);
 * - Images/Documents/Videos initializeUpload, uploads at /www.linkedin.com/dms-uploads/...
 *   (video parts answer an ETag), finalizeUpload, video status PROCESSING → AVAILABLE;
 * - Posts: create (201, id in `x-restli-id`, body empty), little text checked, duplicate
 *   refusal (422 "Content is a duplicate of urn:li:share:N"), finder by author, delete;
 * - socialActions comments: read (first level on a post, nested on a comment, `start`/`count`
 *   pages, newest first, `commentsSummary`), create (nested with `parentComment`, one level only),
 *   delete by the author (`?actor=`), 404 for a deleted post or comment; Reactions (like a comment
 *   and take it back); organizationalEntityShareStatistics.
 *
 * It keeps every post it accepted (the duplicate oracle) and can inject failures on any route.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromLittleText, isValidLittleText } from '../text.ts';

export interface StoredPost {
  id: string;
  author: string;
  commentary: string;
  /** The commentary as plain text (little text decoded). */
  text: string;
  visibility: string;
  content?: Record<string, unknown>;
  createdAt: number;
  lifecycleState: 'PUBLISHED' | 'DELETED';
  stats: {
    likeCount: number;
    commentCount: number;
    shareCount: number;
    impressionCount: number;
    uniqueImpressionsCount: number;
    clickCount: number;
  };
}

export interface StoredComment {
  urn: string;
  id: string;
  actor: string;
  object: string;
  text: string;
  createdAt: number;
  /** Nested comments: the first-level comment answered. */
  parentComment?: string;
  deleted?: boolean;
  /** Who reacted with LIKE (actor URNs). */
  likedBy: Set<string>;
}

interface Asset {
  urn: string;
  kind: 'image' | 'document' | 'video';
  owner: string;
  bytes: number;
  uploaded: boolean;
  /** Video: expected part ETags and the ones received. */
  parts?: Array<{ first: number; last: number; etag?: string }>;
  uploadToken?: string;
  status?: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE' | 'PROCESSING_FAILED';
  pollsLeft?: number;
}

export interface ScriptedFailure {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests (default 1). */
  times?: number;
}

interface TokenInfo {
  memberId: string;
  scopes: string[];
  state: 'valid' | 'expired' | 'revoked';
}

export interface RecordedRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  body?: unknown;
}

/** A parsed JSON request body, read loosely as the documented shapes. */
// biome-ignore lint/suspicious/noExplicitAny: request bodies are checked field by field below, as LinkedIn does
type JsonBody = Record<string, any>;

const PAGE_SCOPES = ['r_organization_social', 'w_organization_social', 'rw_organization_admin'];
const ALL_SCOPES = ['openid', 'profile', 'w_member_social', ...PAGE_SCOPES];

export class FakeLinkedInServer {
  baseUrl = '';
  /** The server's clock (ms); the adapter under test reads the same one. */
  clock = Date.parse('2026-03-02T10:00:00Z');
  readonly member = { id: 'aBcD3fG', name: 'Lucía Pérez', given: 'Lucía', family: 'Pérez' };
  readonly organizations = [
    { id: '1001', name: 'Café Aroma', vanityName: 'cafe-aroma', role: 'ADMINISTRATOR', followers: 1234 },
    { id: '1002', name: 'Aroma Catering', vanityName: 'aroma-catering', role: 'ANALYST', followers: 56 },
  ];
  readonly app = {
    clientId: 'plaza-client',
    clientSecret: 'plaza-secret',
    redirectUri: 'http://plaza.test/api/v1/oauth/linkedin/callback',
  };
  /** A valid member token with every scope. */
  token = 'li-token-valid';
  posts = new Map<string, StoredPost>();
  comments = new Map<string, StoredComment[]>();
  assets = new Map<string, Asset>();
  uploads = new Map<string, Uint8Array>();
  tokens = new Map<string, TokenInfo>();
  codes = new Map<string, { redirectUri: string; scopes: string[] }>();
  refreshTokens = new Map<string, { scopes: string[] }>();
  /** Refresh answers a new refresh token (and retires the old one) when true. */
  rotateRefreshTokens = true;
  /** Video parts are this many bytes (LinkedIn: 4 MiB). */
  videoPartBytes = 4 * 1024 * 1024;
  /** Status polls a finalized video answers PROCESSING before AVAILABLE. */
  videoPollsUntilAvailable = 1;
  requests: RecordedRequest[] = [];
  private failures: ScriptedFailure[] = [];
  private late: Array<{ method: string; path: RegExp; delayMs: number | 'never' }> = [];
  private server?: http.Server;
  private next = 1;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.posts.clear();
    this.comments.clear();
    this.assets.clear();
    this.uploads.clear();
    this.tokens.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.requests = [];
    this.failures = [];
    this.late = [];
    this.rotateRefreshTokens = true;
    this.videoPollsUntilAvailable = 1;
    this.tokens.set(this.token, { memberId: this.member.id, scopes: ALL_SCOPES, state: 'valid' });
  }

  get personUrn(): string {
    return `urn:li:person:${this.member.id}`;
  }

  get organizationUrn(): string {
    return `urn:li:organization:${this.organizations[0]!.id}`;
  }

  /** Issues a sign-in code, as LinkedIn's authorization page would after the member consents. */
  issueCode(scopes: string[] = ALL_SCOPES, redirectUri = this.app.redirectUri): string {
    const code = `code-${randomBytes(6).toString('hex')}`;
    this.codes.set(code, { redirectUri, scopes });
    return code;
  }

  /** A token with only some scopes (e.g. no page scopes). */
  issueToken(scopes: string[], state: TokenInfo['state'] = 'valid'): string {
    const token = `li-token-${randomBytes(6).toString('hex')}`;
    this.tokens.set(token, { memberId: this.member.id, scopes, state });
    return token;
  }

  expireToken(token = this.token): void {
    this.tokens.get(token)!.state = 'expired';
  }

  revokeRefreshToken(refreshToken: string): void {
    this.refreshTokens.delete(refreshToken);
  }

  /** The next matching request is carried out, but its answer is lost (the connection is cut). */
  loseNextAnswer(method: string, path: RegExp): void {
    this.late.push({ method, path, delayMs: 'never' });
  }

  /** The next matching request is carried out, and answered only after `delayMs` (a timeout after acceptance). */
  delayNextAnswer(method: string, path: RegExp, delayMs: number): void {
    this.late.push({ method, path, delayMs });
  }

  fail(failure: ScriptedFailure): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** Live posts whose text is exactly `text`: the duplicate oracle. */
  postsWithText(text: string): number {
    return [...this.posts.values()].filter((post) => post.lifecycleState === 'PUBLISHED' && post.text === text).length;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        try {
          this.handle(req, Buffer.concat(chunks), res);
        } catch (error) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 500, message: (error as Error).message }));
        }
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

  // ---- plumbing --------------------------------------------------------------------------

  private send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers });
    res.end(payload);
  }

  private error(res: http.ServerResponse, status: number, message: string, extra: { code?: string; serviceErrorCode?: number } = {}): void {
    this.send(res, status, {
      status,
      serviceErrorCode: extra.serviceErrorCode ?? status,
      ...(extra.code ? { code: extra.code } : {}),
      message,
    });
  }

  private handle(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): void {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const rawQuery = url.search.replace(/^\?/, '');
    const type = String(req.headers['content-type'] ?? '');
    let body: unknown;
    if (type.includes('json') && raw.length > 0) body = JSON.parse(raw.toString('utf8'));
    else if (type.includes('x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    this.requests.push({ method, path, rawQuery, headers: req.headers, body });

    const failure = this.failures.find((f) => f.method === method && f.path.test(path) && (f.times ?? 1) > 0);
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      this.send(res, failure.status, failure.body ?? { status: failure.status, message: `injected ${failure.status}` }, failure.headers);
      return;
    }
    const lateIndex = this.late.findIndex((l) => l.method === method && l.path.test(path));
    if (lateIndex !== -1) {
      const [late] = this.late.splice(lateIndex, 1);
      const writeHead = res.writeHead.bind(res);
      const end = res.end.bind(res);
      let head: Parameters<typeof res.writeHead> | undefined;
      // Hold the answer the handler writes: drop it with the connection, or send it late.
      res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
        head = args;
        return res;
      }) as typeof res.writeHead;
      res.end = ((chunk?: unknown) => {
        if (late!.delayMs === 'never') req.socket.destroy();
        else
          setTimeout(() => {
            if (head) writeHead(...head);
            end(chunk as string);
          }, late!.delayMs);
        return res;
      }) as typeof res.end;
    }

    if (path === '/www.linkedin.com/oauth/v2/authorization' && method === 'GET') return this.consent(url.searchParams, res);
    if (path === '/www.linkedin.com/oauth/v2/accessToken' && method === 'POST')
      return this.tokenEndpoint(body as Record<string, string>, res);
    if (path.startsWith('/www.linkedin.com/dms-uploads/') && method === 'PUT') return this.upload(path, raw, req, res);

    if (!path.startsWith('/api.linkedin.com/')) return this.error(res, 404, `No route ${method} ${path}`);
    const token = this.authorize(req, res);
    if (!token) return;
    if (path === '/api.linkedin.com/v2/userinfo' && method === 'GET') {
      return this.send(res, 200, {
        sub: this.member.id,
        name: this.member.name,
        given_name: this.member.given,
        family_name: this.member.family,
        picture: 'https://media.licdn.com/p.jpg',
        locale: { country: 'ES', language: 'es' },
      });
    }
    if (!path.startsWith('/api.linkedin.com/rest/')) return this.error(res, 404, `No route ${method} ${path}`);
    const version = req.headers['linkedin-version'];
    if (typeof version !== 'string' || !/^\d{6}(\.\d{2})?$/.test(version)) {
      return this.error(res, 400, 'A version must be present. Please specify a version by adding the LinkedIn-Version header', {
        code: 'VERSION_MISSING',
      });
    }
    if (req.headers['x-restli-protocol-version'] !== '2.0.0') return this.error(res, 400, 'Rest.li protocol version 2.0.0 is required');
    // Rest.li 2.0: URNs in a query are percent-encoded ("urn%3Ali%3A..."), never bare.
    if (/urn:li:/.test(rawQuery))
      return this.error(res, 400, 'Syntax exception in path variables: URNs must be encoded', { code: 'ILLEGAL_ARGUMENT' });
    const segments = path.slice('/api.linkedin.com/rest/'.length).split('/').map(decodeURIComponent);
    const resource = segments[0];
    const action = url.searchParams.get('action');

    if (resource === 'organizationAcls' && method === 'GET') return this.organizationAcls(token, url, res);
    if (resource === 'organizations' && segments[1] && method === 'GET') {
      const org = this.organizations.find((o) => o.id === segments[1]);
      return org
        ? this.send(res, 200, { id: Number(org.id), localizedName: org.name, vanityName: org.vanityName })
        : this.error(res, 404, 'Not found');
    }
    if (resource === 'networkSizes' && segments[1] && method === 'GET') {
      const org = this.organizations.find((o) => `urn:li:organization:${o.id}` === segments[1]);
      if (!org || url.searchParams.get('edgeType') !== 'COMPANY_FOLLOWED_BY_MEMBER')
        return this.error(res, 400, 'Invalid edgeType or entity');
      return this.send(res, 200, { firstDegreeSize: org.followers });
    }
    if (
      (resource === 'images' || resource === 'documents' || resource === 'videos') &&
      method === 'POST' &&
      action === 'initializeUpload'
    ) {
      return this.initializeUpload(resource, token, body as JsonBody, res);
    }
    if (resource === 'videos' && method === 'POST' && action === 'finalizeUpload') return this.finalizeVideo(body as JsonBody, res);
    if (resource === 'videos' && segments[1] && method === 'GET') {
      const asset = this.assets.get(segments[1]);
      if (!asset) return this.error(res, 404, 'Not found');
      if (asset.status === 'PROCESSING') {
        if ((asset.pollsLeft ?? 0) <= 0) asset.status = 'AVAILABLE';
        else asset.pollsLeft = (asset.pollsLeft ?? 0) - 1;
      }
      return this.send(res, 200, { id: asset.urn, owner: asset.owner, status: asset.status });
    }
    if (resource === 'posts' && !segments[1] && method === 'POST') return this.createPost(token, body as JsonBody, res);
    if (resource === 'posts' && !segments[1] && method === 'GET') return this.findPosts(token, req, url, res);
    if (resource === 'posts' && segments[1] && method === 'DELETE') {
      const post = this.posts.get(segments[1]);
      if (!post || post.lifecycleState === 'DELETED') return this.error(res, 404, 'Not found');
      if (!this.mayActAs(token, post.author))
        return this.error(res, 403, 'Not enough permissions to access: posts.DELETE', { code: 'ACCESS_DENIED', serviceErrorCode: 100 });
      post.lifecycleState = 'DELETED';
      return this.send(res, 204);
    }
    if (resource === 'socialActions' && segments[1] && segments[2] === 'comments') {
      if (segments[3] && method === 'DELETE') return this.deleteComment(token, segments[1], segments[3], url, res);
      if (method === 'GET') return this.listComments(token, segments[1], url, res);
      if (method === 'POST') return this.createComment(token, segments[1], body as JsonBody, res);
    }
    if (resource === 'reactions' && !segments[1] && method === 'POST') return this.react(token, url, body as JsonBody, res);
    if (resource === 'reactions' && segments[1] && method === 'DELETE') return this.unreact(token, segments[1], res);
    if (resource === 'organizationalEntityShareStatistics' && method === 'GET') return this.shareStatistics(token, url, res);
    return this.error(res, 404, `No route ${method} ${path}`);
  }

  private authorize(req: http.IncomingMessage, res: http.ServerResponse): TokenInfo | null {
    const header = req.headers.authorization;
    if (!header) {
      this.error(res, 401, 'Empty oauth2_access_token', { serviceErrorCode: 401 });
      return null;
    }
    const info = /^Bearer (.+)$/.exec(header) ? this.tokens.get(header.slice('Bearer '.length)) : undefined;
    if (!info) {
      this.error(res, 401, 'Invalid access token', { code: 'INVALID_ACCESS_TOKEN', serviceErrorCode: 65600 });
      return null;
    }
    if (info.state === 'expired') {
      this.error(res, 401, 'The token used in the request has expired', { code: 'EXPIRED_ACCESS_TOKEN', serviceErrorCode: 65601 });
      return null;
    }
    if (info.state === 'revoked') {
      this.error(res, 401, 'The token used in the request has been revoked by the user', {
        code: 'REVOKED_ACCESS_TOKEN',
        serviceErrorCode: 65602,
      });
      return null;
    }
    return info;
  }

  private mayActAs(token: TokenInfo, author: string): boolean {
    if (author === `urn:li:person:${token.memberId}`) return token.scopes.includes('w_member_social');
    const org = this.organizations.find((o) => `urn:li:organization:${o.id}` === author);
    return !!org && ['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR'].includes(org.role) && token.scopes.includes('w_organization_social');
  }

  // ---- OAuth -----------------------------------------------------------------------------

  /**
   * LinkedIn's authorization page once the member has clicked "Allow": a 302 back to `redirect_uri`
   * with a code for the scopes asked (those this app may have) and the `state`. A wrong client id or
   * an unknown scope is sent back as `error=` (LinkedIn's `unauthorized_scope_error`), as LinkedIn does.
   */
  private consent(query: URLSearchParams, res: http.ServerResponse): void {
    const redirectUri = query.get('redirect_uri');
    if (query.get('client_id') !== this.app.clientId || !redirectUri || query.get('response_type') !== 'code')
      return this.error(res, 400, 'The passed in client_id or redirect_uri is invalid');
    const target = new URL(redirectUri);
    if (query.get('state')) target.searchParams.set('state', query.get('state')!);
    const scopes = (query.get('scope') ?? '').split(/[ ,]+/).filter(Boolean);
    const unknown = scopes.filter((scope) => !ALL_SCOPES.includes(scope));
    if (unknown.length) {
      target.searchParams.set('error', 'unauthorized_scope_error');
      target.searchParams.set('error_description', `Scope "${unknown[0]}" is not authorized for your application`);
    } else target.searchParams.set('code', this.issueCode(scopes, redirectUri));
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  private tokenEndpoint(form: Record<string, string>, res: http.ServerResponse): void {
    if (form.client_id !== this.app.clientId || form.client_secret !== this.app.clientSecret) {
      return this.send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const issue = (scopes: string[], refreshToken?: string) => {
      const accessToken = `li-token-${randomBytes(8).toString('hex')}`;
      this.tokens.set(accessToken, { memberId: this.member.id, scopes, state: 'valid' });
      const refresh = refreshToken ?? `li-refresh-${randomBytes(8).toString('hex')}`;
      this.refreshTokens.set(refresh, { scopes });
      return {
        access_token: accessToken,
        expires_in: 5_183_999,
        refresh_token: refresh,
        refresh_token_expires_in: 31_535_999,
        scope: scopes.join(','),
      };
    };
    if (form.grant_type === 'authorization_code') {
      const code = this.codes.get(form.code ?? '');
      if (!code || code.redirectUri !== form.redirect_uri) {
        return this.send(res, 400, {
          error: 'invalid_request',
          error_description:
            'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.',
        });
      }
      this.codes.delete(form.code!);
      return this.send(res, 200, issue(code.scopes));
    }
    if (form.grant_type === 'refresh_token') {
      const known = this.refreshTokens.get(form.refresh_token ?? '');
      if (!known)
        return this.send(res, 400, {
          error: 'invalid_request',
          error_description: 'The provided authorization grant or refresh token is invalid, expired or revoked.',
        });
      if (this.rotateRefreshTokens) this.refreshTokens.delete(form.refresh_token!);
      return this.send(res, 200, issue(known.scopes, this.rotateRefreshTokens ? undefined : form.refresh_token));
    }
    return this.send(res, 400, { error: 'unsupported_grant_type', error_description: 'The grant type is not supported' });
  }

  // ---- organizations ---------------------------------------------------------------------

  private organizationAcls(token: TokenInfo, url: URL, res: http.ServerResponse): void {
    if (url.searchParams.get('q') !== 'roleAssignee') return this.error(res, 400, 'Unknown finder');
    if (!token.scopes.includes('rw_organization_admin') && !token.scopes.includes('r_organization_social')) {
      return this.error(res, 403, 'Not enough permissions to access: organizationAcls.FINDER-roleAssignee', {
        code: 'ACCESS_DENIED',
        serviceErrorCode: 100,
      });
    }
    const roleFilter = url.searchParams.get('role');
    const elements = this.organizations
      .filter((o) => !roleFilter || o.role === roleFilter)
      .map((o) => ({
        roleAssignee: `urn:li:person:${token.memberId}`,
        state: 'APPROVED',
        role: o.role,
        organization: `urn:li:organization:${o.id}`,
      }));
    return this.send(res, 200, { paging: { start: 0, count: 100, total: elements.length }, elements });
  }

  // ---- media -----------------------------------------------------------------------------

  private initializeUpload(resource: string, token: TokenInfo, body: JsonBody, res: http.ServerResponse): void {
    const request = body?.initializeUploadRequest;
    const owner = request?.owner;
    if (typeof owner !== 'string') return this.error(res, 400, '/initializeUploadRequest/owner :: field is required but not found');
    if (!this.mayActAs(token, owner))
      return this.error(res, 403, `Not enough permissions to access: ${resource}.ACTION-initializeUpload`, {
        code: 'ACCESS_DENIED',
        serviceErrorCode: 100,
      });
    const id = `D4E${this.next++}${randomBytes(3).toString('hex').toUpperCase()}`;
    const expires = this.clock + 24 * 60 * 60_000;
    if (resource === 'images' || resource === 'documents') {
      const kind = resource === 'images' ? 'image' : 'document';
      const urn = `urn:li:${kind}:${id}`;
      this.assets.set(urn, { urn, kind, owner, bytes: 0, uploaded: false });
      const uploadUrl = `https://www.linkedin.com/dms-uploads/${kind}/${encodeURIComponent(urn)}`;
      return this.send(res, 200, { value: { uploadUrlExpiresAt: expires, uploadUrl, [kind]: urn } });
    }
    const size = Number(request.fileSizeBytes);
    if (!Number.isInteger(size) || size <= 0)
      return this.error(res, 400, '/initializeUploadRequest/fileSizeBytes :: field is required but not found');
    const urn = `urn:li:video:${id}`;
    const parts: NonNullable<Asset['parts']> = [];
    for (let first = 0; first < size; first += this.videoPartBytes)
      parts.push({ first, last: Math.min(first + this.videoPartBytes, size) - 1 });
    const uploadToken = randomBytes(6).toString('hex');
    this.assets.set(urn, { urn, kind: 'video', owner, bytes: size, uploaded: false, parts, uploadToken, status: 'WAITING_UPLOAD' });
    return this.send(res, 200, {
      value: {
        uploadUrlsExpireAt: expires,
        video: urn,
        uploadInstructions: parts.map((part, index) => ({
          uploadUrl: `https://www.linkedin.com/dms-uploads/video/${encodeURIComponent(urn)}/part/${index}`,
          firstByte: part.first,
          lastByte: part.last,
        })),
        uploadToken,
      },
    });
  }

  private upload(path: string, raw: Buffer, req: http.IncomingMessage, res: http.ServerResponse): void {
    const rest = path.slice('/www.linkedin.com/dms-uploads/'.length).split('/').map(decodeURIComponent);
    const [kind, urn, partWord, partIndex] = rest;
    const asset = urn ? this.assets.get(urn) : undefined;
    if (!asset || asset.kind !== kind) return this.error(res, 404, 'Upload URL not found');
    if (kind === 'image' || kind === 'document') {
      // Image and document uploads carry the member's bearer token.
      if (!req.headers.authorization || !this.tokens.has(req.headers.authorization.replace(/^Bearer /, '')))
        return this.error(res, 401, 'Invalid access token', { serviceErrorCode: 65600 });
      asset.uploaded = true;
      asset.bytes = raw.length;
      this.uploads.set(urn!, new Uint8Array(raw));
      return this.send(res, 201);
    }
    const index = Number(partIndex);
    const part = partWord === 'part' ? asset.parts?.[index] : undefined;
    if (!part) return this.error(res, 404, 'Upload URL not found');
    if (raw.length !== part.last - part.first + 1) return this.error(res, 400, `Part ${index} must be ${part.last - part.first + 1} bytes`);
    part.etag = `/ETag/${index}-${randomBytes(4).toString('hex')}`;
    const previous = this.uploads.get(urn!) ?? new Uint8Array(asset.bytes);
    previous.set(raw, part.first);
    this.uploads.set(urn!, previous);
    return this.send(res, 200, undefined, { etag: part.etag });
  }

  private finalizeVideo(body: JsonBody, res: http.ServerResponse): void {
    const request = body?.finalizeUploadRequest;
    const asset = this.assets.get(request?.video);
    if (asset?.kind !== 'video') return this.error(res, 404, 'Video not found');
    if (request.uploadToken !== asset.uploadToken) return this.error(res, 400, 'Invalid uploadToken');
    const expected = asset.parts!.map((p) => p.etag);
    const given: unknown[] = Array.isArray(request.uploadedPartIds) ? request.uploadedPartIds : [];
    if (expected.some((etag) => !etag) || given.length !== expected.length || given.some((etag, i) => etag !== expected[i])) {
      return this.error(res, 400, 'The uploadedPartIds do not match the uploaded parts', { code: 'INVALID_UPLOAD' });
    }
    asset.uploaded = true;
    asset.status = 'PROCESSING';
    asset.pollsLeft = this.videoPollsUntilAvailable;
    return this.send(res, 200);
  }

  // ---- posts -----------------------------------------------------------------------------

  private contentAssets(content: JsonBody | undefined): string[] {
    if (!content) return [];
    if (content.media?.id) return [content.media.id];
    if (content.multiImage?.images) return content.multiImage.images.map((i: { id: string }) => i.id);
    if (content.article?.thumbnail) return [content.article.thumbnail];
    return [];
  }

  private createPost(token: TokenInfo, body: JsonBody, res: http.ServerResponse): void {
    for (const field of ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState']) {
      if (body?.[field] === undefined)
        return this.error(res, 422, `/${field} :: field is required but not found and has no default value`, { code: 'FIELD_REQUIRED' });
    }
    const author: string = body.author;
    if (!this.mayActAs(token, author)) {
      return this.error(res, 403, 'Not enough permissions to access: partnerApiPostsExternal.CREATE.20251101', {
        code: 'ACCESS_DENIED',
        serviceErrorCode: 100,
      });
    }
    if (!['PUBLIC', 'CONNECTIONS', 'LOGGED_IN', 'CONTAINER'].includes(body.visibility))
      return this.error(res, 422, '/visibility :: invalid enum value');
    if (body.visibility === 'CONNECTIONS' && author.startsWith('urn:li:organization:'))
      return this.error(res, 422, 'Organizations cannot post with CONNECTIONS visibility');
    if (typeof body.commentary !== 'string' || !isValidLittleText(body.commentary)) {
      return this.error(res, 422, 'Commentary contains reserved characters that are not escaped', { code: 'INVALID_CONTENT' });
    }
    const content = body.content as JsonBody | undefined;
    if (content?.multiImage && (content.multiImage.images.length < 2 || content.multiImage.images.length > 20)) {
      return this.error(res, 422, 'A multiImage post takes 2 to 20 images');
    }
    if (content?.article && (typeof content.article.source !== 'string' || typeof content.article.title !== 'string')) {
      return this.error(res, 422, '/content/article/title :: field is required');
    }
    for (const urn of this.contentAssets(content)) {
      const asset = this.assets.get(urn);
      if (!asset?.uploaded || asset.owner !== author)
        return this.error(res, 422, `Asset ${urn} is not uploaded or not owned by the author`);
      if (asset.kind === 'video' && asset.status !== 'AVAILABLE') return this.error(res, 422, `Video ${urn} is still processing`);
      if (asset.kind === 'document' && typeof content?.media?.title !== 'string')
        return this.error(res, 422, '/content/media/title :: required for documents');
    }
    const text = fromLittleText(body.commentary);
    const contentKey = JSON.stringify(content ?? null);
    const duplicate = [...this.posts.values()].find(
      (p) =>
        p.lifecycleState === 'PUBLISHED' &&
        p.author === author &&
        p.commentary === body.commentary &&
        JSON.stringify(p.content ?? null) === contentKey,
    );
    if (duplicate) return this.error(res, 422, `Content is a duplicate of ${duplicate.id}`, { code: 'DUPLICATE_POST' });
    const id = `urn:li:share:${7_100_000_000_000_000_000n + BigInt(this.next++)}`;
    this.posts.set(id, {
      id,
      author,
      commentary: body.commentary,
      text,
      visibility: body.visibility,
      ...(content ? { content } : {}),
      createdAt: this.clock,
      lifecycleState: 'PUBLISHED',
      stats: { likeCount: 0, commentCount: 0, shareCount: 0, impressionCount: 0, uniqueImpressionsCount: 0, clickCount: 0 },
    });
    this.clock += 1_000;
    return this.send(res, 201, undefined, { 'x-restli-id': id, 'x-linkedin-id': id });
  }

  private findPosts(token: TokenInfo, req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
    if (url.searchParams.get('q') !== 'author') return this.error(res, 400, 'Unknown finder');
    if (req.headers['x-restli-method'] !== 'FINDER') return this.error(res, 400, 'X-RestLi-Method: FINDER is required');
    const author = url.searchParams.get('author');
    // A member's own posts are readable only with r_member_social (approved partners).
    if (author?.startsWith('urn:li:person:') && !token.scopes.includes('r_member_social')) {
      return this.error(res, 403, 'Not enough permissions to access: partnerApiPostsExternal.FINDER-author', {
        code: 'ACCESS_DENIED',
        serviceErrorCode: 100,
      });
    }
    const start = Number(url.searchParams.get('start') ?? 0);
    const count = Math.min(Number(url.searchParams.get('count') ?? 10), 100);
    const all = [...this.posts.values()]
      .filter((p) => p.author === author && p.lifecycleState === 'PUBLISHED')
      .sort((a, b) => b.createdAt - a.createdAt);
    const elements = all.slice(start, start + count).map((p) => ({
      id: p.id,
      author: p.author,
      commentary: p.commentary,
      visibility: p.visibility,
      lifecycleState: p.lifecycleState,
      createdAt: p.createdAt,
      publishedAt: p.createdAt,
      lastModifiedAt: p.createdAt,
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      ...(p.content ? { content: p.content } : {}),
    }));
    return this.send(res, 200, { paging: { start, count, total: all.length }, elements });
  }

  // ---- comments and statistics -------------------------------------------------------------

  /** Adds a comment by someone (tests), nested under `parentComment` when given. */
  addComment(postUrn: string, actor: string, text: string, parentComment?: string): StoredComment {
    const id = String(this.next++);
    const comment: StoredComment = {
      urn: `urn:li:comment:(${postUrn},${id})`,
      id,
      actor,
      object: postUrn,
      text,
      createdAt: this.clock,
      ...(parentComment ? { parentComment } : {}),
      likedBy: new Set(),
    };
    this.comments.set(postUrn, [...(this.comments.get(postUrn) ?? []), comment]);
    const post = this.posts.get(postUrn);
    if (post) post.stats.commentCount += 1;
    this.clock += 1_000;
    return comment;
  }

  /** A comment by its URN (deleted ones included). */
  comment(urn: string): StoredComment | undefined {
    const post = /^urn:li:comment:\((.+),[^,]+\)$/.exec(urn)?.[1];
    return post ? this.comments.get(post)?.find((c) => c.urn === urn) : undefined;
  }

  /** Live comments by `actor` with exactly this text: the duplicate oracle of replies. */
  commentsWithText(text: string, actor = this.organizationUrn): number {
    return [...this.comments.values()].flat().filter((c) => !c.deleted && c.actor === actor && c.text === text).length;
  }

  /** Deletes a comment as its author would on LinkedIn (its nested comments go with it). */
  deleteCommentNow(urn: string): void {
    for (const comment of [...this.comments.values()].flat())
      if (comment.urn === urn || comment.parentComment === urn) comment.deleted = true;
  }

  private commentView(c: StoredComment) {
    const answers = this.liveComments(c.object).filter((n) => n.parentComment === c.urn).length;
    return {
      $URN: c.urn,
      commentUrn: c.urn,
      id: c.id,
      actor: c.actor,
      object: c.object,
      message: { text: c.text, attributes: [] },
      created: { actor: c.actor, time: c.createdAt },
      lastModified: { actor: c.actor, time: c.createdAt },
      ...(c.parentComment ? { parentComment: c.parentComment } : {}),
      commentsSummary: { aggregatedTotalComments: answers, totalFirstLevelComments: answers, selectedComments: [] },
      likesSummary: { totalLikes: c.likedBy.size, likedByCurrentUser: false, selectedLikes: [] },
    };
  }

  private liveComments(postUrn: string): StoredComment[] {
    return (this.comments.get(postUrn) ?? []).filter((c) => !c.deleted);
  }

  /**
   * What a socialActions path names: a live post (its first-level comments) or a live first-level or
   * nested comment (its nested ones); null when it does not exist or was deleted.
   */
  private commentTarget(target: string): { post: StoredPost; comment?: StoredComment } | null {
    if (target.startsWith('urn:li:comment:')) {
      const comment = this.comment(target);
      const post = comment ? this.posts.get(comment.object) : undefined;
      return comment && !comment.deleted && post?.lifecycleState === 'PUBLISHED' ? { post, comment } : null;
    }
    const post = this.posts.get(target);
    return post?.lifecycleState === 'PUBLISHED' ? { post } : null;
  }

  private listComments(token: TokenInfo, target: string, url: URL, res: http.ServerResponse): void {
    const found = this.commentTarget(target);
    if (!found) return this.error(res, 404, 'Not found');
    if (found.post.author.startsWith('urn:li:person:') && !token.scopes.includes('r_member_social')) {
      return this.error(res, 403, 'Not enough permissions to access: socialActions.comments.GET_ALL', {
        code: 'ACCESS_DENIED',
        serviceErrorCode: 100,
      });
    }
    const start = Number(url.searchParams.get('start') ?? 0);
    const count = Math.min(Number(url.searchParams.get('count') ?? 10), 100);
    const all = this.liveComments(found.post.id)
      .filter((c) => (found.comment ? c.parentComment === found.comment.urn : !c.parentComment))
      .sort((a, b) => b.createdAt - a.createdAt || Number(b.id) - Number(a.id));
    const elements = all.slice(start, start + count).map((c) => this.commentView(c));
    return this.send(res, 200, { paging: { start, count, total: all.length }, elements });
  }

  private createComment(token: TokenInfo, target: string, body: JsonBody, res: http.ServerResponse): void {
    const found = this.commentTarget(target);
    if (!found) return this.error(res, 404, 'Not found');
    if (!this.mayActAs(token, body?.actor))
      return this.error(res, 403, 'Not enough permissions to access: socialActions.comments.CREATE', {
        code: 'ACCESS_DENIED',
        serviceErrorCode: 100,
      });
    if (typeof body?.message?.text !== 'string' || body.message.text.length === 0)
      return this.error(res, 422, '/message/text :: field is required');
    if (body.object !== found.post.id) return this.error(res, 422, '/object :: must be the post the comment is on');
    if (found.comment) {
      // One level of nesting: a comment on a comment names it as parentComment, and a nested comment takes none.
      if (found.comment.parentComment) return this.error(res, 422, 'Nested comments cannot be commented on');
      if (body.parentComment !== found.comment.urn) return this.error(res, 422, '/parentComment :: must be the comment in the path');
    } else if (body.parentComment !== undefined) return this.error(res, 422, '/parentComment :: not allowed on a first-level comment');
    if (body.message.text.length > 1250) return this.error(res, 422, 'Comment text is too long');
    const comment = this.addComment(found.post.id, body.actor, body.message.text, found.comment?.urn);
    return this.send(res, 201, this.commentView(comment), { 'x-restli-id': encodeURIComponent(comment.urn) });
  }

  private deleteComment(token: TokenInfo, target: string, commentId: string, url: URL, res: http.ServerResponse): void {
    const found = this.commentTarget(target);
    const comment = found
      ? this.liveComments(found.post.id).find(
          (c) => c.id === commentId && (found.comment ? c.parentComment === found.comment.urn : !c.parentComment),
        )
      : undefined;
    if (!comment) return this.error(res, 404, 'Not found');
    const actor = url.searchParams.get('actor');
    if (!actor || actor !== comment.actor || !this.mayActAs(token, actor))
      return this.error(res, 403, 'Not enough permissions to access: socialActions.comments.DELETE', {
        code: 'ACCESS_DENIED',
        serviceErrorCode: 100,
      });
    this.deleteCommentNow(comment.urn);
    return this.send(res, 204);
  }

  /** POST /rest/reactions?actor=…: a LIKE on a comment. */
  private react(token: TokenInfo, url: URL, body: JsonBody, res: http.ServerResponse): void {
    const actor = url.searchParams.get('actor') ?? '';
    if (!this.mayActAs(token, actor))
      return this.error(res, 403, 'Not enough permissions to access: reactions.CREATE', { code: 'ACCESS_DENIED', serviceErrorCode: 100 });
    const comment = typeof body?.root === 'string' ? this.comment(body.root) : undefined;
    if (!comment || comment.deleted) return this.error(res, 404, 'Not found');
    if (body.reactionType !== 'LIKE') return this.error(res, 422, '/reactionType :: unsupported in this server');
    if (comment.likedBy.has(actor)) return this.error(res, 409, 'The actor already reacted to this entity');
    comment.likedBy.add(actor);
    return this.send(res, 201, { root: comment.urn, reactionType: 'LIKE', created: { actor, time: this.clock } });
  }

  /** DELETE /rest/reactions/(actor:…,entity:…). */
  private unreact(token: TokenInfo, key: string, res: http.ServerResponse): void {
    const match = /^\(actor:(urn:li:(?:person|organization):[^,]+),entity:(.+)\)$/.exec(key);
    if (!match) return this.error(res, 400, 'Invalid reaction key');
    const [, actor, entity] = match;
    if (!this.mayActAs(token, actor!))
      return this.error(res, 403, 'Not enough permissions to access: reactions.DELETE', { code: 'ACCESS_DENIED', serviceErrorCode: 100 });
    const comment = this.comment(entity!);
    if (!comment?.likedBy.delete(actor!)) return this.error(res, 404, 'Not found');
    return this.send(res, 204);
  }

  /** Sets a post's statistics (as LinkedIn's counters would after a while). */
  setStats(postUrn: string, stats: Partial<StoredPost['stats']>): void {
    Object.assign(this.posts.get(postUrn)!.stats, stats);
  }

  private shareStatistics(token: TokenInfo, url: URL, res: http.ServerResponse): void {
    if (url.searchParams.get('q') !== 'organizationalEntity') return this.error(res, 400, 'Unknown finder');
    const entity = url.searchParams.get('organizationalEntity');
    const org = this.organizations.find((o) => `urn:li:organization:${o.id}` === entity);
    if (!org || !token.scopes.includes('rw_organization_admin') || org.role !== 'ADMINISTRATOR') {
      return this.error(res, 403, 'Not enough permissions to access: organizationalEntityShareStatistics.FINDER-organizationalEntity', {
        code: 'ACCESS_DENIED',
        serviceErrorCode: 100,
      });
    }
    const list = (name: string): string[] => {
      const raw = url.searchParams.get(name);
      const match = raw ? /^List\((.*)\)$/.exec(raw) : null;
      return match ? match[1]!.split(',').filter(Boolean) : [];
    };
    const shares = list('shares');
    const ugcPosts = list('ugcPosts');
    const elements = [...shares.map((urn) => ['share', urn] as const), ...ugcPosts.map((urn) => ['ugcPost', urn] as const)]
      .filter(([, urn]) => this.posts.get(urn)?.author === entity)
      .map(([field, urn]) => ({
        organizationalEntity: entity,
        [field]: urn,
        totalShareStatistics: { ...this.posts.get(urn)!.stats, engagement: 0 },
      }));
    return this.send(res, 200, { paging: { start: 0, count: 10, total: elements.length }, elements });
  }
}
