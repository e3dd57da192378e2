/**
 * Every panel of the listening dashboard counts the same mentions: a known set of mentions (two
 * sources, a CSV import, one unmatched, one outside the range, one replayed duplicate) and the
 * numbers each panel's endpoint gives, with and without a query filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { ingestBatch, WorkspacePipelines } from './ingest.ts';
import type { SourceItem } from './sources/types.ts';

const NOW = Date.parse('2026-03-10T18:00:00Z');
const RANGE = 'from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z';

interface Counted {
  mentions: number;
}
const sum = (items: Counted[]) => items.reduce((total, item) => total + item.mentions, 0);
const pointsSum = (points: Array<{ count: number }>) => points.reduce((total, p) => total + p.count, 0);

describe.each(DB_KINDS)('listening dashboard counts on %s', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let ws = '';
  const ids: Record<string, string> = {};
  const api = (path: string) => `/api/v1/workspaces/${ws}/listening${path}`;
  const get = async (path: string) => {
    const response = await owner.request('GET', api(path));
    expect(response.statusCode, path).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { clock: new ManualClock(NOW) });
    owner = await createCaller(t, `counts-${kind}@example.com`);
    ws = (await owner.request('POST', '/api/v1/workspaces', { name: 'Café Aroma', timeZone: 'Europe/Madrid', language: 'es' })).json().id;
    for (const [key, body] of Object.entries({
      brand: { name: 'Aroma', query: 'aroma', kind: 'brand' },
      competitor: { name: 'Beta', query: 'beta', kind: 'competitor', competitorName: 'Beta' },
      topic: { name: 'Tartas', query: 'tarta', kind: 'topic' },
    }))
      ids[key] = (await owner.request('POST', api('/queries'), body)).json().id;
    const feed = await owner.request('POST', api('/sources'), {
      kind: 'rss',
      name: 'Blog de cafés',
      config: { url: 'https://blog.example/feed.xml' },
    });
    expect(feed.statusCode).toBe(201);
    ids.feed = feed.json().id;

    const at = (hhmm: string, day = '10') => new Date(`2026-03-${day}T${hhmm}:00Z`);
    const item = (remoteId: string, text: string, network: string, author: string, publishedAt: Date): SourceItem => ({
      remoteId,
      text,
      network,
      authorHandle: author,
      publishedAt,
    });
    const pipelines = new WorkspacePipelines(t.ctx);
    const fromFeed = [
      item('f1', 'Aroma: el café no está nada mal', 'rss', 'blog', at('09:00')),
      item('f2', 'Me encanta el Café de Aroma', 'rss', 'blog', at('09:30')),
      item('f3', 'Hoy llueve en Madrid', 'rss', 'blog', at('11:00')), // matches no query: curated sources keep it
    ];
    const imported = [
      item('c1', 'Aroma es un desastre, pésimo servicio', 'bluesky', 'luis', at('10:00')),
      item('c2', 'Beta tiene una tarta horrible', 'mastodon', 'kate', at('12:00')),
      item('c3', 'Aroma y su tarta de queso', 'bluesky', 'ana', at('15:00')),
      item('c4', 'Aroma genial', 'bluesky', 'ana', at('10:00', '12')), // after the range
    ];
    await ingestBatch(t.ctx, pipelines, {
      workspaceId: ws,
      sourceId: ids.feed,
      sourceKey: `source:${ids.feed}`,
      items: fromFeed,
      storeUnmatched: true,
    });
    await ingestBatch(t.ctx, pipelines, { workspaceId: ws, sourceId: null, sourceKey: 'csv', items: imported, storeUnmatched: true });
    // A replay of the same items is absorbed, not counted twice.
    await ingestBatch(t.ctx, pipelines, {
      workspaceId: ws,
      sourceId: null,
      sourceKey: 'csv',
      items: imported.slice(0, 1),
      storeUnmatched: true,
    });
  }, 60_000);
  afterAll(async () => t?.close());

  it('agrees on every panel for the whole range', async () => {
    const sentiment = await get(`/analysis/sentiment?${RANGE}`);
    const volume = await get(`/analysis/volume?${RANGE}&interval=hour`);
    const sources = await get(`/analysis/sources?${RANGE}`);
    const authors = await get(`/analysis/authors?${RANGE}&limit=100`);
    const terms = await get(`/analysis/terms?${RANGE}`);
    const stream = await get(`/mentions?${RANGE}&limit=200`);

    expect(stream.items).toHaveLength(6);
    expect(sentiment.total).toBe(6);
    expect(sentiment.counts.positive + sentiment.counts.neutral + sentiment.counts.negative).toBe(6);
    expect(pointsSum(volume.total)).toBe(6);
    expect(sources.total).toBe(6);
    expect(sum(sources.items)).toBe(6);
    expect(sum(authors.items)).toBe(6);
    expect(terms.sampled).toBe(6);

    // Each sentiment count is what the mention stream lists with that filter (the dashboard links there).
    for (const label of ['positive', 'neutral', 'negative'] as const) {
      const listed = await get(`/mentions?${RANGE}&sentiment=${label}&limit=200`);
      expect(listed.items.length, label).toBe(sentiment.counts[label]);
    }
    expect(sentiment.counts.positive).toBeGreaterThanOrEqual(2); // "no está nada mal" and "me encanta"
    expect(sentiment.counts.negative).toBeGreaterThanOrEqual(2);

    expect(sources.items).toEqual(
      expect.arrayContaining([
        { sourceId: ids.feed, name: 'Blog de cafés', kind: 'rss', network: 'rss', mentions: 3 },
        { sourceId: null, name: null, kind: null, network: 'bluesky', mentions: 2 },
        { sourceId: null, name: null, kind: null, network: 'mastodon', mentions: 1 },
      ]),
    );
    // Per-query lines count that query's matches; the brand's agree with share of voice.
    const brandLine = volume.series.find((s: { queryId: string }) => s.queryId === ids.brand);
    const sov = await get(`/analysis/share-of-voice?${RANGE}`);
    expect(pointsSum(brandLine.points)).toBe(4);
    expect(sov.brand.mentions).toBe(4);
    expect(sov.competitors).toEqual([expect.objectContaining({ name: 'Beta', mentions: 1 })]);
    // Terms as written: "café" (twice, once as "Café"), never the folded "cafe".
    expect(terms.terms).toEqual(
      expect.arrayContaining([
        { term: 'café', count: 2 },
        { term: 'tarta', count: 2 },
      ]),
    );
    expect(terms.terms.map((term: { term: string }) => term.term)).not.toContain('cafe');
  });

  it('applies a query filter to every panel alike', async () => {
    const q = `${RANGE}&queryId=${ids.brand}`;
    const sentiment = await get(`/analysis/sentiment?${q}`);
    const volume = await get(`/analysis/volume?${q}&interval=day`);
    const sources = await get(`/analysis/sources?${q}`);
    const authors = await get(`/analysis/authors?${q}&limit=100`);
    const terms = await get(`/analysis/terms?${q}`);
    const stream = await get(`/mentions?${q}&limit=200`);
    expect(stream.items).toHaveLength(4);
    expect(sentiment.total).toBe(4);
    expect(pointsSum(volume.total)).toBe(4);
    expect(volume.series.map((s: { queryId: string }) => s.queryId)).toEqual([ids.brand]);
    expect(pointsSum(volume.series[0].points)).toBe(4);
    expect(sources.total).toBe(4);
    expect(sum(authors.items)).toBe(4);
    expect(terms.sampled).toBe(4);
  });

  it('refuses a query id that is not a uuid with a 400', async () => {
    const response = await owner.request('GET', api(`/analysis/sources?${RANGE}&queryId=nope`));
    expect(response.statusCode).toBe(400);
  });
});
