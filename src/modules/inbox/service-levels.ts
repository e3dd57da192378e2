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
import { inboxRulesRepository } from './rules-repository.ts';
import { inboxSettings } from './rule-commands.ts';
import { businessOpenings, dueAt } from './business-hours.ts';
import { PRIORITIES, type Priority } from './tables.ts';

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

/** The service report of a range (instants; the brand's days are turned into them by the caller). */
export async function serviceReport(db: Db, workspaceId: string, range: { from: Date; to: Date }) {
  const settings = await inboxSettings(db, workspaceId);
  const zone = settings.timeZone;
  // Business time is counted from up to a year before the range (a wait that began earlier counts from there).
  const openings = businessOpenings(new Date(range.from.getTime() - 366 * 86_400_000), range.to, settings.businessHours, zone);
  const answerRows = await inboxRulesRepository.answerStats(db, workspaceId, range, openings, settings.targets);
  const all = answerRows.find((r) => r.total) ?? null;
  const stat = (count: number, median: number | null, mean: number | null) =>
    count === 0 || median === null || mean === null
      ? { count: 0, median: null, mean: null }
      : { count, median: round(Number(median)), mean: round(Number(mean)) };
  const waitedCount = all?.waited ?? 0;
  const withinTarget = all?.within ?? 0;
  const started = await inboxRulesRepository.conversationsStarted(db, workspaceId, range.from, range.to);
  const volume = await inboxRulesRepository.inboundVolume(db, workspaceId, range.from, range.to);
  const labels = await inboxRulesRepository.inboundByLabel(db, workspaceId, range.from, range.to);
  const resolved = await inboxRulesRepository.resolvedBy(db, workspaceId, range.from, range.to);
  const members = await inboxRepository.members(db, workspaceId);
  const sum = (key: 'kind' | 'network' | 'sentiment') => {
    const out = new Map<string, number>();
    for (const row of volume) {
      const k = row[key] ?? 'unknown';
      out.set(k, (out.get(k) ?? 0) + Number(row.n));
    }
    return [...out].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count);
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
  for (const a of answerRows) if (!a.total && a.author_user_id) person(a.author_user_id).replies += a.replies;
  for (const r of resolved) if (r.resolved_by_user_id) person(r.resolved_by_user_id).resolved += Number(r.n);
  const startedCount = Number(started.started);
  const answeredCount = Number(started.answered);
  return {
    from: range.from,
    to: range.to,
    timeZone: zone,
    targets: settings.targets,
    firstResponse: {
      calendar: stat(all?.first_count ?? 0, all?.first_cal_median ?? null, all?.first_cal_mean ?? null),
      business: stat(all?.first_count ?? 0, all?.first_bus_median ?? null, all?.first_bus_mean ?? null),
    },
    replyTime: {
      calendar: stat(waitedCount, all?.cal_median ?? null, all?.cal_mean ?? null),
      business: stat(waitedCount, all?.bus_median ?? null, all?.bus_mean ?? null),
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
    replies: all?.replies ?? 0,
    volume: {
      byKind: sum('kind'),
      byNetwork: sum('network'),
      bySentiment: sum('sentiment'),
      byLabel: labels.map((l) => ({ key: l.label, count: Number(l.n) })),
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
