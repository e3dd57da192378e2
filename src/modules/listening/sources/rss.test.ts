import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig } from '../../../config.ts';
import { ManualClock } from '../../../lib/clock.ts';
import type { AppContext } from '../../../server/context.ts';
import { MIN_FEED_INTERVAL_MS, parseFeed, pollFeed } from './rss.ts';
import { failureCode } from '../../../lib/failure-code.ts';

const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog de Acme</title>
<item><title>Acme lanza su nuevo móvil</title><link>https://blog.example.com/a?utm_source=x</link><guid>post-1</guid>
<description>&lt;p&gt;Nos &lt;b&gt;encanta&lt;/b&gt; &amp;amp; lo recomendamos&lt;/p&gt;</description><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><dc:creator>Ana</dc:creator></item>
<item><title>Second</title><link>https://blog.example.com/b</link><pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Feed</title>
<entry><title>Atom-Powered Robots Run Amok</title><link href="http://example.org/2003/12/13/atom03"/><link rel="edit" href="http://example.org/edit/1"/>
<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id><updated>2003-12-13T18:30:02Z</updated><summary>Some text.</summary><author><name>John Doe</name></author></entry>
</feed>`;

let server: http.Server;
let base = '';
const requests: Array<{ path: string; inm?: string; ims?: string }> = [];

function context(allowPrivateUrls: boolean, clock = new ManualClock()): AppContext {
  return {
    config: { ...loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), allowPrivateUrls },
    clock,
    logger: pino({ level: 'silent' }),
  } as unknown as AppContext;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({
      path: req.url ?? '',
      inm: req.headers['if-none-match'] as string | undefined,
      ims: req.headers['if-modified-since'] as string | undefined,
    });
    if (req.url === '/busy') {
      res.writeHead(429, { 'retry-after': '3600' }).end();
      return;
    }
    if (req.url === '/missing') {
      res.writeHead(404).end();
      return;
    }
    if (req.url === '/broken') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>not a feed</body></html>');
      return;
    }
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Wed, 04 Mar 2026 10:00:00 GMT' })
      .end(req.url === '/atom' ? ATOM : RSS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('RSS and Atom parsing', () => {
  it('reads RSS items: guid or link as id, title and plain-text description, date, author', () => {
    const { title, items } = parseFeed(RSS, new Date('2026-03-05T00:00:00Z'));
    expect(title).toBe('Blog de Acme');
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      remoteId: 'post-1',
      url: 'https://blog.example.com/a?utm_source=x',
      authorHandle: 'Ana',
      network: 'rss',
    });
    expect(items[0].text).toBe('Acme lanza su nuevo móvil\n\nNos encanta & lo recomendamos');
    expect(items[0].publishedAt.toISOString()).toBe('2026-03-03T10:00:00.000Z');
    expect(items[1].remoteId).toBe('https://blog.example.com/b');
  });

  it('reads Atom entries (the RFC 4287 example): id, alternate link, summary, author', () => {
    const { items } = parseFeed(ATOM, new Date());
    expect(items).toEqual([
      {
        remoteId: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
        text: 'Atom-Powered Robots Run Amok\n\nSome text.',
        network: 'rss',
        url: 'http://example.org/2003/12/13/atom03',
        authorHandle: 'John Doe',
        publishedAt: new Date('2003-12-13T18:30:02Z'),
      },
    ]);
  });

  it('refuses a document that is not a feed', () => {
    expect(() => parseFeed('<html><body/></html>', new Date())).toThrow(/Not an RSS or Atom/);
  });
});

describe('polling a feed', () => {
  it('uses a conditional GET with the stored ETag and Last-Modified, and waits a polite interval', async () => {
    const clock = new ManualClock(Date.parse('2026-03-05T00:00:00Z'));
    const ctx = context(true, clock);
    const first = await pollFeed(ctx, `${base}/feed`, null, 60_000);
    expect(first.items).toHaveLength(2);
    expect(first.cursor).toMatchObject({ etag: '"v1"', lastModified: 'Wed, 04 Mar 2026 10:00:00 GMT' });
    // Asked for 1 minute; polite minimum is 5.
    expect(first.nextPollAt - clock.now()).toBe(MIN_FEED_INTERVAL_MS);
    const second = await pollFeed(ctx, `${base}/feed`, first.cursor, 60_000);
    expect(second.notModified).toBe(true);
    expect(second.items).toEqual([]);
    expect(second.cursor.etag).toBe('"v1"');
    const last = requests[requests.length - 1];
    expect(last).toMatchObject({ inm: '"v1"', ims: 'Wed, 04 Mar 2026 10:00:00 GMT' });
  });

  it('honours Retry-After on 429', async () => {
    const clock = new ManualClock();
    const poll = await pollFeed(context(true, clock), `${base}/busy`, null);
    expect(poll.items).toEqual([]);
    expect(poll.nextPollAt - clock.now()).toBe(3_600_000);
  });

  it('reports a page that is not a feed as an error', async () => {
    await expect(pollFeed(context(true), `${base}/broken`, null)).rejects.toThrow(/Not an RSS or Atom/);
    // With a code, so the source's failure is shown in the reader's language.
    await expect(pollFeed(context(true), `${base}/broken`, null)).rejects.toMatchObject({ code: 'feed_unreadable' });
  });

  it('gives an HTTP error its code (http_<status>)', async () => {
    const error = await pollFeed(context(true), `${base}/missing`, null).catch((caught: unknown) => caught);
    expect(failureCode(error)).toBe('http_404');
  });

  it('refuses a loopback feed unless private URLs are allowed', async () => {
    const before = requests.length;
    await expect(pollFeed(context(false), `${base}/feed`, null)).rejects.toThrow(/private/);
    expect(failureCode(await pollFeed(context(false), `${base}/feed`, null).catch((caught: unknown) => caught))).toBe('private_address');
    expect(requests.length).toBe(before);
  });
});
