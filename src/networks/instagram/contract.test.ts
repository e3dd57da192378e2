/**
 * The shared adapter contract (networks/testing/contract.ts) against Instagram: the adapter talks
 * to the local Instagram Graph server (testing/server.ts) through the fault proxy.
 *
 * Instagram publishes no text-only posts, and the contract's publications are text: the subject
 * wraps the adapter so each media-less publication carries one JPEG by public URL (what the
 * media store hands Instagram). Faults: failures hit the container creation (nothing is
 * published), and the lost answer is `media_publish`'s, the only call that makes a post.
 */
import { GRAPH_API_VERSION } from '../meta-graph/version.ts';
import { describeAdapterContract, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import type { NetworkAdapter, PublishInput } from '../types.ts';
import { createInstagramAdapter } from './adapter.ts';
import { FakeInstagramServer } from './testing/server.ts';

const server = new FakeInstagramServer();
let proxy: FaultProxy;

const withImage = (input: PublishInput): PublishInput =>
  input.media.length > 0
    ? input
    : {
        ...input,
        media: [
          {
            mediaId: 'm1',
            mimeType: 'image/jpeg',
            bytes: new Uint8Array(8),
            size: 8,
            publicUrl: 'https://plaza.example/media/m1.jpg?sig=abc',
          },
        ],
      };

describeAdapterContract('instagram', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const inner = createInstagramAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000 });
    const adapter: NetworkAdapter = {
      ...inner,
      validate: (input) => inner.validate(withImage(input)),
      publish: (ctx, input) => inner.publish(ctx, withImage(input)),
      findPublished: (ctx, input) => inner.findPublished(ctx, withImage(input)),
    };
    const base = `/graph.instagram.com/${GRAPH_API_VERSION}/${server.igUserId}`;
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-instagram',
        settings: { igUserId: server.igUserId, api: 'instagram' },
        credentials: { accessToken: server.longToken },
        origin: proxy.url,
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: {
        failPublish(status, retryAfterSeconds) {
          proxy.answer(
            (method, path) => method === 'POST' && path === `${base}/media`,
            status,
            retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {},
          );
        },
        losePublishAnswer() {
          proxy.loseNextAnswer((method, path) => method === 'POST' && path === `${base}/media_publish`);
        },
        clear() {
          proxy.clear();
        },
      },
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});
