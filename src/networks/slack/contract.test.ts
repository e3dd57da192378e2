/**
 * The shared adapter contract (networks/testing/contract.ts) against the Slack server built from
 * Slack's documentation (testing/server.ts), with a bot token, through the fault proxy.
 */
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createSlackAdapter } from './adapter.ts';
import { FakeSlackServer } from './testing/server.ts';

const server = new FakeSlackServer();
let proxy: FaultProxy;

describeAdapterContract('slack', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    return {
      adapter: createSlackAdapter({ requestTimeoutMs: 2_000 }),
      channel: () => ({
        channelId: 'contract-slack',
        settings: { channel: server.channel.id },
        credentials: { botToken: server.token },
        origin: proxy.url,
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path === '/slack.com/api/chat.postMessage'),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});
