/**
 * The shared adapter contract (networks/testing/contract.ts) against YouTube: the adapter talks to
 * the YouTube test server (testing/server.ts) through the fault proxy; every contract post carries
 * a small video. Faults hit the upload (session start and chunks).
 */
import { randomBytes } from 'node:crypto';
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createYouTubeAdapter } from './adapter.ts';
import { FakeYouTubeServer } from './testing/server.ts';

const server = new FakeYouTubeServer();
let proxy: FaultProxy;
const video = randomBytes(300 * 1024);

describeAdapterContract('youtube', {
  async start(): Promise<ContractSubject> {
    await server.start();
    proxy = await startFaultProxy(server.baseUrl);
    const adapter = createYouTubeAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000 });
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-youtube',
        settings: { channelId: server.channelId, uploadsPlaylistId: server.uploadsPlaylistId },
        credentials: { accessToken: server.token },
        origin: proxy.url,
        allowPrivateUrls: true,
      }),
      postsWithText: async (text) => server.postsWithText(text),
      faults: proxyFaults(proxy, (_method, path) => path === '/www.googleapis.com/upload/youtube/v3/videos'),
      liveMetrics: true,
      media: () => [
        {
          mediaId: 'video-1',
          mimeType: 'video/mp4',
          kind: 'video',
          bytes: video,
          size: video.byteLength,
          durationSeconds: 5,
          width: 1280,
          height: 720,
        },
      ],
    };
  },
  async stop() {
    await proxy?.close();
    await server.stop();
  },
});
