/**
 * Why the best-time suggestion has no hour to offer, as a code (+ params) the web app translates
 * (`bestTimeReasons.<code>`) and the CLI prints in the user's language. Import-free on purpose: the
 * CLI loads it at top level.
 */
type Params = Record<string, string | number>;

export const BEST_TIME_REASON_TEXT = {
  not_enough_posts: {
    en: (p: Params) => `Not enough posts yet: each hour needs at least ${p.minSample} posts with a 24 h snapshot`,
    es: (p: Params) =>
      `Aún no hay publicaciones suficientes: cada hora necesita al menos ${p.minSample} publicaciones con medición a las 24 h`,
  },
  no_best_cell: {
    en: () => 'None of the best hours falls in the next week',
    es: () => 'Ninguna de las mejores horas cae en la próxima semana',
  },
} as const;

export type BestTimeReasonCode = keyof typeof BEST_TIME_REASON_TEXT;
export const BEST_TIME_REASON_CODES = Object.keys(BEST_TIME_REASON_TEXT) as BestTimeReasonCode[];

/** A best-time reason in `language`; an unknown code stays as it is. */
export function bestTimeReasonText(code: string, params: Params = {}, language: 'en' | 'es' = 'en'): string {
  const texts = (BEST_TIME_REASON_TEXT as Record<string, { en: (p: Params) => string; es: (p: Params) => string }>)[code];
  return texts ? texts[language](params) : code;
}
