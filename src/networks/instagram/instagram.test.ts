/**
 * Instagram's own paths against the local Instagram Graph server: each container type, container
 * ERROR and EXPIRED, the publishing limit, a lost media_publish answer reconciled without a
 * duplicate, throttling and expired tokens, both sign-ins (Instagram Login and Facebook Login)
 * with their token calls, insights and mentions.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expiredTokenAnswer, throttledAnswer } from '../meta-graph/testing/graph-server.ts';
import { networkUrl } from '../endpoints.ts';
import { NetworkError, type ChannelContext, type MediaInput, type PublishInput } from '../types.ts';
import { createInstagramAdapter } from './adapter.ts';
import { createInstagramFacebookLoginProvider, createInstagramLoginProvider } from './oauth.ts';
import { FakeInstagramServer } from './testing/server.ts';

const server = new FakeInstagramServer();
const adapter = createInstagramAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000, pollMaxAttempts: 5 });
const igLogin = createInstagramLoginProvider({ now: () => server.clock, requestTimeoutMs: 2_000 });
const fbLogin = createInstagramFacebookLoginProvider({ now: () => server.clock, requestTimeoutMs: 2_000 });

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.clearFaults();
  server.quotaUsageOverride = undefined;
  server.pollsUntilFinished = 1;
});

const channel = (): ChannelContext => ({
  channelId: 'ig',
  settings: { igUserId: server.igUserId, api: 'instagram' },
  credentials: { accessToken: server.longToken },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
const pageChannel = (): ChannelContext => ({
  channelId: 'ig-fb',
  settings: { igUserId: server.igUserId, api: 'facebook', pageId: server.pageId },
  credentials: { accessToken: server.fbUserToken, pageAccessToken: server.pageToken },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
const oauthCtx = () => ({ origin: server.baseUrl, allowPrivateUrls: true });
const app = () => ({ clientId: server.appId, clientSecret: server.appSecret });
const image = (n = 0): MediaInput => ({
  mediaId: `img${n}`,
  mimeType: 'image/jpeg',
  bytes: new Uint8Array(8),
  size: 8,
  alt: `alt ${n}`,
  publicUrl: `https://plaza.example/m/img${n}.jpg?sig=x`,
});
const clip = (extra: Partial<MediaInput> = {}): MediaInput => ({
  mediaId: 'vid',
  mimeType: 'video/mp4',
  kind: 'video',
  bytes: new Uint8Array(8),
  size: 8,
  durationSeconds: 30,
  codec: 'avc1',
  publicUrl: 'https://plaza.example/m/vid.mp4?sig=x',
  ...extra,
});
const input = (extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: randomUUID(),
  text: `post ${randomUUID().slice(0, 8)} #cafe`,
  media: [image()],
  firstAttemptAt: new Date(server.clock).toISOString(),
  ...extra,
});
const containerCalls = () => server.seen.filter((s) => s.method === 'POST' && s.path.endsWith('/media')).length;

async function failure(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return error as NetworkError;
  }
  throw new Error('expected a failure');
}

describe('instagram publishing', () => {
  it('publishes an image container after polling it, with alt text and a first comment', async () => {
    server.pollsUntilFinished = 2;
    const publication = input({ firstComment: 'Reserva en el enlace de la bio' });
    const posted = await adapter.publish(channel(), publication);
    const media = server.media.get(posted.remoteId)!;
    expect(media).toMatchObject({ caption: publication.text, mediaType: 'IMAGE' });
    expect(server.containers.get(media.containerId)).toMatchObject({ url: image().publicUrl, status: 'PUBLISHED' });
    expect(server.seen.find((s) => s.path.endsWith('/media') && s.method === 'POST' && s.params.alt_text === 'alt 0')).toBeDefined();
    expect(posted.remoteUrl).toBe(`https://www.instagram.com/p/${posted.remoteId}/`);
    expect(media.comments.map((c) => c.id)).toEqual([posted.firstCommentRemoteId]);
  });

  it('publishes a carousel of child containers (images and a video), a reel and a story', async () => {
    const carousel = await adapter.publish(channel(), input({ media: [image(1), image(2), clip()] }));
    const parent = server.containers.get(server.media.get(carousel.remoteId)!.containerId)!;
    expect(parent.mediaType).toBe('CAROUSEL');
    expect(parent.children.map((id) => server.containers.get(id)!.mediaType)).toEqual(['IMAGE', 'IMAGE', 'VIDEO']);
    expect(parent.children.every((id) => server.containers.get(id)!.carouselItem)).toBe(true);

    const reel = await adapter.publish(channel(), input({ media: [clip()], options: { network: { shareToFeed: false } } }));
    const reelContainer = server.containers.get(server.media.get(reel.remoteId)!.containerId)!;
    expect(reelContainer).toMatchObject({ mediaType: 'REELS', shareToFeed: 'false' });

    const story = await adapter.publish(channel(), input({ postType: 'story', text: '', firstComment: 'ignored' }));
    expect(server.media.get(story.remoteId)).toMatchObject({ productType: 'STORY', caption: '' });
    expect(server.media.get(story.remoteId)!.comments).toEqual([]);
    // Stories scheduled together are each published (no caption to tell them apart beforehand).
    const second = await adapter.publish(channel(), input({ postType: 'story', text: '' }));
    expect(second.remoteId).not.toBe(story.remoteId);
  });

  it('a container in ERROR is permanent and one EXPIRED is transient; nothing is published', async () => {
    server.nextContainerFate = 'ERROR';
    const broken = input();
    expect(await failure(adapter.publish(channel(), broken))).toMatchObject({
      kind: 'permanent',
      code: 'container_error',
      message: expect.stringMatching(/2207026/),
    });
    server.nextContainerFate = 'EXPIRED';
    const expired = input();
    expect(await failure(adapter.publish(channel(), expired))).toMatchObject({ kind: 'transient', code: 'container_expired' });
    expect(server.postsWithText(broken.text) + server.postsWithText(expired.text)).toBe(0);
    // The retry after EXPIRED makes a fresh container and publishes once.
    await adapter.publish(channel(), expired);
    expect(server.postsWithText(expired.text)).toBe(1);
  });

  it('a container still processing after the polls is transient', async () => {
    server.pollsUntilFinished = 50;
    expect(await failure(adapter.publish(channel(), input()))).toMatchObject({ kind: 'transient', code: 'container_not_ready' });
  });

  it('checks the publishing limit before creating anything', async () => {
    server.quotaUsageOverride = 100;
    const before = containerCalls();
    const error = await failure(adapter.publish(channel(), input()));
    expect(error).toMatchObject({ kind: 'rate_limited', code: 'publishing_limit' });
    expect(error.details.retryAfterMs).toBe(60 * 60_000);
    expect(containerCalls()).toBe(before);
  });

  it('a lost media_publish answer is ambiguous; findPublished and a retry find the one post', async () => {
    server.inject((call) => call.segments[1] === 'media_publish', 'lose-answer');
    const publication = input();
    expect(await failure(adapter.publish(channel(), publication))).toMatchObject({ kind: 'ambiguous' });
    expect(server.postsWithText(publication.text)).toBe(1);
    const found = await adapter.findPublished(channel(), publication);
    expect(found).not.toBeNull();
    const before = containerCalls();
    expect((await adapter.publish(channel(), publication)).remoteId).toBe(found!.remoteId);
    expect(containerCalls()).toBe(before);
    expect(server.postsWithText(publication.text)).toBe(1);
    // A lost container answer is harmless: transient, and the retry publishes once.
    server.inject((call) => call.method === 'POST' && call.segments[1] === 'media', 'lose-answer');
    const other = input();
    expect(await failure(adapter.publish(channel(), other))).toMatchObject({ kind: 'transient' });
    await adapter.publish(channel(), other);
    expect(server.postsWithText(other.text)).toBe(1);
  });

  it('media without a public URL is a clear permanent error, before any call', async () => {
    const seen = server.seen.length;
    const error = await failure(adapter.publish(channel(), input({ media: [{ ...image(), publicUrl: undefined }] })));
    expect(error).toMatchObject({ kind: 'permanent', code: 'media_url_missing', message: expect.stringMatching(/PUBLIC_URL/) });
    expect(server.seen.length).toBe(seen);
  });

  it('throttling is rate_limited with the usage header’s wait; an expired token is token_expired', async () => {
    server.inject((call) => call.method === 'POST' && call.segments[1] === 'media', throttledAnswer(5, 4));
    const throttled = await failure(adapter.publish(channel(), input()));
    expect(throttled).toMatchObject({ kind: 'rate_limited', code: 'graph_4' });
    expect(throttled.details.retryAfterMs).toBe(5 * 60_000);
    server.inject(() => true, expiredTokenAnswer());
    expect(await failure(adapter.publish(channel(), input()))).toMatchObject({ kind: 'auth', code: 'token_expired' });
  });

  it('a Facebook Login channel publishes on graph.facebook.com with the Page token and can delete', async () => {
    const posted = await adapter.publish(pageChannel(), input());
    expect(server.seen.filter((s) => s.path.endsWith('media_publish')).at(-1)!.host).toBe('graph.facebook.com');
    await adapter.delete(pageChannel(), posted.remoteId);
    expect(server.media.get(posted.remoteId)!.deleted).toBe(true);
    const own = await adapter.publish(channel(), input());
    expect(await failure(adapter.delete(channel(), own.remoteId))).toMatchObject({ kind: 'permanent', code: 'delete_not_supported' });
  });
});

describe('instagram reading', () => {
  it('reads reach, views, likes, comments, saves and shares; reasons when insights are gone', async () => {
    const posted = await adapter.publish(channel(), input());
    const metrics = await adapter.fetchMetrics(channel(), posted.remoteId);
    expect(metrics).toMatchObject({ likes: 12, replies: 0, reposts: 4, impressions: 520, reach: 300, quotes: null, clicks: null });
    expect(metrics.networkMetrics).toEqual({ saved: 7, views: 520 });
    expect(metrics.missing).toEqual({ quotes: 'not_provided_by_network', clicks: 'use_tracked_links' });

    const story = await adapter.publish(channel(), input({ postType: 'story', text: '' }));
    server.clock += 25 * 60 * 60_000;
    const old = await adapter.fetchMetrics(channel(), story.remoteId);
    expect(old).toMatchObject({ reach: null, impressions: null, reposts: null, likes: 12 });
    expect(old.missing).toMatchObject({
      reach: 'not_available_for_account',
      impressions: 'not_available_for_account',
      reposts: 'not_available_for_account',
    });
  });

  it('reads tags and comments as mentions, and the account', async () => {
    const posted = await adapter.publish(channel(), input());
    server.media
      .get(posted.remoteId)!
      .comments.push({ id: 'c1', text: '¿Abrís el domingo?', username: 'lucia', timestamp: server.clock + 1000 });
    server.tagged.push({ id: 't1', caption: 'Desayuno en @cafeplaza', username: 'marta', timestamp: server.clock + 1000 });
    const mentions = await adapter.fetchMentions(channel(), new Date(server.clock).toISOString());
    expect(mentions).toEqual([
      expect.objectContaining({ remoteId: 't1', authorHandle: 'marta', text: 'Desayuno en @cafeplaza' }),
      expect.objectContaining({ remoteId: 'c1', authorHandle: 'lucia', inReplyToRemoteId: posted.remoteId }),
    ]);
    expect(await adapter.checkHealth(channel())).toEqual({
      ok: true,
      account: { id: server.igUserId, handle: 'cafeplaza', displayName: 'Café Plaza', followers: server.followers },
    });
  });

  it('validates container types and limits', () => {
    const codes = (extra: Partial<PublishInput>) => adapter.validate(input(extra)).map((i) => i.code);
    expect(codes({ media: Array.from({ length: 11 }, (_, i) => image(i)) })).toEqual(['too_many_media']);
    expect(codes({ postType: 'story', media: [image(1), image(2)] })).toEqual(['too_many_media']);
    expect(codes({ media: [{ ...image(), mimeType: 'image/png' }] })).toEqual(['unsupported_media_type']);
    expect(codes({ media: [clip({ durationSeconds: 16 * 60 })] })).toEqual(['video_too_long']);
    expect(codes({ media: [] })).toEqual(['media_required']);
    expect(codes({ postType: 'text' })).toEqual(['post_type_unsupported']);
    expect(codes({ media: [clip()], options: { network: { shareToFeed: 'yes' } } })).toEqual(['option_invalid']);
  });
});

describe('instagram sign-in', () => {
  it('Instagram Login: long-lived exchange, the account, refresh with a new token', async () => {
    const exchanged = await igLogin.afterExchange!({ accessToken: server.shortToken }, app(), oauthCtx());
    expect(exchanged.accessToken).toBe(server.longToken);
    expect(Date.parse(exchanged.expiresAt!) - server.clock).toBe(5_183_944_000);
    expect(exchanged.extra).toEqual({ userId: server.igUserId });
    expect(await igLogin.listAccounts(exchanged, oauthCtx())).toEqual([
      expect.objectContaining({
        remoteId: server.igUserId,
        kind: 'instagram',
        handle: 'cafeplaza',
        settings: expect.objectContaining({ igUserId: server.igUserId, api: 'instagram' }),
      }),
    ]);
    const refreshed = await igLogin.refresh!(exchanged, app(), oauthCtx());
    expect(refreshed.accessToken).not.toBe(exchanged.accessToken);
    expect(refreshed.accessToken).toBe(server.longToken);
  });

  it('the token endpoint answers the framework’s code exchange, and refuses a bad code', async () => {
    const exchange = (code: string) =>
      fetch(networkUrl(igLogin.tokenUrl({}), server.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          client_id: server.appId,
          client_secret: server.appSecret,
          redirect_uri: 'https://plaza.example/api/v1/oauth/instagram/callback',
        }),
      });
    expect(await (await exchange(server.authCode)).json()).toMatchObject({ access_token: server.shortToken, user_id: server.igUserId });
    const bad = await exchange('stale');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error_type: 'OAuthException' });
  });

  it('a refused refresh is auth with Instagram’s reason', async () => {
    server.expiredTokens.add('ig-old');
    const expired = await failure(igLogin.refresh!({ accessToken: 'ig-old' }, app(), oauthCtx()));
    expect(expired).toMatchObject({ kind: 'auth', code: 'token_expired', message: expect.stringMatching(/Session has expired/) });
    const unknown = await failure(igLogin.refresh!({ accessToken: 'never-issued' }, app(), oauthCtx()));
    expect(unknown).toMatchObject({ kind: 'auth', code: 'refresh_refused', message: expect.stringMatching(/Invalid OAuth access token/) });
    const badSecret = await failure(
      igLogin.afterExchange!({ accessToken: server.shortToken }, { clientId: server.appId, clientSecret: 'bad' }, oauthCtx()),
    );
    expect(badSecret).toMatchObject({ kind: 'auth', code: 'refresh_refused' });
  });

  it('Facebook Login: lists the Instagram accounts linked to the Pages, with the Page token', async () => {
    const exchanged = await fbLogin.afterExchange!({ accessToken: server.fbUserToken }, app(), oauthCtx());
    const accounts = await fbLogin.listAccounts(exchanged, oauthCtx());
    expect(accounts).toEqual([
      expect.objectContaining({
        remoteId: server.igUserId,
        kind: 'instagram',
        settings: expect.objectContaining({ igUserId: server.igUserId, api: 'facebook', pageId: server.pageId }),
        credentials: { pageAccessToken: server.pageToken },
      }),
    ]);
    expect(fbLogin.scopes).toEqual(expect.arrayContaining(['instagram_basic', 'instagram_content_publish']));
  });
});
