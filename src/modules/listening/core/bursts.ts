/**
 * Burst detection ("trending now"): for every key (a term, a pair of terms, a query) an
 * exponentially weighted moving average and variance of its count per time window; a window is a
 * burst when its count is far above the key's own baseline by two measures at once:
 *
 *     z_ewma    = (count − mean) / √(max(variance, mean, 1))       (the key's own variability)
 *     z_poisson = 2 (√(count + 3/8) − √(mean + 3/8))               (Anscombe: Poisson noise of rare keys)
 *     burst when min(z_ewma, z_poisson) ≥ threshold and count ≥ minCount
 *
 * The Poisson measure keeps rare terms (1 mention a window going to 6) from raising false alarms. The caller closes windows (with its own clock), so the detector is pure and testable.
 */

/** Options of {@link createBurstDetector}. */
export interface BurstOptions {
  /** EWMA weight of the newest window (0…1). Default 0.05 (≈ 20-window memory). */
  alpha?: number;
  /** z-score at or above which a window is a burst. Default 5. */
  threshold?: number;
  /** Fewest mentions in a window for a burst. Default 5. */
  minCount?: number;
  /** Windows a key must have been tracked before it can burst (its baseline needs history). Default 12. */
  warmupWindows?: number;
}

/** A key that burst in a window. */
export interface Burst {
  key: string;
  count: number;
  expected: number;
  z: number;
}

/** The detector: count keys during a window, then close the window to get its bursts. */
export interface BurstDetector {
  /** Counts a key in the current window. */
  add(key: string, count?: number): void;
  /** Ends the current window and returns its bursts, strongest first. */
  closeWindow(): Burst[];
  /** Number of keys tracked. */
  readonly keys: number;
}

interface KeyState {
  mean: number;
  variance: number;
  windows: number;
  current: number;
}

/** Creates a burst detector. */
export function createBurstDetector(options: BurstOptions = {}): BurstDetector {
  const alpha = options.alpha ?? 0.05;
  const threshold = options.threshold ?? 5;
  const minCount = options.minCount ?? 5;
  const warmup = options.warmupWindows ?? 12;
  const states = new Map<string, KeyState>();
  return {
    add(key, count = 1) {
      let state = states.get(key);
      if (!state) {
        state = { mean: 0, variance: 0, windows: 0, current: 0 };
        states.set(key, state);
      }
      state.current += count;
    },
    closeWindow() {
      const bursts: Burst[] = [];
      for (const [key, state] of states) {
        const x = state.current;
        if (state.windows >= warmup && x >= minCount) {
          const zEwma = (x - state.mean) / Math.sqrt(Math.max(state.variance, state.mean, 1));
          const zPoisson = 2 * (Math.sqrt(x + 0.375) - Math.sqrt(state.mean + 0.375));
          const z = Math.min(zEwma, zPoisson);
          if (z >= threshold) bursts.push({ key, count: x, expected: Math.round(state.mean * 100) / 100, z: Math.round(z * 100) / 100 });
        }
        if (state.windows === 0) {
          // Start the baseline at the first count (Poisson: variance = mean), not at zero.
          state.mean = x;
          state.variance = x;
          state.windows = 1;
          state.current = 0;
          continue;
        }
        const diff = x - state.mean;
        state.mean += alpha * diff;
        state.variance = (1 - alpha) * (state.variance + alpha * diff * diff);
        state.windows++;
        state.current = 0;
        // Forget keys that faded away, to bound memory.
        if (state.mean < 0.01 && x === 0) states.delete(key);
      }
      return bursts.sort((a, b) => b.z - a.z);
    },
    get keys() {
      return states.size;
    },
  };
}

/**
 * Keys to count for one post: its content terms, pairs of them (`a+b`, sorted, from the first 8
 * terms) and the queries it matched (`query:<id>`).
 */
export function burstKeys(terms: string[], queryIds: string[] = []): string[] {
  const unique = [...new Set(terms)];
  const keys = [...unique];
  const head = unique.slice(0, 8).sort();
  for (let i = 0; i < head.length; i++) for (let j = i + 1; j < head.length; j++) keys.push(`${head[i]}+${head[j]}`);
  for (const id of queryIds) keys.push(`query:${id}`);
  return keys;
}
