import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { isPrivateAddress, safeFetch, UnsafeUrlError } from '../src/lib/safe-fetch.ts';
import { PublishingEngine } from '../src/modules/publishing/engine.ts';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(filename: string, bytes: Buffer, type: string) {
  const boundary = `----plaza${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('media uploads and publishing images', () => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  const network = new SandboxNetwork({ seed: 5 });

  beforeAll(async () => {
    setInProcessSandbox(network);
    t = await createTestApp('embedded');
    owner = await createCaller(t, 'media@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Media', timeZone: 'Europe/Madrid', language: 'en' })).json()
      .id;
  });
  afterAll(async () => t?.close());

  const upload = (filename: string, bytes: Buffer, type: string, token = owner.token) => {
    const { payload, headers } = multipart(filename, bytes, type);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${workspaceId}/media`,
      payload,
      headers: { ...headers, authorization: `Bearer ${token}` },
    });
  };

  it('stores images content-addressed, once, and refuses what is not an image by its bytes', async () => {
    const first = await upload('a.png', PNG, 'image/png');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ mimeType: 'image/png', width: 1, height: 1, size: PNG.length });
    const again = await upload('copy.png', PNG, 'image/png');
    expect(again.json().id).toBe(first.json().id);
    const fake = await upload('evil.png', Buffer.from('<script>alert(1)</script>'), 'image/png');
    expect(fake.statusCode).toBe(415);
    const served = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/media/${first.json().id}`);
    expect(served.headers['content-type']).toBe('image/png');
    expect(Buffer.from(served.rawPayload).equals(PNG)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${workspaceId}/media/${first.json().id}` })).statusCode).toBe(401);
    const stranger = await createCaller(t, 'media-stranger@example.com');
    expect((await stranger.request('GET', `/api/v1/workspaces/${workspaceId}/media/${first.json().id}`)).statusCode).toBe(404);
  });

  it('publishes an image with its alt text, and checks image counts per network before scheduling', async () => {
    const channelId = (
      await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'S',
        fields: { handle: 'media', token: 't' },
      })
    ).json().id;
    const mediaId = (await upload('a.png', PNG, 'image/png')).json().id;
    const tooMany = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content: 'five images',
      media: Array.from({ length: 5 }, () => ({ mediaId, alt: 'x' })),
      channels: [{ channelId }],
      action: 'publish_now',
    });
    expect(tooMany.statusCode).toBe(422);
    const engine = new PublishingEngine(t.ctx, { pollMs: 50 });
    await engine.start();
    try {
      const post = (
        await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
          content: 'Our new terrace',
          media: [{ mediaId, alt: 'A sunny terrace with six tables' }],
          channels: [{ channelId }],
          action: 'publish_now',
        })
      ).json();
      for (let i = 0; i < 100; i++) {
        if ((await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${post.id}`)).json().state === 'published') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const stored = network.lookupByMarker('media', post.publications[0].id);
      expect(stored?.media).toEqual([{ alt: 'A sunny terrace with six tables', size: PNG.length, mimeType: 'image/png' }]);
    } finally {
      await engine.stop(1_000);
    }
  });
});

describe('fetching user-supplied URLs', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/redirect') response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => server?.close());

  it('classifies private and public addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      'fc00::1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['1.1.1.1', '2606:4700:4700::1111']) expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses loopback, private hosts, other schemes and credentials unless an admin allows private targets', async () => {
    await expect(safeFetch(`http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(UnsafeUrlError);
    await expect(safeFetch(`http://localhost:${port}/`)).rejects.toBeInstanceOf(UnsafeUrlError);
    await expect(safeFetch('http://[::1]/')).rejects.toBeInstanceOf(UnsafeUrlError);
    await expect(safeFetch('file:///etc/passwd')).rejects.toBeInstanceOf(UnsafeUrlError);
    await expect(safeFetch('http://user:pass@example.com/')).rejects.toBeInstanceOf(UnsafeUrlError);
    const allowed = await safeFetch(`http://127.0.0.1:${port}/`, { allowPrivate: true });
    expect(await allowed.text()).toBe('ok');
  });
});
