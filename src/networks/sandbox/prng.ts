/**
 * Deterministic randomness for the sandbox: a seeded stream (mulberry32) for
 * fault decisions, and stateless hashes for everything computed on read
 * (metrics, followers, mentions), so the same seed and clock always give the
 * same numbers no matter in which order things are read.
 */

/** A seeded pseudo-random stream of floats in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a hash of a string, used to turn ids into numbers. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Final avalanche step (murmur3 fmix32) so nearby inputs give unrelated outputs. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A stateless uniform float in [0, 1) determined only by the seed and the parts,
 * e.g. `unitHash(seed, postId, 'likes')`.
 */
export function unitHash(seed: number, ...parts: Array<string | number>): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const part of parts) {
    const partHash = typeof part === 'number' ? mix32(part | 0) ^ mix32(Math.floor(part / 4294967296)) : hashString(part);
    h = mix32(h ^ partHash) + 0x6d2b79f5;
  }
  return mix32(h) / 4294967296;
}

/** A stateless standard normal draw (Box-Muller over two unit hashes). */
export function normalHash(seed: number, ...parts: Array<string | number>): number {
  const u1 = Math.max(unitHash(seed, ...parts, 'n1'), 1e-12);
  const u2 = unitHash(seed, ...parts, 'n2');
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
