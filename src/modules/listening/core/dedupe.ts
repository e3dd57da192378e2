/**
 * De-duplication of incoming mentions within a bounded memory window:
 * 1. the same canonical URL (tracking parameters, fragment, `www.` and trailing slash removed);
 * 2. near-duplicate text: MinHash signatures (32 hashes) over word 3-shingles, indexed by
 *    locality-sensitive hashing (8 bands of 4 rows, at most 4 recent items per bucket), then
 *    confirmed by the estimated Jaccard similarity (default ≥ 0.8). Retweet-style copies with a
 *    prefix or a changed link are caught.
 * Only the last `windowSize` items are remembered (first in, first out).
 *
 * Speed (the pipeline must sustain ≥ 10,000 posts/s per core): one 32-bit hash per shingle, the
 * 32 permutations derived from it by a cheap xor–multiply–xorshift; signatures, band keys and
 * bucket chains live in typed arrays of a ring buffer (no object per item, little garbage), and
 * the band index is a direct-mapped table of sequence numbers (no Map, nothing to delete). With 8 bands of 4 rows a pair at
 * Jaccard 0.8 becomes a candidate with probability 1 − (1 − 0.8⁴)⁸ ≈ 0.985 (0.9: > 0.9999).
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

/**
 * Canonical form of a URL for de-duplication, through the WHATWG URL parser; returns the input
 * trimmed when it does not parse. The reference for {@link canonicalUrl}'s fast path.
 */
export function canonicalUrlWithParser(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const kept = [...url.searchParams.entries()]
    .filter(([key]) => !TRACKING_PARAMS.test(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = kept.length ? `?${kept.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '';
  const path = url.pathname.replace(/\/+$/, '') || '';
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  return `${host}${port}${path}${query}`;
}

/** Plain http(s) URLs whose parts need no decoding, encoding or dot-segment handling. */
const SIMPLE_URL =
  /^https?:\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::([1-9][0-9]{0,4}))?((?:\/[A-Za-z0-9_~-][A-Za-z0-9_.~-]*|\/)*)(?:\?([A-Za-z0-9_.~=&-]*))?(?:#.*)?$/i;

const NUMERIC_LAST_LABEL = /(?:^|\.)(?:0x[0-9a-f]*|[0-9]+)$/i;

/**
 * Canonical form of a URL for de-duplication: host lower case without `www.`, default ports,
 * tracking parameters (utm_*, fbclid…), the fragment and trailing slashes removed, the other
 * parameters sorted. Returns the input trimmed when it does not parse. Plain URLs (the vast
 * majority) take a string fast path, which gives the same result as the URL parser (tested).
 */
export function canonicalUrl(raw: string): string {
  const trimmed = raw.trim();
  const simple = SIMPLE_URL.exec(trimmed);
  if (!simple) return canonicalUrlWithParser(trimmed);
  const [, hostPart, portPart, pathPart, queryPart] = simple;
  // Numeric hosts (IPv4 in its many spellings) and punycode are the parser's job.
  if (NUMERIC_LAST_LABEL.test(hostPart) || hostPart.includes('xn--')) return canonicalUrlWithParser(trimmed);
  let host = hostPart.toLowerCase();
  if (host.startsWith('www.')) host = host.slice(4);
  const port = portPart && portPart !== '80' && portPart !== '443' && Number(portPart) <= 65535 ? `:${portPart}` : '';
  if (portPart && Number(portPart) > 65535) return trimmed; // the parser refuses such a port too
  let path = pathPart;
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  path = path.slice(0, end);
  let query = '';
  if (queryPart) {
    const kept: Array<[string, string]> = [];
    for (const piece of queryPart.split('&')) {
      if (!piece) continue;
      const equals = piece.indexOf('=');
      const key = equals < 0 ? piece : piece.slice(0, equals);
      if (equals >= 0 && piece.indexOf('=', equals + 1) >= 0) return canonicalUrlWithParser(trimmed); // "=" gets encoded
      if (!TRACKING_PARAMS.test(key)) kept.push([key, equals < 0 ? '' : piece.slice(equals + 1)]);
    }
    if (kept.length) {
      kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      query = `?${kept.map(([k, v]) => `${k}=${v}`).join('&')}`;
    }
  }
  return `${host}${port}${path}${query}`;
}

/** Items kept per LSH bucket: template spam fills buckets, and checks must stay O(1). */
const MAX_PER_BUCKET = 4;
const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
const SEEDS = Int32Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) ^ 0x85ebca6b);
/** Sequence numbers in the LSH table keep their low 31 bits. */
const SEQ_MASK = 0x7fffffff;
/** Band keys are 30-bit integers (small integers for V8). */
const KEY_MASK = 0x3fffffff;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/** Writes the MinHash signature of `tokens` (word 3-shingles; shorter texts: their words) into `out`. */
function writeSignature(tokens: readonly string[], out: Int32Array, offset: number): void {
  const count = tokens.length;
  const width = Math.min(count, 3);
  // Signed 32-bit minima: same MinHash, but V8 keeps every value a small machine integer.
  for (let h = 0; h < HASHES; h++) out[offset + h] = 0x7fffffff;
  let h0 = count > 0 ? fnv1a(tokens[0]) : 0;
  let h1 = count > 1 ? fnv1a(tokens[1]) : 0;
  for (let i = 0; i + width <= count; i++) {
    // One 32-bit hash per shingle (murmur-style combine of its word hashes) …
    let shingle: number;
    if (width === 3) {
      const h2 = fnv1a(tokens[i + 2]);
      shingle = Math.imul(0x9747b28c ^ h0, 0x5bd1e995);
      shingle = Math.imul(shingle ^ (shingle >>> 13) ^ h1, 0x5bd1e995);
      shingle = Math.imul(shingle ^ (shingle >>> 13) ^ h2, 0x5bd1e995);
      h0 = h1;
      h1 = h2;
    } else {
      shingle = 0x9747b28c;
      for (let j = 0; j < width; j++) shingle = Math.imul(shingle ^ (shingle >>> 13) ^ fnv1a(tokens[i + j]), 0x5bd1e995);
    }
    shingle ^= shingle >>> 15;
    // … and the permutations derived from it: xor a seed, multiply, xorshift.
    for (let h = 0; h < HASHES; h++) {
      let value = Math.imul(shingle ^ SEEDS[h], 0x2c1b3c6d);
      value ^= value >>> 16;
      if (value < out[offset + h]) out[offset + h] = value;
    }
  }
}

/** MinHash signature of a token list over word 3-shingles (shorter texts: their words). */
export function minHashSignature(tokens: readonly string[]): Uint32Array {
  const signature = new Int32Array(HASHES);
  writeSignature(tokens, signature, 0);
  return new Uint32Array(signature.buffer);
}

/** Estimated Jaccard similarity of two MinHash signatures. */
export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Creates a de-duplicator over a bounded window of recent items. */
export function createDeduplicator(options: DedupeOptions = {}): Deduplicator {
  const windowSize = Math.max(1, Math.floor(options.windowSize ?? 100_000));
  const threshold = options.threshold ?? 0.8;
  const allowedMisses = HASHES - Math.ceil(threshold * HASHES);
  const byUrl = new Map<string, string>();
  // The LSH index is a direct-mapped table (no Map, nothing to delete): cell = band key's low
  // bits, holding the sequence number of the newest item whose band hashed there; each item links
  // to the previous item of the same cell per band. Forgotten items are recognised by their
  // sequence number, so eviction costs nothing; cells shared by different keys only cost a key
  // comparison. Sequence numbers are stored as their low 31 bits (Int32Array: half the memory
  // and cache misses of doubles); an item's age `next − seq` tells whether it is still remembered.
  let cells = 1024;
  while (cells < windowSize * BANDS && cells < 1 << 22) cells *= 2;
  const cellMask = cells - 1;
  const newestInCell = new Int32Array(cells).fill(-1);
  // Ring buffer of the window (~400 bytes a slot), grown by doubling as it fills.
  let capacity = Math.min(windowSize, 16_384);
  let ids: string[] = new Array<string>(capacity).fill('');
  let urls: string[] = new Array<string>(capacity).fill('');
  let hasSignature = new Uint8Array(capacity);
  let signatures = new Int32Array(capacity * HASHES);
  let bandKeys = new Int32Array(capacity * BANDS);
  /** Per slot and band: sequence number of the previous item in the same cell, or −1. */
  let olderInCell = new Int32Array(capacity * BANDS);
  let lastCompared = new Float64Array(capacity);
  const signature = new Int32Array(HASHES);
  const keys = new Int32Array(BANDS);
  /** Sequence numbers of the oldest remembered item and of the next one. */
  let oldest = 0;
  let next = 0;
  /** Texts compared so far: stamps which earlier items this check already compared. */
  let checks = 0;

  function grow(): void {
    const bigger = Math.min(windowSize, capacity * 2);
    const newIds = new Array<string>(bigger).fill('');
    const newUrls = new Array<string>(bigger).fill('');
    const newHas = new Uint8Array(bigger);
    const newSignatures = new Int32Array(bigger * HASHES);
    const newKeys = new Int32Array(bigger * BANDS);
    const newOlder = new Int32Array(bigger * BANDS);
    for (let seq = oldest; seq < next; seq++) {
      const from = seq % capacity;
      const to = seq % bigger;
      newIds[to] = ids[from];
      newUrls[to] = urls[from];
      newHas[to] = hasSignature[from];
      newSignatures.set(signatures.subarray(from * HASHES, (from + 1) * HASHES), to * HASHES);
      newKeys.set(bandKeys.subarray(from * BANDS, (from + 1) * BANDS), to * BANDS);
      newOlder.set(olderInCell.subarray(from * BANDS, (from + 1) * BANDS), to * BANDS);
    }
    capacity = bigger;
    ids = newIds;
    urls = newUrls;
    hasSignature = newHas;
    signatures = newSignatures;
    bandKeys = newKeys;
    olderInCell = newOlder;
    lastCompared = new Float64Array(bigger);
  }

  function forgetOldest(): void {
    const slot = oldest % capacity;
    const url = urls[slot];
    if (url && byUrl.get(url) === ids[slot]) byUrl.delete(url);
    ids[slot] = '';
    urls[slot] = '';
    oldest++;
  }

  /** True when the stored signature in `slot` agrees with `signature` on enough positions. */
  function similarEnough(slot: number): boolean {
    let misses = allowedMisses;
    const base = slot * HASHES;
    for (let i = 0; i < HASHES; i++) if (signatures[base + i] !== signature[i] && --misses < 0) return false;
    return true;
  }

  /** Looks for a near-duplicate of `signature` through the LSH cells; returns its slot or −1. */
  function findSimilar(stamp: number): number {
    for (let b = 0; b < BANDS; b++) {
      const key = keys[b];
      let stored = newestInCell[key & cellMask];
      // At most MAX_PER_BUCKET items with this band key, and a few steps over other keys.
      for (let sameKey = 0, steps = 0; stored >= 0 && sameKey < MAX_PER_BUCKET && steps < 4 * MAX_PER_BUCKET; steps++) {
        const age = (next - stored) & SEQ_MASK;
        if (age < 1 || age > next - oldest) break; // forgotten
        const slot = (next - age) % capacity;
        const link = slot * BANDS + b;
        if (bandKeys[link] === key && hasSignature[slot]) {
          sameKey++;
          if (lastCompared[slot] !== stamp) {
            lastCompared[slot] = stamp; // compare each earlier item once, whatever band found it
            if (similarEnough(slot)) return slot;
          }
        }
        stored = olderInCell[link];
      }
    }
    return -1;
  }

  return {
    check(id, tokens, url) {
      const canonical = url ? canonicalUrl(url) : '';
      if (canonical) {
        const earlier = byUrl.get(canonical);
        if (earlier !== undefined) return { duplicateOf: earlier, reason: 'url' };
      }
      // Very short texts ("gracias!") repeat by chance; only texts of 5+ words are compared.
      const compare = tokens.length >= 5;
      if (compare) {
        writeSignature(tokens, signature, 0);
        for (let b = 0; b < BANDS; b++) {
          let hash = Math.imul(0x811c9dc5 ^ (b + 1), 0x01000193);
          for (let r = 0; r < ROWS; r++) hash = Math.imul(hash ^ signature[b * ROWS + r], 0x01000193);
          keys[b] = (hash ^ (hash >>> 17)) & KEY_MASK;
        }
        const similar = findSimilar(++checks);
        if (similar >= 0) return { duplicateOf: ids[similar], reason: 'text' };
      }
      if (next - oldest >= windowSize) forgetOldest();
      if (next - oldest >= capacity) grow();
      const seq = next++;
      const slot = seq % capacity;
      ids[slot] = id;
      urls[slot] = canonical;
      lastCompared[slot] = 0;
      hasSignature[slot] = compare ? 1 : 0;
      if (canonical) byUrl.set(canonical, id);
      if (compare) {
        signatures.set(signature, slot * HASHES);
        for (let b = 0; b < BANDS; b++) {
          const key = keys[b];
          const link = slot * BANDS + b;
          bandKeys[link] = key;
          olderInCell[link] = newestInCell[key & cellMask];
          newestInCell[key & cellMask] = seq & SEQ_MASK;
        }
      }
      return {};
    },
    get size() {
      return next - oldest;
    },
  };
}
