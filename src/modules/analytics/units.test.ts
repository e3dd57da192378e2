import { describe, expect, it } from 'vitest';
import { computeKpis, KPI_CATALOG, KPI_NAMES, type KpiInputs } from './kpis.ts';
import { bestTimeGrid, ewma, linearFit } from './insights.ts';
import { nextStepAfter } from './collector.ts';
import { nextRunAfter } from './reports.ts';
import { isBotUserAgent, referrerHost, withUtm } from '../links/service.ts';
import { slugify } from '../../lib/text.ts';

const base: KpiInputs = {
  posts: 4,
  likes: 40,
  replies: 8,
  reposts: 12,
  quotes: 0,
  networkClicks: null,
  impressions: null,
  reach: null,
  followersAtPost: 2000,
  followersStart: 1000,
  followersEnd: 1100,
  followersGained: 130,
  followersLost: 30,
  linkClicks: 10,
  leads: 2,
  conversionValue: 300,
  cost: 100,
  missing: { impressions: 'Bluesky does not report impressions' },
};
const value = (inputs: KpiInputs, name: string) => computeKpis(inputs).find((k) => k.name === name)!;

describe('KPI formulas (PRODUCT.md)', () => {
  it('computes each formula from its inputs', () => {
    expect(value(base, 'engagements').value).toBe(60);
    expect(value(base, 'engagement_rate_by_followers').value).toBe(3); // 60 / 2000 × 100
    expect(value(base, 'amplification_rate').value).toBe(3); // 12 reposts / 4 posts
    expect(value(base, 'applause_rate').value).toBe(10);
    expect(value(base, 'conversation_rate').value).toBe(2);
    expect(value(base, 'follower_growth_rate').value).toBe(10); // (130 − 30) / 1000 × 100
    expect(value(base, 'cpl').value).toBe(50);
    expect(value(base, 'roi').value).toBe(200); // (300 − 100) / 100 × 100
  });
  it('adds network clicks to engagements where known, and uses impressions for CTR', () => {
    const withImpressions = { ...base, networkClicks: 5, impressions: 1000, reach: 800, missing: {} };
    expect(value(withImpressions, 'engagements').value).toBe(65);
    expect(value(withImpressions, 'engagement_rate_by_impressions').value).toBe(6.5);
    expect(value(withImpressions, 'engagement_rate_by_reach').value).toBe(8.13);
    expect(value(withImpressions, 'ctr').value).toBe(1);
  });
  it('gives the reason instead of a number when inputs are missing', () => {
    expect(value(base, 'engagement_rate_by_impressions')).toMatchObject({ value: null, reason: 'Bluesky does not report impressions' });
    expect(value(base, 'ctr')).toMatchObject({ value: null, reason: 'Bluesky does not report impressions' });
    expect(value({ ...base, cost: 0 }, 'roi')).toMatchObject({ value: null, reason: 'no_costs' });
    expect(value({ ...base, leads: 0 }, 'cpl')).toMatchObject({ value: null, reason: 'no_leads' });
    expect(value({ ...base, posts: 0 }, 'applause_rate').reason).toBe('no_posts');
  });
});

describe('best-time grid', () => {
  it('rates only cells with the minimum sample, smoothed towards the mean', () => {
    const samples = [
      ...Array.from({ length: 4 }, () => ({ weekday: 2, hour: 9, rate: 10 })),
      ...Array.from({ length: 4 }, () => ({ weekday: 5, hour: 18, rate: 2 })),
      { weekday: 1, hour: 3, rate: 50 },
    ];
    const grid = bestTimeGrid(samples, 3, 3);
    expect(grid).toHaveLength(168);
    const cell = (d: number, h: number) => grid.find((c) => c.weekday === d && c.hour === h)!;
    expect(cell(1, 3)).toMatchObject({ posts: 1, rawRate: 50, rate: null });
    expect(cell(2, 9).rate!).toBeGreaterThan(cell(5, 18).rate!);
    // Shrunk towards the overall mean (98 / 9 ≈ 10.89): each rated cell moves from its raw mean towards it.
    const mean = 98 / 9;
    expect(cell(5, 18).rate!).toBeGreaterThan(2);
    expect(cell(5, 18).rate!).toBeLessThan(mean);
    expect(cell(2, 9).rate!).toBeGreaterThan(10);
    expect(cell(2, 9).rate!).toBeLessThan(mean);
  });
});

describe('forecast helpers', () => {
  it('fits a line and an EWMA', () => {
    expect(
      linearFit([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toEqual({ slope: 2, intercept: 1 });
    expect(ewma([10, 10, 10])).toBe(10);
    expect(ewma([0, 10], 0.3)).toBeCloseTo(3);
    expect(ewma([])).toBeNull();
  });
});

describe('snapshot schedule', () => {
  it('walks 1 h, 6 h, 24 h, 3 d, 7 d, 30 d and skips steps already past', () => {
    const published = new Date('2026-01-01T00:00:00Z');
    expect(nextStepAfter(published, published.getTime())).toEqual({ step: 0, dueAt: new Date('2026-01-01T01:00:00Z') });
    expect(nextStepAfter(published, Date.parse('2026-01-01T07:00:00Z'))).toEqual({ step: 2, dueAt: new Date('2026-01-02T00:00:00Z') });
    expect(nextStepAfter(published, Date.parse('2026-01-09T00:00:00Z'))?.step).toBe(5);
    expect(nextStepAfter(published, Date.parse('2026-02-01T00:00:00Z'))).toBeNull();
  });
  it('schedules reports on Monday 08:00 or the 1st 08:00 in the brand zone', () => {
    expect(nextRunAfter('weekly', Date.parse('2026-03-04T12:00:00Z'), 'Europe/Madrid').toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(nextRunAfter('monthly', Date.parse('2026-03-04T12:00:00Z'), 'Europe/Madrid').toISOString()).toBe('2026-04-01T06:00:00.000Z');
  });
});

describe('links helpers', () => {
  it('adds UTM parameters and keeps existing ones', () => {
    const url = new URL(
      withUtm('https://a.example/p?ref=1&utm_source=old', { source: 'bluesky', medium: 'social', campaign: 'spring', content: 'post-1' }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ref: '1',
      utm_source: 'bluesky',
      utm_medium: 'social',
      utm_campaign: 'spring',
      utm_content: 'post-1',
    });
  });
  it('filters bots by user agent and keeps only the referrer host', () => {
    expect(isBotUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1)')).toBe(true);
    expect(isBotUserAgent('facebookexternalhit/1.1')).toBe(true);
    expect(isBotUserAgent('curl/8.0')).toBe(true);
    expect(isBotUserAgent(undefined)).toBe(true);
    expect(isBotUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1')).toBe(
      false,
    );
    expect(referrerHost('https://mastodon.social/@x/123?token=secret')).toBe('mastodon.social');
    expect(referrerHost('not a url')).toBeNull();
    expect(slugify('Campaña de Primavera 2026!')).toBe('campana-de-primavera-2026');
  });
});

describe('Spanish texts of the API', () => {
  it('every KPI has a Spanish formula and computeKpis returns it next to the English one', () => {
    for (const name of KPI_NAMES) expect(KPI_CATALOG[name].formulaEs.length, name).toBeGreaterThan(0);
    expect(KPI_CATALOG.engagement_rate_by_reach.formulaEs).toBe('interacciones / alcance × 100');
    const kpi = value(base, 'cpl');
    expect(kpi.formula).toBe('cost / leads');
    expect(kpi.formulaEs).toBe('coste / leads');
  });
});
