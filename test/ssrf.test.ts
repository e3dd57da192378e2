// Server-side requests to user-supplied hosts (issue 10, finding 5): channel connections
// (Mastodon instanceUrl, Bluesky serviceUrl, sandbox serverUrl) and the SMTP host must not
// reach loopback, private or link-local addresses in any notation unless the admin switch
// PLAZA_ALLOW_PRIVATE_URLS is on; nothing is sent there (no credentials), and errors are
// generic (no host, port or errno). Connecting also checks the shape of the network's answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { given } from './helpers/given.ts';
import { DB_KINDS } from './helpers/db.ts';
import { startSmtpCatcher } from './helpers/smtp.ts';
import WebSocket from 'ws';
import { guardedFetch, publicOnlyLookup, resolvePublicAddress, UnsafeUrlError } from '../src/lib/safe-fetch.ts';
import { emailReport } from '../src/lib/workspace-mail.ts';
import { pinnedSmtpOptions, publicSmtpError, SmtpSendError } from '../src/lib/smtp.ts';
import { errorFromFailure } from '../src/networks/mastodon/http.ts';
import { classifyBlueskyError } from '../src/networks/bluesky/errors.ts';

/** A loopback HTTP server that records every request and answers from `answer`. */
interface FakeServer {
  port: number;
  requests: Array<{ method: string; url: string; authorization?: string }>;
  answer: (url: string) => { status: number; body: string; type?: string };
  close(): Promise<void>;
}

async function startFakeServer(): Promise<FakeServer> {
  const fake: FakeServer = {
    port: 0,
    requests: [],
    answer: () => ({ status: 404, body: '{}' }),
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    fake.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => {
      const { status, body, type } = fake.answer(req.url ?? '');
      res.writeHead(status, { 'content-type': type ?? 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as AddressInfo).port;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

/** Every way of writing "this machine" or a private/link-local target that Plaza used to reach. */
function privateHosts(port: number): string[] {
  return [
    `http://127.0.0.1:${port}`,
    `http://127.1:${port}`,
    `http://0x7f000001:${port}`,
    `http://2130706433:${port}`,
    `http://0177.0.0.1:${port}`,
    `http://[::1]:${port}`,
    `http://[::ffff:127.0.0.1]:${port}`,
    `http://0.0.0.0:${port}`,
    `http://localhost:${port}`,
    `http://127.0.0.1.:${port}`,
    'http://169.254.169.254',
    'http://[fe80::1]',
    'http://10.0.0.1',
    'http://192.168.1.1',
    'http://172.16.0.1',
    'http://100.64.0.1',
    `http://[::]:${port}`,
    `http://[0:0:0:0:0:ffff:7f00:1]:${port}`,
    `http://[64:ff9b::7f00:1]:${port}`,
    'http://[fc00::1]',
    'http://224.0.0.1',
    'http://255.255.255.255',
  ];
}

const MASTODON_ACCOUNT = JSON.stringify({
  id: '1',
  username: 'cafe',
  acct: 'cafe',
  display_name: 'Café',
  followers_count: 3,
  url: 'https://example.org/@cafe',
});
const SANDBOX_ACCOUNT = JSON.stringify({ account: { id: 'a1', handle: 'cafe', displayName: 'Café', followers: 3 } });
const BLUESKY_SESSION = JSON.stringify({
  did: 'did:plc:abcdefghijklmnopqrstuvwx',
  handle: 'cafe.test',
  accessJwt: 'a',
  refreshJwt: 'r',
  active: true,
});

/** Answers like a real Mastodon, Bluesky PDS and sandbox server, so only the guard can stop a connection. */
function wellBehaved(url: string): { status: number; body: string } {
  if (url.startsWith('/api/v1/accounts/verify_credentials')) return { status: 200, body: MASTODON_ACCOUNT };
  if (url.startsWith('/xrpc/com.atproto.server.createSession') || url.startsWith('/xrpc/com.atproto.server.getSession'))
    return { status: 200, body: BLUESKY_SESSION };
  if (url.startsWith('/api/accounts/')) return { status: 200, body: SANDBOX_ACCOUNT };
  return { status: 404, body: JSON.stringify({ error: 'NotFound', message: 'not found' }) };
}

function fieldsFor(network: 'mastodon' | 'bluesky' | 'sandbox', base: string): Record<string, string> {
  if (network === 'mastodon') return { instanceUrl: base, accessToken: 'secret-mastodon-token' };
  if (network === 'bluesky') return { serviceUrl: base, identifier: 'cafe.test', appPassword: 'aaaa-bbbb-cccc-dddd' };
  return { serverUrl: base, handle: 'cafe', token: 'secret-sandbox-token' };
}

/** Nothing in an answer shown to users may tell which port, address or system error was met. */
function expectGeneric(body: string, port: number): void {
  expect(body).not.toContain(String(port));
  expect(body).not.toMatch(/ECONN|EHOST|ENETUNREACH|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|errno|127\.0\.0\.1|::1|fetch failed|socket/i);
}

describe('safe dispatcher (unit)', () => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await startFakeServer();
    fake.answer = () => ({ status: 200, body: '{"ok":true}' });
  });
  afterAll(async () => fake.close());

  it('refuses every notation of loopback, private and link-local targets before connecting', async () => {
    const refused = guardedFetch(false);
    for (const base of privateHosts(fake.port)) {
      await expect(refused(`${base}/probe`), base).rejects.toBeInstanceOf(UnsafeUrlError);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('follows the admin switch: with PLAZA_ALLOW_PRIVATE_URLS loopback is reached', async () => {
    const allowed = guardedFetch(true);
    expect((await allowed(`http://127.1:${fake.port}/ok`)).status).toBe(200);
    expect(fake.requests.map((r) => r.url)).toEqual(['/ok']);
    fake.requests.length = 0;
  });

  it('checks the address a WebSocket stream connects to (names resolving to loopback refused)', async () => {
    // (IP literals never reach a lookup; assertPublicStreamUrl refuses those before connecting.)
    for (const host of ['localhost']) {
      const socket = new WebSocket(`ws://${host}:${fake.port}/xrpc/com.atproto.sync.subscribeRepos`, { lookup: publicOnlyLookup });
      const error = await new Promise<unknown>((resolve) => {
        socket.on('error', resolve);
        socket.on('open', () => resolve(null));
      });
      expect(error, host).toBeInstanceOf(UnsafeUrlError);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('resolves and checks SMTP hosts (names and literals), returning the pinned address', async () => {
    for (const host of [
      '127.0.0.1',
      '127.1',
      '0x7f000001',
      '2130706433',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      'localhost',
      '169.254.169.254',
      'fe80::1',
      '10.1.2.3',
    ]) {
      await expect(resolvePublicAddress(host, false), host).rejects.toBeInstanceOf(UnsafeUrlError);
    }
    // The message names the host typed, not the internal address it resolved to.
    const refused = await resolvePublicAddress('localhost', false).catch((e: Error) => e);
    expect((refused as Error).message).toBe('localhost resolves to a private address');
    const viaFetch = await guardedFetch(false)(`http://localhost:${fake.port}/`).catch((e: Error) => e);
    expect((viaFetch as Error).message).toBe('localhost resolves to a private address');
    expect(await resolvePublicAddress('localhost', true)).toMatchObject({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) });
    expect(await resolvePublicAddress('93.184.216.34', false)).toEqual({ address: '93.184.216.34', family: 4 });
  });
});

describe('adapter errors stored on publications', () => {
  it('say nothing about the address, port or errno of a failed connection', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 203.0.113.9:8443'), { code: 'ECONNREFUSED' }),
    });
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET 203.0.113.9:8443'), { code: 'ECONNRESET' }),
    });
    for (const error of [
      errorFromFailure(refused, false, false),
      errorFromFailure(reset, true, false),
      errorFromFailure(reset, false, false),
      classifyBlueskyError(refused, 'write'),
      classifyBlueskyError(reset, 'write'),
    ]) {
      expectGeneric(error.message, 8443);
      expect(error.message).not.toContain('203.0.113.9');
    }
    // Still classified for the engine: refused before sending is transient, a reset write is ambiguous.
    expect(errorFromFailure(refused, true, false).kind).toBe('transient');
    expect(errorFromFailure(reset, true, false).kind).toBe('ambiguous');
  });
});

describe('SMTP host (emailReport)', () => {
  it('refuses loopback in any notation with a generic error, and the server gets nothing', async () => {
    const smtp = await startSmtpCatcher();
    try {
      for (const host of ['127.0.0.1', '127.1', '2130706433', '0x7f000001', 'localhost', '::1', '::ffff:127.0.0.1', '0.0.0.0']) {
        const error = await emailReport(
          { host, port: smtp.port, secure: false, from: 'plaza@example.com', ignoreTls: true },
          ['a@example.com'],
          's',
          't',
          [],
        ).catch((e: unknown) => e);
        expect(error, host).toBeInstanceOf(SmtpSendError);
        expect((error as SmtpSendError).code).toBe('private_address');
        expectGeneric((error as Error).message, smtp.port);
      }
      expect(smtp.messages).toHaveLength(0);
      // The switch on: the same catcher is reached, through the pinned address.
      await emailReport(
        { host: 'localhost', port: smtp.port, secure: false, from: 'plaza@example.com', ignoreTls: true },
        ['a@example.com'],
        's',
        't',
        [],
        { allowPrivate: true },
      );
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('pins the checked address and keeps the name for TLS (SNI, certificate)', async () => {
    const byName = await pinnedSmtpOptions({ host: 'localhost', port: 465, secure: true }, true);
    expect(byName.host).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(byName).toMatchObject({ port: 465, secure: true, servername: 'localhost', tls: { servername: 'localhost' } });
    const byAddress = await pinnedSmtpOptions({ host: '127.0.0.1', port: 25, secure: false }, true);
    expect(byAddress).toEqual({ host: '127.0.0.1', port: 25, secure: false, ignoreTLS: false });
    // A name that does not resolve: generic, nothing about DNS.
    const missing = await pinnedSmtpOptions({ host: 'no-such-host.invalid', port: 25, secure: false }, false).catch((e: unknown) => e);
    expect((missing as SmtpSendError).code).toBe('smtp_unreachable');
  });

  it('maps nodemailer failures to generic codes', () => {
    expect(
      publicSmtpError(Object.assign(new Error('Invalid login: 535 5.7.8 bad creds for 10.0.0.7:587'), { code: 'EAUTH', responseCode: 535 }))
        .code,
    ).toBe('smtp_auth_failed');
    expect(publicSmtpError(Object.assign(new Error('550 mailbox unavailable'), { code: 'EENVELOPE', responseCode: 550 })).code).toBe(
      'smtp_refused',
    );
    const refused = publicSmtpError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:587'), { code: 'ESOCKET' }));
    expect(refused.code).toBe('smtp_unreachable');
    expectGeneric(refused.message, 587);
  });

  it('reports a refused connection without host, port or errno', async () => {
    const smtp = await startSmtpCatcher();
    const port = smtp.port;
    await smtp.close();
    const error = await emailReport(
      { host: '127.0.0.1', port, secure: false, from: 'plaza@example.com', ignoreTls: true },
      ['a@example.com'],
      's',
      't',
      [],
      { allowPrivate: true },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmtpSendError);
    expect((error as SmtpSendError).code).toBe('smtp_unreachable');
    expectGeneric((error as Error).message, port);
  });
});

describe.each(DB_KINDS)('channel connections and SMTP settings on %s', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let fake: FakeServer;
  const setAllowPrivate = (on: boolean) => ((t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = on);

  beforeAll(async () => {
    fake = await startFakeServer();
    t = await createTestApp(kind);
    ({ owner, workspaceId } = await given(t).owner(`ssrf-${kind}@example.com`).workspace({ name: 'Café' }));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });
  beforeEach(() => {
    setAllowPrivate(false);
    fake.requests.length = 0;
    fake.answer = wellBehaved;
  });

  const connect = (network: 'mastodon' | 'bluesky' | 'sandbox', base: string) =>
    owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      network,
      name: `${network} test`,
      fields: fieldsFor(network, base),
    });

  for (const network of ['mastodon', 'bluesky', 'sandbox'] as const) {
    it(`${network}: refuses every private notation with 400 private_address; no request, no credentials sent`, async () => {
      for (const base of privateHosts(fake.port)) {
        const res = await connect(network, base);
        expect(res.statusCode, `${base}: ${res.body}`).toBe(400);
        expect(res.json().error.code, base).toBe('private_address');
        expectGeneric(res.body, fake.port);
      }
      expect(fake.requests).toHaveLength(0);
      const stored = await t.ctx.database.db
        .selectFrom('channels')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('network', '=', network)
        .execute();
      expect(stored).toHaveLength(0);
    });

    it(`${network}: with PLAZA_ALLOW_PRIVATE_URLS the same loopback server is connected`, async () => {
      setAllowPrivate(true);
      const res = await connect(network, `http://127.0.0.1:${fake.port}`);
      expect(res.statusCode, res.body).toBe(201);
      expect(fake.requests.length).toBeGreaterThan(0);
    });

    it(`${network}: an answer of the wrong shape ("ok") is a 400 unexpected_response`, async () => {
      setAllowPrivate(true);
      fake.answer = () => ({ status: 200, body: 'ok', type: 'text/plain' });
      const res = await connect(network, `http://127.0.0.1:${fake.port}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('unexpected_response');
      // A JSON answer that is not an account either.
      fake.answer = () => ({ status: 200, body: JSON.stringify({ account: { id: 5 }, id: 5, did: 'nope', handle: '' }) });
      const wrongJson = await connect(network, `http://127.0.0.1:${fake.port}`);
      expect(wrongJson.statusCode, wrongJson.body).toBe(400);
      expect(wrongJson.json().error.code).toBe('unexpected_response');
    });

    it(`${network}: a closed port is a generic 400 connection_failed (no port, address or errno)`, async () => {
      setAllowPrivate(true);
      const closed = await startFakeServer();
      const port = closed.port;
      await closed.close();
      const res = await connect(network, `http://127.0.0.1:${port}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('connection_failed');
      expectGeneric(res.body, port);
    });
  }

  it('refuses to save a private SMTP host (400 private_address), accepts it with the switch', async () => {
    const put = (host: string) =>
      owner.request('PUT', `/api/v1/workspaces/${workspaceId}/analytics/settings`, {
        smtp: { host, port: 2525, secure: false, from: 'plaza@example.com' },
      });
    for (const host of ['127.0.0.1', '127.1', '2130706433', 'localhost', '::1', '[::ffff:127.0.0.1]', '169.254.169.254', '10.0.0.5']) {
      const res = await put(host);
      expect(res.statusCode, `${host}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('private_address');
      expectGeneric(res.body, 2525);
    }
    setAllowPrivate(true);
    expect((await put('127.0.0.1')).statusCode).toBe(200);
  });
});
