/**
 * The shared adapter contract (networks/testing/contract.ts) against LinkedIn: the adapter talks
 * to the LinkedIn test server (testing/server.ts) through the fault proxy, as an organization page.
 */
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createLinkedInAdapter } from './adapter.ts';
import { FakeLinkedInServer } from './testing/server.ts';

const server = new FakeLinkedInServer();
let proxy: FaultProxy;

describeAdapterContract('linkedin', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const adapter = createLinkedInAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000 });
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-linkedin',
        settings: { authorUrn: server.organizationUrn, kind: 'organization' },
        credentials: { accessToken: server.token },
        origin: proxy.url,
        // The test server and the proxy listen on loopback: the PLAZA_ALLOW_PRIVATE_URLS switch, on.
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path === '/api.linkedin.com/rest/posts'),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});
