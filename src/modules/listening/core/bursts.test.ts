import { describe, expect, it } from 'vitest';
import { burstKeys, createBurstDetector } from './bursts.ts';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Simulated days of 5-minute windows: 300 keys with their own Poisson rates, one injected burst per day. */
function simulate(days: number, seed: number) {
  const random = rng(seed);
  const WINDOWS = 288;
  const rates = Array.from({ length: 300 }, () => 0.2 + random() * 30);
  let detected = 0;
  const delays: number[] = [];
  let falseAlarms = 0;
  for (let day = 0; day < days; day++) {
    const detector = createBurstDetector();
    const burstKey = Math.floor(random() * rates.length);
    const burstStart = 100 + Math.floor(random() * 150);
    let found = -1;
    for (let w = 0; w < WINDOWS; w++) {
      for (let k = 0; k < rates.length; k++) {
        const inBurst = k === burstKey && w >= burstStart && w < burstStart + 6;
        // The burst ramps up: a third of its size in the first window, then its full size.
        const extra = inBurst ? (w === burstStart ? 1 / 3 : 1) * (4 * rates[k] + 15) : 0;
        detector.add(`k${k}`, poisson(random, rates[k] + extra));
      }
      for (const burst of detector.closeWindow()) {
        const isInjected = burst.key === `k${burstKey}` && w >= burstStart && w < burstStart + 6;
        if (isInjected) {
          if (found < 0) found = w;
        } else falseAlarms++;
      }
    }
    if (found >= 0 && found - burstStart < 2) {
      detected++;
      delays.push(found - burstStart);
    }
  }
  return { detectionRate: detected / days, falseAlarmsPerDay: falseAlarms / days, delays };
}

describe('burst detection', () => {
  it('flags an injected burst within 2 windows with at most 1 false alarm per simulated day', () => {
    const { detectionRate, falseAlarmsPerDay, delays } = simulate(10, 7);
    console.log(
      `bursts: detected ${detectionRate * 100}% within 2 windows (delays ${delays.join(',')}), ${falseAlarmsPerDay} false alarms per day`,
    );
    expect(detectionRate).toBe(1);
    expect(falseAlarmsPerDay).toBeLessThanOrEqual(1);
  });
  it('ignores rare keys that go from 0 to 2', () => {
    const detector = createBurstDetector();
    for (let w = 0; w < 10; w++) detector.closeWindow();
    detector.add('rare', 2);
    expect(detector.closeWindow()).toEqual([]);
  });
  it('builds term, pair and query keys', () => {
    expect(burstKeys(['b', 'a', 'a'], ['q1'])).toEqual(['b', 'a', 'a+b', 'query:q1']);
  });
});
