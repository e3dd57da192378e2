/**
 * Metric reason codes shared by every network: reading stored reasons back as codes, and the
 * table of what each network reports (built from the adapters, never kept by hand elsewhere).
 */
import {
  METRIC_REASON_CODES,
  POST_METRIC_NAMES,
  type MetricReasonCode,
  type MetricsSupport,
  type MissingMetrics,
  type NetworkAdapter,
  type PostMetricName,
} from './types.ts';

/** True for a reason code the web app knows how to translate. */
export function isMetricReasonCode(value: unknown): value is MetricReasonCode {
  return typeof value === 'string' && (METRIC_REASON_CODES as readonly string[]).includes(value);
}

/**
 * Reasons stored before they were codes (English sentences in older metric snapshots),
 * read back as codes so the API answers codes only.
 */
function legacyReasonCode(text: string): MetricReasonCode {
  if (/link clicks/i.test(text)) return 'use_tracked_links';
  if (/4\.5 or later|server does not report/i.test(text)) return 'needs_newer_server';
  if (/permission|scope/i.test(text)) return 'needs_permission';
  return 'not_provided_by_network';
}

/** A stored `missing` map (codes, or English from older snapshots) as reason codes; unknown metrics are dropped. */
export function missingMetricCodes(stored: Record<string, unknown> | null | undefined): MissingMetrics {
  const result: MissingMetrics = {};
  for (const [metric, reason] of Object.entries(stored ?? {})) {
    if (!(POST_METRIC_NAMES as readonly string[]).includes(metric) || typeof reason !== 'string') continue;
    result[metric as PostMetricName] = isMetricReasonCode(reason) ? reason : legacyReasonCode(reason);
  }
  return result;
}

/** What each network reports and why the rest is missing, by network name (from the adapters' declarations). */
export function metricsSupportByNetwork(adapters: NetworkAdapter[]): Record<string, MetricsSupport> {
  return Object.fromEntries(
    adapters.map((adapter) => [adapter.name, { reported: [...adapter.metrics.reported], missing: { ...adapter.metrics.missing } }]),
  );
}

/**
 * Why a publication has no saves or views (the counts beyond the core ones): networks that do not
 * report them say so; a network that does, but left one out for this post, says it is not available.
 * No `counts` (not measured yet): only what the network never reports.
 */
export function extraMetricReasons(
  support: MetricsSupport | undefined,
  counts: { saves: number | null; views: number | null } | undefined,
): Partial<Record<'saves' | 'views', MetricReasonCode>> {
  const reasons: Partial<Record<'saves' | 'views', MetricReasonCode>> = {};
  for (const name of ['saves', 'views'] as const) {
    if (counts && counts[name] !== null) continue;
    const declared = support?.extra?.includes(name) ?? false;
    if (!declared) reasons[name] = 'not_provided_by_network';
    else if (counts) reasons[name] = 'not_available_for_account';
  }
  return reasons;
}
