/**
 * X's own paths against the local X API server (every request and answer checked against X's
 * OpenAPI document): media upload with alt text and video processing, an APPEND cut off and
 * resumed, threads and first comments, reply settings, duplicate content reconciled, an answer
 * lost mid-thread and resumed, expired token → refresh → retry, refused refresh, 429 with X's
 * reset headers, 5xx, metrics with and without non-public access, mentions, delete, health,
 * the sign-in token calls, weighted character counting and the API cost estimate.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiValidator } from '../testing/openapi.ts';
import { NetworkError, type ChannelContext, type MediaInput, type PublishInput } from '../types.ts';
import { createXAdapter } from './adapter.ts';
import { estimateXApiCost, X_API_PRICES } from './cost.ts';
import { retryAfterMsFrom } from './http.ts';
import { createXOAuthProvider } from './oauth.ts';
import { countXChars } from './text.ts';
import { FakeXServer, xOpenApiValidator } from './testing/server.ts';

const server = new FakeXServer();
const adapter = createXAdapter({ sleep: async () => {}, requestTimeoutMs: 2_000 });
const provider = createXOAuthProvider();

const channel = (extra: Partial<ChannelContext> = {}): ChannelContext => ({
  channelId: 'x-test',
  settings: { userId: server.account.id, username: server.account.username },
  credentials: { accessToken: server.token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
  ...extra,
});
const oauthCtx = () => ({ origin: server.baseUrl, allowPrivateUrls: true });
const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;
const input = (text: string, extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${randomUUID()}`,
  text,
  media: [],
  ...extra,
});
const image = (alt?: string, size = 1500): MediaInput => ({
  mediaId: randomUUID(),
  mimeType: 'image/png',
  bytes: new Uint8Array(size).fill(7),
  size,
  alt,
});
const isPost = (method: string, path: string) => method === 'POST' && path === '/2/tweets';

async function rejection(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return error as NetworkError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => server.start());
afterEach(() => {
  server.clearFaults();
  server.nonPublicMetrics = true;
});
afterAll(async () => {
  await server.stop();
  expect(server.violations).toEqual([]);
});

describe('OpenAPI validator (networks/testing/openapi.ts) over X’s document', () => {
  const v: OpenApiValidator = xOpenApiValidator();
  it('accepts a documented post and refuses what X would refuse', () => {
    expect(
      v.checkRequest({
        method: 'POST',
        path: '/2/tweets',
        contentType: 'application/json',
        body: { text: 'hi', reply_settings: 'following' },
      }),
    ).toEqual([]);
    expect(
      v.checkRequest({ method: 'POST', path: '/2/tweets', contentType: 'application/json', body: { text: 'hi', visibility: 'public' } })
        .length,
    ).toBeGreaterThan(0);
    expect(
      v.checkRequest({
        method: 'POST',
        path: '/2/tweets',
        contentType: 'application/json',
        body: { text: 'hi', reply_settings: 'everyone' },
      }).length,
    ).toBeGreaterThan(0);
    expect(
      v.checkRequest({ method: 'POST', path: '/2/tweets', contentType: 'application/json', body: { media: { media_ids: ['a1'] } } }).length,
    ).toBeGreaterThan(0);
    expect(v.checkRequest({ method: 'POST', path: '/2/statuses', contentType: 'application/json', body: {} })[0].where).toBe('path');
  });
  it('reads query parameters per their style and checks them', () => {
    const ok = new URLSearchParams({ max_results: '100', 'post.fields': 'created_at,conversation_id' });
    expect(v.checkRequest({ method: 'GET', path: '/2/users/123/tweets', query: ok })).toEqual([]);
    expect(
      v.checkRequest({ method: 'GET', path: '/2/users/123/tweets', query: new URLSearchParams({ max_results: '500' }) }).length,
    ).toBeGreaterThan(0);
    expect(
      v.checkRequest({ method: 'GET', path: '/2/users/123/tweets', query: new URLSearchParams({ 'post.fields': 'nope' }) }).length,
    ).toBeGreaterThan(0);
    expect(v.checkRequest({ method: 'GET', path: '/2/users/abc/tweets' }).length).toBeGreaterThan(0);
    expect(v.checkRequest({ method: 'GET', path: '/2/users/me', query: new URLSearchParams({ since: 'x' }) })[0].message).toMatch(
      /not a documented/,
    );
  });
  it('checks answers: documented shape, status and content type', () => {
    expect(v.checkResponse('POST', '/2/tweets', 201, 'application/json', { data: { id: '1', text: 'x' } })).toEqual([]);
    expect(v.checkResponse('POST', '/2/tweets', 201, 'application/json', { data: { id: 'abc' } }).length).toBeGreaterThan(0);
    expect(v.checkResponse('GET', '/2/tweets/1', 200, 'text/html', '<html>').length).toBeGreaterThan(0);
  });
});

describe('counting and cost', () => {
  it('counts characters the way X does: URLs 23, CJK and emoji 2', () => {
    expect(countXChars('hola')).toBe(4);
    expect(countXChars('café')).toBe(4);
    expect(countXChars('see https://example.com/a/very/long/path?with=query')).toBe(4 + 23);
    expect(countXChars('example.com.')).toBe(24);
    expect(countXChars('日本語')).toBe(6);
    expect(countXChars('👍🏽')).toBe(2);
    expect(countXChars('👨‍👩‍👧')).toBe(2);
    expect(countXChars('🇪🇸')).toBe(2);
    expect(countXChars('© 2026')).toBe(6);
    // Curly quotes and the dash weigh 1; the ellipsis (U+2026) is outside X's light ranges: 2.
    expect(countXChars('“hola” — adiós…')).toBe(16);
    expect(adapter.validate(input('字'.repeat(140)))).toEqual([]);
    expect(adapter.validate(input('字'.repeat(141)))[0]).toMatchObject({ code: 'text_too_long', params: { count: 282, max: 280 } });
    expect(adapter.validate(input(`${'a'.repeat(256)} https://example.com/${'x'.repeat(200)}`))).toEqual([]);
  });

  it('estimates the API cost: posts with links cost more, threads and media add calls', () => {
    const plain = estimateXApiCost({ text: 'hola', media: [] });
    expect(plain.totalUsd).toBe(X_API_PRICES.usd.postCreate);
    const linked = estimateXApiCost({ text: 'mira https://plaza.example.com', media: [] });
    expect(linked.totalUsd).toBe(X_API_PRICES.usd.postCreateWithUrl);
    expect(linked.postsWithLinks).toBe(1);
    const thread = estimateXApiCost({
      text: 'uno',
      media: [image('alt')],
      thread: [{ text: 'dos example.com', media: [] }],
      firstComment: 'tres',
    });
    expect(thread.calls.find((c) => c.type === 'postCreate')?.count).toBe(2);
    expect(thread.calls.find((c) => c.type === 'postCreateWithUrl')?.count).toBe(1);
    // initialize + one append + finalize + alt text
    expect(thread.calls.find((c) => c.type === 'contentManage')?.count).toBe(4);
    expect(thread.pricesAsOf).toBe(X_API_PRICES.asOf);
  });

  it('validates media, options and post types by code', () => {
    const codes = (p: PublishInput) => adapter.validate(p).map((i) => i.code);
    expect(codes(input('x', { media: Array.from({ length: 5 }, () => image()) }))).toContain('too_many_images');
    const video: MediaInput = {
      mediaId: 'v',
      mimeType: 'video/mp4',
      kind: 'video',
      bytes: new Uint8Array(4),
      size: 4,
      durationSeconds: 200,
      codec: 'hvc1',
    };
    expect(codes(input('x', { media: [video] }))).toEqual(expect.arrayContaining(['video_too_long', 'unsupported_video_codec']));
    expect(codes(input('x', { media: [video, image()] }))).toContain('mixed_media');
    expect(codes(input('x', { media: [image('a'.repeat(1001))] }))).toContain('alt_too_long');
    expect(codes(input('x', { options: { network: { replySettings: 'nobody' } } }))).toContain('option_invalid');
    expect(codes(input('x', { postType: 'story' }))).toContain('post_type_unsupported');
    expect(codes(input('x', { thread: [{ text: 'b'.repeat(281), media: [] }] }))).toContain('text_too_long');
  });
});

describe('publishing', () => {
  it('uploads images in chunks with alt text and attaches them, with reply settings', async () => {
    const text = unique('con fotos');
    const result = await adapter.publish(
      channel(),
      input(text, { media: [image('Una taza'), image()], options: { network: { replySettings: 'following' } } }),
    );
    const post = server.posts.get(result.remoteId)!;
    expect(post.mediaIds).toHaveLength(2);
    expect(server.uploads.get(post.mediaIds[0])?.alt).toBe('Una taza');
    expect(server.uploads.get(post.mediaIds[1])?.alt).toBeUndefined();
    expect(post.replySettings).toBe('following');
    expect(result.remoteUrl).toBe(`https://x.com/i/web/status/${result.remoteId}`);
  });

  it('waits for a video to finish processing before posting it', async () => {
    server.videoProcessingPolls = 3;
    const video: MediaInput = {
      mediaId: 'v1',
      mimeType: 'video/mp4',
      kind: 'video',
      bytes: new Uint8Array(9 * 1024 * 1024),
      size: 9 * 1024 * 1024,
    };
    const before = server.requests.length;
    const result = await adapter.publish(channel(), input(unique('vídeo'), { media: [video], postType: 'video' }));
    const seen = server.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    // 9 MB in 4 MB segments: three APPENDs, then STATUS until succeeded.
    expect(seen.filter((s) => s.endsWith('/append'))).toHaveLength(3);
    expect(seen.filter((s) => s === 'GET /2/media/upload')).toHaveLength(3);
    const upload = server.uploads.get(server.posts.get(result.remoteId)!.mediaIds[0])!;
    expect(upload.category).toBe('tweet_video');
    expect(upload.state).toBe('succeeded');
  });

  it('resumes an upload cut off at an APPEND: the segment is sent again, the post goes out once', async () => {
    server.fail((m, p) => m === 'POST' && p.endsWith('/append'), 503);
    const text = unique('reanudado');
    const result = await adapter.publish(channel(), input(text, { media: [image('alt')] }));
    expect(server.posts.get(result.remoteId)?.mediaIds).toHaveLength(1);
    expect(server.postsWithText(text)).toBe(1);
  });

  it('an APPEND whose answer is lost is sent again; the upload completes once', async () => {
    server.loseNextAnswer((m, p) => m === 'POST' && p.endsWith('/append'));
    const text = unique('corte');
    const result = await adapter.publish(channel(), input(text, { media: [image()] }));
    const upload = server.uploads.get(server.posts.get(result.remoteId)!.mediaIds[0])!;
    expect(upload.segments.size).toBe(1);
    expect(server.postsWithText(text)).toBe(1);
  });

  it('a video X cannot process fails for good, and nothing is posted', async () => {
    server.videoProcessingFails = true;
    try {
      const video: MediaInput = { mediaId: 'v2', mimeType: 'video/mp4', kind: 'video', bytes: new Uint8Array(1024), size: 1024 };
      const text = unique('vídeo roto');
      expect(await rejection(adapter.publish(channel(), input(text, { media: [video] })))).toMatchObject({
        kind: 'permanent',
        code: 'media_processing_failed',
      });
      expect(server.postsWithText(text)).toBe(0);
    } finally {
      server.videoProcessingFails = false;
    }
  });

  it('publishes a thread as a reply chain and the first comment as a reply to the post', async () => {
    const text = unique('hilo 1/3');
    const result = await adapter.publish(
      channel(),
      input(text, {
        thread: [
          { text: unique('hilo 2/3'), media: [] },
          { text: unique('hilo 3/3'), media: [image()] },
        ],
        firstComment: unique('enlace en el primer comentario https://plaza.example.com'),
      }),
    );
    expect(result.threadRemoteIds).toHaveLength(2);
    const [second, third] = result.threadRemoteIds!.map((id) => server.posts.get(id)!);
    expect(second.replyTo).toBe(result.remoteId);
    expect(third.replyTo).toBe(second.id);
    expect(third.conversationId).toBe(result.remoteId);
    expect(server.posts.get(result.firstCommentRemoteId!)?.replyTo).toBe(result.remoteId);
  });

  it('treats "duplicate content" as a reconcile case: the post already there, no second one', async () => {
    const publication = input(`${unique('duplicado')} https://plaza.example.com/a?b=1 & <ok>`);
    const first = await adapter.publish(channel(), publication);
    const again = await adapter.publish(channel(), { ...publication });
    expect(again.remoteId).toBe(first.remoteId);
    expect(server.postsWithText(publication.text)).toBe(1);
  });

  it('reconciling tells posts apart by their links (X’s entities), not only by their words', async () => {
    const tag = randomUUID().slice(0, 6);
    const a = input(`Nuevo artículo ${tag}: https://blog.example.com/a`);
    const b = input(`Nuevo artículo ${tag}: https://blog.example.com/b`);
    const published = await adapter.publish(channel(), a);
    expect(await adapter.findPublished(channel(), b)).toBeNull();
    expect(await adapter.findPublished(channel(), a)).toMatchObject({ remoteId: published.remoteId });
    const second = await adapter.publish(channel(), { ...b, firstAttemptAt: new Date(Date.now() - 30_000).toISOString() });
    expect(second.remoteId).not.toBe(published.remoteId);
    expect(server.postsWithText(b.text)).toBe(1);
  });

  it('a duplicate X refuses that Plaza cannot find stays a permanent failure', async () => {
    server.fail(isPost, 403, { body: { code: 187, message: 'You are not allowed to create a Tweet with duplicate content.' } });
    const error = await rejection(adapter.publish(channel(), input(unique('nunca publicado'))));
    expect(error).toMatchObject({ kind: 'permanent', code: 'duplicate_content' });
  });

  it('an answer lost mid-thread is ambiguous; the retry reads the account’s posts and finishes the thread without duplicates', async () => {
    const publication = input(unique('perdido 1/3'), {
      thread: [
        { text: unique('perdido 2/3'), media: [] },
        { text: unique('perdido 3/3'), media: [] },
      ],
    });
    let posts = 0;
    server.loseNextAnswer((m, p) => isPost(m, p) && ++posts === 2);
    const error = await rejection(adapter.publish(channel(), publication));
    expect(error.kind).toBe('ambiguous');
    expect(server.postsWithText(publication.text)).toBe(1);
    expect(server.postsWithText(publication.thread![0].text)).toBe(1);
    // Half a thread is not "published": the engine then calls publish, which resumes it.
    expect(await adapter.findPublished(channel(), publication)).toBeNull();
    const before = server.requests.length;
    const retried = await adapter.publish(channel(), { ...publication, firstAttemptAt: new Date(Date.now() - 60_000).toISOString() });
    // The lookup came before any new post.
    const after = server.requests.slice(before);
    expect(after[0].path).toBe(`/2/users/${server.account.id}/tweets`);
    expect(after[0].query).toContain('start_time=');
    expect(retried.threadRemoteIds).toHaveLength(2);
    for (const part of [publication.text, ...publication.thread!.map((t) => t.text)]) expect(server.postsWithText(part)).toBe(1);
    expect(server.posts.get(retried.threadRemoteIds![1])?.replyTo).toBe(retried.threadRemoteIds![0]);
    expect(await adapter.findPublished(channel(), publication)).toMatchObject({
      remoteId: retried.remoteId,
      threadRemoteIds: retried.threadRemoteIds,
    });
  });
});

describe('failures', () => {
  it('a timeout after X accepted the post is ambiguous; findPublished then finds it and a retry adds nothing', async () => {
    const impatient = createXAdapter({ sleep: async () => {}, requestTimeoutMs: 300 });
    const publication = input(unique('tarde'));
    server.delayNextAnswer(isPost, 1_500);
    expect(await rejection(impatient.publish(channel(), publication))).toMatchObject({ kind: 'ambiguous', code: 'timeout' });
    expect(server.postsWithText(publication.text)).toBe(1);
    const found = await adapter.findPublished(channel(), publication);
    expect(found).not.toBeNull();
    const retried = await adapter.publish(channel(), { ...publication, firstAttemptAt: new Date(Date.now() - 10_000).toISOString() });
    expect(retried.remoteId).toBe(found!.remoteId);
    expect(server.postsWithText(publication.text)).toBe(1);
  });

  it('sends nothing once the engine’s deadline has passed', async () => {
    const before = server.requests.length;
    const error = await rejection(adapter.publish(channel({ deadline: Date.now() - 1 }), input(unique('sin tiempo'))));
    expect(error).toMatchObject({ kind: 'transient', code: 'deadline_passed' });
    expect(server.requests.length).toBe(before);
  });

  it('429 with X’s headers: rate_limited until x-rate-limit-reset', async () => {
    server.rateLimitNext(isPost, 600);
    // Its own channel: after this 429 the window stays used up for it (see the next test).
    const error = await rejection(adapter.publish(channel({ channelId: 'x-429' }), input(unique('límite'))));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBeGreaterThan(590_000);
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(600_000);
    const daily = new Headers({ 'x-rate-limit-reset': '1000', 'x-user-limit-24hour-remaining': '0', 'x-user-limit-24hour-reset': '5000' });
    expect(retryAfterMsFrom(daily, 0)).toBe(5_000_000);
  });

  it('after X says a window is used up (x-rate-limit-remaining: 0) the next call waits without being sent', async () => {
    const rule = server.rateLimits.find((r) => r.method === 'POST' && r.pattern.test('/2/tweets'))!;
    const limit = rule.limit;
    rule.limit = 1;
    server.resetRateWindows();
    try {
      const ctx = channel({ channelId: 'x-window' });
      await adapter.publish(ctx, input(unique('última del tramo')));
      const before = server.requests.length;
      const error = await rejection(adapter.publish(ctx, input(unique('fuera del tramo'))));
      expect(error.kind).toBe('rate_limited');
      expect(error.details.retryAfterMs).toBeGreaterThan(14 * 60_000);
      expect(server.requests.length).toBe(before);
      // Another channel has its own window on Plaza's side; X itself answers 429 with its headers.
      const other = await rejection(adapter.publish(channel({ channelId: 'x-other' }), input(unique('otro canal'))));
      expect(other.kind).toBe('rate_limited');
      expect(other.details.retryAfterMs).toBeGreaterThan(14 * 60_000);
    } finally {
      rule.limit = limit;
      server.resetRateWindows();
    }
  });

  it('5xx is transient and posts nothing', async () => {
    server.fail(isPost, 500);
    const text = unique('fallo');
    expect((await rejection(adapter.publish(channel(), input(text)))).kind).toBe('transient');
    server.fail(isPost, 503);
    expect((await rejection(adapter.publish(channel(), input(text)))).code).toBe('http_503');
    expect(server.postsWithText(text)).toBe(0);
  });

  it('an expired token is auth/token_expired; after the refresh (rotating the refresh token) the retry works', async () => {
    const code = server.authorize(
      createHash('sha256').update('verifier-123456789012345678901234567890123').digest('base64url'),
      'https://plaza.test/cb',
    );
    const tokens = await provider.exchangeCode(
      code,
      'verifier-123456789012345678901234567890123',
      'https://plaza.test/cb',
      server.app,
      oauthCtx(),
    );
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.scopes).toContain('offline.access');
    server.expireAccessToken(tokens.accessToken);
    const ctx = channel({ credentials: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken } });
    const text = unique('caducado');
    const error = await rejection(adapter.publish(ctx, input(text)));
    expect(error).toMatchObject({ kind: 'auth', code: 'token_expired' });
    const renewed = await provider.refresh!(tokens, server.app, oauthCtx());
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect(Date.parse(renewed.expiresAt!)).toBeGreaterThan(Date.now() + 7_000_000);
    const done = await adapter.publish(channel({ credentials: { accessToken: renewed.accessToken } }), input(text));
    expect(server.posts.get(done.remoteId)?.text).toBe(text);
    // Rotation: the used refresh token is refused afterwards, with X's reason.
    const refused = await rejection(provider.refresh!(tokens, server.app, oauthCtx()));
    expect(refused).toMatchObject({ kind: 'auth', code: 'refresh_refused' });
    expect(refused.message).toMatch(/Value passed for the token was invalid/);
    expect(JSON.stringify(refused.details)).not.toContain(tokens.refreshToken!);
  });

  it('a refused refresh (grant revoked) is auth with X’s reason; a wrong PKCE verifier or app secret is refused', async () => {
    const code = server.authorize(createHash('sha256').update('v'.repeat(43)).digest('base64url'), 'https://plaza.test/cb');
    const tokens = await provider.exchangeCode(code, 'v'.repeat(43), 'https://plaza.test/cb', server.app, oauthCtx());
    server.refuseRefresh();
    expect(await rejection(provider.refresh!(tokens, server.app, oauthCtx()))).toMatchObject({ kind: 'auth', code: 'refresh_refused' });
    const other = server.authorize(createHash('sha256').update('w'.repeat(43)).digest('base64url'), 'https://plaza.test/cb');
    expect(await rejection(provider.exchangeCode(other, 'x'.repeat(43), 'https://plaza.test/cb', server.app, oauthCtx()))).toMatchObject({
      kind: 'auth',
      code: 'code_refused',
    });
    const third = server.authorize(createHash('sha256').update('w'.repeat(43)).digest('base64url'), 'https://plaza.test/cb');
    const wrongApp = { clientId: server.app.clientId, clientSecret: 'nope' };
    expect((await rejection(provider.exchangeCode(third, 'w'.repeat(43), 'https://plaza.test/cb', wrongApp, oauthCtx()))).kind).toBe(
      'auth',
    );
  });

  it('revoking on disconnect stops both tokens', async () => {
    const code = server.authorize(createHash('sha256').update('r'.repeat(43)).digest('base64url'), 'https://plaza.test/cb');
    const tokens = await provider.exchangeCode(code, 'r'.repeat(43), 'https://plaza.test/cb', server.app, oauthCtx());
    await provider.revoke!(tokens, server.app, oauthCtx());
    const health = await adapter.checkHealth(channel({ credentials: { accessToken: tokens.accessToken } }));
    expect(health).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect((await rejection(provider.refresh!(tokens, server.app, oauthCtx()))).code).toBe('refresh_refused');
  });

  it('lists the signed-in account for the picker, and declares PKCE with Basic client auth', async () => {
    const accounts = await provider.listAccounts({ accessToken: server.token }, oauthCtx());
    expect(accounts).toEqual([
      expect.objectContaining({
        remoteId: server.account.id,
        kind: 'account',
        handle: 'plazacafe',
        settings: { userId: server.account.id, username: 'plazacafe' },
      }),
    ]);
    expect(provider).toMatchObject({ pkce: true, clientAuth: 'basic', scopeSeparator: ' ' });
    expect(provider.scopes).toEqual(expect.arrayContaining(['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write']));
    expect(adapter.oauth).toBeDefined();
  });
});

describe('reading', () => {
  it('metrics: public counts and views; link clicks where the token may read non-public metrics, else a reason code', async () => {
    const { remoteId } = await adapter.publish(channel(), input(unique('métricas')));
    const full = await adapter.fetchMetrics(channel(), remoteId);
    expect(full).toMatchObject({ likes: 4, replies: 1, reposts: 2, quotes: 0, impressions: 120, clicks: 7, reach: null });
    expect(full.missing).toEqual({ reach: 'not_provided_by_network' });
    server.nonPublicMetrics = false;
    const limited = await adapter.fetchMetrics(channel(), remoteId);
    expect(limited).toMatchObject({ impressions: 120, clicks: null });
    expect(limited.missing.clicks).toBe('needs_permission');
  });

  it('mentions: other accounts’ posts naming the channel, with author and reply target', async () => {
    const own = await adapter.publish(channel(), input(unique('pregunta')));
    const mention = server.addMention('vecina', `@plazacafe ¿abrís mañana? & más ${randomUUID().slice(0, 4)}`, own.remoteId);
    const mentions = await adapter.fetchMentions(channel(), new Date(Date.now() - 60_000).toISOString());
    const found = mentions.find((m) => m.remoteId === mention.id);
    expect(found).toMatchObject({ authorHandle: 'vecina', authorName: 'vecina name', inReplyToRemoteId: own.remoteId, text: mention.text });
  });

  it('delete removes the post and is done when it is already gone', async () => {
    const text = unique('borrar');
    const { remoteId } = await adapter.publish(channel(), input(text));
    await adapter.delete(channel(), remoteId);
    expect(server.postsWithText(text)).toBe(0);
    await adapter.delete(channel(), remoteId);
  });

  it('health: the account with followers; a revoked token is auth', async () => {
    expect(await adapter.checkHealth(channel())).toEqual({
      ok: true,
      account: { id: server.account.id, handle: 'plazacafe', displayName: 'Plaza Café', followers: 321 },
    });
    const bad = await adapter.checkHealth(channel({ credentials: { accessToken: 'revoked' } }));
    expect(bad).toMatchObject({ ok: false, error: { kind: 'auth', code: 'invalid_token' } });
  });

  it('a first attempt (firstAttemptAt just now) posts without a billed look-up first', async () => {
    const before = server.requests.length;
    await adapter.publish(channel(), input(unique('primero'), { firstAttemptAt: new Date().toISOString() }));
    expect(server.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /2/tweets']);
  });

  it('asks for the account id when the channel does not carry it', async () => {
    const text = unique('sin id');
    const result = await adapter.publish(channel({ settings: {} }), input(text));
    expect(server.posts.get(result.remoteId)?.authorId).toBe(server.account.id);
  });
});
