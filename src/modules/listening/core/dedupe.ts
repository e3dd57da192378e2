/**
 * De-duplication of incoming mentions within a bounded memory window:
 * 1. the same canonical URL (tracking parameters, fragment, `www.` and trailing slash removed);
 * 2. near-duplicate text: MinHash signatures (64 hashes) over word 3-shingles, indexed by
 *    locality-sensitive hashing (16 bands of 4 rows, at most 4 recent items per bucket), then confirmed by the estimated Jaccard
 *    similarity (default ≥ 0.8). Retweet-style copies with a prefix or a changed link are caught.
 * Only the last `windowSize` items are remembered (first in, first out).
 */

/** Options of {@link createDeduplicator}. */
export interface DedupeOptions {
  /** Items remembered; older ones are forgotten. Default 100,000. */
  windowSize?: number;
  /** Estimated Jaccard similarity at or above which texts are near-duplicates. Default 0.8. */
  threshold?: number;
}

/** Result of {@link Deduplicator.check}: the id of the earlier item this one duplicates, if any. */
export interface DedupeResult {
  duplicateOf?: string;
  reason?: 'url' | 'text';
}

/** A de-duplicator with a bounded window. */
export interface Deduplicator {
  /** Checks an item against the window, then remembers it (unless it is a duplicate). */
  check(id: string, tokens: string[], url?: string): DedupeResult;
  /** Items currently remembered. */
  readonly size: number;
}

const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref|ref_src|s|si)$/i;

/** Canonical form of a URL for de-duplication; returns the input trimmed when it does not parse. */
export function canonicalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAMS.test(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = kept.length ? `?${kept.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
  const path = url.pathname.replace(/\/+$/, '') || '';
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  return `${host}${port}${path}${query}`;
}

/** Items kept per LSH bucket: template spam fills buckets, and checks must stay O(1). */
const MAX_PER_BUCKET = 4;
const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
const SEEDS = Array.from({ length: HASHES }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) ^ 0x85ebca6b) >>> 0);

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Cheap 32-bit mixer (multiply–xorshift), one per MinHash permutation. */
function mix(value: number, seed: number): number {
  const h = Math.imul(value ^ seed, 0x2c1b3c6d);
  return (Math.imul(h ^ (h >>> 15), 0x297a2d39) ^ (h >>> 13)) >>> 0;
}

/** MinHash signature of a token list over word 3-shingles (shorter texts: their words). */
export function minHashSignature(tokens: string[]): Uint32Array {
  const hashes = tokens.map(fnv1a);
  const width = hashes.length >= 3 ? 3 : hashes.length;
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (let i = 0; i + width <= hashes.length; i++) {
    let shingle = 0x9747b28c;
    for (let j = 0; j < width; j++) shingle = Math.imul(shingle ^ hashes[i + j], 0x5bd1e995) ^ (shingle >>> 13);
    for (let h = 0; h < HASHES; h++) {
      const value = mix(shingle, SEEDS[h]);
      if (value < signature[h]) signature[h] = value;
    }
  }
  return signature;
}

/** True when the signatures agree on at least `needed` positions (stops as soon as that is impossible). */
function agreesOnAtLeast(a: Uint32Array, b: Uint32Array, needed: number): boolean {
  let allowedMisses = a.length - needed;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && --allowedMisses < 0) return false;
  return true;
}

/** Estimated Jaccard similarity of two MinHash signatures. */
export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

interface Remembered { id: string; url: string; signature: Uint32Array | null; bandKeys: number[]; lastCheck: number }

/** Creates a de-duplicator over a bounded window of recent items. */
export function createDeduplicator(options: DedupeOptions = {}): Deduplicator {
  const windowSize = options.windowSize ?? 100_000;
  const threshold = options.threshold ?? 0.8;
  const byUrl = new Map<string, string>();
  const buckets = new Map<number, Remembered[]>();
  const queue: Remembered[] = [];
  let head = 0;
  let checks = 0;
  const needed = Math.ceil(threshold * HASHES);

  function forgetOldest(): void {
    const old = queue[head++];
    if (old.url && byUrl.get(old.url) === old.id) byUrl.delete(old.url);
    for (const key of old.bandKeys) {
      const list = buckets.get(key);
      if (!list) continue;
      const index = list.indexOf(old);
      if (index >= 0) list.splice(index, 1);
      if (list.length === 0) buckets.delete(key);
    }
    if (head > 4096 && head * 2 > queue.length) { queue.splice(0, head); head = 0; }
  }

  return {
    check(id, tokens, url) {
      const canonical = url ? canonicalUrl(url) : '';
      if (canonical) {
        const earlier = byUrl.get(canonical);
        if (earlier !== undefined) return { duplicateOf: earlier, reason: 'url' };
      }
      let signature: Uint32Array | null = null;
      const bandKeys: number[] = [];
      // Very short texts ("gracias!") repeat by chance; only texts of 5+ words are compared.
      if (tokens.length >= 5) {
        signature = minHashSignature(tokens);
        for (let b = 0; b < BANDS; b++) {
          let hash = 0x811c9dc5;
          for (let r = 0; r < ROWS; r++) hash = Math.imul(hash ^ signature[b * ROWS + r], 0x01000193);
          // Band number in the high bits keeps bands apart; the sum stays a safe integer.
          bandKeys.push(b * 4294967296 + (hash >>> 0));
        }
        checks++;
        for (const key of bandKeys) {
          const list = buckets.get(key);
          if (!list) continue;
          for (const other of list) {
            if (other.lastCheck === checks) continue; // already compared through another band
            other.lastCheck = checks;
            if (other.signature && agreesOnAtLeast(signature, other.signature, needed)) {
              return { duplicateOf: other.id, reason: 'text' };
            }
          }
        }
      }
      const remembered: Remembered = { id, url: canonical, signature, bandKeys, lastCheck: 0 };
      queue.push(remembered);
      if (canonical) byUrl.set(canonical, id);
      for (const key of bandKeys) {
        const list = buckets.get(key);
        if (!list) buckets.set(key, [remembered]);
        else {
          list.push(remembered);
          if (list.length > MAX_PER_BUCKET) list.shift(); // the newest copies are the likeliest to repeat
        }
      }
      if (queue.length - head > windowSize) forgetOldest();
      return {};
    },
    get size() { return queue.length - head; },
  };
}
