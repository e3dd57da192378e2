/**
 * Contract tests: the adapter against a local server that implements the
 * documented Mastodon request and response shapes (testing/server.ts).
 */
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext, type MediaInput, type NetworkAdapter, type PublishInput } from '../types.ts';
import { createMastodonAdapter, mastodonAdapter, type MastodonReconcileInput } from './index.ts';
import { FakeMastodonServer } from './testing/server.ts';
import { countStatusChars, countableText, htmlToPlainText } from './text.ts';

const server = new FakeMastodonServer();
let adapter: NetworkAdapter;
let ctx: ChannelContext;
const sleeps: number[] = [];

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset();
  sleeps.length = 0;
  adapter = createMastodonAdapter({
    now: () => server.clock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    requestTimeoutMs: 2_000,
    mediaPollIntervalMs: 500,
    mediaPollMaxAttempts: 5,
  });
  ctx = {
    channelId: 'ch_1',
    settings: { instanceUrl: `${server.baseUrl}/` },
    credentials: { accessToken: server.token },
    // The fake instance listens on loopback: the PLAZA_ALLOW_PRIVATE_URLS switch, on.
    allowPrivateUrls: true,
  };
});

function image(id: string, alt?: string, mimeType = 'image/png'): MediaInput {
  const bytes = new Uint8Array(2048).map((_, i) => (i * 7 + id.length) % 256);
  return { mediaId: id, mimeType, bytes, alt, size: bytes.byteLength };
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

const statusPosts = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');

describe('mastodon adapter: description', () => {
  it('declares its strategy, limits and connection fields', () => {
    expect(mastodonAdapter.name).toBe('mastodon');
    expect(mastodonAdapter.simulated).toBe(false);
    expect(mastodonAdapter.idempotency).toBe('idempotency-key-header');
    expect(mastodonAdapter.limits).toMatchObject({ maxChars: 500, maxImages: 4, maxImageBytes: 16 * 1024 * 1024, maxAltChars: 1500 });
    expect(mastodonAdapter.connectionFields.map((f) => [f.name, f.secret])).toEqual([
      ['instanceUrl', false],
      ['accessToken', true],
    ]);
  });
});

describe('checkHealth', () => {
  it('returns the account from verify_credentials', async () => {
    const health = await adapter.checkHealth(ctx);
    expect(health).toEqual({ ok: true, account: { id: '14715', handle: 'plaza', displayName: 'Plaza Test', followers: 821 } });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${server.token}`);
  });

  it('classifies a rejected token as auth', async () => {
    const error = await rejection(adapter.checkHealth({ ...ctx, credentials: { accessToken: 'revoked' } }));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('The access token is invalid');
    expect(error.details.status).toBe(401);
  });

  it('refuses a channel without token or instance before any request', async () => {
    expect((await rejection(adapter.checkHealth({ ...ctx, credentials: {} }))).kind).toBe('auth');
    expect((await rejection(adapter.checkHealth({ ...ctx, settings: { instanceUrl: 'mastodon.social' } }))).kind).toBe('permanent');
    expect(server.requests).toHaveLength(0);
  });
});

describe('publish', () => {
  it('posts a text status with bearer auth and the publication id as Idempotency-Key', async () => {
    const result = await adapter.publish(ctx, { publicationId: 'pub_text', text: 'Hola Mastodon 👋', media: [] });
    const [post] = statusPosts();
    expect(post!.headers.authorization).toBe(`Bearer ${server.token}`);
    expect(post!.headers['idempotency-key']).toBe('pub_text');
    expect(post!.headers['content-type']).toMatch(/^application\/json/);
    expect(post!.json).toEqual({ status: 'Hola Mastodon 👋' });
    const stored = [...server.statuses.values()];
    expect(stored).toHaveLength(1);
    expect(result).toEqual({ remoteId: stored[0]!.id, remoteUrl: `${server.baseUrl}/@plaza/${stored[0]!.id}` });
  });

  it('uploads two images with alt text, waits for the 202 one, then attaches both', async () => {
    server.asyncMediaPolls = [0, 2]; // first upload is ready at once, second needs two polls
    const photo = image('m1', 'A red bicycle against a wall');
    const chart = image('m2', 'Bar chart: followers grew 12% in May', 'image/jpeg');
    const result = await adapter.publish(ctx, { publicationId: 'pub_media', text: 'Two pictures', media: [photo, chart] });

    const uploads = server.requests.filter((r) => r.path === '/api/v2/media');
    expect(uploads).toHaveLength(2);
    for (const [index, upload] of uploads.entries()) {
      expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(upload.headers['idempotency-key']).toBeUndefined();
      const file = upload.form!.get('file') as File;
      const source = [photo, chart][index]!;
      expect(file.type).toBe(source.mimeType);
      expect(file.name).toBe(`${source.mediaId}.${index === 0 ? 'png' : 'jpg'}`);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(source.bytes);
      expect(upload.form!.get('description')).toBe(source.alt);
    }
    // 202 → poll GET /api/v1/media/:id: 206 (still processing), then 200 with url.
    const polls = server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/media/'));
    expect(polls.map((p) => p.path)).toEqual(['/api/v1/media/22348642', '/api/v1/media/22348642']);
    expect(sleeps).toEqual([500, 500]);

    const [post] = statusPosts();
    expect(post!.json).toEqual({ status: 'Two pictures', media_ids: ['22348641', '22348642'] });
    const stored = server.statuses.get(result.remoteId)!;
    expect(stored.mediaIds).toEqual(['22348641', '22348642']);
    expect(server.media.get('22348642')!.description).toBe('Bar chart: followers grew 12% in May');
  });

  it('gives up on media that never finishes processing, as transient', async () => {
    server.asyncMediaPolls = [50];
    const error = await rejection(adapter.publish(ctx, { publicationId: 'pub_slow', text: 'x', media: [image('m1')] }));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('media_processing_timeout');
    expect(sleeps).toHaveLength(5);
    expect(statusPosts()).toHaveLength(0);
  });

  it('publishes a thread of 3 as a reply chain with one key per part', async () => {
    const input: PublishInput = {
      publicationId: 'pub_thread',
      text: '1/3 Why exactly-once matters',
      media: [],
      thread: [
        { text: '2/3 Networks time out after success', media: [] },
        { text: '3/3 So we reconcile before retrying', media: [image('t3', 'Diagram')] },
      ],
    };
    const result = await adapter.publish(ctx, input);
    const posts = statusPosts();
    expect(posts.map((p) => p.headers['idempotency-key'])).toEqual(['pub_thread', 'pub_thread:1', 'pub_thread:2']);
    expect(posts[0]!.json!.in_reply_to_id).toBeUndefined();
    expect(posts[1]!.json!.in_reply_to_id).toBe(result.remoteId);
    expect(posts[2]!.json!.in_reply_to_id).toBe(result.threadRemoteIds![0]);
    expect(result.threadRemoteIds).toHaveLength(2);
    expect(server.statuses.get(result.threadRemoteIds![1]!)!.inReplyToId).toBe(result.threadRemoteIds![0]);
    expect(server.statuses.get(result.threadRemoteIds![1]!)!.mediaIds).toHaveLength(1);
  });

  it('sends visibility, content warning (as spoiler_text, sensitive) and language on every part', async () => {
    await adapter.publish(ctx, {
      publicationId: 'pub_cw',
      text: 'Spoilers for the finale',
      media: [],
      thread: [{ text: 'More spoilers', media: [] }],
      options: { visibility: 'unlisted', contentWarning: 'Series finale', language: 'es' },
    });
    for (const post of statusPosts()) {
      expect(post.json).toMatchObject({ visibility: 'unlisted', spoiler_text: 'Series finale', sensitive: true, language: 'es' });
    }
    const stored = [...server.statuses.values()];
    expect(stored.every((s) => s.visibility === 'unlisted' && s.spoilerText === 'Series finale')).toBe(true);
  });

  it('is deduplicated by the server when the same publication is sent twice within the hour', async () => {
    const input = { publicationId: 'pub_twice', text: 'Only once, please', media: [] };
    const first = await adapter.publish(ctx, input);
    server.clock += 59 * 60_000;
    const second = await adapter.publish(ctx, input);
    expect(second).toEqual(first);
    expect(statusPosts()).toHaveLength(2);
    expect(server.statuses.size).toBe(1);
  });

  it('resumes a half-published thread on retry: published parts are replayed, not duplicated', async () => {
    const input: PublishInput = {
      publicationId: 'pub_resume',
      text: 'Part one',
      media: [],
      thread: [{ text: 'Part two', media: [] }],
    };
    // The root goes out, then the instance fails on part two.
    server.script({ method: 'POST', path: '/api/v1/statuses', after: 1, status: 503, body: { error: 'Service Unavailable' } });
    const error = await rejection(adapter.publish(ctx, input));
    expect(error.kind).toBe('transient');
    expect(server.statuses.size).toBe(1);
    const retry = await adapter.publish(ctx, input);
    expect(retry.remoteId).toBe((error.details.body as { partial: { remoteId: string } }).partial.remoteId);
    expect(retry.threadRemoteIds).toHaveLength(1);
    expect(server.statuses.size).toBe(2);
  });

  it('reports the published part when a later thread part fails', async () => {
    const input: PublishInput = {
      publicationId: 'pub_partial',
      text: 'Part one',
      media: [],
      thread: [{ text: '', media: [] }],
    };
    const error = await rejection(adapter.publish(ctx, input));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain("Validation failed: Text can't be blank");
    expect(error.message).toContain('after 1 of 2 thread posts were published');
    const partial = (error.details.body as { partial: { remoteId: string } }).partial;
    expect(server.statuses.has(partial.remoteId)).toBe(true);
  });
});

describe('error classification', () => {
  const input = { publicationId: 'pub_err', text: 'hello', media: [] };

  it('429 with X-RateLimit-Reset → rate_limited with retryAfterMs', async () => {
    const reset = new Date(server.clock + 90_000).toISOString();
    server.script({
      method: 'POST',
      path: '/api/v1/statuses',
      status: 429,
      headers: { 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset },
      body: { error: 'Too many requests' },
    });
    const error = await rejection(adapter.publish(ctx, input));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(90_000);
  });

  it('429 with only Retry-After (seconds) → rate_limited with retryAfterMs', async () => {
    server.script({
      method: 'POST',
      path: '/api/v1/statuses',
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { error: 'Too many requests' },
    });
    const error = await rejection(adapter.publish(ctx, input));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(30_000);
  });

  it('401 → auth', async () => {
    const error = await rejection(adapter.publish({ ...ctx, credentials: { accessToken: 'nope' } }, input));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('invalid_token');
  });

  it('403 for a disabled login → auth; 403 on an object → permanent', async () => {
    server.script({ method: 'POST', path: '/api/v1/statuses', status: 403, body: { error: 'Your login is currently disabled' } });
    expect((await rejection(adapter.publish(ctx, input))).kind).toBe('auth');
    server.script({ method: 'DELETE', path: /^\/api\/v1\/statuses\//, status: 403, body: { error: 'This action is not allowed' } });
    expect((await rejection(adapter.delete(ctx, '123'))).kind).toBe('permanent');
  });

  it('422 → permanent with the server reason', async () => {
    server.script({
      method: 'POST',
      path: '/api/v2/media',
      status: 422,
      body: { error: 'Validation failed: File content type is invalid, File is invalid' },
    });
    const error = await rejection(adapter.publish(ctx, { ...input, media: [image('bad')] }));
    expect(error.kind).toBe('permanent');
    expect(error.message).toBe('Validation failed: File content type is invalid, File is invalid');
    expect(error.details.status).toBe(422);
  });

  it('503 → transient', async () => {
    server.script({ method: 'POST', path: '/api/v1/statuses', status: 503, body: { error: 'Service Unavailable' } });
    const error = await rejection(adapter.publish(ctx, input));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('http_503');
  });

  it('a timeout after the status POST was sent → ambiguous, and the post really exists', async () => {
    server.script({ method: 'POST', path: '/api/v1/statuses', delayAfterHandlingMs: 5_000 });
    const fast = createMastodonAdapter({ now: () => server.clock, requestTimeoutMs: 150 });
    const error = await rejection(fast.publish(ctx, input));
    expect(error.kind).toBe('ambiguous');
    expect(error.code).toBe('timeout');
    expect(server.statuses.size).toBe(1); // exactly why the engine must reconcile
    // Retrying within the hour returns the same status instead of a second one.
    const retry = await adapter.publish(ctx, input);
    expect(retry.remoteId).toBe([...server.statuses.keys()][0]);
    expect(server.statuses.size).toBe(1);
  });

  it("the engine's own abort signal after sending → ambiguous", async () => {
    server.script({ method: 'POST', path: '/api/v1/statuses', delayAfterHandlingMs: 5_000 });
    const error = await rejection(adapter.publish({ ...ctx, signal: AbortSignal.timeout(100) }, input));
    expect(error.kind).toBe('ambiguous');
  });

  it('a timeout on a read → transient (nothing to reconcile)', async () => {
    server.script({ method: 'GET', path: /^\/api\/v1\/statuses\/\d+$/, delayAfterHandlingMs: 5_000 });
    const posted = await adapter.publish(ctx, input);
    const fast = createMastodonAdapter({ requestTimeoutMs: 100 });
    const error = await rejection(fast.fetchMetrics(ctx, posted.remoteId));
    expect(error.kind).toBe('transient');
  });

  it('connection refused → transient, even for a POST', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(adapter.publish({ ...ctx, settings: { instanceUrl: `http://127.0.0.1:${port}` } }, input));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('econnrefused');
  });
});

describe('findPublished', () => {
  it('returns null when the account has no such post', async () => {
    server.seedStatus('Something else entirely', server.clock - 60_000);
    expect(await adapter.findPublished(ctx, { publicationId: 'p', text: 'Never posted', media: [] })).toBeNull();
  });

  it('finds a post with links, mentions and line breaks after the key has expired', async () => {
    const input: PublishInput = {
      publicationId: 'pub_find',
      text: 'Read this @alice@example.org:\n\nhttps://example.com/a/very/long/path/that/mastodon/truncates?x=1&y=2 #plaza',
      media: [image('f1', 'Alt')],
      options: { contentWarning: 'Long read', visibility: 'public' },
    };
    const posted = await adapter.publish(ctx, input);
    server.clock += 2 * 60 * 60_000; // two hours later: the Idempotency-Key is gone
    expect(await adapter.findPublished(ctx, input)).toEqual(posted);
    // Different content warning or attachment count is not a match.
    expect(await adapter.findPublished(ctx, { ...input, options: { contentWarning: 'Other' } })).toBeNull();
    expect(await adapter.findPublished(ctx, { ...input, media: [] })).toBeNull();
  });

  it('finds the whole thread through the root context', async () => {
    const input: PublishInput = {
      publicationId: 'pub_find_thread',
      text: 'Thread root',
      media: [],
      thread: [
        { text: 'Second', media: [] },
        { text: 'Third', media: [] },
      ],
    };
    const posted = await adapter.publish(ctx, input);
    server.seedMention('@plaza nice thread', 'bob@remote.example', server.clock, posted.remoteId);
    expect(await adapter.findPublished(ctx, input)).toEqual(posted);
  });

  it('ignores an identical older post from before the first attempt', async () => {
    server.seedStatus('Good morning!', server.clock - 26 * 60 * 60_000); // yesterday's recurring post
    const input: MastodonReconcileInput = { publicationId: 'pub_gm', text: 'Good morning!', media: [] };
    expect(await adapter.findPublished(ctx, input)).toBeNull();
    const earlier = server.seedStatus('Good morning!', server.clock - 3 * 60 * 60_000);
    expect(await adapter.findPublished(ctx, input)).toEqual({ remoteId: earlier.id, remoteUrl: `${server.baseUrl}/@plaza/${earlier.id}` });
    // With the engine's first-attempt time, the 3-hour-old post is too old as well.
    const withAttemptTime: MastodonReconcileInput = { ...input, firstAttemptAt: new Date(server.clock - 60_000).toISOString() };
    expect(await adapter.findPublished(ctx, withAttemptTime)).toBeNull();
  });

  it('pages back through more than 40 recent statuses', async () => {
    const input = { publicationId: 'pub_deep', text: 'Buried post', media: [] };
    const posted = await adapter.publish(ctx, input);
    for (let i = 0; i < 45; i += 1) server.seedStatus(`Filler ${i}`, server.clock + i * 1000);
    expect(await adapter.findPublished(ctx, input)).toEqual(posted);
    const pages = server.requests.filter((r) => r.path === '/api/v1/accounts/14715/statuses');
    expect(pages).toHaveLength(2);
    expect(pages[0]!.query.get('limit')).toBe('40');
    expect(pages[1]!.query.get('max_id')).not.toBeNull();
  });
});

describe('delete, metrics, mentions', () => {
  it('deletes a status, and treats an already deleted one as done', async () => {
    const posted = await adapter.publish(ctx, { publicationId: 'pub_del', text: 'bye', media: [] });
    await adapter.delete(ctx, posted.remoteId);
    expect(server.statuses.has(posted.remoteId)).toBe(false);
    await expect(adapter.delete(ctx, posted.remoteId)).resolves.toBeUndefined();
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
  });

  it('maps favourites, boosts and replies; says why impressions are missing', async () => {
    const posted = await adapter.publish(ctx, { publicationId: 'pub_m', text: 'measure me', media: [] });
    Object.assign(server.statuses.get(posted.remoteId)!, { favourites: 112, reblogs: 98, replies: 7 });
    const metrics = await adapter.fetchMetrics(ctx, posted.remoteId);
    expect(metrics).toMatchObject({ likes: 112, reposts: 98, replies: 7, quotes: null, impressions: null, reach: null, clicks: null });
    expect(metrics.missing.impressions).toBe('not_provided_by_network');
    expect(metrics.missing.clicks).toBe('use_tracked_links');
    expect(metrics.missing.quotes).toBe('needs_newer_server');
    server.reportQuotes = true;
    const newer = await adapter.fetchMetrics(ctx, posted.remoteId);
    expect(newer.quotes).toBe(3);
    expect(newer.missing.quotes).toBeUndefined();
    const missing = await rejection(adapter.fetchMetrics(ctx, '999'));
    expect(missing.kind).toBe('permanent');
  });

  it('reads mentions from notifications and honours since', async () => {
    const root = await adapter.publish(ctx, { publicationId: 'pub_mention', text: 'Ask me anything', media: [] });
    const first = server.seedMention('@plaza how do I start?', 'ana@es.example', server.clock + 1000, root.remoteId);
    const second = server.seedMention('@plaza <3 love it', 'bob', server.clock + 2000);
    const all = await adapter.fetchMentions(ctx);
    const request = server.requests.at(-1)!;
    expect(request.query.getAll('types[]')).toEqual(['mention']);
    expect(all.map((m) => m.remoteId)).toEqual([second.id, first.id]);
    expect(all[0]!.text).toBe('@plaza <3 love it');
    expect(all[1]).toMatchObject({
      authorHandle: 'ana@es.example',
      authorName: 'Name of ana@es.example',
      text: '@plaza how do I start?',
      inReplyToRemoteId: root.remoteId,
      url: `${server.baseUrl}/@ana/${first.id}`,
    });
    const newer = await adapter.fetchMentions(ctx, first.id);
    expect(newer.map((m) => m.remoteId)).toEqual([second.id]);
    const byDate = await adapter.fetchMentions(ctx, new Date(server.clock + 1500).toISOString());
    expect(byDate.map((m) => m.remoteId)).toEqual([second.id]);
  });
});

describe('reading Mastodon HTML', () => {
  it('turns the documented content examples back into plain text', () => {
    // Verbatim from docs.joinmastodon.org (notifications example and verify_credentials note).
    const mention =
      '<p><span class="h-card"><a href="https://mastodon.social/@trwnh" class="u-url mention">@<span>trwnh</span></a></span> sup!</p>';
    expect(htmlToPlainText(mention)).toBe('@trwnh sup!');
    const note =
      '<p>xmpp/email: a@trwnh.com<br /><a href="https://trwnh.com" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">https://</span><span class="">trwnh.com</span><span class="invisible"></span></a></p><p>- #1 ami cole fan account</p>';
    expect(htmlToPlainText(note)).toBe('xmpp/email: a@trwnh.com\nhttps://trwnh.com\n\n- #1 ami cole fan account');
    expect(htmlToPlainText('<p>JoJo&apos;s &amp; &lt;3 &#39;q&#39; &#x1F600;</p>')).toBe("JoJo's & <3 'q' 😀");
  });
});

describe('validate', () => {
  const post = (text: string, extra: Partial<PublishInput> = {}): PublishInput => ({ publicationId: 'v', text, media: [], ...extra });
  const codes = (input: PublishInput) => mastodonAdapter.validate(input).map((i) => `${i.field}:${i.code}`);

  it('counts every URL as 23 characters, however long', () => {
    const longUrl = `https://example.com/${'a'.repeat(300)}`;
    expect(countStatusChars(`See ${longUrl}`)).toBe(4 + 23);
    expect(countStatusChars('see http://x.co.')).toBe(4 + 23 + 1); // final period is not part of the link
    expect(countStatusChars('example.com without scheme')).toBe('example.com without scheme'.length);
    const text = `${'a'.repeat(477)}${longUrl}`; // 477 + 23 = 500
    expect(codes(post(text))).toEqual([]);
    expect(codes(post(`${text}!`))).toEqual(['text:text_too_long']);
  });

  it('counts only the username of a remote mention', () => {
    expect(countableText('hi @alice@mastodon.example.org!')).toBe('hi @alice!');
    expect(countStatusChars('@bob@example.com')).toBe(4);
    expect(countStatusChars('mail me: bob@example.com')).toBe('mail me: bob@example.com'.length);
  });

  it('counts accented letters and emoji as one character each (graphemes)', () => {
    expect(countStatusChars('Canción')).toBe(7);
    expect(countStatusChars('Cancio\u0301n')).toBe(7); // decomposed accent
    expect(countStatusChars('👍🏽👨‍👩‍👧‍👦🇪🇸')).toBe(3);
    expect(codes(post('ñ'.repeat(500)))).toEqual([]);
    expect(codes(post('👨‍👩‍👧‍👦'.repeat(500)))).toEqual([]);
    expect(codes(post('é'.repeat(501)))).toEqual(['text:text_too_long']);
  });

  it('includes the content warning in the count of every part', () => {
    const options = { contentWarning: 'x'.repeat(100) };
    expect(codes(post('a'.repeat(400), { options }))).toEqual([]);
    expect(codes(post('a'.repeat(401), { options }))).toEqual(['text:text_too_long']);
    expect(codes(post('ok', { options, thread: [{ text: 'b'.repeat(401), media: [] }] }))).toEqual(['thread[0].text:text_too_long']);
  });

  it('checks media count, size, type, GIF mixing and alt text, in English and Spanish', () => {
    const five = ['1', '2', '3', '4', '5'].map((id) => image(id));
    expect(codes(post('x', { media: five }))).toEqual(['media:too_many_images']);
    const big = { ...image('big'), size: 17 * 1024 * 1024 };
    expect(codes(post('x', { media: [big] }))).toEqual(['media[0]:image_too_large']);
    expect(codes(post('x', { media: [image('t', undefined, 'image/tiff')] }))).toEqual(['media[0]:unsupported_media_type']);
    expect(codes(post('x', { media: [image('g', undefined, 'image/gif'), image('p')] }))).toEqual(['media:gif_not_alone']);
    expect(codes(post('x', { media: [image('a', 'd'.repeat(1500))] }))).toEqual([]);
    const [altIssue] = mastodonAdapter.validate(post('x', { media: [image('a', 'd'.repeat(1501))] }));
    expect(altIssue).toMatchObject({ field: 'media[0].alt', code: 'alt_too_long' });
    expect(altIssue!.params).toEqual({ max: 1500, count: 1501 });
    expect(altIssue!.messageEs).toContain('texto alternativo');
  });

  it('rejects empty posts and unknown visibility', () => {
    expect(codes(post('   '))).toEqual(['text:empty_post']);
    expect(codes(post('', { media: [image('only')] }))).toEqual([]);
    const bad = post('x', { options: { visibility: 'secret' as 'public' } });
    expect(codes(bad)).toEqual(['options.visibility:invalid_visibility']);
  });
});
