/**
 * The shared adapter contract (networks/testing/contract.ts) against the sandbox: over HTTP through
 * the fault proxy in front of a real sandbox server, and in process with the simulator's own faults.
 */
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { sandboxAdapter, setInProcessSandbox } from './index.ts';
import { startSandboxServer, type SandboxServer } from './server.ts';
import { DEFAULT_SANDBOX_OPTIONS, SandboxNetwork } from './simulator.ts';

const isPublish = (method: string, path: string) => method === 'POST' && /^\/api\/accounts\/[^/]+\/posts$/.test(path);
const countText = (network: SandboxNetwork, text: string) => network.accepted.filter((entry) => entry.text === text).length;

let server: SandboxServer;
let proxy: FaultProxy;
describeAdapterContract('sandbox over HTTP', {
  async start(): Promise<ContractSubject> {
    server = await startSandboxServer({ host: '127.0.0.1' });
    proxy = await startFaultProxy(server.url);
    return {
      adapter: sandboxAdapter,
      channel: () => ({
        channelId: 'contract-http',
        settings: { serverUrl: proxy.url, handle: 'contract', timeoutMs: 5_000 },
        credentials: { token: 'contract-token' },
        // The sandbox server and the proxy listen on loopback: the PLAZA_ALLOW_PRIVATE_URLS switch, on.
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => countText(server.network, text),
      faults: proxyFaults(proxy, isPublish),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server?.close();
  },
});

const network = new SandboxNetwork({ seed: 7 });
let badToken = false;
describeAdapterContract('sandbox in process', {
  async start(): Promise<ContractSubject> {
    setInProcessSandbox(network);
    const clear = () => {
      badToken = false;
      network.setOptions({ ...DEFAULT_SANDBOX_OPTIONS, seed: 7 });
    };
    return {
      adapter: sandboxAdapter,
      channel: () => ({
        channelId: 'contract-local',
        settings: { handle: 'contract', timeoutMs: 300 },
        credentials: { token: badToken ? 'bad' : 'contract-token' },
      }),
      postsWithText: async (text) => countText(network, text),
      faults: {
        failPublish(status, retryAfterSeconds) {
          if (status === 401) badToken = true;
          else if (status === 429) network.setOptions({ rateLimitRate: 1, retryAfterSeconds: retryAfterSeconds ?? 2 });
          else network.setOptions({ errorRate5xx: 1 });
        },
        // The simulator accepts the post, then holds the answer past the channel's timeout.
        losePublishAnswer: () => network.setOptions({ timeoutAfterAcceptRate: 1, hangMs: 2_000 }),
        clear,
      },
      liveMetrics: true,
    };
  },
  async stop() {},
});
