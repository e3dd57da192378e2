/**
 * Why a KPI has no value, as a code the web app translates (`analytics.kpiReasons.*`); a KPI's
 * `reason` is one of these or the network's metric reason codes (networks/types.ts), several joined by "; ".
 * The English text is for the CLI and the CSV export.
 */
export const KPI_REASON_TEXT = {
  no_posts: 'No published posts in this period',
  no_reach: 'No reach reported for these posts',
  no_impressions: 'No impressions reported for these posts',
  no_followers_channels: 'Follower counts not collected yet for these channels',
  needs_daily_followers: 'Needs daily follower counts at the start of the period',
  no_followers: 'Follower counts not collected yet',
  engagers_not_collected: 'Engaging accounts have not been collected for these posts yet',
  ctr_needs_impressions: 'CTR needs impressions, which these networks do not report',
  no_costs: 'No costs recorded',
  no_leads: 'No leads yet',
  share_of_voice_from_listening: 'Computed by the listening module from mentions of the brand and its competitors',
  net_sentiment_from_listening: 'Computed by the listening module from mentions (neutral mentions included in the total)',
  no_mentions: 'No mentions in this period',
  no_voice_mentions: 'No brand or competitor mentions in this period',
} as const;
export type KpiReasonCode = keyof typeof KPI_REASON_TEXT;
export const KPI_REASON_CODES = Object.keys(KPI_REASON_TEXT) as KpiReasonCode[];

/** A KPI reason (codes joined by "; ") in English, for the CLI and CSV; unknown codes stay as they are. */
export function kpiReasonText(reason: string | null): string {
  if (!reason) return '';
  return reason
    .split('; ')
    .map((code) => (KPI_REASON_TEXT as Record<string, string>)[code] ?? code)
    .join('; ');
}
