/**
 * Hashtag suggestions from the brand's own data (pure: no database, no clock). Two sources:
 * - its own best-performing posts: hashtags of its measured publications ranked by their engagement
 *   rate by followers in the first 24 h (analytics' definition), against the brand's overall mean;
 * - listening's current trends: hashtags in mentions matched by its queries, counted over the last
 *   day against the daily average of the days before (growth).
 */

/** A hashtag as written (#Café) and its key (cafe): case and accents folded, so variants count together. */
export interface Hashtag {
  key: string;
  written: string;
}

const HASHTAG = /(^|[^\p{L}\p{N}_&#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;

/** Folds a tag for counting: lower case, accents removed (ñ kept apart from n). */
export function hashtagKey(tag: string): string {
  return tag
    .replace(/^#/, '')
    .toLowerCase()
    .replace(/ñ/g, '\u0000')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\u0000/g, 'ñ');
}

/** Keys of spellings already folded (suggestions fold the same few hundred tags tens of thousands of times). */
const keyCache = new Map<string, string>();
function cachedKey(written: string): string {
  let key = keyCache.get(written);
  if (key === undefined) {
    if (keyCache.size >= 50_000) keyCache.clear();
    key = hashtagKey(written);
    keyCache.set(written, key);
  }
  return key;
}

/** The hashtags a text carries, each once (first spelling kept), in order. URL fragments (#section) are not hashtags. */
export function extractHashtags(text: string): Hashtag[] {
  if (!text.includes('#')) return [];
  const seen = new Map<string, Hashtag>();
  const withoutUrls = text.includes('://') ? text.replace(/\bhttps?:\/\/\S+/giu, ' ') : text;
  for (const match of withoutUrls.matchAll(HASHTAG)) {
    const written = match[2].slice(0, 100);
    const key = cachedKey(written);
    if (!seen.has(key)) seen.set(key, { key, written: `#${written}` });
  }
  return [...seen.values()];
}

/** Most frequent spelling per key. */
function spellings() {
  const counts = new Map<string, Map<string, number>>();
  return {
    add(tag: Hashtag) {
      const own = counts.get(tag.key) ?? new Map<string, number>();
      own.set(tag.written, (own.get(tag.written) ?? 0) + 1);
      counts.set(tag.key, own);
    },
    of(key: string): string {
      const own = [...(counts.get(key)?.entries() ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      return own[0]?.[0] ?? `#${key}`;
    },
  };
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The prior (in posts) that pulls a hashtag's mean towards the brand's mean before ranking. */
export const OWN_POSTS_PRIOR = 3;

export interface MeasuredPublication {
  text: string;
  engagements24h: number;
  followersAtPost: number;
}

export interface OwnPostSuggestion {
  tag: string;
  key: string;
  /** Publications that used it. */
  posts: number;
  /** Their mean engagement rate by followers in the first 24 h (%). */
  engagementRate: number;
  /** The brand's mean over all measured publications (%), the yardstick. */
  baselineRate: number;
  /** engagementRate / baselineRate (1 = as usual); null when the baseline is 0. */
  lift: number | null;
}

/**
 * Hashtags of the brand's own measured publications, best first: each with how many publications
 * used it and their mean engagement rate; ranked by that mean shrunk towards the brand's mean with a
 * prior of OWN_POSTS_PRIOR posts (one lucky post does not top the list). Tags used fewer than
 * `minPosts` times, or doing no better than the brand's mean, are left out.
 */
export function suggestFromOwnPosts(publications: MeasuredPublication[], options: { minPosts?: number; limit?: number } = {}) {
  const minPosts = options.minPosts ?? 2;
  const rates = publications.map((p) => ({ tags: extractHashtags(p.text), rate: (p.engagements24h / p.followersAtPost) * 100 }));
  const baseline = rates.length ? rates.reduce((sum, r) => sum + r.rate, 0) / rates.length : 0;
  const byTag = new Map<string, { n: number; sum: number }>();
  const written = spellings();
  for (const { tags, rate } of rates)
    for (const tag of tags) {
      written.add(tag);
      const entry = byTag.get(tag.key) ?? { n: 0, sum: 0 };
      entry.n++;
      entry.sum += rate;
      byTag.set(tag.key, entry);
    }
  const items = [...byTag.entries()]
    .filter(([, e]) => e.n >= minPosts && e.sum / e.n > baseline)
    .map(([key, e]) => ({
      key,
      mean: e.sum / e.n,
      n: e.n,
      score: (e.sum + OWN_POSTS_PRIOR * baseline) / (e.n + OWN_POSTS_PRIOR),
    }))
    .sort((a, b) => b.score - a.score || b.n - a.n || a.key.localeCompare(b.key))
    .slice(0, options.limit ?? 20)
    .map(
      (e): OwnPostSuggestion => ({
        tag: written.of(e.key),
        key: e.key,
        posts: e.n,
        engagementRate: round(e.mean),
        baselineRate: round(baseline),
        lift: baseline > 0 ? round(e.mean / baseline, 2) : null,
      }),
    );
  return { measuredPosts: publications.length, baselineRate: round(baseline), minPosts, items };
}

export interface TrendSuggestion {
  tag: string;
  key: string;
  /** Mentions carrying it in the last window (the last 24 h). */
  recent: number;
  /** Its mean per window over the windows before. */
  before: number;
  /** (recent − before) / max(before, 1) × 100: how much it grew (%). */
  growth: number;
}

/** Days of history a trend is measured against. */
export const TREND_HISTORY_WINDOWS = 7;

/**
 * Hashtags growing in the mentions the brand's listening queries matched: the count of the last
 * window (`windowMs`, a day by default) against the mean of the `history` windows before. A tag
 * needs `minRecent` mentions now and must be above its own past to count as a trend; a new tag's
 * past counts as 1 per window, so its growth stays finite. Mentions are `{ text, at }` with `at` in ms.
 */
export function suggestFromTrends(
  mentions: Array<{ text: string; at: number }>,
  now: number,
  options: { windowMs?: number; history?: number; minRecent?: number; limit?: number } = {},
) {
  const windowMs = options.windowMs ?? 86_400_000;
  const history = options.history ?? TREND_HISTORY_WINDOWS;
  const minRecent = options.minRecent ?? 3;
  const recentFrom = now - windowMs;
  const historyFrom = recentFrom - history * windowMs;
  const counts = new Map<string, { recent: number; before: number }>();
  const written = spellings();
  let mentionsRead = 0;
  for (const mention of mentions) {
    if (mention.at < historyFrom || mention.at >= now) continue;
    mentionsRead++;
    const recent = mention.at >= recentFrom;
    for (const tag of extractHashtags(mention.text)) {
      written.add(tag);
      const entry = counts.get(tag.key) ?? { recent: 0, before: 0 };
      if (recent) entry.recent++;
      else entry.before++;
      counts.set(tag.key, entry);
    }
  }
  const items = [...counts.entries()]
    .map(([key, c]) => {
      const before = c.before / history;
      return { key, recent: c.recent, before, growth: ((c.recent - before) / Math.max(before, 1)) * 100 };
    })
    .filter((t) => t.recent >= minRecent && t.recent > t.before)
    .sort((a, b) => b.growth - a.growth || b.recent - a.recent || a.key.localeCompare(b.key))
    .slice(0, options.limit ?? 20)
    .map(
      (t): TrendSuggestion => ({
        tag: written.of(t.key),
        key: t.key,
        recent: t.recent,
        before: round(t.before, 2),
        growth: Math.round(t.growth),
      }),
    );
  return { windowHours: windowMs / 3_600_000, historyWindows: history, mentionsRead, minRecent, items };
}
