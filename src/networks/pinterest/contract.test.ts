/**
 * The shared adapter contract (networks/testing/contract.ts) against Pinterest: the adapter talks to
 * the local Pinterest API v5 server (testing/server.ts) through the fault proxy, and every request
 * and answer is checked against Pinterest's OpenAPI document.
 *
 * Pinterest publishes no text-only pins, and the contract's publications are text: the subject wraps
 * the adapter so each media-less publication carries one PNG (its text becomes the pin's description).
 */
import { afterAll, expect, it } from 'vitest';
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import type { NetworkAdapter, PublishInput } from '../types.ts';
import { createPinterestAdapter } from './adapter.ts';
import { FakePinterestServer } from './testing/server.ts';

const server = new FakePinterestServer();
let proxy: FaultProxy;
const BOARD = '549755885175';

const withImage = (input: PublishInput): PublishInput =>
  input.media.length > 0
    ? input
    : { ...input, media: [{ mediaId: 'm1', mimeType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), size: 8 }] };

describeAdapterContract('pinterest', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const inner = createPinterestAdapter({ sleep: async () => {}, requestTimeoutMs: 2_000 });
    const adapter: NetworkAdapter = {
      ...inner,
      validate: (input) => inner.validate(withImage(input), { settings: { boardId: BOARD } }),
      publish: (ctx, input) => inner.publish(ctx, withImage(input)),
      findPublished: (ctx, input) => inner.findPublished(ctx, withImage(input)),
    };
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-pinterest',
        settings: { boardId: BOARD, username: server.account.username },
        credentials: { accessToken: server.token },
        origin: proxy.url,
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path === '/api.pinterest.com/v5/pins'),
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

it('the Pinterest server saw requests and checked them against the OpenAPI document', () => {
  expect(server.requests.length).toBeGreaterThan(0);
});
