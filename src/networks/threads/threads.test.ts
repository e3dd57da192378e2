/**
 * Threads' own failure paths and features (issue 13, parts 6 and 7), against the local Threads
 * server (testing/server.ts): expired token → refresh → retry, refused refresh, throttling with
 * Meta's usage header, duplicates, container ERROR and EXPIRED, a lost answer reconciled without a
 * duplicate, reply chains resumed after a partial failure, first comment, media by URL, the
 * publishing limit, insights, mentions, delete, and the sign-in provider's token calls.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext, type MediaInput, type PublishInput } from '../types.ts';
import { createThreadsAdapter } from './adapter.ts';
import { THREADS_API_VERSION, errorFromResponse } from './api.ts';
import { createThreadsOAuth, THREADS_REFRESH_AHEAD_MS } from './oauth.ts';
import { countThreadsChars } from './text.ts';
import { FakeThreadsServer } from './testing/server.ts';
import { validateThreadsPost } from './validate.ts';

const server = new FakeThreadsServer();
const adapter = createThreadsAdapter({ sleep: async () => {}, requestTimeoutMs: 2_000, now: () => server.now() });
const oauth = createThreadsOAuth({ now: () => server.now() });

beforeAll(async () => server.start());
afterAll(async () => server.stop());
beforeEach(() => server.clearFaults());

const channel = (token = server.token): ChannelContext => ({
  channelId: 'threads-test',
  settings: { userId: server.userId, username: server.username },
  credentials: { accessToken: token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
const input = (text: string, extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${randomUUID()}`,
  text,
  media: [],
  ...extra,
});
const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;
const image = (n = 1): MediaInput => ({
  mediaId: `m${n}`,
  mimeType: 'image/jpeg',
  bytes: new Uint8Array(4),
  size: 4,
  alt: `photo ${n}`,
  publicUrl: `https://plaza.example/media/signed/m${n}.jpg`,
});
const video = (): MediaInput => ({
  mediaId: 'v1',
  mimeType: 'video/mp4',
  kind: 'video',
  bytes: new Uint8Array(4),
  size: 4,
  durationSeconds: 12,
  codec: 'avc1',
  width: 1080,
  height: 1920,
  publicUrl: 'https://plaza.example/media/signed/v1.mp4',
});
const rejection = async (promise: Promise<unknown>): Promise<NetworkError> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NetworkError);
  return error as NetworkError;
};
const publishRequests = () => server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/threads_publish')).length;

describe('Threads character counting and validation', () => {
  it('counts plain characters once and emoji by their UTF-8 bytes', () => {
    expect(countThreadsChars('hola')).toBe(4);
    expect(countThreadsChars('Café ñ')).toBe(6);
    expect(countThreadsChars('😀')).toBe(4);
    expect(countThreadsChars('❤️')).toBe(6);
    expect(countThreadsChars('👍🏽')).toBe(8);
    expect(countThreadsChars('🇪🇸')).toBe(8);
    expect(countThreadsChars('☕ ok')).toBe(6);
  });

  it('refuses 126 emoji (504 counted) but takes 125 (500), and 500 letters', () => {
    expect(validateThreadsPost(input('😀'.repeat(125)))).toEqual([]);
    expect(validateThreadsPost(input('a'.repeat(500)))).toEqual([]);
    const issues = validateThreadsPost(input('😀'.repeat(126)));
    expect(issues).toMatchObject([{ field: 'text', code: 'text_too_long', params: { count: 504, max: 500 } }]);
    expect(issues[0]!.messageEs).toContain('504');
  });

  it('checks links, carousels, video, thread parts, the first comment and reply_control', () => {
    const links = Array.from({ length: 6 }, (_, i) => `https://e${i}.example`).join(' ');
    expect(validateThreadsPost(input(links)).map((i) => i.code)).toEqual(['too_many_links']);
    expect(validateThreadsPost(input('x', { postType: 'carousel', media: [image()] })).map((i) => i.code)).toContain('too_few_media');
    expect(validateThreadsPost(input('x', { media: Array.from({ length: 21 }, (_, i) => image(i)) })).map((i) => i.code)).toContain(
      'too_many_media',
    );
    expect(validateThreadsPost(input('x', { media: [{ ...video(), durationSeconds: 301, codec: 'vp09' }] })).map((i) => i.code)).toEqual([
      'video_too_long',
      'unsupported_video_codec',
    ]);
    expect(validateThreadsPost(input('x', { media: [{ ...image(), mimeType: 'image/webp' }] })).map((i) => i.code)).toEqual([
      'unsupported_media_type',
    ]);
    expect(validateThreadsPost(input('x', { thread: [{ text: '', media: [] }] })).map((i) => i.field)).toEqual(['thread.0.text']);
    expect(validateThreadsPost(input('x', { firstComment: 'c'.repeat(501) })).map((i) => i.code)).toEqual(['first_comment_too_long']);
    expect(validateThreadsPost(input('x', { options: { network: { reply_control: 'nobody' } } })).map((i) => i.code)).toEqual([
      'option_invalid',
    ]);
    expect(validateThreadsPost(input('x', { postType: 'story' })).map((i) => i.code)).toEqual(['post_type_unsupported']);
  });
});

describe('Threads publishing', () => {
  it('publishes text with reply_control, an image with alt text, a video after IN_PROGRESS, and a carousel', async () => {
    const text = await adapter.publish(
      channel(),
      input(unique('texto'), { options: { network: { reply_control: 'accounts_you_follow' } } }),
    );
    expect(server.posts.get(text.remoteId)).toMatchObject({ mediaType: 'TEXT_POST', replyControl: 'accounts_you_follow' });
    expect(text.remoteUrl).toBe(`https://www.threads.net/@${server.username}/post/${text.remoteId}`);

    const photo = await adapter.publish(channel(), input(unique('foto'), { media: [image()] }));
    expect(server.posts.get(photo.remoteId)).toMatchObject({ mediaType: 'IMAGE', mediaUrls: [image().publicUrl], altTexts: ['photo 1'] });

    server.videoPolls = 3;
    const clip = await adapter.publish(channel(), input(unique('vídeo'), { media: [video()] }));
    expect(server.posts.get(clip.remoteId)).toMatchObject({ mediaType: 'VIDEO', mediaUrls: [video().publicUrl] });

    const album = await adapter.publish(channel(), input(unique('carrusel'), { media: [image(1), image(2), video()] }));
    expect(server.posts.get(album.remoteId)).toMatchObject({ mediaType: 'CAROUSEL_ALBUM' });
    expect(server.posts.get(album.remoteId)!.mediaUrls).toHaveLength(3);
  });

  it('publishes a link post with its link attachment', async () => {
    const result = await adapter.publish(channel(), input(`${unique('enlace')} https://cafe.example/menu`, { postType: 'link' }));
    expect(server.posts.get(result.remoteId)!.linkAttachment).toBe('https://cafe.example/menu');
  });

  it('refuses media without a public URL before sending anything', async () => {
    const before = server.requests.length;
    const error = await rejection(adapter.publish(channel(), input('sin url', { media: [{ ...image(), publicUrl: undefined }] })));
    expect(error).toMatchObject({ kind: 'permanent', code: 'media_url_missing' });
    expect(server.requests.length).toBe(before);
  });

  it('publishes a thread as a reply chain, then the first comment as a reply to the root', async () => {
    const root = unique('hilo');
    const result = await adapter.publish(
      channel(),
      input(root, {
        thread: [
          { text: `${root} 2/3`, media: [] },
          { text: `${root} 3/3`, media: [image()] },
        ],
        firstComment: `${root} comentario`,
      }),
    );
    const [second, third] = result.threadRemoteIds!;
    expect(server.posts.get(second!)!.replyToId).toBe(result.remoteId);
    expect(server.posts.get(third!)).toMatchObject({ replyToId: second, rootId: result.remoteId, mediaType: 'IMAGE' });
    expect(server.posts.get(result.firstCommentRemoteId!)).toMatchObject({ replyToId: result.remoteId, text: `${root} comentario` });
  });

  it('resumes a thread after a part failed: nothing published twice', async () => {
    const root = unique('reanudar');
    const publication = input(root, {
      thread: [
        { text: `${root} 2/3`, media: [] },
        { text: `${root} 3/3`, media: [] },
      ],
    });
    // The third part's container creation fails (a 5xx) after two posts are live.
    let calls = 0;
    const flaky = createThreadsAdapter({
      sleep: async () => {},
      requestTimeoutMs: 2_000,
      fetch: async (url, init) => {
        // Let the first two containers through: fail the third container creation.
        if (init?.method === 'POST' && String(url).endsWith('/threads') && ++calls === 3)
          server.fail('POST', /\/threads$/, 503, { error: { message: 'down', code: 2 } });
        return fetch(url, init);
      },
    });
    const error = await rejection(flaky.publish(channel(), publication));
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('after 2 of 3');
    // Half a thread is not "published": findPublished says so, and publishing again resumes it.
    expect(await adapter.findPublished(channel(), publication)).toBeNull();
    const resumed = await adapter.publish(channel(), { ...publication, firstAttemptAt: new Date(server.now() - 1000).toISOString() });
    expect(resumed.threadRemoteIds).toHaveLength(2);
    for (const text of [root, `${root} 2/3`, `${root} 3/3`]) expect(server.publishedWithText(text)).toHaveLength(1);
    expect(server.posts.get(resumed.threadRemoteIds![1]!)!.replyToId).toBe(resumed.threadRemoteIds![0]);
  });

  it('a lost publish answer is reconciled through the container status, without a duplicate', async () => {
    const publication = input(unique('perdida'));
    server.loseNextAnswer('POST', /\/threads_publish$/);
    const result = await adapter.publish(channel(), publication);
    expect(server.publishedWithText(publication.text)).toHaveLength(1);
    expect(result.remoteId).toBe(server.publishedWithText(publication.text)[0]!.id);
    expect(await adapter.findPublished(channel(), publication)).toMatchObject({ remoteId: result.remoteId });
    expect((await adapter.publish(channel(), publication)).remoteId).toBe(result.remoteId);
    expect(server.publishedWithText(publication.text)).toHaveLength(1);
  });

  it('a timeout after Threads accepted the publish is reconciled without a duplicate', async () => {
    const impatient = createThreadsAdapter({ sleep: async () => {}, requestTimeoutMs: 300 });
    const publication = input(unique('tarda'));
    server.delayNextAnswer('POST', /\/threads_publish$/, 1_500);
    const result = await impatient.publish(channel(), publication);
    expect(server.publishedWithText(publication.text)).toHaveLength(1);
    expect(result.remoteId).toBe(server.publishedWithText(publication.text)[0]!.id);
    // The engine's own timeout (its signal) is the other way the answer is lost: ambiguous, then reconciled.
    const controller = new AbortController();
    const second = input(unique('abortada'));
    server.delayNextAnswer('POST', /\/threads_publish$/, 1_500);
    setTimeout(() => controller.abort(), 300);
    const error = await rejection(adapter.publish({ ...channel(), signal: controller.signal }, second));
    expect(error.kind).toBe('ambiguous');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await adapter.findPublished(channel(), second)).toMatchObject({ remoteId: server.publishedWithText(second.text)[0]!.id });
    await adapter.publish(channel(), second);
    expect(server.publishedWithText(second.text)).toHaveLength(1);
  });

  it('a lost answer while the container was not yet published publishes the same container once', async () => {
    const publication = input(unique('no publicada'));
    // The publish request is refused on the way in (connection reset before handling): the container stays FINISHED.
    let dropped = false;
    const dropping = createThreadsAdapter({
      sleep: async () => {},
      requestTimeoutMs: 2_000,
      fetch: async (url, init) => {
        if (!dropped && String(url).endsWith('/threads_publish')) {
          dropped = true;
          throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
        }
        return fetch(url, init);
      },
    });
    const before = publishRequests();
    const result = await dropping.publish(channel(), publication);
    expect(server.publishedWithText(publication.text)).toHaveLength(1);
    expect(server.posts.get(result.remoteId)!.text).toBe(publication.text);
    expect(publishRequests() - before).toBe(1);
  });

  it('a lost container-creation answer is a plain retry (nothing published)', async () => {
    const publication = input(unique('contenedor perdido'));
    server.loseNextAnswer('POST', /\/threads$/);
    const error = await rejection(adapter.publish(channel(), publication));
    expect(error.kind).toBe('transient');
    expect(server.publishedWithText(publication.text)).toHaveLength(0);
    await adapter.publish(channel(), publication);
    expect(server.publishedWithText(publication.text)).toHaveLength(1);
  });

  it('container ERROR is permanent with the reason; EXPIRED is retried with a new container', async () => {
    server.containerOutcomes.push({ status: 'ERROR', message: 'FAILED_DOWNLOADING_VIDEO' });
    const failed = await rejection(adapter.publish(channel(), input(unique('error'), { media: [video()] })));
    expect(failed).toMatchObject({ kind: 'permanent', code: 'container_error' });
    expect(failed.message).toContain('FAILED_DOWNLOADING_VIDEO');

    const publication = input(unique('caducado'));
    server.containerOutcomes.push({ status: 'EXPIRED' });
    expect(await rejection(adapter.publish(channel(), publication))).toMatchObject({ kind: 'transient', code: 'container_expired' });
    expect(server.publishedWithText(publication.text)).toHaveLength(0);
    await adapter.publish(channel(), publication);
    expect(server.publishedWithText(publication.text)).toHaveLength(1);
  });

  it('a duplicate refusal for a post that is not there is permanent', async () => {
    server.duplicateNextPublish = true;
    const error = await rejection(adapter.publish(channel(), input(unique('duplicada'))));
    expect(error).toMatchObject({ kind: 'permanent', code: 'duplicate' });
  });

  it('throttling (code 4) is rate_limited with the wait from X-Business-Use-Case-Usage', async () => {
    server.throttle('POST', /\/threads$/, 12);
    const error = await rejection(adapter.publish(channel(), input(unique('throttle'))));
    expect(error).toMatchObject({ kind: 'rate_limited', code: 'rate_limited' });
    expect(error.details.retryAfterMs).toBe(12 * 60_000);
  });

  it('checks the publishing limit first and sends nothing when it is reached', async () => {
    const previous = server.quotaTotal;
    server.quotaTotal = [...server.posts.values()].filter((p) => p.ownerId === server.userId && !p.replyToId).length;
    try {
      const containers = server.containers.size;
      const error = await rejection(adapter.publish(channel(), input(unique('cupo'))));
      expect(error).toMatchObject({ kind: 'rate_limited', code: 'publishing_limit' });
      expect(error.details.retryAfterMs).toBeGreaterThan(0);
      expect(server.containers.size).toBe(containers);
    } finally {
      server.quotaTotal = previous;
    }
  });

  it('an expired token is auth/token_expired; after the refresh the retry publishes once', async () => {
    const publication = input(unique('caduca'));
    server.fail('POST', /\/threads$/, 400, {
      error: { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190, error_subcode: 463 },
    });
    const error = await rejection(adapter.publish(channel(), publication));
    expect(error).toMatchObject({ kind: 'auth', code: 'token_expired' });
    server.clockOffsetMs += 2 * 24 * 60 * 60_000; // long-lived tokens renew once a day old
    const old = server.token;
    const renewed = await oauth.refresh!(
      { accessToken: old },
      { clientId: server.appId, clientSecret: server.appSecret },
      { origin: server.baseUrl, allowPrivateUrls: true },
    );
    expect(renewed.accessToken).not.toBe(old);
    await adapter.publish(channel(renewed.accessToken), publication);
    expect(server.publishedWithText(publication.text)).toHaveLength(1);
  });

  it('an invalid token is auth; 5xx on reads is transient', async () => {
    expect(await rejection(adapter.publish(channel('not-a-token'), input('x')))).toMatchObject({ kind: 'auth', code: 'invalid_token' });
    server.fail('GET', /\/threads$/, 500, { error: { message: 'An unknown error occurred', code: 1 } });
    expect((await rejection(adapter.publish(channel(), input('x')))).kind).toBe('transient');
  });
});

describe('Threads reading', () => {
  it('reads insights: views as impressions, likes, replies, reposts, quotes, shares; reach and clicks with reasons', async () => {
    const result = await adapter.publish(channel(), input(unique('métricas')));
    Object.assign(server.posts.get(result.remoteId)!.insights, { views: 120, likes: 9, reposts: 2, quotes: 1, shares: 4 });
    const metrics = await adapter.fetchMetrics(channel(), result.remoteId);
    expect(metrics).toMatchObject({ impressions: 120, likes: 9, replies: 0, reposts: 2, quotes: 1, shares: 4, reach: null, clicks: null });
    expect(metrics.missing).toEqual({ reach: 'not_provided_by_network', clicks: 'use_tracked_links' });
    server.fail('GET', /\/insights$/, 403, { error: { message: '(#10) Application does not have permission for this action', code: 10 } });
    const denied = await adapter.fetchMetrics(channel(), result.remoteId);
    expect(denied.likes).toBeNull();
    expect(denied.missing.likes).toBe('needs_permission');
  });

  it('lists mentions and replies to own posts since a date, not the account’s own replies', async () => {
    const since = new Date(server.now() - 1000).toISOString();
    const post = await adapter.publish(channel(), input(unique('pregunta')));
    const mention = server.addForeignPost(`@${server.username} ¿abrís el domingo?`, 'lucia');
    const reply = server.addForeignPost('¡Me encanta!', 'pedro', post.remoteId);
    const mentions = await adapter.fetchMentions(channel(), since);
    expect(mentions.map((m) => m.remoteId).sort()).toEqual([mention.id, reply.id].sort());
    expect(mentions.find((m) => m.remoteId === reply.id)).toMatchObject({
      authorHandle: 'pedro',
      inReplyToRemoteId: post.remoteId,
      text: '¡Me encanta!',
    });
    expect(mentions[0]!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('deletes a post, and deleting it again is fine', async () => {
    const result = await adapter.publish(channel(), input(unique('borrar')));
    await adapter.delete(channel(), result.remoteId);
    expect(server.posts.has(result.remoteId)).toBe(false);
    await adapter.delete(channel(), result.remoteId);
  });

  it('checks health with the profile and followers; an invalid token says auth', async () => {
    expect(await adapter.checkHealth(channel())).toEqual({
      ok: true,
      account: { id: server.userId, handle: server.username, displayName: server.name, followers: server.followers },
    });
    expect(await adapter.checkHealth(channel('expired-or-wrong'))).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });
});

describe('Threads sign-in provider', () => {
  const app = () => ({ clientId: server.appId, clientSecret: server.appSecret });
  const ctx = () => ({ origin: server.baseUrl, allowPrivateUrls: true });

  it('declares the endpoints, scopes and a week of refresh ahead', () => {
    expect(oauth.authorizeUrl({})).toBe('https://threads.net/oauth/authorize');
    expect(oauth.tokenUrl({})).toBe('https://graph.threads.net/oauth/access_token');
    expect(oauth.scopes).toEqual(
      expect.arrayContaining([
        'threads_basic',
        'threads_content_publish',
        'threads_manage_replies',
        'threads_read_replies',
        'threads_manage_insights',
      ]),
    );
    expect(oauth.scopeSeparator).toBe(',');
    expect(oauth.refreshAheadMs).toBe(THREADS_REFRESH_AHEAD_MS);
    expect(THREADS_API_VERSION).toBe('v1.0');
  });

  it('exchanges the code (as the framework does), then the long-lived token, and lists the account', async () => {
    const redirectUri = 'https://plaza.example/api/v1/oauth/threads/callback';
    const authorize = await fetch(
      `${server.baseUrl}/threads.net/oauth/authorize?client_id=${server.appId}&redirect_uri=${encodeURIComponent(redirectUri)}&scope=threads_basic&response_type=code&state=s1`,
      { redirect: 'manual' },
    );
    const location = new URL(authorize.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('s1');
    const exchange = await fetch(`${server.baseUrl}/graph.threads.net/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: server.appId,
        client_secret: server.appSecret,
        grant_type: 'authorization_code',
        redirect_uri: redirectUri,
        code: location.searchParams.get('code')!,
      }),
    });
    const short = (await exchange.json()) as { access_token: string; user_id: number };
    // Threads answers the id as a JSON number: parsed, it has lost its last digits.
    expect(String(short.user_id)).not.toBe(server.userId);
    const long = await oauth.afterExchange!({ accessToken: short.access_token, extra: { user_id: String(short.user_id) } }, app(), ctx());
    expect(long.accessToken).toMatch(/^THLL/);
    expect(Date.parse(long.expiresAt!) - server.now()).toBeGreaterThan(59 * 24 * 60 * 60_000);
    expect(long.extra).toMatchObject({ userId: server.userId });
    const accounts = await oauth.listAccounts(long, ctx());
    expect(accounts).toEqual([
      expect.objectContaining({
        remoteId: server.userId,
        kind: 'account',
        handle: server.username,
        settings: { userId: server.userId, username: server.username },
      }),
    ]);
  });

  it('a wrong app secret at the long-lived exchange is auth with Threads’ reason', async () => {
    const short = server.issue('short');
    const error = await rejection(oauth.afterExchange!({ accessToken: short }, { clientId: server.appId, clientSecret: 'wrong' }, ctx()));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Error validating client secret');
  });

  it('refresh rotates the token; a refused refresh is auth with the network’s reason', async () => {
    const old = server.issue('long');
    server.clockOffsetMs += 25 * 60 * 60_000;
    const renewed = await oauth.refresh!({ accessToken: old }, app(), ctx());
    expect(renewed.accessToken).not.toBe(old);
    expect(renewed.expiresAt).toBeDefined();
    expect((await adapter.checkHealth(channel(old))).ok).toBe(false);
    expect((await adapter.checkHealth(channel(renewed.accessToken))).ok).toBe(true);

    server.refuseRefresh = {
      code: 190,
      subcode: 460,
      message: 'Error validating access token: The session has been invalidated because the user changed their password.',
    };
    const error = await rejection(oauth.refresh!({ accessToken: renewed.accessToken }, app(), ctx()));
    expect(error).toMatchObject({ kind: 'auth' });
    expect(error.message).toContain('changed their password');
    server.expire(renewed.accessToken);
    server.refuseRefresh = null;
    expect(await rejection(oauth.refresh!({ accessToken: renewed.accessToken }, app(), ctx()))).toMatchObject({
      kind: 'auth',
      code: 'token_expired',
    });
  });
});

describe('Threads error classification', () => {
  const headers = (entries: Record<string, string> = {}) => new Headers(entries);
  it('maps Graph codes to kinds', () => {
    expect(errorFromResponse(400, { error: { code: 190, error_subcode: 463, message: 'expired' } }, headers(), 0)).toMatchObject({
      kind: 'auth',
      code: 'token_expired',
    });
    expect(
      errorFromResponse(400, { error: { code: 17, message: 'User request limit reached' } }, headers({ 'retry-after': '30' }), 0),
    ).toMatchObject({
      kind: 'rate_limited',
      details: { retryAfterMs: 30_000 },
    });
    expect(errorFromResponse(400, { error: { code: 506, message: 'Duplicate post' } }, headers(), 0)).toMatchObject({
      kind: 'permanent',
      code: 'duplicate',
    });
    expect(errorFromResponse(400, { error: { code: 10, message: 'no permission' } }, headers(), 0)).toMatchObject({
      kind: 'permanent',
      code: 'permission_denied',
    });
    expect(errorFromResponse(502, 'Bad Gateway', headers(), 0)).toMatchObject({ kind: 'transient' });
    expect(errorFromResponse(400, { error: { code: 100, message: 'THREADS_API__LINK_LIMIT_EXCEEDED' } }, headers(), 0)).toMatchObject({
      code: 'too_many_links',
    });
  });
});
