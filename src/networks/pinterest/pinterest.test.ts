/**
 * Pinterest's own behaviour against the local API v5 server (every request checked against the
 * OpenAPI document): the board check before saving, carousels, video upload streamed then polled,
 * title/link/alt text, the boards picker, health of a removed board, metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeCode, refreshTokens } from '../../modules/oauth/tokens.ts';
import { validateVariantsLike } from './testing/validate-helper.ts';
import { NetworkError, type ChannelContext, type MediaInput, type PublishInput } from '../types.ts';
import { createPinterestAdapter } from './adapter.ts';
import { createPinterestOAuthProvider } from './oauth.ts';
import { FakePinterestServer } from './testing/server.ts';

const server = new FakePinterestServer();
const BOARD = '549755885175';
const adapter = createPinterestAdapter({ sleep: async () => {}, requestTimeoutMs: 2_000, videoPollIntervalMs: 1 });
const png = (id: string, alt?: string): MediaInput => ({
  mediaId: id,
  mimeType: 'image/png',
  bytes: new Uint8Array([1, 2, 3, 4]),
  size: 4,
  ...(alt ? { alt } : {}),
});
const channel = (settings: Record<string, unknown> = { boardId: BOARD }): ChannelContext => ({
  channelId: 'pinterest-test',
  settings,
  credentials: { accessToken: server.token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
let n = 0;
const input = (extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${++n}`,
  text: `pin ${n} ${Date.now()}`,
  media: [png('a')],
  ...extra,
});

beforeAll(() => server.start());
afterAll(async () => {
  await server.stop();
  expect(server.violations).toEqual([]);
});

describe('pinterest validate', () => {
  it('a pin for a channel without a board, and none of its own, is refused with board_required', () => {
    expect(validateVariantsLike(adapter, input(), {}).map((i) => i.code)).toContain('board_required');
    expect(validateVariantsLike(adapter, input(), { boardId: BOARD })).toEqual([]);
    expect(validateVariantsLike(adapter, input({ options: { network: { board: BOARD } } }), {})).toEqual([]);
  });

  it('words the limits of PinCreate: title, description, alt text, link, image types', () => {
    const issues = adapter.validate(
      input({
        title: 't'.repeat(101),
        text: 'd'.repeat(801),
        media: [png('a', 'x'.repeat(501)), { ...png('b'), mimeType: 'image/webp' }],
        options: { network: { link: 'not a link', board: 'my board' } },
      }),
      { settings: { boardId: BOARD } },
    );
    expect(issues.map((i) => i.code).sort()).toEqual([
      'alt_too_long',
      'link_invalid',
      'option_invalid',
      'text_too_long',
      'title_too_long',
      'unsupported_media_type',
    ]);
    expect(issues.find((i) => i.code === 'title_too_long')?.messageEs).toContain('100');
    expect(adapter.validate(input({ media: [] })).map((i) => i.code)).toEqual(['media_required']);
  });
});

describe('pinterest publish', () => {
  it('sends title, description, link and alt text with one image', async () => {
    const publication = input({
      title: 'Tarta de queso',
      media: [png('a', 'Una tarta')],
      options: { network: { link: 'https://plaza.example/receta' } },
    });
    const result = await adapter.publish(channel(), publication);
    const pin = server.pins.get(result.remoteId)!;
    expect(pin).toMatchObject({
      boardId: BOARD,
      title: 'Tarta de queso',
      description: publication.text,
      link: 'https://plaza.example/receta',
      altText: 'Una tarta',
      mediaType: 'image',
    });
    expect(result.remoteUrl).toBe(`https://www.pinterest.com/pin/${result.remoteId}/`);
  });

  it('publishes a carousel of images and honours a board of the pin', async () => {
    const result = await adapter.publish(
      channel(),
      input({ media: [png('a'), png('b'), png('c')], options: { network: { board: '549755885176' } } }),
    );
    expect(server.pins.get(result.remoteId)).toMatchObject({ mediaType: 'multiple_images', imageCount: 3, boardId: '549755885176' });
  });

  it('uploads a video streamed from the media store, waits for processing, then pins it', async () => {
    const bytes = new Uint8Array(300_000).fill(7);
    let streamed = 0;
    const video: MediaInput = {
      mediaId: 'v1',
      mimeType: 'video/mp4',
      kind: 'video',
      bytes: new Uint8Array(0),
      size: bytes.length,
      async *openStream() {
        for (let i = 0; i < bytes.length; i += 65_536) {
          streamed += Math.min(65_536, bytes.length - i);
          yield bytes.subarray(i, i + 65_536);
        }
      },
    };
    server.videoProcessingPolls = 2;
    const result = await adapter.publish(channel(), input({ media: [video] }));
    const pin = server.pins.get(result.remoteId)!;
    expect(pin.mediaType).toBe('video');
    expect(server.media.get(pin.videoMediaId!)?.uploadedBytes).toBe(bytes.length);
    expect(streamed).toBe(bytes.length);
    const polls = server.requests.filter((r) => r.path === `/v5/media/${pin.videoMediaId}`).length;
    expect(polls).toBe(3);
  });

  it('a video Pinterest cannot process fails for good, and no pin is made', async () => {
    server.videoProcessingFails = true;
    server.videoProcessingPolls = 0;
    const video: MediaInput = { mediaId: 'v2', mimeType: 'video/mp4', kind: 'video', bytes: new Uint8Array(10), size: 10 };
    const publication = input({ media: [video] });
    const error = await adapter.publish(channel(), publication).catch((e: unknown) => e);
    server.videoProcessingFails = false;
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('video_processing_failed');
    expect(server.postsWithText(publication.text)).toBe(0);
  });

  it('sends nothing once the engine’s deadline has passed', async () => {
    const before = server.requests.length;
    const error = (await adapter.publish({ ...channel(), deadline: Date.now() - 1 }, input()).catch((e: unknown) => e)) as NetworkError;
    expect(error).toMatchObject({ kind: 'transient', code: 'deadline_passed' });
    expect(server.requests.length).toBe(before);
  });

  it('a channel without a board fails before anything is sent', async () => {
    const before = server.requests.length;
    const error = (await adapter.publish(channel({}), input()).catch((e: unknown) => e)) as NetworkError;
    expect(error.code).toBe('board_required');
    expect(server.requests.length).toBe(before);
  });

  it('reads pin analytics: reactions, comments, saves, impressions, outbound clicks', async () => {
    const result = await adapter.publish(channel(), input());
    const metrics = await adapter.fetchMetrics(channel(), result.remoteId);
    expect(metrics).toMatchObject({ likes: 9, replies: 3, reposts: 12, impressions: 240, clicks: 20, quotes: null, reach: null });
    expect(metrics.missing).toEqual({ quotes: 'not_provided_by_network', reach: 'not_provided_by_network' });
  });

  it('deletes a pin, and deleting it again is fine', async () => {
    const result = await adapter.publish(channel(), input());
    await adapter.delete(channel(), result.remoteId);
    await adapter.delete(channel(), result.remoteId);
    expect(server.pins.get(result.remoteId)?.deleted).toBe(true);
  });
});

describe('pinterest health and sign-in', () => {
  it('health answers the account with its followers, and a removed board as board_not_found', async () => {
    expect(await adapter.checkHealth(channel())).toMatchObject({ ok: true, account: { handle: 'plazacafe', followers: 512 } });
    expect(await adapter.checkHealth(channel({ boardId: '999' }))).toMatchObject({ ok: false, error: { code: 'board_not_found' } });
    expect(await adapter.checkHealth({ ...channel(), credentials: { accessToken: 'revoked' } })).toMatchObject({
      ok: false,
      error: { kind: 'auth' },
    });
  });

  it('exchanges the sign-in code and refreshes with HTTP Basic app credentials (token requests checked against the OpenAPI document)', async () => {
    const provider = createPinterestOAuthProvider();
    const app = { clientId: server.app.clientId, clientSecret: server.app.clientSecret };
    const ctx = { origin: server.baseUrl, allowPrivateUrls: true };
    const tokens = await exchangeCode(
      provider,
      app,
      ctx,
      { code: server.authorize(), redirectUrl: 'https://plaza.example/api/v1/oauth/pinterest/callback', verifier: 'v' },
      Date.now(),
    );
    expect(tokens).toMatchObject({ accessToken: server.token, refreshToken: server.refreshToken });
    const renewed = await refreshTokens(provider, app, ctx, tokens, Date.now());
    expect(renewed.accessToken).toBe(server.token);
    await expect(
      exchangeCode(
        provider,
        { ...app, clientSecret: 'wrong' },
        ctx,
        { code: server.authorize(), redirectUrl: 'x', verifier: 'v' },
        Date.now(),
      ),
    ).rejects.toMatchObject({ kind: 'auth' });
  });

  it('the picker lists every board of the account, each a channel with its board id', async () => {
    const provider = createPinterestOAuthProvider();
    const accounts = await provider.listAccounts({ accessToken: server.token }, { origin: server.baseUrl, allowPrivateUrls: true });
    expect(accounts.map((a) => [a.kind, a.name, a.settings.boardId])).toEqual([
      ['board', 'Recetas de temporada', '549755885175'],
      ['board', 'Local y terraza', '549755885176'],
    ]);
    expect(provider).toMatchObject({ clientAuth: 'basic', scopeSeparator: ',', pkce: false });
  });
});
