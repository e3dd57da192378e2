/**
 * Why a KPI has no value, as a code the web app translates (`analytics.kpiReasons.*`); a KPI's
 * `reason` is one of these or the network's metric reason codes (networks/types.ts), several joined by "; ".
 * The English and Spanish texts are for the CLI and the CSV export.
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
/** The same reasons in Spanish (the web app has its own copy in web/src/i18n, for its bundle). */
export const KPI_REASON_TEXT_ES: Record<keyof typeof KPI_REASON_TEXT, string> = {
  no_posts: 'No hay publicaciones en este periodo',
  no_reach: 'Estas publicaciones no informan del alcance',
  no_impressions: 'Estas publicaciones no informan de las impresiones',
  no_followers_channels: 'Aún no se han recogido los seguidores de estos canales',
  needs_daily_followers: 'Hacen falta los seguidores diarios al inicio del periodo',
  no_followers: 'Aún no se han recogido los seguidores',
  engagers_not_collected: 'Aún no se han recogido las cuentas que interactuaron con estas publicaciones',
  ctr_needs_impressions: 'El CTR necesita impresiones, y estas redes no las informan',
  no_costs: 'No hay costes registrados',
  no_leads: 'Aún no hay contactos',
  share_of_voice_from_listening: 'Lo calcula el módulo de escucha a partir de las menciones de la marca y su competencia',
  net_sentiment_from_listening: 'Lo calcula el módulo de escucha a partir de las menciones (las neutras cuentan en el total)',
  no_mentions: 'No hay menciones en este periodo',
  no_voice_mentions: 'No hay menciones de la marca ni de su competencia en este periodo',
};
export type KpiReasonCode = keyof typeof KPI_REASON_TEXT;
export const KPI_REASON_CODES = Object.keys(KPI_REASON_TEXT) as KpiReasonCode[];

/** A KPI reason (codes joined by "; ") in `language`, for the CLI and CSV; unknown codes stay as they are. */
export function kpiReasonText(reason: string | null, language: 'en' | 'es' = 'en'): string {
  if (!reason) return '';
  const texts: Record<string, string> = language === 'es' ? KPI_REASON_TEXT_ES : KPI_REASON_TEXT;
  return reason
    .split('; ')
    .map((code) => texts[code] ?? code)
    .join('; ');
}
