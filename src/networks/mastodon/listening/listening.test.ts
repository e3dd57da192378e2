/**
 * Contract tests against a local fake that follows the documented Mastodon formats
 * (Status entity, SSE streaming with `event: update` and `:thump` heartbeats, min_id paging).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig } from '../../../config.ts';
import { systemClock } from '../../../lib/clock.ts';
import type { AppContext } from '../../../server/context.ts';
import { fetchNewStatuses, mastodonSource, parseSse, statusToItem, type MastodonStatus } from './source.ts';
import { abortableSleep, type SourceBatch, type SourceCursor } from '../../../modules/listening/sources/types.ts';

const statuses: MastodonStatus[] = [];
const streams = new Set<http.ServerResponse>();
const seen: string[] = [];
let server: http.Server;
let base = '';

function status(id: number, text: string, tags: string[] = []): MastodonStatus {
  return {
    id: String(id),
    uri: `https://mastodon.example/users/ana/statuses/${id}`,
    url: `https://mastodon.example/@ana/${id}`,
    created_at: new Date(Date.UTC(2026, 2, 1, 10, 0, id)).toISOString(),
    content: `<p>${text} ${tags.map((t) => `<a href="https://mastodon.example/tags/${t}" class="mention hashtag">#<span>${t}</span></a>`).join(' ')}</p>`,
    spoiler_text: '',
    language: 'es',
    reblog: null,
    account: { acct: 'ana', display_name: 'Ana', followers_count: 120 },
  };
}

function publish(s: MastodonStatus) {
  statuses.push(s);
  for (const res of streams) res.write(`event: update\ndata: ${JSON.stringify(s)}\n\n`);
}

const ctx = {
  config: { ...loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), allowPrivateUrls: true },
  clock: systemClock,
  logger: pino({ level: 'silent' }),
} as unknown as AppContext;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(url.pathname + url.search);
    const minId = Number(url.searchParams.get('min_id') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    // min_id: the statuses immediately newer than min_id, returned newest first (as Mastodon does).
    const page = (list: MastodonStatus[]) =>
      list
        .filter((s) => Number(s.id) > minId)
        .slice(0, limit)
        .reverse();
    if (url.pathname === '/api/v1/timelines/public')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page(statuses)));
    if (url.pathname.startsWith('/api/v1/timelines/tag/')) {
      const tag = decodeURIComponent(url.pathname.split('/').pop()!);
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(page(statuses.filter((s) => s.content.includes(`tags/${tag}"`)))));
    }
    if (url.pathname === '/api/v2/search') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ accounts: [], hashtags: [], statuses: page(statuses.filter((s) => s.content.toLowerCase().includes(q))) }));
    }
    if (url.pathname === '/api/v1/streaming/public') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(':)\n');
      res.write(':thump\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Record not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const res of streams) res.end();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Mastodon formats', () => {
  it('parses SSE updates and ignores heartbeats, in chunks split anywhere', () => {
    const text = ':thump\n\nevent: update\ndata: {"id":"1"}\n\nevent: delete\ndata: 1\n\nevent: upd';
    const { events, rest } = parseSse(text);
    expect(events).toEqual([
      { event: 'update', data: '{"id":"1"}' },
      { event: 'delete', data: '1' },
    ]);
    expect(rest).toBe('event: upd');
  });

  it('turns a Status into an item: plain text, full acct, followers as reach; boosts skipped', () => {
    const item = statusToItem(status(7, 'Me encanta <b>Acme</b> &amp; más', ['acme']), 'mastodon.example')!;
    expect(item).toMatchObject({
      remoteId: 'https://mastodon.example/users/ana/statuses/7',
      text: 'Me encanta Acme & más #acme',
      authorHandle: 'ana@mastodon.example',
      authorReach: 120,
      lang: 'es',
      network: 'mastodon',
    });
    expect(statusToItem({ ...status(8, 'x'), reblog: status(7, 'y') }, 'mastodon.example')).toBeNull();
  });
});

describe('Mastodon source against a local fake', () => {
  it('catches up with min_id paging, then streams new statuses, and resumes from the cursor', async () => {
    for (let i = 1; i <= 45; i++) statuses.push(status(i, `historia ${i}`));
    const run = async (cursor: SourceCursor | null, until: (b: SourceBatch[]) => boolean) => {
      const batches: SourceBatch[] = [];
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      await mastodonSource.run({
        ctx,
        source: { id: 'm', workspaceId: 'w', kind: 'mastodon', config: { instanceUrl: base, mode: 'stream', timeline: 'public' }, cursor },
        emit: async (batch) => {
          batches.push(batch);
          if (process.env.DEBUG_M) console.log('batch', batch.items.length, batch.cursor, batch.error);
          if (until(batches)) controller.abort();
          // Once caught up and connected, publish live statuses.
          if (batches.flatMap((b) => b.items).length === 45) setTimeout(() => publish(status(46, 'en vivo', ['acme'])), 50);
        },
        signal: controller.signal,
        sleep: (ms) => abortableSleep(ms, controller.signal),
      });
      clearTimeout(timer);
      return batches;
    };
    const batches = await run({ sinceId: '0' }, (b) => b.flatMap((x) => x.items).length >= 46);
    const texts = batches.flatMap((b) => b.items.map((i) => i.text));
    expect(texts.slice(0, 45)).toEqual(Array.from({ length: 45 }, (_, i) => `historia ${i + 1}`));
    expect(texts[45]).toBe('en vivo #acme');
    expect(batches[batches.length - 1].cursor).toEqual({ sinceId: '46' });
    expect(seen.some((s) => s.startsWith('/api/v1/timelines/public?limit=40&min_id=40'))).toBe(true);

    // A restart from the saved cursor catches up on what was published while down, nothing older.
    publish(status(47, 'mientras estaba parado'));
    const resumed = await run({ sinceId: '46' }, (b) => b.flatMap((x) => x.items).length >= 1);
    expect(resumed.flatMap((b) => b.items.map((i) => i.text))).toEqual(['mientras estaba parado']);
  });

  it('searches statuses and follows hashtag timelines', async () => {
    const found = await fetchNewStatuses(ctx, { instanceUrl: base, mode: 'search', q: 'en vivo' }, undefined);
    expect(found.map((s) => s.id)).toEqual(['46']);
    const tagged = await fetchNewStatuses(ctx, { instanceUrl: base, mode: 'stream', timeline: 'hashtag', hashtag: '#acme' }, '10');
    expect(tagged.map((s) => s.id)).toEqual(['46']);
  });
});
