/**
 * The shared adapter contract (networks/testing/contract.ts) against X: the adapter talks to the
 * local X API server (testing/server.ts) through the fault proxy, and every request and answer
 * is checked against X's OpenAPI document.
 */
import { afterAll, expect, it } from 'vitest';
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createXAdapter } from './adapter.ts';
import { FakeXServer } from './testing/server.ts';

const server = new FakeXServer();
let proxy: FaultProxy;

describeAdapterContract('x', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const adapter = createXAdapter({ sleep: async () => {}, requestTimeoutMs: 2_000 });
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-x',
        settings: { userId: server.account.id, username: server.account.username },
        credentials: { accessToken: server.token },
        origin: proxy.url,
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path === '/api.x.com/2/tweets'),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});

afterAll(() => {
  // Runs before the contract's own teardown has closed anything that matters here.
  expect(server.violations).toEqual([]);
});

it('the X server saw requests and checked them against the OpenAPI document', () => {
  expect(server.requests.length).toBeGreaterThan(0);
});
