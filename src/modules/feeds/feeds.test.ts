/**
 * Feeds over the real API, on both databases, against a real local HTTP server serving RSS 2.0 and
 * Atom files: a feed's items become drafts (template, tracked short link), posts in review or posts
 * in a queue, each item exactly once (two reads at once included); conditional GET; a web page, a
 * 50 MB answer or a loopback address refused when adding (nothing stored) and kept on the feed by
 * code when it happens later; the polling job reads due feeds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { pollDueFeeds } from './commands.ts';
import { parseFeedDocument, renderTemplate } from './parse.ts';

type Item = { guid: string; title: string; link: string; date: string };

const rss = (items: Item[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog de Café Aroma</title><link>https://aroma.example/</link>
${items
  .map(
    (i) =>
      `<item><title><![CDATA[${i.title}]]></title><link>${i.link}</link><guid isPermaLink="false">${i.guid}</guid><pubDate>${i.date}</pubDate><description>&lt;p&gt;Resumen de &lt;b&gt;${i.title}&lt;/b&gt;&lt;/p&gt;</description><dc:creator>Lucía</dc:creator></item>`,
  )
  .join('\n')}
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Noticias Aroma</title><id>urn:aroma:news</id><updated>2026-11-02T10:00:00Z</updated>
<entry><title>Abrimos en Valencia</title><id>urn:aroma:news:1</id><link rel="alternate" href="/noticias/valencia"/><updated>2026-11-01T10:00:00Z</updated><summary>Nuevo local</summary><author><name>Equipo</name></author></entry>
<entry><title>Menú de otoño</title><id>urn:aroma:news:2</id><link href="https://aroma.example/noticias/otono"/><published>2026-11-02T10:00:00Z</published><summary type="html">&lt;i&gt;Calabaza&lt;/i&gt; y castañas</summary></entry>
</feed>`;

/** A feed server: paths with their bodies, ETags honoured, requests counted, a 50 MB stream and a web page. */
class FeedServer {
  readonly requests: Array<{ path: string; ifNoneMatch?: string; ifModifiedSince?: string }> = [];
  rssItems: Item[] = [
    { guid: 'p-1', title: 'Tostado artesanal', link: 'https://aroma.example/blog/tostado', date: 'Mon, 02 Nov 2026 09:00:00 GMT' },
    { guid: 'p-2', title: 'Cata de cafés de Etiopía', link: 'https://aroma.example/blog/etiopia', date: 'Tue, 03 Nov 2026 09:00:00 GMT' },
  ];
  blogAnswersHtml = false;
  private server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    this.requests.push({
      path,
      ifNoneMatch: req.headers['if-none-match'] as string | undefined,
      ifModifiedSince: req.headers['if-modified-since'] as string | undefined,
    });
    if (path === '/blog.xml') {
      if (this.blogAnswersHtml)
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Mantenimiento</body></html>');
      const body = rss(this.rssItems);
      const etag = `"v${this.rssItems.length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': 'Tue, 03 Nov 2026 09:00:00 GMT' })
        .end(body);
    }
    if (path === '/news.atom') return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom);
    if (path === '/page.html')
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><html><head><title>Aroma</title></head><body>Hola</body></html>');
    if (path === '/page-as-xml')
      return void res.writeHead(200, { 'content-type': 'application/xml' }).end('<!DOCTYPE html><html><body>Hola</body></html>');
    if (path === '/not-a-feed.xml') return void res.writeHead(200, { 'content-type': 'application/xml' }).end('<note><to>Ana</to></note>');
    if (path === '/huge.xml') {
      // 50 MB of XML streamed without a length: the reader must stop at its cap, not read it all.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 50) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      return pump();
    }
    res.writeHead(404).end();
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close() {
    this.server.closeAllConnections();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('feed documents', () => {
  it('reads RSS 2.0 and Atom: guid or id, plain-text title and summary, absolute links', () => {
    const blog = parseFeedDocument(
      rss([{ guid: 'g', title: 'Café y té', link: 'https://a.example/x', date: 'Tue, 03 Nov 2026 09:00:00 GMT' }]),
    );
    expect(blog.title).toBe('Blog de Café Aroma');
    expect(blog.entries[0]).toMatchObject({ guid: 'g', title: 'Café y té', link: 'https://a.example/x', author: 'Lucía' });
    expect(blog.entries[0].summary).toBe('Resumen de Café y té');
    const news = parseFeedDocument(atom, 'https://aroma.example/feed.atom');
    expect(news.entries.map((e) => [e.guid, e.link, e.summary])).toEqual([
      ['urn:aroma:news:1', 'https://aroma.example/noticias/valencia', 'Nuevo local'],
      ['urn:aroma:news:2', 'https://aroma.example/noticias/otono', 'Calabaza y castañas'],
    ]);
    expect(() => parseFeedDocument('<!DOCTYPE html><html><body>x</body></html>')).toThrow(
      expect.objectContaining({ code: 'feed_is_html' }),
    );
    expect(() => parseFeedDocument('<note/>')).toThrow(expect.objectContaining({ code: 'feed_unreadable' }));
  });

  it('fills a template and drops what empty variables leave behind', () => {
    const values = { title: 'Hola', link: 'https://x.example', summary: '', author: 'Ana', feed: 'Blog' };
    expect(renderTemplate('{title} {link}', values)).toBe('Hola https://x.example');
    expect(renderTemplate('{title}\n\n{summary}\n\n\n{link} — {author}', values)).toBe('Hola\n\nhttps://x.example — Ana');
  });
});

describe.each(DB_KINDS)('feeds on %s', (kind) => {
  let t: TestApp;
  let s: Scenario;
  let server: FeedServer;
  const clock = new ManualClock(Date.parse('2026-11-04T09:00:00Z'));

  beforeAll(async () => {
    server = new FeedServer();
    await server.start();
    t = await createTestApp(kind, { clock });
    s = await given(t).workspace({ timeZone: 'Europe/Madrid' }).sandboxChannel().member('viewer').stranger();
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  const feedCount = async () => (await s.api('GET', '/feeds')).json().items.length as number;
  const addFeed = (path: string, extra: Record<string, unknown> = {}) =>
    s.api('POST', '/feeds', { url: `${server.url}${path}`, channelIds: [s.channelId], ...extra });

  it('refuses a loopback feed unless the admin allows private addresses', async () => {
    t.ctx.config.allowPrivateUrls = false;
    const res = await addFeed('/blog.xml');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('feed_url_not_allowed');
    expect(server.requests).toHaveLength(0);
    expect(await feedCount()).toBe(0);
    t.ctx.config.allowPrivateUrls = true;
  });

  it('refuses a web page, a 50 MB answer and XML that is no feed, storing nothing', async () => {
    for (const [path, code] of [
      ['/page.html', 'feed_is_html'],
      ['/page-as-xml', 'feed_is_html'],
      ['/not-a-feed.xml', 'feed_unreadable'],
      ['/missing.xml', 'feed_unreachable'],
    ]) {
      const res = await addFeed(path);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(422);
      expect(res.json().error.code).toBe(code);
    }
    const started = Date.now();
    const huge = await addFeed('/huge.xml');
    expect(huge.statusCode, huge.body).toBe(422);
    expect(huge.json().error.code).toBe('feed_too_large');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await feedCount()).toBe(0);
    const bad = await addFeed('/blog.xml', { template: '{title} {enlace}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'feed_template_variable', details: { variables: ['enlace'] } });
    const noQueue = await addFeed('/blog.xml', { destination: 'queue' });
    expect(noQueue.json().error.code).toBe('feed_queue_required');
  });

  let blogId = '';
  it('turns each RSS item into one draft with the template and a tracked short link, then reads with a conditional GET', async () => {
    const res = await addFeed('/blog.xml', { template: '{title}: {link} #cafe' });
    expect(res.statusCode, res.body).toBe(201);
    const feed = res.json();
    blogId = feed.id;
    expect(feed).toMatchObject({
      name: 'Blog de Café Aroma',
      destination: 'draft',
      itemsPosted: 2,
      lastErrorCode: null,
      poll: { created: 2 },
    });
    const detail = (await s.api('GET', `/feeds/${blogId}`)).json();
    expect(detail.items.map((i: { guid: string }) => i.guid).sort()).toEqual(['p-1', 'p-2']);
    const post = (await s.api('GET', `/posts/${detail.items[0].postId}`)).json();
    expect(post.state).toBe('draft');
    expect(post.content).toMatch(/^(Tostado artesanal|Cata de cafés de Etiopía): http:\/\/localhost:\d+\/l\/[A-Za-z0-9]{7} #cafe$/);
    // The short link is attributed to the post it is in, and tags the destination with UTM.
    const links = (await s.api('GET', `/links?postId=${post.id}`)).json().items;
    expect(links).toHaveLength(1);
    expect(links[0].destinationUrl).toContain('utm_source=sandbox');

    const check = await s.api('POST', `/feeds/${blogId}/check`);
    expect(check.json()).toEqual({ status: 'not_modified', created: 0, skipped: 0, failed: 0, errorCode: null });
    expect(server.requests.at(-1)).toMatchObject({
      path: '/blog.xml',
      ifNoneMatch: '"v2"',
      ifModifiedSince: 'Tue, 03 Nov 2026 09:00:00 GMT',
    });
  });

  it('uses a new item exactly once, even when two reads run at once', async () => {
    server.rssItems.unshift({
      guid: 'p-3',
      title: 'Receta: café bombón',
      link: 'https://aroma.example/blog/bombon',
      date: 'Wed, 04 Nov 2026 08:00:00 GMT',
    });
    const [a, b] = await Promise.all([s.api('POST', `/feeds/${blogId}/check`), s.api('POST', `/feeds/${blogId}/check`)]);
    expect(a.json().created + b.json().created).toBe(1);
    const detail = (await s.api('GET', `/feeds/${blogId}`)).json();
    expect(detail.itemsPosted).toBe(3);
    expect(detail.items.filter((i: { guid: string }) => i.guid === 'p-3')).toHaveLength(1);
    const events = await t.ctx.database.db
      .selectFrom('events')
      .select('type')
      .where('type', '=', 'feed.item.created')
      .where('workspace_id', '=', s.workspaceId)
      .execute();
    expect(events).toHaveLength(3);
  });

  it('keeps a later failure on the feed by code, says it once, and recovers', async () => {
    server.blogAnswersHtml = true;
    const first = await s.api('POST', `/feeds/${blogId}/check`);
    expect(first.json()).toMatchObject({ status: 'failed', errorCode: 'feed_is_html' });
    await s.api('POST', `/feeds/${blogId}/check`);
    const failing = (await s.api('GET', `/feeds/${blogId}`)).json();
    expect(failing.lastErrorCode).toBe('feed_is_html');
    const failed = await t.ctx.database.db
      .selectFrom('events')
      .select('type')
      .where('type', '=', 'feed.failed')
      .where('subject_id', '=', blogId)
      .execute();
    expect(failed).toHaveLength(1);
    server.blogAnswersHtml = false;
    expect((await s.api('POST', `/feeds/${blogId}/check`)).json().status).toBe('not_modified');
    expect((await s.api('GET', `/feeds/${blogId}`)).json().lastErrorCode).toBeNull();
  });

  it('sends Atom entries to a queue: each is scheduled in the next free slot, oldest first', async () => {
    const queue = await s.api('POST', '/queues', {
      name: 'Blog',
      channelIds: [s.channelId],
      slots: [
        { weekday: 2, time: '10:00' },
        { weekday: 4, time: '10:00' },
      ],
    });
    expect(queue.statusCode, queue.body).toBe(201);
    const res = await addFeed('/news.atom', {
      destination: 'queue',
      queueId: queue.json().id,
      trackLinks: false,
      template: '{title} {link}',
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await s.api('GET', `/feeds/${res.json().id}`)).json();
    const posts = await Promise.all(detail.items.map(async (i: { postId: string }) => (await s.api('GET', `/posts/${i.postId}`)).json()));
    expect(posts.map((p) => p.state)).toEqual(['scheduled', 'scheduled']);
    const byTime = [...posts].sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt));
    expect(byTime.map((p) => p.content)).toEqual([
      `Abrimos en Valencia ${server.url}/noticias/valencia`,
      'Menú de otoño https://aroma.example/noticias/otono',
    ]);
  });

  it('the polling job reads feeds when they are due, and a paused feed is left alone', async () => {
    const before = server.requests.length;
    expect(await pollDueFeeds(t.ctx)).toBe(0);
    await s.api('PATCH', `/feeds/${blogId}`, { paused: true, destination: 'review' });
    clock.advance(31 * 60_000);
    const polled = await pollDueFeeds(t.ctx);
    expect(polled).toBe(1); // the Atom feed only
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/news.atom']);
    await s.api('PATCH', `/feeds/${blogId}`, { paused: false });
    server.rssItems.unshift({
      guid: 'p-4',
      title: 'Nuevo horario',
      link: 'https://aroma.example/blog/horario',
      date: 'Thu, 05 Nov 2026 08:00:00 GMT',
    });
    expect(await pollDueFeeds(t.ctx)).toBe(1);
    const detail = (await s.api('GET', `/feeds/${blogId}`)).json();
    const newest = detail.items.find((i: { guid: string }) => i.guid === 'p-4');
    // Sent for review; this workspace needs no approval, so it is approved and waits for a date.
    expect(newest.postState).toBe('approved');
  });

  it('answers 401 without a caller, 403 to a viewer and 404 for another workspace’s feed', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${s.workspaceId}/feeds` });
    expect(anonymous.statusCode).toBe(401);
    const viewer = await s.member('viewer').request('POST', `/api/v1/workspaces/${s.workspaceId}/feeds/${blogId}/check`);
    expect(viewer.statusCode).toBe(403);
    expect((await s.member('viewer').request('GET', `/api/v1/workspaces/${s.workspaceId}/feeds/${blogId}`)).statusCode).toBe(200);
    const own = (await s.stranger.request('GET', '/api/v1/workspaces')).json();
    const strangerWs = (own.items ?? own)[0].id;
    expect((await s.stranger.request('GET', `/api/v1/workspaces/${strangerWs}/feeds/${blogId}`)).statusCode).toBe(404);
    expect((await s.stranger.request('DELETE', `/api/v1/workspaces/${s.workspaceId}/feeds/${blogId}`)).statusCode).toBe(404);
    const removed = await s.api('DELETE', `/feeds/${blogId}`);
    expect(removed.statusCode).toBe(204);
    expect((await s.api('GET', `/feeds/${blogId}`)).statusCode).toBe(404);
  });
});
