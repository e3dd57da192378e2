import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxAdapter } from './index.ts';
import { startSandboxServer, type SandboxServer } from './server.ts';
import { SandboxNetwork } from './simulator.ts';

let server: SandboxServer;

beforeAll(async () => {
  server = await startSandboxServer({ network: new SandboxNetwork({ latencyMs: 50 }) });
});
afterAll(async () => {
  await server.close();
});

/** One burst of `count` publishes at once: its wall-clock time, and the CPU time this process spent on it. */
async function publishBurst(count: number, label: string): Promise<{ wallMs: number; cpuMs: number }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      sandboxAdapter.publish(
        {
          channelId: `ch-${index % 1000}`,
          settings: { serverUrl: server.url, handle: `acct${index % 1000}` },
          credentials: { token: 't' },
          allowPrivateUrls: true,
        },
        { publicationId: `${label}-${index}`, text: `Publicación ${index} #carga`, media: [] },
      ),
    ),
  );
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

describe('sandbox throughput over HTTP', () => {
  it('publishes 2,000 posts at once with 50 ms latency, all in flight together, for well under 2 s of work', async () => {
    await publishBurst(20, 'warm-up');
    const cold = await publishBurst(2000, 'first');
    const warm = await publishBurst(2000, 'second');
    const ms = (b: { wallMs: number; cpuMs: number }) => `${b.wallMs.toFixed(0)} ms (CPU ${b.cpuMs.toFixed(0)} ms)`;
    console.log(`sandbox burst of 2000 publishes, 50 ms latency: first ${ms(cold)}, second ${ms(warm)}`);
    expect(server.network.accepted).toHaveLength(4020);
    expect(server.network.countDuplicates()).toBe(0);
    // The work: client and sandbox server both run in this process, so its CPU time is the burst's cost,
    // which test files running beside this one do not inflate the way they stretch wall-clock time.
    expect(warm.cpuMs).toBeLessThan(2000);
    // All at once: one after another at 50 ms each would take 100 s, ten at a time 10 s.
    expect(warm.wallMs).toBeLessThan(10_000);
  });
});
