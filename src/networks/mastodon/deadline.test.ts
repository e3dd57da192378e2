/**
 * The engine's deadline, on the engine's clock (`ctx.now`), is checked before
 * every request: media uploads and thread parts included.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext, type MediaInput, type NetworkAdapter } from '../types.ts';
import { createMastodonAdapter } from './index.ts';
import { FakeMastodonServer } from './testing/server.ts';

const server = new FakeMastodonServer();
let adapter: NetworkAdapter;

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset();
  adapter = createMastodonAdapter({ now: () => server.clock, sleep: async () => undefined, requestTimeoutMs: 2_000 });
});

function image(id: string): MediaInput {
  const bytes = new Uint8Array(1024).map((_, i) => i % 256);
  return { mediaId: id, mimeType: 'image/png', bytes, alt: 'alt', size: bytes.byteLength };
}

/** A channel whose engine clock reads `clock()`, with the deadline at 1,000. */
function channel(clock: () => number): ChannelContext {
  return {
    channelId: 'ch_1',
    settings: { instanceUrl: `${server.baseUrl}/` },
    credentials: { accessToken: server.token },
    allowPrivateUrls: true,
    deadline: 1_000,
    now: clock,
  };
}

async function rejection(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return error as NetworkError;
  }
  throw new Error('expected the call to fail');
}

describe('mastodon adapter: engine deadline', () => {
  it('sends nothing once the deadline has passed', async () => {
    const error = await rejection(
      adapter.publish(
        channel(() => 1_000),
        { publicationId: 'pub_late', text: 'late', media: [image('m1')] },
      ),
    );
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('deadline_passed');
    expect(server.requests).toHaveLength(0);
  });

  it('stops between a media upload and the status, and between thread parts', async () => {
    // The clock passes the deadline as soon as the first upload has reached the server.
    const afterUpload = channel(() => (server.requests.length >= 1 ? 1_000 : 0));
    await rejection(adapter.publish(afterUpload, { publicationId: 'pub_media', text: 'two images', media: [image('m1'), image('m2')] }));
    expect(server.requests.map((r) => r.path)).toEqual(['/api/v2/media']);

    server.reset();
    const afterRoot = channel(() => (server.requests.some((r) => r.path === '/api/v1/statuses') ? 1_000 : 0));
    await rejection(
      adapter.publish(afterRoot, { publicationId: 'pub_thread', text: 'one', media: [], thread: [{ text: 'two', media: [] }] }),
    );
    expect(server.requests.filter((r) => r.path === '/api/v1/statuses')).toHaveLength(1);
  });
});
