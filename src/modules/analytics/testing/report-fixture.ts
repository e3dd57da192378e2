import { addDays, brandDays, previousBrandDays } from '../../../lib/brand-days.ts';
import { computeKpis, engagementsOf, type KpiInputs } from '../kpis.ts';
import type { DailyPoint, PeriodSummary } from '../dashboards.ts';
import type { ReportData, ReportLanguage } from '../report-types.ts';

/**
 * A report's data without a database: a month of a café's numbers, large enough that thousands
 * separators and decimal commas show, with accents and emoji in every text the PDF draws.
 */
export function reportFixture(language: ReportLanguage, overrides: Partial<ReportData> = {}): ReportData {
  const timeZone = 'Europe/Madrid';
  const days = brandDays({ from: new Date('2026-03-01T00:00:00+01:00'), to: new Date('2026-03-31T00:00:00+02:00') }, timeZone);
  const previousDays = previousBrandDays(days);
  const period = (firstDay: string, count: number, scale: number): PeriodSummary => {
    const series: DailyPoint[] = Array.from({ length: count }, (_, i) => {
      const point = {
        day: addDays(firstDay, i),
        posts: 1 + (i % 3),
        likes: Math.round(scale * (40 + 30 * Math.sin(i / 3) + i * 2)),
        replies: Math.round(scale * (6 + (i % 5))),
        reposts: Math.round(scale * (4 + (i % 4))),
        quotes: i % 2,
        impressions: Math.round(scale * (2400 + i * 60)),
        reach: Math.round(scale * (1800 + i * 40)),
        networkClicks: null,
        followersAtPost: 1200 + i * 9,
      };
      return { ...point, engagements: engagementsOf(point) };
    });
    const sum = (key: 'posts' | 'likes' | 'replies' | 'reposts' | 'quotes' | 'engagements' | 'followersAtPost') =>
      series.reduce((s, p) => s + p[key], 0);
    const impressions = series.reduce((s, p) => s + (p.impressions ?? 0), 0);
    const reach = series.reduce((s, p) => s + (p.reach ?? 0), 0);
    const followers = series.map((p, i) => ({ day: p.day, followers: Math.round(1200 + i * 9 + 25 * Math.sin(i / 4)) }));
    const inputs: KpiInputs = {
      posts: sum('posts'),
      likes: sum('likes'),
      replies: sum('replies'),
      reposts: sum('reposts'),
      quotes: sum('quotes'),
      networkClicks: null,
      impressions,
      reach,
      followersAtPost: sum('followersAtPost'),
      followersStart: followers[0].followers,
      followersEnd: followers[followers.length - 1].followers,
      followersGained: 310,
      followersLost: 42,
      linkClicks: 1234,
      leads: 56,
      conversionValue: 1234.5,
      cost: 321.75,
      missing: {},
    };
    return {
      range: { from: days.from.toISOString(), to: days.to.toISOString(), firstDay, lastDay: addDays(firstDay, count - 1), timeZone },
      totals: {
        posts: inputs.posts,
        likes: inputs.likes,
        replies: inputs.replies,
        reposts: inputs.reposts,
        quotes: inputs.quotes,
        engagements: sum('engagements'),
        impressions,
        reach,
        networkClicks: null,
        followersAtPost: inputs.followersAtPost ?? 0,
        linkClicks: inputs.linkClicks,
        uniqueVisitors: 980,
        leads: inputs.leads,
        conversionValue: inputs.conversionValue,
        cost: inputs.cost,
        followersStart: inputs.followersStart,
        followersEnd: inputs.followersEnd,
      },
      kpis: computeKpis(inputs),
      series,
      followers,
    };
  };
  const current = period(days.firstDay, 30, 1.3);
  const previous = period(previousDays.firstDay, 30, 1);
  const changes = Object.fromEntries(
    current.kpis.map((kpi, i) => {
      const before = previous.kpis[i].value;
      return [kpi.name, kpi.value === null || !before ? null : Math.round(((kpi.value - before) / before) * 10_000) / 100];
    }),
  );
  const post = (n: number, excerpt: string, engagements: number, rate: number | null) => ({
    publicationId: `00000000-0000-4000-8000-00000000000${n}`,
    postId: `00000000-0000-4000-8000-00000000001${n}`,
    channelId: '00000000-0000-4000-8000-000000000100',
    network: n % 2 ? 'mastodon' : 'bluesky',
    publishedAt: new Date(Date.parse('2026-03-05T09:30:00Z') + n * 86_400_000 * 3),
    excerpt,
    hasMedia: n % 2 === 0,
    pillarId: null,
    engagements,
    engagementRateByFollowers: rate,
  });
  return {
    scope: {},
    timeZone,
    days,
    current,
    previous,
    changes,
    posts: {
      top: [
        post(1, 'Nuevo café de especialidad 😍 ¡Ven a probarlo! Tostado aquí mismo, en el barrio, cada mañana.', 1234, 12.5),
        post(2, 'Ñoquis caseros y café con leche ☕ — menú del día a 9,50 €', 980, 8.25),
        post(3, 'Cappuccino, cortado, flat white: ¿cuál es el tuyo? 🤔', 640, 4.1),
      ],
      bottom: [post(4, 'Cerrado el lunes por inventario. Disculpad las molestias 🙏', 12, 0.35)],
    },
    channels: [
      {
        channelId: 'c1',
        name: 'Café Aroma ☕ (Mastodon)',
        network: 'mastodon',
        posts: 32,
        engagements: 2345,
        engagementRateByFollowers: 6.2,
      },
      {
        channelId: 'c2',
        name: 'Café Aroma — Bluesky',
        network: 'bluesky',
        posts: 28,
        engagements: 1234,
        engagementRateByFollowers: 1234.5,
      },
    ],
    workspaceName: 'Café Aroma ☕',
    brandColor: '#8b4513',
    language,
    logo: null,
    logoSkipped: null,
    ...overrides,
  };
}
