/**
 * The shared adapter contract (networks/testing/contract.ts) against the Bot API server built from
 * Telegram's documentation (testing/server.ts), as a channel, through the fault proxy.
 */
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createTelegramAdapter } from './adapter.ts';
import { FakeTelegramServer } from './testing/server.ts';

const server = new FakeTelegramServer();
let proxy: FaultProxy;

describeAdapterContract('telegram', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const adapter = createTelegramAdapter({ requestTimeoutMs: 2_000, sleep: async () => {} });
    const channel = () => ({
      channelId: 'contract-telegram',
      settings: { chatId: `@${server.channel.username}` },
      credentials: { botToken: server.token },
      origin: proxy.url,
      allowPrivateUrls: true,
    });
    // A connected channel where Plaza has posted before: the bot's last message is known.
    await adapter.publish(channel(), { publicationId: 'contract-warm-up', text: 'warm-up', media: [] });
    return {
      adapter,
      channel,
      postsWithText: async (text) => server.postsWithText(text),
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && /\/send(Message|Photo|Video|MediaGroup)$/.test(path)),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});
