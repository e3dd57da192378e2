/**
 * The shared adapter contract (networks/testing/contract.ts) against TikTok: the adapter talks to
 * the local TikTok Open API (testing/server.ts, built from TikTok's documentation) through the
 * fault proxy.
 *
 * TikTok publishes no text-only posts, and the contract's publications are text: the subject wraps
 * the adapter so each media-less publication carries a short MP4 posted publicly (the text is its
 * caption). Faults: failures hit the video init (nothing is posted); the lost answer is the upload
 * of the video's last chunk, the request that makes the post.
 */
import { afterAll, expect, it } from 'vitest';
import { describeAdapterContract, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import type { NetworkAdapter, PublishInput } from '../types.ts';
import { createTikTokAdapter } from './adapter.ts';
import { FakeTikTokServer, UPLOAD_HOST } from './testing/server.ts';

const server = new FakeTikTokServer();
let proxy: FaultProxy;

const asVideo = (input: PublishInput): PublishInput => ({
  ...input,
  media:
    input.media.length > 0
      ? input.media
      : [{ mediaId: 'v1', mimeType: 'video/mp4', kind: 'video', bytes: new Uint8Array(2048).fill(1), size: 2048, durationSeconds: 12 }],
  options: { ...input.options, network: { privacy: 'PUBLIC_TO_EVERYONE', ...input.options?.network } },
});

describeAdapterContract('tiktok', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const inner = createTikTokAdapter({ sleep: async () => {}, requestTimeoutMs: 5_000 });
    const adapter: NetworkAdapter = {
      ...inner,
      validate: (input) => inner.validate(asVideo(input)),
      publish: (ctx, input) => inner.publish(ctx, asVideo(input)),
      findPublished: (ctx, input) => inner.findPublished(ctx, asVideo(input)),
    };
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-tiktok',
        settings: { openId: server.user.open_id, username: server.user.username },
        credentials: { accessToken: server.token },
        origin: proxy.url,
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: {
        failPublish(status, retryAfterSeconds) {
          proxy.answer(
            (method, path) => method === 'POST' && path === '/open.tiktokapis.com/v2/post/publish/video/init/',
            status,
            retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {},
            {
              data: {},
              error: {
                code: status === 401 ? 'access_token_invalid' : status === 429 ? 'rate_limit_exceeded' : 'internal_error',
                message: 'injected',
                log_id: 'x',
              },
            },
          );
        },
        losePublishAnswer() {
          proxy.loseNextAnswer((method, path) => method === 'PUT' && path === `/${UPLOAD_HOST}/video/`);
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

afterAll(() => {
  expect(server.violations).toEqual([]);
});

it('the TikTok server saw requests and checked them against the documented API', () => {
  expect(server.requests.length).toBeGreaterThan(0);
});
