/**
 * Test-only: a local Pinterest API v5 server, reached as `/<official host>/<path>` (endpoints.ts):
 * `/api.pinterest.com/v5/pins`… and the video upload host
 * `/pinterest-media-upload.s3-accelerate.amazonaws.com/`.
 *
 * Every request to the API and every answer it gives is checked against Pinterest's published
 * OpenAPI document (pinterest-v5.openapi.json, next to this file); a request that breaks it is
 * refused with 400 and recorded in `violations`, so a test fails. The upload host is S3's form
 * upload (not in that document): it checks the form carries the `key` Pinterest handed out and a file.
 *
 * It keeps boards and pins (the duplicate oracle), processes videos over a few status polls, sends
 * rate-limit headers on every answer and takes the OAuth token requests (authorization code and
 * refresh token) with HTTP Basic client authentication. Its consent page
 * (`/www.pinterest.com/oauth/`) approves at once and sends the browser back with a code and the state.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiValidator } from '../../testing/openapi.ts';

const SPEC_URL = new URL('./pinterest-v5.openapi.json', import.meta.url);
let sharedValidator: OpenApiValidator | undefined;
export function pinterestOpenApiValidator(): OpenApiValidator {
  sharedValidator ??= new OpenApiValidator(typedNullables(JSON.parse(readFileSync(SPEC_URL, 'utf8'))) as Record<string, unknown>);
  return sharedValidator;
}

/**
 * Two readings of Pinterest's document made explicit, the rest left as published:
 * - `allOf` references marked `nullable` without a `type` (Pin.creative_type), which OpenAPI 3.0
 *   allows and ajv refuses to compile, become "this, or null";
 * - a `oneOf` of string enums that share values (pin analytics `metric_types`: IMPRESSION is both a
 *   standard and a video metric) becomes `anyOf`, or no shared metric could ever be asked for.
 */
function typedNullables(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(typedNullables);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, typedNullables(value)] as const);
  const copy = Object.fromEntries(entries) as Record<string, unknown>;
  if (copy.nullable === true && copy.type === undefined) {
    const { nullable: _nullable, ...rest } = copy;
    return { anyOf: [rest, { type: 'null' }] };
  }
  if (
    Array.isArray(copy.oneOf) &&
    (copy.oneOf as Array<Record<string, unknown>>).every((branch) => branch.type === 'string' && Array.isArray(branch.enum))
  ) {
    const { oneOf, ...rest } = copy;
    return { ...rest, anyOf: oneOf };
  }
  return copy;
}

export const UPLOAD_HOST = 'pinterest-media-upload.s3-accelerate.amazonaws.com';

export interface FakePin {
  id: string;
  boardId: string;
  title: string | null;
  description: string | null;
  link: string | null;
  altText: string | null;
  createdAt: string;
  mediaType: 'image' | 'multiple_images' | 'video';
  imageCount: number;
  videoMediaId?: string;
  deleted: boolean;
}

interface FakeMedia {
  id: string;
  key: string;
  uploadedBytes: number;
  pollsLeft: number;
}

export class FakePinterestServer {
  baseUrl = '';
  readonly validator = pinterestOpenApiValidator();
  readonly violations: string[] = [];
  readonly requests: Array<{ method: string; host: string; path: string; query: string }> = [];
  readonly account = { id: '2783136121146311751', username: 'plazacafe', business_name: 'Plaza Café', follower_count: 512 };
  readonly boards = new Map<string, { id: string; name: string; privacy: 'PUBLIC' | 'SECRET' }>([
    ['549755885175', { id: '549755885175', name: 'Recetas de temporada', privacy: 'PUBLIC' }],
    ['549755885176', { id: '549755885176', name: 'Local y terraza', privacy: 'SECRET' }],
  ]);
  readonly pins = new Map<string, FakePin>();
  readonly media = new Map<string, FakeMedia>();
  readonly app = { clientId: '1480000', clientSecret: 'pinterest-secret' };
  token = `pina_${randomBytes(8).toString('hex')}`;
  refreshToken = `pinr_${randomBytes(8).toString('hex')}`;
  /** Status polls a video stays `processing`. */
  videoProcessingPolls = 2;
  videoProcessingFails = false;
  private server?: http.Server;
  private nextId = 1_000_000_000_000n;
  private codes = new Set<string>();

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`server error: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 1, message: 'Internal error' }));
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

  /** Live pins whose description is exactly this text. */
  postsWithText(text: string): number {
    return [...this.pins.values()].filter((p) => !p.deleted && p.description === text).length;
  }

  /**
   * Pinterest's consent screen once the person has clicked "Give access": a 302 back to
   * `redirect_uri` with the code and the state; a wrong client id or a missing redirect URL, scope
   * or state is refused on the page itself, with no redirect.
   */
  private consent(query: URLSearchParams, res: http.ServerResponse): void {
    const redirectUri = query.get('redirect_uri');
    const problem =
      query.get('client_id') !== this.app.clientId
        ? 'unknown client_id'
        : !redirectUri
          ? 'redirect_uri missing'
          : query.get('response_type') !== 'code'
            ? 'response_type must be code'
            : !query.get('scope')
              ? 'scope missing'
              : !query.get('state')
                ? 'state missing'
                : null;
    if (problem) {
      this.violations.push(`consent page: ${problem}`);
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Pinterest</title><p>Something went wrong: ${problem}</p>`);
      return;
    }
    const target = new URL(redirectUri!);
    target.searchParams.set('code', this.authorize());
    target.searchParams.set('state', query.get('state')!);
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  /** The code Pinterest's consent screen would send back. */
  authorize(): string {
    const code = `code-${randomBytes(6).toString('hex')}`;
    this.codes.add(code);
    return code;
  }

  private newId(): string {
    this.nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    return this.nextId.toString();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    const host = url.pathname.split('/')[1];
    const fullPath = url.pathname.slice(host.length + 1) || '/';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    this.requests.push({ method, host, path: fullPath, query: url.search });
    const contentType = String(req.headers['content-type'] ?? '');

    if (host === UPLOAD_HOST) return this.upload(raw, contentType, res);
    if (host === 'www.pinterest.com' && fullPath === '/oauth/' && method === 'GET') return this.consent(url.searchParams, res);
    const path = fullPath.replace(/^\/v5/, '');
    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      const problems = this.validator.checkResponse(method, path, status, 'application/json', body ?? null);
      if (problems.length > 0) this.violations.push(`answer ${status} to ${method} ${path}: ${JSON.stringify(problems)}`);
      res.writeHead(status, {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '99',
        ...headers,
      });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (host !== 'api.pinterest.com' || !fullPath.startsWith('/v5/')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 404, message: 'Not found' }));
      return;
    }

    let body: unknown;
    if (raw.length > 0) {
      if (contentType.startsWith('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
      else {
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
      return reply(400, { code: 1, message: problems.map((p) => `${p.where} ${p.message}`).join('; ') });
    }
    if (method === 'POST' && path === '/oauth/token') return this.oauthToken(req, body as Record<string, string>, reply);

    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (auth !== this.token) return reply(401, { code: 2, message: 'Authentication failed.' });
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/user_account')
      return reply(200, { account_type: 'BUSINESS', ...this.account, profile_image: 'https://i.pinimg.com/p.jpg' });
    if (method === 'GET' && path === '/boards') {
      return reply(200, {
        items: [...this.boards.values()].map((b) => ({
          id: b.id,
          name: b.name,
          privacy: b.privacy,
          owner: { username: this.account.username },
        })),
        bookmark: null,
      });
    }
    if ((m = /^\/boards\/(\d+)$/.exec(path)) && method === 'GET') {
      const board = this.boards.get(m[1]);
      if (!board) return reply(404, { code: 40, message: 'Board not found.' });
      return reply(200, { id: board.id, name: board.name, privacy: board.privacy });
    }
    if ((m = /^\/boards\/(\d+)\/pins$/.exec(path)) && method === 'GET') {
      if (!this.boards.has(m[1])) return reply(404, { code: 40, message: 'Board not found.' });
      const all = [...this.pins.values()]
        .filter((p) => !p.deleted && p.boardId === m![1])
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const size = Number(url.searchParams.get('page_size') ?? '25');
      const offset = Number(url.searchParams.get('bookmark') ?? '0');
      const page = all.slice(offset, offset + size);
      return reply(200, { items: page.map((p) => this.pinView(p)), bookmark: offset + size < all.length ? String(offset + size) : null });
    }
    if (method === 'POST' && path === '/pins') return this.createPin(body as Record<string, unknown>, reply);
    if ((m = /^\/pins\/(\d+)$/.exec(path))) {
      const pin = this.pins.get(m[1]);
      if (!pin || pin.deleted) return reply(404, { code: 50, message: 'Pin not found.' });
      if (method === 'DELETE') {
        pin.deleted = true;
        return reply(204);
      }
      return reply(200, this.pinView(pin));
    }
    if ((m = /^\/pins\/(\d+)\/analytics$/.exec(path)) && method === 'GET') {
      const pin = this.pins.get(m[1]);
      if (!pin || pin.deleted) return reply(404, { code: 404, message: 'Pin not found.' });
      return reply(200, {
        all: {
          daily_metrics: [],
          summary_metrics: { IMPRESSION: 240, OUTBOUND_CLICK: 20, PIN_CLICK: 37, SAVE: 12 },
          lifetime_metrics: { TOTAL_COMMENTS: 3, TOTAL_REACTIONS: 9 },
        },
      });
    }
    if (method === 'POST' && path === '/media') {
      const id = this.newId();
      const key = `uploads/${id}:video`;
      this.media.set(id, { id, key, uploadedBytes: -1, pollsLeft: this.videoProcessingPolls });
      return reply(201, {
        media_id: id,
        media_type: 'video',
        upload_url: `https://${UPLOAD_HOST}/`,
        upload_parameters: {
          key,
          policy: Buffer.from('{"expiration":"2030-01-01T00:00:00Z"}').toString('base64'),
          'x-amz-algorithm': 'AWS4-HMAC-SHA256',
          'x-amz-credential': 'ASIAEXAMPLE/20260101/us-east-1/s3/aws4_request',
          'x-amz-date': '20260101T000000Z',
          'x-amz-signature': 'abcdef',
          'Content-Type': 'multipart/form-data',
        },
      });
    }
    if ((m = /^\/media\/(\d+)$/.exec(path)) && method === 'GET') {
      const media = this.media.get(m[1]);
      if (!media) return reply(404, { code: 404, message: 'Media not found.' });
      let status: string;
      if (media.uploadedBytes < 0) status = 'registered';
      else if (media.pollsLeft > 0) {
        media.pollsLeft -= 1;
        status = 'processing';
      } else status = this.videoProcessingFails ? 'failed' : 'succeeded';
      return reply(200, { media_id: media.id, media_type: 'video', status });
    }
    return reply(404, { code: 404, message: `No route ${method} ${path}` });
  }

  private async upload(raw: Buffer, contentType: string, res: http.ServerResponse): Promise<void> {
    const fail = (message: string) => {
      this.violations.push(`upload: ${message}`);
      res.writeHead(400, { 'content-type': 'application/xml' });
      res.end(`<Error><Code>InvalidArgument</Code><Message>${message}</Message></Error>`);
    };
    if (!contentType.startsWith('multipart/form-data')) return fail('not a form');
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const key = form.get('key');
    const media = [...this.media.values()].find((m) => m.key === key);
    if (!media) return fail('unknown key');
    if (!form.get('policy') || !form.get('x-amz-signature')) return fail('unsigned form');
    const file = form.get('file');
    if (!file || typeof file === 'string') return fail('no file');
    media.uploadedBytes = file.size;
    res.writeHead(204);
    res.end();
  }

  private createPin(body: Record<string, unknown>, reply: (status: number, body?: unknown) => void): void {
    const boardId = String(body.board_id ?? '');
    if (!this.boards.has(boardId)) return reply(404, { code: 40, message: 'Board not found.' });
    const source = body.media_source as Record<string, unknown>;
    let mediaType: FakePin['mediaType'] = 'image';
    let imageCount = 1;
    let videoMediaId: string | undefined;
    if (source.source_type === 'multiple_image_base64') {
      mediaType = 'multiple_images';
      imageCount = (source.items as unknown[]).length;
    } else if (source.source_type === 'video_id') {
      const media = this.media.get(String(source.media_id));
      if (!media || media.uploadedBytes < 0) return reply(400, { code: 1, message: 'Invalid media_id: the video was not uploaded.' });
      if (media.pollsLeft > 0) return reply(400, { code: 1, message: 'The video is still processing.' });
      mediaType = 'video';
      videoMediaId = media.id;
    } else if (source.source_type !== 'image_base64') return reply(400, { code: 1, message: 'Unsupported media source.' });
    const pin: FakePin = {
      id: this.newId(),
      boardId,
      title: (body.title as string | undefined) ?? null,
      description: (body.description as string | undefined) ?? null,
      link: (body.link as string | undefined) ?? null,
      altText: (body.alt_text as string | undefined) ?? null,
      createdAt: new Date().toISOString(),
      mediaType,
      imageCount,
      videoMediaId,
      deleted: false,
    };
    this.pins.set(pin.id, pin);
    reply(201, this.pinView(pin));
  }

  private pinView(pin: FakePin): Record<string, unknown> {
    return {
      id: pin.id,
      board_id: pin.boardId,
      created_at: pin.createdAt,
      title: pin.title,
      description: pin.description,
      link: pin.link,
      alt_text: pin.altText,
      is_owner: true,
      board_owner: { username: this.account.username },
    };
  }

  private oauthToken(req: http.IncomingMessage, form: Record<string, string>, reply: (status: number, body?: unknown) => void): void {
    const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const expected = Buffer.from(`${this.app.clientId}:${this.app.clientSecret}`).toString('base64');
    if (basic !== expected) return reply(401, { code: 2, message: 'Authentication failed.' });
    const valid = form.grant_type === 'authorization_code' ? this.codes.delete(form.code) : form.refresh_token === this.refreshToken;
    if (!valid) return reply(400, { code: 1, message: 'Invalid grant.' });
    this.token = `pina_${randomBytes(8).toString('hex')}`;
    reply(200, {
      access_token: this.token,
      refresh_token: this.refreshToken,
      response_type: form.grant_type,
      token_type: 'bearer',
      expires_in: 2_592_000,
      refresh_token_expires_in: 31_536_000,
      refresh_token_expires_at: Math.floor(Date.now() / 1000) + 31_536_000,
      scope: 'boards:read,pins:read,pins:write,user_accounts:read',
    });
  }
}
