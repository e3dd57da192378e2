/**
 * The shared adapter contract (networks/testing/contract.ts) against Threads: the adapter talks to
 * the Threads test server (testing/server.ts) through the fault proxy; faults hit threads_publish.
 */
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createThreadsAdapter } from './adapter.ts';
import { FakeThreadsServer } from './testing/server.ts';

const server = new FakeThreadsServer();
let proxy: FaultProxy;

describeAdapterContract('threads', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const adapter = createThreadsAdapter({ sleep: async () => {}, requestTimeoutMs: 2_000 });
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-threads',
        settings: { userId: server.userId, username: server.username },
        credentials: { accessToken: server.token },
        origin: proxy.url,
        // The test server and the proxy listen on loopback: the PLAZA_ALLOW_PRIVATE_URLS switch, on.
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.publishedWithText(text).length,
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path.endsWith('/threads_publish')),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});
