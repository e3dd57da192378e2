/**
 * The shared adapter contract (networks/testing/contract.ts) against Facebook Pages: the adapter
 * talks to the local Graph server (testing/server.ts) through the fault proxy.
 */
import { GRAPH_API_VERSION } from '../meta-graph/version.ts';
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createFacebookAdapter } from './adapter.ts';
import { FakeFacebookServer } from './testing/server.ts';

const server = new FakeFacebookServer();
let proxy: FaultProxy;

describeAdapterContract('facebook', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const adapter = createFacebookAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000 });
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-facebook',
        settings: { pageId: server.pageId },
        credentials: { accessToken: server.longUserToken, pageAccessToken: server.pageToken },
        origin: proxy.url,
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: proxyFaults(
        proxy,
        (method, path) => method === 'POST' && path === `/graph.facebook.com/${GRAPH_API_VERSION}/${server.pageId}/feed`,
      ),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});
