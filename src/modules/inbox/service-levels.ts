/**
 * Service levels of the inbox (issue 14, part 6): when each waiting conversation is due (its
 * priority's target in business hours, brand zone, daylight saving included), and the service
 * report over a range — first response time, median and mean reply time in calendar and business
 * hours, share answered within target, response rate, volume by type, network, label and
 * sentiment, and per teammate (replies, resolved) — as JSON or CSV.
 */
import type { Db } from '../../db/database.ts';
import { stringifyCsv } from '../../lib/csv.ts';
import { inboxRepository } from './repository.ts';
import { inboxRulesRepository, type AnswerTimes, type PriorityAnswerRow } from './rules-repository.ts';
import { inboxSettings } from './rule-commands.ts';
import { businessOpenings, dueAt, type Targets } from './business-hours.ts';
import { PRIORITIES, type Priority } from './tables.ts';
import { addDays, localDay, startOfLocalDay } from '../../lib/brand-days.ts';

/** What the list shows for a conversation's service level. */
export interface DueInfo {
  dueAt: Date | null;
  overdue: boolean;
}

/** A function giving each conversation's due time, with the workspace's settings loaded once. */
export async function dueCalculator(db: Db, workspaceId: string, now: Date) {
  const settings = await inboxSettings(db, workspaceId);
  return (row: { waiting_since: Date | null; priority: Priority; state: string }): DueInfo => {
    if (!row.waiting_since || row.state === 'resolved') return { dueAt: null, overdue: false };
    const due = dueAt(row.waiting_since, row.priority, settings.targets, settings.businessHours, settings.timeZone);
    return { dueAt: due, overdue: due.getTime() < now.getTime() };
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** The median of sorted numbers (the mean of the two middle ones for an even count), as percentile_cont(0.5). */
function median(sorted: Float64Array): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = (n - 1) / 2;
  const lo = sorted[Math.floor(mid)];
  const hi = sorted[Math.ceil(mid)];
  return lo + (hi - lo) * (mid - Math.floor(mid));
}

const mean = (values: Float64Array) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

/**
 * Reply times of the answers that ended a wait: calendar minutes, business minutes (the business time between the wait's
 * start and the answer: opening intervals found by binary search, summed with each opening's running total), and how
 * many were within their priority's target. Every answer is first counted against the normal target; the answers in
 * conversations of another priority (a part of the same answers) are then counted again against theirs.
 */
function answerStats(
  answers: AnswerTimes,
  priorityAnswers: readonly PriorityAnswerRow[],
  openings: { starts: number[]; ends: number[]; before: number[] },
  targets: Targets,
) {
  const { starts, ends, before } = openings;
  // Business ms from the first opening to t: the openings that started at or before t, the last one cut at t.
  const cumulative = (t: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (starts[m] <= t) lo = m + 1;
      else hi = m;
    }
    if (lo === 0) return 0;
    const k = lo - 1;
    return before[k] + Math.min(Math.max(t - starts[k], 0), ends[k] - starts[k]);
  };
  const businessMinutes = (t0: number, t1: number) => Math.max(0, cumulative(t1) - cumulative(t0)) / 60000;
  const { t0, t1, first } = answers;
  const count = t0.length;
  const cal = new Float64Array(count);
  const bus = new Float64Array(count);
  let firstCount = 0;
  for (let i = 0; i < count; i++) firstCount += first[i];
  const fc = new Float64Array(firstCount);
  const fb = new Float64Array(firstCount);
  let within = 0;
  for (let i = 0, f = 0; i < count; i++) {
    cal[i] = (t1[i] - t0[i]) / 60000;
    bus[i] = businessMinutes(t0[i], t1[i]);
    if (bus[i] <= targets.normal) within++;
    if (first[i]) {
      fc[f] = cal[i];
      fb[f++] = bus[i];
    }
  }
  for (const a of priorityAnswers) {
    const minutes = businessMinutes(a.t0, a.t1);
    within += (minutes <= (targets[a.priority as Priority] ?? targets.normal) ? 1 : 0) - (minutes <= targets.normal ? 1 : 0);
  }
  // Sorted before summing: the same answers give the same means in whatever order they were read.
  for (const a of [cal, bus, fc, fb]) a.sort();
  const means = { cal: mean(cal), bus: mean(bus), fc: mean(fc), fb: mean(fb) };
  return {
    waited: count,
    within,
    cal_median: median(cal),
    cal_mean: means.cal,
    bus_median: median(bus),
    bus_mean: means.bus,
    first_count: fc.length,
    first_cal_median: median(fc),
    first_cal_mean: means.fc,
    first_bus_median: median(fb),
    first_bus_mean: means.fb,
  };
}

/** Answer columns one after the other. */
function concatAnswers(parts: readonly AnswerTimes[]): AnswerTimes {
  if (parts.length === 1) return parts[0];
  const total = parts.reduce((s, p) => s + p.t0.length, 0);
  const out = { t0: new Float64Array(total), t1: new Float64Array(total), first: new Uint8Array(total) };
  let at = 0;
  for (const p of parts) {
    out.t0.set(p.t0, at);
    out.t1.set(p.t1, at);
    out.first.set(p.first, at);
    at += p.t0.length;
  }
  return out;
}

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The answers that ended a wait in a range: its whole UTC days from their packed daily rows (migration 1230), the
 * pieces of days at either end from the items; `raw` reads them all from the items (the tests compare the two).
 */
async function rangeAnswers(db: Db, workspaceId: string, range: { from: Date; to: Date }, raw: boolean): Promise<AnswerTimes> {
  const wholeFrom = Math.ceil(range.from.getTime() / DAY_MS) * DAY_MS;
  const wholeTo = Math.floor(range.to.getTime() / DAY_MS) * DAY_MS;
  if (raw || wholeFrom >= wholeTo) return inboxRulesRepository.answerTimes(db, workspaceId, range);
  const parts = [await inboxRulesRepository.answerTimesOfDays(db, workspaceId, utcDay(wholeFrom), utcDay(wholeTo - DAY_MS))];
  if (range.from.getTime() < wholeFrom)
    parts.push(await inboxRulesRepository.answerTimes(db, workspaceId, { from: range.from, to: new Date(wholeFrom) }));
  if (wholeTo < range.to.getTime())
    parts.push(await inboxRulesRepository.answerTimes(db, workspaceId, { from: new Date(wholeTo), to: range.to }));
  return concatAnswers(parts);
}

/** The counts a service report sums: inbound volume, labels, replies per author, conversations started and answered, resolved. */
interface ReportCounts {
  volume: Array<{ kind: string; network: string; sentiment: string | null; n: number }>;
  labels: Array<{ label: string; n: number }>;
  replies: Array<{ author_user_id: string | null; n: number }>;
  started: number;
  answered: number;
  resolved: Array<{ resolved_by_user_id: string | null; n: number }>;
}

/** The counts of a range read from the items and conversations themselves. */
async function rawCounts(db: Db, workspaceId: string, from: Date, to: Date): Promise<ReportCounts> {
  const started = await inboxRulesRepository.conversationsStarted(db, workspaceId, from, to);
  return {
    volume: (await inboxRulesRepository.inboundVolume(db, workspaceId, from, to)).map((r) => ({ ...r, n: Number(r.n) })),
    labels: (await inboxRulesRepository.inboundByLabel(db, workspaceId, from, to)).map((r) => ({ ...r, n: Number(r.n) })),
    replies: (await inboxRulesRepository.repliesBy(db, workspaceId, from, to)).map((r) => ({ ...r, n: Number(r.n) })),
    started: Number(started.started),
    answered: Number(started.answered),
    resolved: (await inboxRulesRepository.resolvedBy(db, workspaceId, from, to)).map((r) => ({ ...r, n: Number(r.n) })),
  };
}

/** The counts of whole brand days, from the daily rows (migration 1110). */
async function dailyCounts(db: Db, workspaceId: string, firstDay: string, lastDay: string): Promise<ReportCounts> {
  const out: ReportCounts = { volume: [], labels: [], replies: [], started: 0, answered: 0, resolved: [] };
  for (const r of await inboxRulesRepository.reportDays(db, workspaceId, firstDay, lastDay)) {
    const n = Number(r.n);
    if (r.measure === 'inbound') out.volume.push({ kind: r.a, network: r.b, sentiment: r.c || null, n });
    else if (r.measure === 'label') out.labels.push({ label: r.a, n });
    else if (r.measure === 'replies') out.replies.push({ author_user_id: r.a || null, n });
    else if (r.measure === 'started') out.started += n;
    else if (r.measure === 'answered') out.answered += n;
    else if (r.measure === 'resolved') out.resolved.push({ resolved_by_user_id: r.a || null, n });
  }
  return out;
}

/**
 * The counts of a range: its whole brand days from the daily rows, the pieces of days at either end (a range that does
 * not start or end at the brand's midnight) from the items; `raw` reads everything from the items (the tests compare).
 */
async function reportCounts(db: Db, workspaceId: string, range: { from: Date; to: Date }, zone: string, raw: boolean) {
  let firstDay = localDay(range.from, zone);
  if (startOfLocalDay(firstDay, zone).getTime() < range.from.getTime()) firstDay = addDays(firstDay, 1);
  const lastDay = addDays(localDay(range.to, zone), -1);
  if (raw || firstDay > lastDay) return [await rawCounts(db, workspaceId, range.from, range.to)];
  const parts = [await dailyCounts(db, workspaceId, firstDay, lastDay)];
  const wholeFrom = startOfLocalDay(firstDay, zone);
  const wholeTo = startOfLocalDay(addDays(lastDay, 1), zone);
  if (range.from < wholeFrom) parts.push(await rawCounts(db, workspaceId, range.from, wholeFrom));
  if (wholeTo < range.to) parts.push(await rawCounts(db, workspaceId, wholeTo, range.to));
  return parts;
}

/** Sums count rows by a key (in the order of first appearance). */
function sumBy<T>(rows: Iterable<T & { n: number }>, key: (row: T) => string): Map<string, { row: T; n: number }> {
  const out = new Map<string, { row: T; n: number }>();
  for (const row of rows) {
    const k = key(row);
    const seen = out.get(k);
    if (seen) seen.n += row.n;
    else out.set(k, { row, n: row.n });
  }
  return out;
}

/**
 * The service report of a range (instants; the brand's days are turned into them by the caller). Counts come from the
 * daily rows kept by the database (inbox_report_days); reply times from the answers' packed daily rows
 * (inbox_answer_days: their exact instants). `options.raw`: every count and answer from the items and conversations
 * (what the daily rows must equal).
 */
export async function serviceReport(db: Db, workspaceId: string, range: { from: Date; to: Date }, options: { raw?: boolean } = {}) {
  const settings = await inboxSettings(db, workspaceId);
  const zone = settings.timeZone;
  const answers = await rangeAnswers(db, workspaceId, range, options.raw === true);
  const priorityAnswers = await inboxRulesRepository.priorityAnswerTimes(db, workspaceId, range);
  // Business time is counted from up to a year before the range (a wait that began earlier counts from there), and
  // only from the day the oldest wait began: the openings before it change no difference.
  let oldestWait = range.to.getTime();
  for (const t0 of answers.t0) if (t0 < oldestWait) oldestWait = t0;
  const openingsFrom = Math.max(range.from.getTime() - 366 * 86_400_000, Math.min(oldestWait, range.from.getTime()));
  const openings = businessOpenings(new Date(openingsFrom), range.to, settings.businessHours, zone);
  const all = answerStats(answers, priorityAnswers, openings, settings.targets);
  const stat = (count: number, median: number | null, mean: number | null) =>
    count === 0 || median === null || mean === null
      ? { count: 0, median: null, mean: null }
      : { count, median: round(Number(median)), mean: round(Number(mean)) };
  const waitedCount = all.waited;
  const withinTarget = all.within;
  const parts = await reportCounts(db, workspaceId, range, zone, options.raw === true);
  const volume = [
    ...sumBy(
      parts.flatMap((p) => p.volume),
      (r) => JSON.stringify([r.kind, r.network, r.sentiment]),
    ).values(),
  ].map(({ row, n }) => ({ ...row, n }));
  const labels = [
    ...sumBy(
      parts.flatMap((p) => p.labels),
      (r) => r.label,
    ).values(),
  ]
    .map(({ row, n }) => ({ label: row.label, n }))
    .sort((a, b) => b.n - a.n || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, 50);
  const replies = [
    ...sumBy(
      parts.flatMap((p) => p.replies),
      (r) => r.author_user_id ?? '',
    ).values(),
  ];
  const resolved = [
    ...sumBy(
      parts.flatMap((p) => p.resolved),
      (r) => r.resolved_by_user_id ?? '',
    ).values(),
  ];
  const members = await inboxRepository.members(db, workspaceId);
  const sum = (key: 'kind' | 'network' | 'sentiment') => {
    const out = new Map<string, number>();
    for (const row of volume) {
      const k = row[key] ?? 'unknown';
      out.set(k, (out.get(k) ?? 0) + Number(row.n));
    }
    return [...out].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  };
  const people = new Map<string, { userId: string; name: string; replies: number; resolved: number }>();
  const person = (userId: string) => {
    let p = people.get(userId);
    if (!p) {
      p = { userId, name: members.find((m) => m.id === userId)?.name ?? '', replies: 0, resolved: 0 };
      people.set(userId, p);
    }
    return p;
  };
  for (const { row, n } of replies) if (row.author_user_id) person(row.author_user_id).replies += n;
  for (const { row, n } of resolved) if (row.resolved_by_user_id) person(row.resolved_by_user_id).resolved += n;
  const startedCount = parts.reduce((s, p) => s + p.started, 0);
  const answeredCount = parts.reduce((s, p) => s + p.answered, 0);
  return {
    from: range.from,
    to: range.to,
    timeZone: zone,
    targets: settings.targets,
    firstResponse: {
      calendar: stat(all.first_count ?? 0, all.first_cal_median ?? null, all.first_cal_mean ?? null),
      business: stat(all.first_count ?? 0, all.first_bus_median ?? null, all.first_bus_mean ?? null),
    },
    replyTime: {
      calendar: stat(waitedCount, all.cal_median ?? null, all.cal_mean ?? null),
      business: stat(waitedCount, all.bus_median ?? null, all.bus_mean ?? null),
    },
    withinTarget: {
      answered: waitedCount,
      within: withinTarget,
      share: waitedCount ? round((withinTarget / waitedCount) * 100) : null,
    },
    responseRate: {
      conversations: startedCount,
      answered: answeredCount,
      share: startedCount ? round((answeredCount / startedCount) * 100) : null,
    },
    inbound: volume.reduce((s, r) => s + Number(r.n), 0),
    replies: replies.reduce((s, r) => s + r.n, 0),
    volume: {
      byKind: sum('kind'),
      byNetwork: sum('network'),
      bySentiment: sum('sentiment'),
      byLabel: labels.map((l) => ({ key: l.label, count: l.n })),
    },
    perTeammate: [...people.values()].sort((a, b) => b.replies + b.resolved - (a.replies + a.resolved)),
  };
}

export type ServiceReport = Awaited<ReturnType<typeof serviceReport>>;

/** The report as CSV: one section per table (metric, value), UTF-8, cells defused against formulas. */
export function serviceReportCsv(report: ServiceReport): string {
  const rows: unknown[][] = [['section', 'key', 'value']];
  const add = (section: string, key: string, value: unknown) => rows.push([section, key, value ?? '']);
  add('range', 'from', report.from.toISOString());
  add('range', 'to', report.to.toISOString());
  add('range', 'time_zone', report.timeZone);
  for (const p of PRIORITIES) add('target_minutes', p, report.targets[p]);
  for (const kind of ['calendar', 'business'] as const) {
    add('first_response_minutes', `${kind}_median`, report.firstResponse[kind].median);
    add('first_response_minutes', `${kind}_mean`, report.firstResponse[kind].mean);
    add('reply_minutes', `${kind}_median`, report.replyTime[kind].median);
    add('reply_minutes', `${kind}_mean`, report.replyTime[kind].mean);
  }
  add('within_target', 'answered', report.withinTarget.answered);
  add('within_target', 'within', report.withinTarget.within);
  add('within_target', 'share_percent', report.withinTarget.share);
  add('response_rate', 'conversations', report.responseRate.conversations);
  add('response_rate', 'answered', report.responseRate.answered);
  add('response_rate', 'share_percent', report.responseRate.share);
  add('volume', 'inbound', report.inbound);
  add('volume', 'replies', report.replies);
  for (const v of report.volume.byKind) add('volume_by_type', v.key, v.count);
  for (const v of report.volume.byNetwork) add('volume_by_network', v.key, v.count);
  for (const v of report.volume.bySentiment) add('volume_by_sentiment', v.key, v.count);
  for (const v of report.volume.byLabel) add('volume_by_label', v.key, v.count);
  for (const p of report.perTeammate) {
    add('teammate_replies', p.name || p.userId, p.replies);
    add('teammate_resolved', p.name || p.userId, p.resolved);
  }
  return stringifyCsv(rows);
}
