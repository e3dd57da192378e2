/**
 * Facebook Pages' own paths against the local Graph server: every post type, a resumable video
 * upload cut off and resumed, reels resumed from the server's offset, duplicate posts (506),
 * throttling with X-Business-Use-Case-Usage, an expired token, insights with the 2025 metrics,
 * mentions, and Facebook Login's token calls (exchange, listing Pages, refresh, refused refresh).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expiredTokenAnswer, graphErrorAnswer, serverErrorAnswer, throttledAnswer } from '../meta-graph/testing/graph-server.ts';
import { networkUrl } from '../endpoints.ts';
import { NetworkError, type ChannelContext, type MediaInput, type PublishInput } from '../types.ts';
import { createFacebookAdapter } from './adapter.ts';
import { createFacebookOAuthProvider } from './oauth.ts';
import { FakeFacebookServer } from './testing/server.ts';

const server = new FakeFacebookServer();
const adapter = createFacebookAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000 });
const provider = createFacebookOAuthProvider({ now: () => server.clock, requestTimeoutMs: 2_000 });

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.clearFaults());

const channel = (): ChannelContext => ({
  channelId: 'fb',
  settings: { pageId: server.pageId },
  credentials: { accessToken: server.longUserToken, pageAccessToken: server.pageToken },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
const oauthCtx = () => ({ origin: server.baseUrl, allowPrivateUrls: true });
const app = () => ({ clientId: server.appId, clientSecret: server.appSecret });
const text = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;
const input = (extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: randomUUID(),
  text: text('post'),
  media: [],
  ...extra,
});
const image = (n = 0): MediaInput => ({
  mediaId: `img${n}`,
  mimeType: 'image/jpeg',
  bytes: new Uint8Array(64).fill(n),
  size: 64,
  alt: `photo ${n}`,
});
const video = (bytes: number, extra: Partial<MediaInput> = {}): MediaInput => {
  const data = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 1) data[i] = i % 251;
  return {
    mediaId: 'vid',
    mimeType: 'video/mp4',
    kind: 'video',
    bytes: data,
    size: bytes,
    durationSeconds: 20,
    width: 1080,
    height: 1920,
    codec: 'avc1',
    ...extra,
  };
};

async function failure(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return error as NetworkError;
  }
  throw new Error('expected a failure');
}

describe('facebook publishing', () => {
  it('publishes text, link, photo and multi-photo posts, with a first comment (once, even when retried)', async () => {
    const plain = input({ firstComment: 'Menú del día en el enlace' });
    const posted = await adapter.publish(channel(), plain);
    const stored = server.posts.get(posted.remoteId)!;
    expect(stored).toMatchObject({ kind: 'status', message: plain.text });
    // The post alone: the engine publishes the first comment right after, through publishFirstComment.
    expect(stored.comments).toEqual([]);
    const comment = { publicationId: plain.publicationId, postRemoteId: posted.remoteId, text: 'Menú del día en el enlace' };
    const first = await adapter.publishFirstComment!(channel(), { ...comment, reconcile: false });
    expect(stored.comments).toEqual([{ id: first.remoteId, message: 'Menú del día en el enlace' }]);
    // A retry after a lost answer (reconcile) finds the Page's own comment instead of commenting twice.
    const again = await adapter.publishFirstComment!(channel(), { ...comment, reconcile: true });
    expect(again.remoteId).toBe(first.remoteId);
    expect(stored.comments).toHaveLength(1);

    // A text post with a link goes out as a link post: Facebook draws the card from the page's Open Graph tags.
    const linked = await adapter.publish(channel(), input({ text: `${text('linked')} https://cafe.example/carta` }));
    expect(server.posts.get(linked.remoteId)).toMatchObject({ kind: 'link', link: 'https://cafe.example/carta' });

    const link = await adapter.publish(channel(), input({ postType: 'link', text: `${text('read')} https://cafe.example/menu` }));
    expect(server.posts.get(link.remoteId)).toMatchObject({ kind: 'link', link: 'https://cafe.example/menu' });

    const photo = await adapter.publish(channel(), input({ media: [image(1)] }));
    expect(server.posts.get(photo.remoteId)).toMatchObject({ kind: 'photo' });

    const album = await adapter.publish(channel(), input({ media: [image(1), image(2), image(3)] }));
    expect(server.posts.get(album.remoteId)!.photoIds).toHaveLength(3);
    expect(server.unpublishedPhotos.size).toBe(0);
  });

  it('uploads a video in chunks, and resumes from the offsets Facebook answers after a cut-off chunk', async () => {
    const clip = video(3000);
    // The second chunk reaches Facebook but its answer is lost; the third fails with a 5xx.
    let transfers = 0;
    server.inject((call) => call.params.upload_phase === 'transfer' && ++transfers === 2, 'lose-answer');
    server.inject((call) => call.params.upload_phase === 'transfer' && call.params.start_offset === '2048', serverErrorAnswer());
    const publication = input({ postType: 'video', media: [clip], title: 'Latte art' });
    const posted = await adapter.publish(channel(), publication);
    const post = server.posts.get(posted.remoteId)!;
    expect(post).toMatchObject({ kind: 'video', message: publication.text });
    expect(server.uploadedVideo(post.videoId!)).toEqual(clip.bytes);
    expect(server.postsWithText(publication.text)).toBe(1);
  });

  it('gives up on a video whose chunks keep failing, as transient, with nothing published', async () => {
    server.inject((call) => call.params.upload_phase === 'transfer', serverErrorAnswer(), 100);
    const publication = input({ postType: 'video', media: [video(1500)] });
    const error = await failure(adapter.publish(channel(), publication));
    expect(error.kind).toBe('transient');
    expect(server.postsWithText(publication.text)).toBe(0);
  });

  it('publishes a reel, resuming the upload where Facebook says it stands', async () => {
    server.inject((call) => call.host === 'rupload.facebook.com', 'lose-answer');
    const publication = input({ postType: 'reel', media: [video(2000)] });
    const posted = await adapter.publish(channel(), publication);
    expect(server.posts.get(posted.remoteId)).toMatchObject({ kind: 'reel', message: publication.text });
    expect(server.reels.get(server.posts.get(posted.remoteId)!.videoId!)!.received).toBe(2000);
  });

  it('a finish whose answer is lost is ambiguous, and findPublished finds the video post', async () => {
    server.inject((call) => call.params.upload_phase === 'finish', 'lose-answer');
    const publication = input({ postType: 'video', media: [video(500)], firstAttemptAt: new Date(server.clock).toISOString() });
    const error = await failure(adapter.publish(channel(), publication));
    expect(error.kind).toBe('ambiguous');
    const found = await adapter.findPublished(channel(), publication);
    expect(found?.remoteId).toMatch(new RegExp(`^${server.pageId}_`));
    expect(server.postsWithText(publication.text)).toBe(1);
  });
});

describe('facebook errors', () => {
  it('a duplicate (506) of this publication returns the earlier post; of an older post it is permanent', async () => {
    const publication = input({ firstAttemptAt: new Date(server.clock).toISOString() });
    const first = await adapter.publish(channel(), publication);
    const again = await adapter.publish(channel(), publication);
    expect(again.remoteId).toBe(first.remoteId);
    expect(server.postsWithText(publication.text)).toBe(1);

    // An hour later another publication with the same text: Facebook refuses it, and it is not ours.
    server.clock += 60 * 60_000;
    const other = { ...publication, publicationId: randomUUID(), firstAttemptAt: new Date(server.clock).toISOString() };
    const error = await failure(adapter.publish(channel(), other));
    expect(error).toMatchObject({ kind: 'permanent', code: 'duplicate_post' });
    expect(server.postsWithText(publication.text)).toBe(1);
  });

  it('throttling (codes 4, 17, 32, 613) is rate_limited with the wait X-Business-Use-Case-Usage estimates', async () => {
    server.inject((call) => call.segments[1] === 'feed', throttledAnswer(17));
    const throttled = await failure(adapter.publish(channel(), input()));
    expect(throttled).toMatchObject({ kind: 'rate_limited', code: 'graph_32' });
    expect(throttled.details.retryAfterMs).toBe(17 * 60_000);

    server.inject((call) => call.segments[1] === 'feed', throttledAnswer(0, 613));
    const noEstimate = await failure(adapter.publish(channel(), input()));
    expect(noEstimate).toMatchObject({ kind: 'rate_limited', code: 'graph_613' });
    expect(noEstimate.details.retryAfterMs).toBe(10 * 60_000);
  });

  it('an expired token is auth token_expired (the framework refreshes); a bad one is invalid_token', async () => {
    server.inject((call) => call.segments[1] === 'feed', expiredTokenAnswer());
    expect(await failure(adapter.publish(channel(), input()))).toMatchObject({ kind: 'auth', code: 'token_expired' });
    const bad = { ...channel(), credentials: { pageAccessToken: 'nope' } };
    expect(await failure(adapter.publish(bad, input()))).toMatchObject({ kind: 'auth', code: 'invalid_token' });
    const health = await adapter.checkHealth(bad);
    expect(health).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });
});

describe('facebook requests', () => {
  it('sends nothing once the engine’s deadline has passed, and keeps tokens out of URLs', async () => {
    const seen = server.seen.length;
    const late = { ...channel(), deadline: server.clock - 1, now: () => server.clock };
    expect(await failure(adapter.publish(late, input()))).toMatchObject({ kind: 'transient', code: 'deadline_passed' });
    expect(server.seen.length).toBe(seen);
    await adapter.publish(channel(), input({ media: [image(4)] }));
    expect(server.seen.slice(seen).every((call) => !('access_token' in call.params))).toBe(true);
  });
});

describe('facebook reading', () => {
  it('reads views and viewers (2025 insights), reactions, comments and shares; a reason when insights are missing', async () => {
    const posted = await adapter.publish(channel(), input());
    const metrics = await adapter.fetchMetrics(channel(), posted.remoteId);
    expect(metrics).toMatchObject({ likes: 3, replies: 0, reposts: 1, impressions: 40, reach: 25, quotes: null, clicks: null });
    expect(metrics.missing).toEqual({ quotes: 'not_provided_by_network', clicks: 'use_tracked_links' });
    expect(metrics.networkMetrics).toEqual({ views: 40, viewers: 25 });
    expect(server.seen.at(-1)!.params.metric).toBe('post_media_view,post_total_media_view_unique');

    server.inject((call) => call.segments[1] === 'insights', graphErrorAnswer(403, 10, '(#10) Requires read_insights permission'));
    const noScope = await adapter.fetchMetrics(channel(), posted.remoteId);
    expect(noScope.missing).toMatchObject({ impressions: 'needs_permission', reach: 'needs_permission' });

    server.insightsAvailable = false;
    try {
      const small = await adapter.fetchMetrics(channel(), posted.remoteId);
      expect(small).toMatchObject({ impressions: null, reach: null, likes: 3 });
      expect(small.missing).toMatchObject({ impressions: 'not_available_for_account', reach: 'not_available_for_account' });
    } finally {
      server.insightsAvailable = true;
    }
  });

  it('deletes a post (twice is fine), reads the Page and its mentions', async () => {
    const posted = await adapter.publish(channel(), input());
    await adapter.delete(channel(), posted.remoteId);
    expect(server.posts.get(posted.remoteId)!.deleted).toBe(true);
    await adapter.delete(channel(), posted.remoteId);

    expect(await adapter.checkHealth(channel())).toEqual({
      ok: true,
      account: { id: server.pageId, handle: 'cafeplaza', displayName: 'Café Plaza', followers: server.followers },
    });
    server.tagged.push({
      id: '9_1',
      message: '¡Gran café en @Café Plaza!',
      created_time: new Date(server.clock).toISOString(),
      from: { id: '77', name: 'Lucía' },
    });
    const mentions = await adapter.fetchMentions(channel(), new Date(server.clock - 60_000).toISOString());
    expect(mentions).toEqual([expect.objectContaining({ remoteId: '9_1', authorHandle: 'Lucía', text: '¡Gran café en @Café Plaza!' })]);
  });

  it('validates post types, links, reels and threads', () => {
    expect(adapter.validate(input({ postType: 'link', text: 'no link here' })).map((i) => i.code)).toEqual(['link_required']);
    expect(adapter.validate(input({ postType: 'reel', media: [video(10, { width: 1920, height: 1080 })] })).map((i) => i.code)).toEqual([
      'aspect_ratio_out_of_range',
    ]);
    expect(adapter.validate(input({ postType: 'reel', media: [video(10, { durationSeconds: 120 })] })).map((i) => i.code)).toEqual([
      'video_too_long',
    ]);
    expect(adapter.validate(input({ thread: [{ text: 'x', media: [] }] })).map((i) => i.code)).toEqual(['thread_unsupported']);
    expect(adapter.validate(input({ postType: 'story', media: [image()] })).map((i) => i.code)).toEqual(['post_type_unsupported']);
    expect(adapter.validate(input({ media: [image(), video(10)] })).map((i) => i.code)).toContain('mixed_media');
  });
});

describe('facebook login', () => {
  it('exchanges for a long-lived token, lists Pages with their tokens, refreshes, and revokes', async () => {
    const exchanged = await provider.afterExchange!({ accessToken: server.shortUserToken }, app(), oauthCtx());
    expect(exchanged.accessToken).toBe(server.longUserToken);
    expect(Date.parse(exchanged.expiresAt!) - server.clock).toBe(5_184_000_000);
    expect(exchanged.extra).toEqual({ userId: server.userId });

    const accounts = await provider.listAccounts(exchanged, oauthCtx());
    expect(accounts).toEqual([
      expect.objectContaining({
        remoteId: server.pageId,
        kind: 'page',
        handle: 'cafeplaza',
        settings: { pageId: server.pageId, pageName: 'Café Plaza' },
        credentials: { pageAccessToken: 'page-token-20002' },
      }),
      expect.objectContaining({ remoteId: server.otherPageId, credentials: { pageAccessToken: 'page-token-20003' } }),
    ]);

    const refreshed = await provider.refresh!(exchanged, app(), oauthCtx());
    expect(refreshed.accessToken).not.toBe(exchanged.accessToken);
    expect(refreshed.accessToken).toBe(server.longUserToken);
    await provider.revoke!(refreshed, app(), oauthCtx());
    expect(provider.scopes).toContain('pages_manage_posts');
  });

  it('the token endpoint answers the framework’s code exchange, and refuses a used code', async () => {
    const exchange = (code: string) =>
      fetch(networkUrl(provider.tokenUrl({}), server.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          client_id: server.appId,
          client_secret: server.appSecret,
          redirect_uri: 'https://plaza.example/api/v1/oauth/facebook/callback',
        }),
      });
    const ok = await exchange(server.authCode);
    expect(await ok.json()).toEqual({ access_token: server.shortUserToken, token_type: 'bearer', expires_in: 3600 });
    const used = await exchange('code-used');
    expect(used.status).toBe(400);
    expect(await used.json()).toMatchObject({ error: { code: 100, error_subcode: 36009 } });
    expect(provider.authorizeUrl({})).toBe('https://www.facebook.com/v25.0/dialog/oauth');
  });

  it('a refused refresh is auth, with Facebook’s reason', async () => {
    server.expiredTokens.add('fb-old-token');
    const expired = await failure(provider.refresh!({ accessToken: 'fb-old-token' }, app(), oauthCtx()));
    expect(expired).toMatchObject({ kind: 'auth', code: 'token_expired' });
    expect(expired.message).toMatch(/Session has expired/);
    const wrongSecret = await failure(
      provider.refresh!({ accessToken: server.longUserToken }, { clientId: server.appId, clientSecret: 'wrong' }, oauthCtx()),
    );
    expect(wrongSecret).toMatchObject({ kind: 'auth', code: 'refresh_refused' });
    expect(wrongSecret.message).toMatch(/client secret/);
  });
});
