/**
 * Link cards against a real local web server: Open Graph tags read (relative image resolved), the
 * <title> as a fallback, cached for a day (the page is asked once), a non-HTML answer or a 404 kept
 * as a reason code, loopback refused unless allowed, and the route's access (401 / 403 / 400).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/helpers/app.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { parseCardHtml } from './cards.ts';

const PAGE = `<!doctype html><html><head><title>Ignored when og:title exists</title>
<meta property="og:title" content="Menú de otoño &amp; castañas">
<meta property="og:description" content="  Calabaza,   castañas y café  ">
<meta property="og:image" content="/img/otono.jpg"><meta property="og:site_name" content="Café Aroma">
</head><body>${'x'.repeat(3_000_000)}</body></html>`;

describe('link cards', () => {
  let t: TestApp;
  let s: Scenario;
  let server: http.Server;
  let base = '';
  const hits: string[] = [];
  const clock = new ManualClock(Date.parse('2026-11-04T09:00:00Z'));

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/otono') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      if (req.url === '/plain')
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Solo título</title></head></html>');
      if (req.url === '/file.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestApp('embedded', { clock });
    s = await given(t).workspace().member('viewer');
  });
  afterAll(async () => {
    await t?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const card = (url: string) => s.api('GET', `/link-card?url=${encodeURIComponent(url)}`);

  it('parses og tags, twitter tags and the title as fallbacks', () => {
    expect(parseCardHtml('<head><title>T</title><meta name="description" content="D"></head>', 'https://a.example/p')).toEqual({
      title: 'T',
      description: 'D',
      imageUrl: null,
      siteName: null,
    });
    expect(
      parseCardHtml(
        '<meta name="twitter:image" content="javascript:alert(1)"><meta name="twitter:title" content="X">',
        'https://a.example/',
      ).imageUrl,
    ).toBeNull();
  });

  it('refuses loopback pages unless the admin allows private addresses', async () => {
    t.ctx.config.allowPrivateUrls = false;
    const res = await card(`${base}/otono`);
    expect(res.json()).toMatchObject({ title: null, errorCode: 'private_address' });
    expect(hits).toEqual([]);
  });

  it('reads a page’s Open Graph card once (reading stops at the head), then serves it from the cache for a day', async () => {
    t.ctx.config.allowPrivateUrls = true;
    clock.advance(25 * 60 * 60_000); // past the refused answer's day
    const first = await card(`${base}/otono`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      title: 'Menú de otoño & castañas',
      description: 'Calabaza, castañas y café',
      imageUrl: `${base}/img/otono.jpg`,
      siteName: 'Café Aroma',
      errorCode: null,
    });
    expect((await card(`${base}/otono`)).json().title).toBe('Menú de otoño & castañas');
    expect(hits.filter((h) => h === '/otono')).toHaveLength(1);
    clock.advance(25 * 60 * 60_000);
    await card(`${base}/otono`);
    expect(hits.filter((h) => h === '/otono')).toHaveLength(2);
    expect((await card(`${base}/plain`)).json()).toMatchObject({ title: 'Solo título', description: null });
  });

  it('keeps why there is no card: not a web page, an HTTP error, a name reserved never to resolve', async () => {
    expect((await card(`${base}/file.pdf`)).json().errorCode).toBe('link_card_not_html');
    expect((await card('https://cafe-aroma.example/menu')).json().errorCode).toBe('unreachable');
    expect((await card(`${base}/missing`)).json().errorCode).toBe('http_404');
  });

  it('answers 400 for a URL that is not http(s), 403 to a viewer and 401 without a caller', async () => {
    const bad = await card('ftp://a.example/x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_url');
    const viewer = await s
      .member('viewer')
      .request('GET', `/api/v1/workspaces/${s.workspaceId}/link-card?url=${encodeURIComponent(`${base}/otono`)}`);
    expect(viewer.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${s.workspaceId}/link-card?url=x` });
    expect(anonymous.statusCode).toBe(401);
  });
});
