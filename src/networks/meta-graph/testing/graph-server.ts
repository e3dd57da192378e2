/**
 * Test-only: the plumbing of a local server that speaks Meta's Graph API as documented, shared
 * by the Facebook and Instagram test servers. Requests arrive as `/<official host>/<path>` (see
 * endpoints.ts `networkUrl`); this class parses them (query, url-encoded and multipart forms,
 * raw bytes), reads the token (Authorization `Bearer`/`OAuth` or `access_token`), answers Graph
 * errors in Graph's shape and injects faults the adapters must survive: an expired token
 * (190/463), throttling (code 32 or 80001 with `X-Business-Use-Case-Usage`), a 5xx, and a
 * request carried out whose answer is lost.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One parsed request. */
export interface GraphCall {
  method: string;
  host: string;
  /** Path segments after the host and (when present) the `vNN.N` version. */
  segments: string[];
  version?: string;
  /** Query and form fields together (form wins). */
  params: Record<string, string>;
  /** Multipart file parts by field name. */
  files: Record<string, Uint8Array>;
  /** The raw body (rupload sends the bytes as they are). */
  raw: Uint8Array;
  headers: http.IncomingHttpHeaders;
  token?: string;
}

export interface GraphAnswer {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A fault: answer this instead, or carry the request out and lose the answer. */
export type GraphFault = GraphAnswer | 'lose-answer';

/** Graph's error shape. */
export function graphErrorAnswer(
  status: number,
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): GraphAnswer {
  return {
    status,
    body: { error: { message, type: code === 190 ? 'OAuthException' : 'GraphMethodException', code, fbtrace_id: 'Atest', ...extra } },
    headers,
  };
}

/** The expired-token answer (code 190, subcode 463). */
export const expiredTokenAnswer = (): GraphAnswer =>
  graphErrorAnswer(400, 190, 'Error validating access token: Session has expired on Friday, 05-Dec-26 04:00:00 PST.', {
    error_subcode: 463,
  });

/** Page-level throttling (code 32) with the business use case header saying when access returns. */
export const throttledAnswer = (minutes: number, code = 32): GraphAnswer =>
  graphErrorAnswer(
    400,
    code,
    code === 4 ? 'Application request limit reached' : 'Page request limit reached',
    {},
    {
      'x-business-use-case-usage': JSON.stringify({
        '1234567890': [{ type: 'pages', call_count: 100, total_cputime: 12, total_time: 40, estimated_time_to_regain_access: minutes }],
      }),
    },
  );

/** A Graph service error (code 2) as a 500. */
export const serverErrorAnswer = (): GraphAnswer => graphErrorAnswer(500, 2, 'Service temporarily unavailable', { is_transient: true });

/** Base of a Graph test server: subclasses answer `route(call)`. */
export abstract class GraphTestServer {
  private server?: http.Server;
  baseUrl = '';
  /** The server's clock (ms), moved by tests; adapters get it as `now`. */
  clock = Date.parse('2026-03-02T10:00:00Z');
  /** Requests seen: method, host and path. */
  readonly seen: Array<{ method: string; host: string; path: string; params: Record<string, string> }> = [];
  private faults: Array<{ match: (call: GraphCall) => boolean; fault: GraphFault; times: number }> = [];

  /** Answers (or loses the answer of) the next `times` calls `match` picks out. */
  inject(match: (call: GraphCall) => boolean, fault: GraphFault, times = 1): void {
    this.faults.push({ match, fault, times });
  }

  clearFaults(): void {
    this.faults = [];
  }

  protected abstract route(call: GraphCall): GraphAnswer | Promise<GraphAnswer>;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.handle(req, Buffer.concat(chunks))
          .then((answer) => {
            if (answer === 'lose-answer') {
              req.socket.destroy();
              return;
            }
            res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
            res.end(JSON.stringify(answer.body));
          })
          .catch((error: Error) => {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { message: error.message, code: 1, type: 'TestServerBug' } }));
          });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: http.IncomingMessage, raw: Buffer): Promise<GraphAnswer | 'lose-answer'> {
    const url = new URL(req.url ?? '/', 'http://local');
    const [host = '', ...rest] = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const version = rest[0] && /^v\d+\.\d+$/.test(rest[0]) ? rest.shift() : undefined;
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    const files: Record<string, Uint8Array> = {};
    const type = String(req.headers['content-type'] ?? '');
    if (type.startsWith('application/x-www-form-urlencoded'))
      Object.assign(params, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
    else if (type.startsWith('multipart/form-data')) {
      const form = await new Response(new Blob([new Uint8Array(raw)]), { headers: { 'content-type': type } }).formData();
      const entries: Array<[string, FormDataEntryValue]> = [];
      form.forEach((value, key) => {
        entries.push([key, value]);
      });
      for (const [key, value] of entries) {
        if (typeof value === 'string') params[key] = value;
        else files[key] = new Uint8Array(await value.arrayBuffer());
      }
    } else if (type.startsWith('application/json') && raw.length > 0) {
      for (const [key, value] of Object.entries(JSON.parse(raw.toString('utf8')) as Record<string, unknown>))
        params[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    const auth = String(req.headers.authorization ?? '');
    const token = auth.replace(/^(Bearer|OAuth)\s+/i, '') || params.access_token || undefined;
    const call: GraphCall = {
      method: req.method ?? 'GET',
      host,
      version,
      segments: rest,
      params,
      files,
      raw: new Uint8Array(raw),
      headers: req.headers,
      token,
    };
    this.seen.push({ method: call.method, host, path: rest.join('/'), params });
    const faultIndex = this.faults.findIndex((f) => f.match(call));
    if (faultIndex !== -1) {
      const entry = this.faults[faultIndex]!;
      entry.times -= 1;
      if (entry.times <= 0) this.faults.splice(faultIndex, 1);
      if (entry.fault === 'lose-answer') {
        await this.route(call);
        return 'lose-answer';
      }
      return entry.fault;
    }
    return this.route(call);
  }
}

/**
 * The sign-in page of a Meta host (Facebook Login's `dialog/oauth`, Instagram's `oauth/authorize`)
 * as a browser meets it once the person has accepted: a 302 back to `redirect_uri` with a fresh
 * single-use code and the `state`. A wrong `client_id` or a missing `redirect_uri` is an error page
 * (no redirect), as Meta shows one. `codes` remembers the redirect URL each code was issued for:
 * the code exchange must send the same one.
 */
export function consentRedirect(call: GraphCall, clientId: string, codes: Map<string, string>, prefix: string): GraphAnswer {
  const redirectUri = call.params.redirect_uri;
  if (call.params.client_id !== clientId || !redirectUri)
    return graphErrorAnswer(400, 100, 'Invalid App ID or redirect_uri: the app is not set up for this address');
  if (call.params.response_type !== undefined && call.params.response_type !== 'code')
    return graphErrorAnswer(400, 100, 'Unsupported response_type');
  const code = `${prefix}-${Math.random().toString(36).slice(2, 12)}`;
  codes.set(code, redirectUri);
  const target = new URL(redirectUri);
  target.searchParams.set('code', code);
  if (call.params.state) target.searchParams.set('state', call.params.state);
  return { status: 302, body: {}, headers: { location: target.toString() } };
}

/** Uses up a code `consentRedirect` issued: true when it was issued for this `redirect_uri`. */
export function takeConsentCode(codes: Map<string, string>, code: string | undefined, redirectUri: string | undefined): boolean {
  const issuedFor = code === undefined ? undefined : codes.get(code);
  if (issuedFor === undefined) return false;
  codes.delete(code!);
  return issuedFor === redirectUri;
}
