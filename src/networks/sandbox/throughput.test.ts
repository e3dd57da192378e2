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

async function publishBurst(count: number, label: string): Promise<number> {
  const started = performance.now();
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
  return performance.now() - started;
}

describe('sandbox throughput over HTTP', () => {
  it('publishes 2,000 posts at once with 50 ms latency in well under 2 s', async () => {
    await publishBurst(20, 'warm-up');
    const cold = await publishBurst(2000, 'first');
    // The best of up to three warm bursts: a test file running beside this one can take the CPU for a
    // burst (wall-clock time), while a publish path that serialised its requests would fail all three.
    const warm: number[] = [];
    while (warm.length < 3 && !(Math.min(...warm) < 2000)) warm.push(await publishBurst(2000, `warm-${warm.length}`));
    console.log(
      `sandbox burst of 2000 publishes, 50 ms latency: first ${cold.toFixed(0)} ms, warm ${warm.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
    expect(server.network.accepted).toHaveLength(20 + 2000 * (1 + warm.length));
    expect(server.network.countDuplicates()).toBe(0);
    expect(Math.min(...warm)).toBeLessThan(2000);
  });
});
