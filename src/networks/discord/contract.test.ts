/**
 * The shared adapter contract (networks/testing/contract.ts) against Discord, with a bot (the mode
 * whose `nonce` + `enforce_nonce` makes a retry safe): the adapter talks to the local Discord API
 * (testing/server.ts) through the fault proxy, and every request and answer is checked against
 * Discord's OpenAPI document.
 */
import { afterAll, expect, it } from 'vitest';
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createDiscordAdapter } from './adapter.ts';
import { FakeDiscordServer } from './testing/server.ts';

const server = new FakeDiscordServer();
let proxy: FaultProxy;
const CHANNEL = '1200000000000000001';

describeAdapterContract('discord', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    return {
      adapter: createDiscordAdapter({ requestTimeoutMs: 15_000 }),
      channel: () => ({
        channelId: 'contract-discord',
        settings: { channelId: CHANNEL, guildId: server.guildId },
        credentials: { botToken: server.bot.token },
        origin: proxy.url,
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path === `/discord.com/api/v10/channels/${CHANNEL}/messages`),
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});

afterAll(() => {
  expect(server.violations).toEqual([]);
});

it('the Discord server saw requests and checked them against the OpenAPI document', () => {
  expect(server.requests.length).toBeGreaterThan(0);
});
