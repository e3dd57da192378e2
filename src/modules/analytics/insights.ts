import { type BestTimeReasonCode, bestTimeReasonText } from '../../lib/best-time-reasons.ts';
import { DateTime } from 'luxon';
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import { recordEvent } from '../events/events.ts';
import { KPI_CATALOG, type KpiName } from './kpis.ts';
import { channelBreakdown, rankedPosts, summarizePeriod } from './dashboards.ts';
import { ensureRollupZone } from './repository/snapshots.ts';
import { brandDays, localDay, startOfLocalDay } from '../../lib/brand-days.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { alertsRepository } from './repository/alerts.ts';
import { insightsRepository } from './repository/insights.ts';

// ---------------------------------------------------------------------------
// Best time to post
// ---------------------------------------------------------------------------

/** One cell of the 7×24 grid (weekday 1 = Monday … 7 = Sunday, hour in the brand's zone). */
export interface BestTimeCell {
  weekday: number;
  hour: number;
  posts: number;
  /** Mean engagement rate by followers in the first 24 h (%), raw; null without posts. */
  rawRate: number | null;
  /** After smoothing (see method); null when the cell has fewer than minSample posts. */
  rate: number | null;
}

/**
 * The fewest posts an hour of the grid needs before it gets a rate. The grid, the
 * "suggest a time" answer and the objective alerts' time suggestion all use it, so no
 * alert recommends an hour the best-time page calls "not enough data".
 */
export const BEST_TIME_MIN_SAMPLE = 3;

/** The method, stated with the grid. */
export const BEST_TIME_METHOD =
  'Engagement rate by followers of each own post in its first 24 h (24 h snapshot), grouped by weekday and hour of publication in the workspace time zone. ' +
  'Smoothing: each cell is blended with its neighbouring hours on the same weekday (weights 1-2-1) and shrunk towards the overall mean with a prior of k = 3 posts ' +
  '(rate = (n·mean_cell + k·mean_all) / (n + k)). Cells with fewer than minSample posts get no rate.';

/** The same method in Spanish, for the Spanish UI. */
export const BEST_TIME_METHOD_ES =
  'Tasa de interacción por seguidores de cada publicación propia en sus primeras 24 h (instantánea de 24 h), agrupada por día de la semana y hora de publicación en la zona horaria del espacio de trabajo. ' +
  'Suavizado: cada celda se combina con las horas vecinas del mismo día (pesos 1-2-1) y se acerca a la media global con un prior de k = 3 publicaciones ' +
  '(tasa = (n·media_celda + k·media_global) / (n + k)). Las celdas con menos de minSample publicaciones no tienen tasa.';

/** Builds the best-time grid from raw per-post rates (pure; exported for tests). */
export function bestTimeGrid(
  samples: Array<{ weekday: number; hour: number; rate: number }>,
  minSample = BEST_TIME_MIN_SAMPLE,
  prior = 3,
): BestTimeCell[] {
  const sums = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => ({ n: 0, sum: 0 })));
  for (const s of samples) {
    const cell = sums[s.weekday - 1][s.hour];
    cell.n++;
    cell.sum += s.rate;
  }
  const overall = samples.length ? samples.reduce((a, s) => a + s.rate, 0) / samples.length : 0;
  const cells: BestTimeCell[] = [];
  for (let d = 0; d < 7; d++) {
    for (let h = 0; h < 24; h++) {
      const own = sums[d][h];
      const before = sums[d][(h + 23) % 24];
      const after = sums[d][(h + 1) % 24];
      // Neighbour blend 1-2-1 on counts and sums: a 2-post cell next to busy hours borrows some evidence.
      const n = 2 * own.n + before.n + after.n;
      const sum = 2 * own.sum + before.sum + after.sum;
      const blendedMean = n ? sum / n : overall;
      const effectiveN = n / 2;
      const smoothed = (effectiveN * blendedMean + prior * overall) / (effectiveN + prior);
      cells.push({
        weekday: d + 1,
        hour: h,
        posts: own.n,
        rawRate: own.n ? Math.round((own.sum / own.n) * 1000) / 1000 : null,
        rate: own.n >= minSample ? Math.round(smoothed * 1000) / 1000 : null,
      });
    }
  }
  return cells;
}

/** The grid of a workspace (or one channel) from its posts of the last `days` days. */
export async function bestTime(
  db: Db,
  workspaceId: string,
  options: { channelId?: string; days?: number; minSample?: number; now: number },
) {
  const timeZone = await workspaceTimeZone(db, workspaceId);
  const rows = await insightsRepository.bestTimeSamples(db, workspaceId, {
    since: new Date(options.now - (options.days ?? 180) * 86_400_000),
    channelId: options.channelId,
  });
  const samples = rows.map((r) => {
    const local = DateTime.fromJSDate(r.published_at, { zone: timeZone });
    return { weekday: local.weekday, hour: local.hour, rate: ((r.engagements_24h ?? 0) / (r.followers_at_post ?? 1)) * 100 };
  });
  const minSample = options.minSample ?? BEST_TIME_MIN_SAMPLE;
  const cells = bestTimeGrid(samples, minSample);
  const ranked = cells.filter((c) => c.rate !== null).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
  return {
    timeZone,
    method: BEST_TIME_METHOD,
    methodEs: BEST_TIME_METHOD_ES,
    minSample,
    samples: samples.length,
    cells,
    best: ranked.slice(0, 5),
  };
}

/**
 * Suggests the next instant (after `after`) that falls in one of the best cells;
 * without enough data, says so and suggests nothing.
 */
export async function suggestTime(db: Db, workspaceId: string, options: { channelId?: string; after: number; now: number }) {
  const grid = await bestTime(db, workspaceId, { channelId: options.channelId, now: options.now });
  if (!grid.best.length) return noSuggestion('not_enough_posts', { minSample: grid.minSample }, grid.samples);
  let cursor = DateTime.fromMillis(options.after, { zone: grid.timeZone }).startOf('hour').plus({ hours: 1 });
  const wanted = new Map(grid.best.map((c, i) => [`${c.weekday}:${c.hour}`, i]));
  for (let i = 0; i < 24 * 7; i++) {
    const rank = wanted.get(`${cursor.weekday}:${cursor.hour}`);
    if (rank !== undefined) {
      const cell = grid.best[rank];
      return {
        suggestion: cursor.toUTC().toISO(),
        localTime: cursor.toISO(),
        timeZone: grid.timeZone,
        cell,
        reason: null,
        reasonCode: null,
        reasonParams: {},
      };
    }
    cursor = cursor.plus({ hours: 1 });
  }
  return noSuggestion('no_best_cell', {}, grid.samples);
}

/** No suggestion: the reason as a code and params (the web app and the CLI word it); `reason` keeps the English text. */
function noSuggestion(reasonCode: BestTimeReasonCode, reasonParams: Record<string, number>, samples: number) {
  return {
    suggestion: null,
    reason: bestTimeReasonText(reasonCode, reasonParams),
    reasonCode,
    reasonParams,
    grid: { samples },
  };
}

// ---------------------------------------------------------------------------
// Channel fit
// ---------------------------------------------------------------------------

/** Ranks networks by measured results, optionally for one objective's or segment's posts. */
export async function channelFit(
  db: Db,
  workspaceId: string,
  options: { objectiveId?: string; segmentId?: string; now: number; days?: number },
) {
  const since = new Date(options.now - (options.days ?? 90) * 86_400_000);
  const rows = await insightsRepository.networkTotals(db, workspaceId, {
    since,
    objectiveId: options.objectiveId,
    segmentId: options.segmentId,
  });
  const conv = new Map(
    (await insightsRepository.networkConversions(db, workspaceId, { since, objectiveId: options.objectiveId })).map((r) => [r.network, r]),
  );
  const networks = rows.map((r) => {
    const engagements = Number(r.likes ?? 0) + Number(r.replies ?? 0) + Number(r.reposts ?? 0) + Number(r.quotes ?? 0);
    const followers = Number(r.followers ?? 0);
    const posts = Number(r.posts);
    return {
      network: r.network,
      posts,
      engagementRateByFollowers: followers > 0 ? Math.round((engagements / followers) * 10_000) / 100 : null,
      amplificationRate: posts ? Math.round((Number(r.reposts ?? 0) / posts) * 100) / 100 : null,
      conversationRate: posts ? Math.round((Number(r.replies ?? 0) / posts) * 100) / 100 : null,
      leads: Number(conv.get(r.network)?.leads ?? 0),
      conversionValue: Number(conv.get(r.network)?.value ?? 0),
    };
  });
  const objectiveKpi = options.objectiveId ? await insightsRepository.objectiveKpi(db, options.objectiveId) : null;
  const byLeads = objectiveKpi !== null && ['leads', 'conversion_value', 'cpl', 'roi'].includes(objectiveKpi);
  const rankedBy = byLeads ? 'leads per post' : 'engagement rate by followers';
  const score = (n: (typeof networks)[number]) => (byLeads ? n.leads / Math.max(1, n.posts) : (n.engagementRateByFollowers ?? -1));
  networks.sort((a, b) => score(b) - score(a));
  return { rankedBy, minPosts: 5, networks: networks.map((n, i) => ({ rank: i + 1, ...n, enoughData: n.posts >= 5 })) };
}

// ---------------------------------------------------------------------------
// Objectives: progress, forecast, off-track evidence and suggestions
// ---------------------------------------------------------------------------

/** Share of an objective's period during which it is not judged yet (see judgingStartsAt). */
export const OBJECTIVE_GRACE_SHARE = 0.2;
/** The longest grace period, whatever the objective's length. */
export const OBJECTIVE_GRACE_MAX_MS = 7 * 86_400_000;

/**
 * When an objective starts being judged: after the first 20 % of its period or 7 days, whichever is
 * shorter. Before that a forecast from a few days (or no posts with metrics yet) says little, and
 * calling a new objective "off track" with weeks to go only teaches people to ignore the status;
 * so it is "too early to judge" and raises no alert. A 30-day objective is judged from day 6, a
 * quarter from day 7, a week-long one from its second day.
 */
export function judgingStartsAt(startMs: number, deadlineMs: number): number {
  return startMs + Math.min(Math.max(0, deadlineMs - startMs) * OBJECTIVE_GRACE_SHARE, OBJECTIVE_GRACE_MAX_MS);
}

/** KPIs whose progress accumulates over time (forecast = extrapolate the total). */
const CUMULATIVE: KpiName[] = ['engagements', 'link_clicks', 'leads', 'conversion_value', 'followers'];

/** Least-squares line through (x, y); slope per unit x. */
export function linearFit(points: Array<{ x: number; y: number }>): { slope: number; intercept: number } {
  const n = points.length;
  if (n === 0) return { slope: 0, intercept: 0 };
  if (n === 1) return { slope: 0, intercept: points[0].y };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Exponentially weighted moving average (alpha weights the newest value). */
export function ewma(values: number[], alpha = 0.3): number | null {
  if (!values.length) return null;
  return values.slice(1).reduce((level, v) => alpha * v + (1 - alpha) * level, values[0]);
}

/** Progress of an objective, its forecast to the deadline and, when off track, the evidence and suggestions. */
export async function objectiveProgress(ctx: AppContext, workspaceId: string, objectiveId: string) {
  const db = ctx.database.db;
  const objective = await insightsRepository.objective(db, workspaceId, objectiveId);
  const now = ctx.clock.now();
  const start = objective.start_at.getTime();
  const deadline = objective.deadline.getTime();
  const end = Math.min(now, deadline);
  const kpi = objective.kpi as KpiName;
  const higherIsBetter = KPI_CATALOG[kpi]?.higherIsBetter ?? true;
  if (end <= start)
    return {
      objective: { id: objective.id, name: objective.name, kpi, target: objective.target, deadline: objective.deadline },
      status: 'not_started',
      judgingFrom: new Date(judgingStartsAt(start, deadline)),
      current: null,
      forecast: null,
      series: [],
      evidence: null,
      suggestions: [],
    };

  const timeZone = await ensureRollupZone(db, workspaceId);
  const brandRange = brandDays({ from: new Date(start), to: new Date(end) }, timeZone);
  const summary = await summarizePeriod(db, workspaceId, { objectiveId }, brandRange);
  const kpiValue = summary.kpis.find((k) => k.name === kpi);
  // The progress series: cumulative for counts, per-day values for rates.
  const days = Math.max(1, Math.ceil((end - start) / 86_400_000));
  const series: Array<{ day: string; value: number }> = [];
  if (CUMULATIVE.includes(kpi)) {
    if (kpi === 'followers') for (const f of summary.followers) series.push({ day: f.day, value: f.followers });
    else {
      let total = objective.baseline;
      for (const p of summary.series) {
        total += kpi === 'engagements' ? p.engagements : 0;
        series.push({ day: p.day, value: total });
      }
      if (kpi !== 'engagements' && kpiValue?.value !== null && kpiValue?.value !== undefined)
        series.push({ day: localDay(end, timeZone), value: objective.baseline + kpiValue.value });
    }
  } else {
    for (const p of summary.series) {
      const value =
        kpi === 'engagement_rate_by_followers' && p.followersAtPost > 0
          ? (p.engagements / p.followersAtPost) * 100
          : kpi === 'engagement_rate_by_reach' && p.reach
            ? (p.engagements / p.reach) * 100
            : kpi === 'engagement_rate_by_impressions' && p.impressions
              ? (p.engagements / p.impressions) * 100
              : kpi === 'amplification_rate' && p.posts
                ? p.reposts / p.posts
                : kpi === 'applause_rate' && p.posts
                  ? p.likes / p.posts
                  : kpi === 'conversation_rate' && p.posts
                    ? p.replies / p.posts
                    : null;
      if (value !== null) series.push({ day: p.day, value: Math.round(value * 1000) / 1000 });
    }
  }

  const current =
    kpiValue?.value === null || kpiValue === undefined
      ? null
      : CUMULATIVE.includes(kpi) && kpi !== 'followers'
        ? objective.baseline + kpiValue.value
        : kpiValue.value;
  let forecast: { linear: number | null; ewma: number | null; method: string; methodEs: string } | null = null;
  if (current !== null) {
    if (CUMULATIVE.includes(kpi)) {
      const points = series.map((s) => ({ x: (startOfLocalDay(s.day, timeZone).getTime() - start) / 86_400_000, y: s.value }));
      const fit = linearFit(points.length ? points : [{ x: days, y: current }]);
      const remainingDays = Math.max(0, (deadline - end) / 86_400_000);
      const dailyIncrements = series.map((s, i) => s.value - (i ? series[i - 1].value : objective.baseline));
      const ewmaRate = ewma(dailyIncrements) ?? current / days;
      forecast = {
        linear: Math.round((current + Math.max(0, fit.slope) * remainingDays) * 100) / 100,
        ewma: Math.round((current + Math.max(0, ewmaRate) * remainingDays) * 100) / 100,
        method:
          'Cumulative KPI: current total + daily pace × days left (linear = least-squares slope of the cumulative series; EWMA = exponentially weighted daily increments, α = 0.3). The status uses the EWMA.',
        methodEs:
          'KPI acumulativo: total actual + ritmo diario × días restantes (lineal = pendiente por mínimos cuadrados de la serie acumulada; EWMA = incrementos diarios con media móvil exponencial, α = 0,3). El estado usa la EWMA.',
      };
    } else {
      const level = ewma(series.map((s) => s.value));
      forecast = {
        linear:
          series.length >= 2
            ? Math.round(
                (linearFit(series.map((s, i) => ({ x: i, y: s.value }))).intercept +
                  linearFit(series.map((s, i) => ({ x: i, y: s.value }))).slope *
                    (series.length - 1 + Math.max(0, (deadline - end) / 86_400_000))) *
                  1000,
              ) / 1000
            : current,
        ewma: level === null ? current : Math.round(level * 1000) / 1000,
        method:
          'Rate KPI: the level expected at the deadline (EWMA of daily values, α = 0.3; linear = trend line extended to the deadline). The status uses the EWMA.',
        methodEs:
          'KPI de tasa: el nivel esperado en la fecha límite (EWMA de los valores diarios, α = 0,3; lineal = línea de tendencia prolongada hasta la fecha límite). El estado usa la EWMA.',
      };
    }
  }
  const expected = forecast?.ewma ?? null;
  const judgingFrom = judgingStartsAt(start, deadline);
  const status =
    now < judgingFrom
      ? 'too_early'
      : current === null
        ? 'not_measurable'
        : expected === null
          ? 'no_data'
          : higherIsBetter
            ? expected >= objective.target
              ? 'on_track'
              : 'off_track'
            : expected <= objective.target
              ? 'on_track'
              : 'off_track';

  let evidence = null;
  const suggestions: Array<{ kind: string; en: string; es: string }> = [];
  if (status === 'off_track') {
    const range = { from: new Date(start), to: new Date(end) };
    const [channels, posts, grid] = await Promise.all([
      channelBreakdown(db, workspaceId, brandRange),
      rankedPosts(db, workspaceId, { objectiveId }, brandRange, 3),
      bestTime(db, workspaceId, { now, minSample: BEST_TIME_MIN_SAMPLE }),
    ]);
    const rated = channels.filter((c) => c.engagementRateByFollowers !== null);
    const mean = rated.length ? rated.reduce((s, c) => s + (c.engagementRateByFollowers ?? 0), 0) / rated.length : null;
    const underperforming = mean === null ? [] : rated.filter((c) => (c.engagementRateByFollowers ?? 0) < mean * 0.8);
    const formats = await formatComparison(db, workspaceId, range);
    const pillars = await pillarComparison(db, workspaceId, range);
    evidence = { channels, underperformingChannels: underperforming, underperformingPosts: posts.bottom, formats, pillars };
    const best = rated.sort((a, b) => (b.engagementRateByFollowers ?? 0) - (a.engagementRateByFollowers ?? 0))[0];
    if (best && underperforming.length)
      suggestions.push({
        kind: 'channel',
        en: `Shift effort from ${underperforming.map((c) => c.name).join(', ')} to ${best.name} (${best.engagementRateByFollowers}% engagement by followers).`,
        es: `Traslada esfuerzo de ${underperforming.map((c) => c.name).join(', ')} a ${best.name} (${best.engagementRateByFollowers} % de interacción por seguidores).`,
      });
    const dayNames = { en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], es: ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'] };
    // Only hours with the grid's own minimum evidence (never a cell the best-time page calls "not enough data").
    const slots = grid.best.filter((c) => c.rate !== null && c.posts >= BEST_TIME_MIN_SAMPLE).slice(0, 3);
    if (slots.length) {
      suggestions.push({
        kind: 'time',
        en: `Post at the best times (${grid.timeZone}): ${slots.map((c) => `${dayNames.en[c.weekday - 1]} ${c.hour}:00`).join(', ')}.`,
        es: `Publica en las mejores horas (${grid.timeZone}): ${slots.map((c) => `${dayNames.es[c.weekday - 1]} ${c.hour}:00`).join(', ')}.`,
      });
    }
    if (formats.withMedia.rate !== null && formats.textOnly.rate !== null && formats.withMedia.rate > formats.textOnly.rate * 1.1)
      suggestions.push({
        kind: 'format',
        en: `Posts with images engage more (${formats.withMedia.rate}% vs ${formats.textOnly.rate}%): add images.`,
        es: `Las publicaciones con imagen interactúan más (${formats.withMedia.rate} % frente a ${formats.textOnly.rate} %): añade imágenes.`,
      });
    else if (formats.withMedia.rate !== null && formats.textOnly.rate !== null && formats.textOnly.rate > formats.withMedia.rate * 1.1)
      suggestions.push({
        kind: 'format',
        en: 'Text-only posts do better here: favour them.',
        es: 'Aquí funcionan mejor las publicaciones solo de texto: priorízalas.',
      });
    if (pillars.length >= 2)
      suggestions.push({
        kind: 'pillar',
        en: `Publish more from the pillar "${pillars[0].name}" (${pillars[0].rate}%), less from "${pillars[pillars.length - 1].name}" (${pillars[pillars.length - 1].rate}%).`,
        es: `Publica más del pilar «${pillars[0].name}» (${pillars[0].rate} %) y menos de «${pillars[pillars.length - 1].name}» (${pillars[pillars.length - 1].rate} %).`,
      });
    if (!suggestions.length)
      suggestions.push({
        kind: 'volume',
        en: 'Publish more often towards this objective, or revise the target.',
        es: 'Publica con más frecuencia para este objetivo o revisa la meta.',
      });
  }
  return {
    objective: {
      id: objective.id,
      name: objective.name,
      kpi,
      kpiLabel: KPI_CATALOG[kpi],
      target: objective.target,
      baseline: objective.baseline,
      startAt: objective.start_at,
      deadline: objective.deadline,
    },
    status,
    judgingFrom: new Date(judgingFrom),
    current,
    reason: kpiValue?.reason ?? null,
    forecast,
    series,
    evidence,
    suggestions,
  };
}

async function formatComparison(db: Db, workspaceId: string, range: { from: Date; to: Date }) {
  const rows = await insightsRepository.formatTotals(db, workspaceId, range);
  const of = (media: boolean) => {
    const r = rows.find((x) => x.has_media === media);
    const followers = Number(r?.followers ?? 0);
    const eng = Number(r?.likes ?? 0) + Number(r?.replies ?? 0) + Number(r?.reposts ?? 0) + Number(r?.quotes ?? 0);
    return { posts: Number(r?.posts ?? 0), rate: followers > 0 ? Math.round((eng / followers) * 10_000) / 100 : null };
  };
  return { withMedia: of(true), textOnly: of(false) };
}

async function pillarComparison(db: Db, workspaceId: string, range: { from: Date; to: Date }) {
  const rows = await insightsRepository.pillarTotals(db, workspaceId, range);
  return rows
    .filter((r) => Number(r.followers) > 0)
    .map((r) => ({
      name: r.name,
      posts: Number(r.posts),
      rate: Math.round(((Number(r.likes) + Number(r.replies) + Number(r.reposts)) / Number(r.followers)) * 10_000) / 100,
    }))
    .sort((a, b) => b.rate - a.rate);
}

/**
 * Re-evaluates every running objective; when one goes off track (or back on
 * track) it stores an alert and records an `objective.off_track` /
 * `objective.on_track` event, which webhooks can subscribe to.
 */
export async function evaluateObjectives(
  ctx: AppContext,
  options: { workspaceId?: string } = {},
): Promise<Array<{ objectiveId: string; status: string; changed: boolean }>> {
  const db = ctx.database.db;
  const now = new Date(ctx.clock.now());
  const objectives = await insightsRepository.runningObjectives(db, now, options.workspaceId);
  const results = [];
  for (const objective of objectives) {
    const progress = await objectiveProgress(ctx, objective.workspace_id, objective.id);
    const changed = progress.status !== objective.status;
    if (changed) {
      await db.transaction().execute(async (trx) => {
        await insightsRepository.setObjectiveStatus(trx, objective.id, progress.status);
        if (progress.status === 'off_track' || (progress.status === 'on_track' && objective.status === 'off_track')) {
          const kind = progress.status;
          const message =
            kind === 'off_track'
              ? `"${objective.name}" is off track: forecast ${progress.forecast?.ewma} vs target ${objective.target}`
              : `"${objective.name}" is back on track`;
          const messageEs =
            kind === 'off_track'
              ? `"${objective.name}" se ha desviado: previsión ${progress.forecast?.ewma} frente a un objetivo de ${objective.target}`
              : `"${objective.name}" vuelve a estar en camino`;
          // The table has one message column; the Spanish text lives in the JSON data (no migration needed).
          const data = {
            messageEs,
            objectiveName: objective.name,
            status: progress.status,
            current: progress.current,
            forecast: progress.forecast,
            target: objective.target,
            suggestions: progress.suggestions,
            underperformingChannels: progress.evidence?.underperformingChannels ?? [],
          };
          await alertsRepository.insert(trx, {
            workspace_id: objective.workspace_id,
            objective_id: objective.id,
            kind,
            message,
            data: JSON.stringify(data),
            created_at: now,
          });
          await recordEvent(trx, {
            workspaceId: objective.workspace_id,
            actorUserId: null,
            type: `objective.${kind}`,
            subjectType: 'objective',
            subjectId: objective.id,
            data: { message, ...data },
          });
        }
      });
    }
    results.push({ objectiveId: objective.id, status: progress.status, changed });
  }
  return results;
}
