/**
 * The shared adapter contract (networks/testing/contract.ts) against Google Business Profile: the
 * adapter talks to the test server (testing/server.ts) through the fault proxy.
 */
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createGbpAdapter } from './adapter.ts';
import { FakeGbpServer } from './testing/server.ts';

const server = new FakeGbpServer();
let proxy: FaultProxy;

describeAdapterContract('google-business', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const adapter = createGbpAdapter({ now: () => server.clock, requestTimeoutMs: 2_000 });
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-gbp',
        settings: { accountName: server.accountName, locationName: server.locationName },
        credentials: { accessToken: server.token },
        origin: proxy.url,
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path.endsWith('/localPosts')),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});
