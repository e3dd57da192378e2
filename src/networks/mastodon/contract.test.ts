/**
 * The shared adapter contract (networks/testing/contract.ts) against Mastodon: the adapter talks to
 * the Mastodon test server (testing/server.ts) through the fault proxy.
 */
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createMastodonAdapter } from './adapter.ts';
import { FakeMastodonServer } from './testing/server.ts';

const server = new FakeMastodonServer();
let proxy: FaultProxy;

describeAdapterContract('mastodon', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    // The server's clock, and no real waits between media polls or retries.
    const adapter = createMastodonAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000 });
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-mastodon',
        settings: { instanceUrl: proxy.url },
        credentials: { accessToken: server.token },
        // The test server and the proxy listen on loopback: the PLAZA_ALLOW_PRIVATE_URLS switch, on.
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => [...server.statuses.values()].filter((status) => status.text === text).length,
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path === '/api/v1/statuses'),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});
