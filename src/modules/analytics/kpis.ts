/**
 * The metric formulas of PRODUCT.md, each with its variant named. A KPI is
 * computed only when its inputs exist; otherwise it carries the reason.
 */
import type { KpiReasonCode } from '../../lib/kpi-reasons.ts';

/** Every KPI an objective can track. */
export const KPI_NAMES = [
  'engagement_rate_by_reach',
  'engagement_rate_by_impressions',
  'engagement_rate_by_followers',
  'engagements',
  'amplification_rate',
  'amplification_rate_per_1000_followers',
  'applause_rate',
  'conversation_rate',
  'follower_growth_rate',
  'followers',
  'interested_followers',
  'link_clicks',
  'ctr',
  'leads',
  'conversion_value',
  'cpl',
  'roi',
  'share_of_voice',
  'net_sentiment',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

/** Human names and formulas, in English and Spanish, for the UI and reports. */
export const KPI_CATALOG: Record<
  KpiName,
  { en: string; es: string; formula: string; formulaEs: string; unit: '%' | 'count' | 'per_post' | 'money'; higherIsBetter: boolean }
> = {
  engagement_rate_by_reach: {
    en: 'Engagement rate (by reach)',
    es: 'Tasa de interacción (por alcance)',
    formula: 'engagements / reach × 100',
    formulaEs: 'interacciones / alcance × 100',
    unit: '%',
    higherIsBetter: true,
  },
  engagement_rate_by_impressions: {
    en: 'Engagement rate (by impressions)',
    es: 'Tasa de interacción (por impresiones)',
    formula: 'engagements / impressions × 100',
    formulaEs: 'interacciones / impresiones × 100',
    unit: '%',
    higherIsBetter: true,
  },
  engagement_rate_by_followers: {
    en: 'Engagement rate (by followers)',
    es: 'Tasa de interacción (por seguidores)',
    formula: 'engagements / followers × 100 (followers when each post went out)',
    formulaEs: 'interacciones / seguidores × 100 (seguidores en el momento de cada publicación)',
    unit: '%',
    higherIsBetter: true,
  },
  engagements: {
    en: 'Engagements',
    es: 'Interacciones',
    formula: 'likes + replies + reposts + quotes (+ clicks where known)',
    formulaEs: 'me gusta + respuestas + republicaciones + citas (+ clics cuando se conocen)',
    unit: 'count',
    higherIsBetter: true,
  },
  amplification_rate: {
    en: 'Amplification rate (per post)',
    es: 'Tasa de amplificación (por publicación)',
    formula: 'reposts / posts',
    formulaEs: 'republicaciones / publicaciones',
    unit: 'per_post',
    higherIsBetter: true,
  },
  amplification_rate_per_1000_followers: {
    en: 'Amplification rate (per 1,000 followers)',
    es: 'Tasa de amplificación (por 1.000 seguidores)',
    formula: 'reposts per post / followers × 1000',
    formulaEs: 'republicaciones por publicación / seguidores × 1000',
    unit: 'per_post',
    higherIsBetter: true,
  },
  applause_rate: {
    en: 'Applause rate',
    es: 'Tasa de aplauso',
    formula: 'likes / posts',
    formulaEs: 'me gusta / publicaciones',
    unit: 'per_post',
    higherIsBetter: true,
  },
  conversation_rate: {
    en: 'Conversation rate',
    es: 'Tasa de conversación',
    formula: 'replies / posts',
    formulaEs: 'respuestas / publicaciones',
    unit: 'per_post',
    higherIsBetter: true,
  },
  follower_growth_rate: {
    en: 'Follower growth rate',
    es: 'Crecimiento de seguidores',
    formula: '(gained − lost) / followers at period start × 100',
    formulaEs: '(ganados − perdidos) / seguidores al inicio del periodo × 100',
    unit: '%',
    higherIsBetter: true,
  },
  followers: {
    en: 'Followers',
    es: 'Seguidores',
    formula: 'followers at the end of the period (all channels)',
    formulaEs: 'seguidores al final del periodo (todos los canales)',
    unit: 'count',
    higherIsBetter: true,
  },
  interested_followers: {
    en: 'Genuinely interested followers',
    es: 'Seguidores realmente interesados',
    formula: 'distinct followers who liked, reposted, quoted or replied to the period’s posts / followers at period end × 100',
    formulaEs:
      'seguidores distintos que dieron me gusta, republicaron, citaron o respondieron a las publicaciones del periodo / seguidores al final del periodo × 100',
    unit: '%',
    higherIsBetter: true,
  },
  link_clicks: {
    en: 'Tracked link clicks',
    es: 'Clics en enlaces',
    formula: 'human clicks on Plaza short links',
    formulaEs: 'clics humanos en los enlaces cortos de Plaza',
    unit: 'count',
    higherIsBetter: true,
  },
  ctr: {
    en: 'Click-through rate',
    es: 'CTR',
    formula: 'link clicks / impressions × 100',
    formulaEs: 'clics en enlaces / impresiones × 100',
    unit: '%',
    higherIsBetter: true,
  },
  leads: {
    en: 'Leads (conversions)',
    es: 'Leads (conversiones)',
    formula: 'conversions attributed',
    formulaEs: 'conversiones atribuidas',
    unit: 'count',
    higherIsBetter: true,
  },
  conversion_value: {
    en: 'Conversion value',
    es: 'Valor de conversiones',
    formula: 'sum of conversion values',
    formulaEs: 'suma de los valores de las conversiones',
    unit: 'money',
    higherIsBetter: true,
  },
  cpl: {
    en: 'Cost per lead',
    es: 'Coste por lead',
    formula: 'cost / leads',
    formulaEs: 'coste / leads',
    unit: 'money',
    higherIsBetter: false,
  },
  roi: {
    en: 'ROI',
    es: 'ROI',
    formula: '(value − cost) / cost × 100',
    formulaEs: '(valor − coste) / coste × 100',
    unit: '%',
    higherIsBetter: true,
  },
  share_of_voice: {
    en: 'Share of voice',
    es: 'Cuota de voz',
    formula: 'brand mentions / (brand + competitors’ mentions) × 100',
    formulaEs: 'menciones de la marca / (menciones de la marca + de la competencia) × 100',
    unit: '%',
    higherIsBetter: true,
  },
  net_sentiment: {
    en: 'Net sentiment',
    es: 'Sentimiento neto',
    formula: '(positive − negative) / all mentions × 100, neutral included',
    formulaEs: '(positivas − negativas) / todas las menciones × 100, neutras incluidas',
    unit: '%',
    higherIsBetter: true,
  },
};

/** Totals a KPI is computed from; null where no network in scope reports the input. */
export interface KpiInputs {
  posts: number;
  likes: number;
  replies: number;
  reposts: number;
  quotes: number;
  /** Network-reported link clicks (sandbox); null when no post's network reports them. */
  networkClicks: number | null;
  impressions: number | null;
  reach: number | null;
  /** Sum over posts of the channel's followers when the post went out. */
  followersAtPost: number | null;
  followersStart: number | null;
  followersEnd: number | null;
  followersGained: number | null;
  followersLost: number | null;
  linkClicks: number;
  leads: number;
  conversionValue: number;
  cost: number;
  /**
   * Distinct accounts that engaged with the period's posts and follow the channel
   * (salted hashes, see engagers.ts); null or absent when not collected, with the
   * reason in `missing.engagers` when known.
   */
  engagedFollowers?: number | null;
  /**
   * Share of voice and net sentiment of the period's mentions (mention-kpis.ts, the listening
   * dashboard's own numbers); absent where mentions do not belong to the scope (a channel, a campaign).
   */
  mentions?: { shareOfVoice: number | null; netSentiment: number | null };
  /** Reasons inputs are missing, by input name (from the adapters' PostMetrics.missing). */
  missing: Record<string, string>;
}

/** One computed KPI: a value, or null with the reason (a code, see {@link KPI_REASON_TEXT}). */
export interface KpiValue {
  name: KpiName;
  label: { en: string; es: string };
  formula: string;
  /** The same formula in Spanish. */
  formulaEs: string;
  value: number | null;
  reason: string | null;
}

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Engagements = likes + replies + reposts + quotes (+ network-reported clicks where known). */
export function engagementsOf(inputs: Pick<KpiInputs, 'likes' | 'replies' | 'reposts' | 'quotes' | 'networkClicks'>): number {
  return inputs.likes + inputs.replies + inputs.reposts + inputs.quotes + (inputs.networkClicks ?? 0);
}

/** Computes every KPI from the inputs, or says why it cannot. */
export function computeKpis(inputs: KpiInputs): KpiValue[] {
  const engagements = engagementsOf(inputs);
  const noPosts = inputs.posts === 0 ? 'no_posts' : null;
  const missingReason = (input: string, fallback: KpiReasonCode) => inputs.missing[input] ?? fallback;
  const results: Record<KpiName, { value: number | null; reason: string | null }> = {
    engagements: noPosts ? { value: null, reason: noPosts } : { value: engagements, reason: null },
    engagement_rate_by_reach: noPosts
      ? { value: null, reason: noPosts }
      : inputs.reach && inputs.reach > 0
        ? { value: round((engagements / inputs.reach) * 100), reason: null }
        : { value: null, reason: missingReason('reach', 'no_reach') },
    engagement_rate_by_impressions: noPosts
      ? { value: null, reason: noPosts }
      : inputs.impressions && inputs.impressions > 0
        ? { value: round((engagements / inputs.impressions) * 100), reason: null }
        : { value: null, reason: missingReason('impressions', 'no_impressions') },
    engagement_rate_by_followers: noPosts
      ? { value: null, reason: noPosts }
      : inputs.followersAtPost && inputs.followersAtPost > 0
        ? { value: round((engagements / inputs.followersAtPost) * 100), reason: null }
        : { value: null, reason: 'no_followers_channels' },
    amplification_rate: noPosts ? { value: null, reason: noPosts } : { value: round(inputs.reposts / inputs.posts), reason: null },
    amplification_rate_per_1000_followers: noPosts
      ? { value: null, reason: noPosts }
      : inputs.followersAtPost && inputs.followersAtPost > 0
        ? { value: round((inputs.reposts / inputs.followersAtPost) * 1000, 3), reason: null }
        : { value: null, reason: 'no_followers_channels' },
    applause_rate: noPosts ? { value: null, reason: noPosts } : { value: round(inputs.likes / inputs.posts), reason: null },
    conversation_rate: noPosts ? { value: null, reason: noPosts } : { value: round(inputs.replies / inputs.posts), reason: null },
    follower_growth_rate:
      inputs.followersStart && inputs.followersStart > 0 && inputs.followersGained !== null && inputs.followersLost !== null
        ? { value: round(((inputs.followersGained - inputs.followersLost) / inputs.followersStart) * 100), reason: null }
        : { value: null, reason: 'needs_daily_followers' },
    followers: inputs.followersEnd !== null ? { value: inputs.followersEnd, reason: null } : { value: null, reason: 'no_followers' },
    interested_followers: noPosts
      ? { value: null, reason: noPosts }
      : inputs.engagedFollowers === null || inputs.engagedFollowers === undefined
        ? { value: null, reason: missingReason('engagers', 'engagers_not_collected') }
        : inputs.followersEnd && inputs.followersEnd > 0
          ? { value: round((inputs.engagedFollowers / inputs.followersEnd) * 100), reason: null }
          : { value: null, reason: 'no_followers' },
    link_clicks: { value: inputs.linkClicks, reason: null },
    ctr:
      inputs.impressions && inputs.impressions > 0
        ? { value: round((inputs.linkClicks / inputs.impressions) * 100), reason: null }
        : { value: null, reason: missingReason('impressions', 'ctr_needs_impressions') },
    leads: { value: inputs.leads, reason: null },
    conversion_value: { value: round(inputs.conversionValue), reason: null },
    cpl:
      inputs.cost <= 0
        ? { value: null, reason: 'no_costs' }
        : inputs.leads > 0
          ? { value: round(inputs.cost / inputs.leads), reason: null }
          : { value: null, reason: 'no_leads' },
    roi:
      inputs.cost > 0
        ? { value: round(((inputs.conversionValue - inputs.cost) / inputs.cost) * 100), reason: null }
        : { value: null, reason: 'no_costs' },
    share_of_voice: !inputs.mentions
      ? { value: null, reason: 'share_of_voice_from_listening' }
      : inputs.mentions.shareOfVoice === null
        ? { value: null, reason: 'no_voice_mentions' }
        : { value: inputs.mentions.shareOfVoice, reason: null },
    net_sentiment: !inputs.mentions
      ? { value: null, reason: 'net_sentiment_from_listening' }
      : inputs.mentions.netSentiment === null
        ? { value: null, reason: 'no_mentions' }
        : { value: inputs.mentions.netSentiment, reason: null },
  };
  return KPI_NAMES.map((name) => ({
    name,
    label: { en: KPI_CATALOG[name].en, es: KPI_CATALOG[name].es },
    formula: KPI_CATALOG[name].formula,
    formulaEs: KPI_CATALOG[name].formulaEs,
    ...results[name],
  }));
}
