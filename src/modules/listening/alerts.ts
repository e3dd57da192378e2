/**
 * Reputation alerts: a spike of negative mentions (per brand query, and across the
 * workspace) far above its own baseline, found with the core's burst detector over
 * closed windows. Each alert is stored once per (scope, window) and recorded as the
 * event `listening.reputation_alert` with the mention ids, in the same transaction, so
 * the audit log, live activity and webhooks carry it.
 */
import type { AppContext } from '../../server/context.ts';
import { recordEvent } from '../events/events.ts';
import { createBurstDetector } from './core/index.ts';
import { alertRepository } from './repository/alerts.ts';
import { queryRepository } from './repository/queries.ts';

/** Event type recorded for each reputation alert. */
export const REPUTATION_ALERT_EVENT = 'listening.reputation_alert';

/** Options of {@link checkReputationAlerts}. */
export interface ReputationAlertOptions {
  /** Window length (default 15 minutes). */
  windowMs?: number;
  /** Baseline windows before the one checked (default 48 = 12 hours). */
  history?: number;
  /** z-score threshold (default 4) and fewest negative mentions (default 5) for an alert. */
  threshold?: number;
  minCount?: number;
}

/** A workspace's alert settings as the API shows them. */
export interface AlertSettings {
  enabled: boolean;
  windowMinutes: number;
  historyWindows: number;
  threshold: number;
  minCount: number;
  /** Addresses that get an e-mail per alert (needs the workspace's SMTP settings). */
  notifyEmails: string[];
  updatedAt: string | null;
}

/** What a workspace without stored settings gets (also the table's column defaults). */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  enabled: true,
  windowMinutes: 15,
  historyWindows: 48,
  threshold: 4,
  minCount: 5,
  notifyEmails: [],
  updatedAt: null,
};

/** The workspace's stored alert settings, or the defaults. */
export async function loadAlertSettings(ctx: AppContext, workspaceId: string): Promise<AlertSettings> {
  const row = await alertRepository.settings(ctx.database.db, workspaceId);
  if (!row) return { ...DEFAULT_ALERT_SETTINGS };
  return {
    enabled: row.enabled,
    windowMinutes: row.window_minutes,
    historyWindows: row.history_windows,
    threshold: Number(row.z_threshold),
    minCount: row.min_count,
    notifyEmails: row.notify_emails,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** A new alert. */
export interface NewReputationAlert {
  id: string;
  eventId: string;
  workspaceId: string;
  scope: string;
  count: number;
  expected: number;
  z: number;
  mentionIds: string[];
}

/**
 * Checks the last closed window of a workspace for negative spikes; returns the alerts it created.
 * The workspace's stored settings apply; `options` (tests, benchmarks) override them.
 */
export async function checkReputationAlerts(
  ctx: AppContext,
  workspaceId: string,
  options: ReputationAlertOptions = {},
): Promise<NewReputationAlert[]> {
  const settings = await loadAlertSettings(ctx, workspaceId);
  if (!settings.enabled) return [];
  const windowMs = options.windowMs ?? settings.windowMinutes * 60_000;
  const history = options.history ?? settings.historyWindows;
  const end = Math.floor(ctx.clock.now() / windowMs) * windowMs;
  const start = end - (history + 1) * windowMs;
  const db = ctx.database.db;
  const brandQueries = await queryRepository.brand(db, workspaceId);
  const rows = await alertRepository.negativeMentionsInRange(db, workspaceId, new Date(start), new Date(end));
  const brandIds = new Set(brandQueries.map((q) => q.id));
  // window index → scope → mention ids
  const windows: Array<Map<string, Set<string>>> = Array.from({ length: history + 1 }, () => new Map());
  const scopes = new Set<string>(['workspace', ...brandQueries.map((q) => `query:${q.id}`)]);
  for (const row of rows) {
    const index = Math.floor((new Date(row.published_at).getTime() - start) / windowMs);
    if (index < 0 || index > history) continue;
    const add = (scope: string) => {
      const set = windows[index].get(scope) ?? new Set<string>();
      set.add(row.id);
      windows[index].set(scope, set);
    };
    add('workspace');
    if (row.query_id && brandIds.has(row.query_id)) add(`query:${row.query_id}`);
  }
  const detector = createBurstDetector({
    threshold: options.threshold ?? settings.threshold,
    minCount: options.minCount ?? settings.minCount,
    warmupWindows: Math.min(12, history),
  });
  let bursts: ReturnType<typeof detector.closeWindow> = [];
  for (const counts of windows) {
    for (const scope of scopes) detector.add(scope, counts.get(scope)?.size ?? 0);
    bursts = detector.closeWindow();
  }
  const created: NewReputationAlert[] = [];
  const last = windows[history];
  for (const burst of bursts) {
    const mentionIds = [...(last.get(burst.key) ?? [])].slice(0, 200);
    const queryId = burst.key.startsWith('query:') ? burst.key.slice(6) : null;
    const alert = await db.transaction().execute(async (trx) => {
      const row = await alertRepository.insertOnce(trx, {
        workspaceId,
        queryId,
        scope: burst.key,
        windowStart: new Date(end - windowMs),
        windowEnd: new Date(end),
        count: burst.count,
        expected: burst.expected,
        z: burst.z,
        mentionIds,
      });
      if (!row) return null;
      const eventId = await recordEvent(trx, {
        workspaceId,
        actorUserId: null,
        type: REPUTATION_ALERT_EVENT,
        subjectType: 'listening_alert',
        subjectId: row.id,
        data: {
          scope: burst.key,
          queryId,
          queryName: brandQueries.find((q) => q.id === queryId)?.name ?? null,
          count: burst.count,
          expected: burst.expected,
          z: burst.z,
          windowStart: new Date(end - windowMs).toISOString(),
          windowEnd: new Date(end).toISOString(),
          mentionIds,
        },
      });
      await alertRepository.setEvent(trx, row.id, eventId);
      return { id: row.id, eventId };
    });
    if (alert)
      created.push({ ...alert, workspaceId, scope: burst.key, count: burst.count, expected: burst.expected, z: burst.z, mentionIds });
  }
  return created;
}
