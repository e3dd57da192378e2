import { createHmac, randomUUID } from 'node:crypto';
import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startTestPds, type TestPds, type TestPdsAccount } from './testing/pds.ts';
import { NetworkError, type ChannelContext, type MediaInput, type PublishInput } from '../types.ts';
import { blueskyAdapter, createBlueskyAdapter, followUpRecordKey, isTid, rootRecordKey } from './index.ts';

let pds: TestPds;
let alice: TestPdsAccount;
let bob: TestPdsAccount;

beforeAll(async () => {
  pds = await startTestPds();
  [alice, bob] = await Promise.all([pds.createAccount('alice'), pds.createAccount('bob')]);
});

afterAll(async () => {
  await pds?.close();
});

function channelFor(account: TestPdsAccount, overrides: Partial<ChannelContext> = {}): ChannelContext {
  return {
    channelId: `channel-${randomUUID()}`,
    settings: { serviceUrl: pds.url },
    credentials: { identifier: account.handle, appPassword: account.appPassword },
    // The test PDS listens on loopback: the PLAZA_ALLOW_PRIVATE_URLS switch, on.
    allowPrivateUrls: true,
    ...overrides,
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A real PNG of width × height RGB pixels of one colour. */
function makePng(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, default compression/filter/interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(pixels)),
      pngChunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function pngMedia(width: number, height: number, alt: string): MediaInput {
  const bytes = makePng(width, height, [200, 30, 90]);
  return { mediaId: randomUUID(), mimeType: 'image/png', bytes, size: bytes.byteLength, alt };
}

async function xrpcGet<T>(nsid: string, params: Record<string, string>): Promise<T> {
  const response = await fetch(`${pds.url}/xrpc/${nsid}?${new URLSearchParams(params)}`);
  if (!response.ok) throw new Error(`${nsid}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface StoredPost {
  uri: string;
  cid: string;
  value: {
    text: string;
    createdAt: string;
    facets?: Array<{ index: { byteStart: number; byteEnd: number }; features: Array<Record<string, string>> }>;
    reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
    embed?: {
      $type: string;
      images: Array<{
        alt: string;
        aspectRatio?: { width: number; height: number };
        image: { ref: { $link: string }; mimeType: string; size: number };
      }>;
    };
  };
}

async function getPost(uri: string): Promise<StoredPost | null> {
  const [, , repo, collection, rkey] = uri.split('/');
  const response = await fetch(`${pds.url}/xrpc/com.atproto.repo.getRecord?${new URLSearchParams({ repo, collection, rkey })}`);
  if (response.status === 400) return null;
  return (await response.json()) as StoredPost;
}

async function countPosts(account: TestPdsAccount): Promise<number> {
  const listed = await xrpcGet<{ records: unknown[] }>('com.atproto.repo.listRecords', {
    repo: account.did,
    collection: 'app.bsky.feed.post',
    limit: '100',
  });
  return listed.records.length;
}

function textInput(text: string, extra: Partial<PublishInput> = {}): PublishInput {
  return { publicationId: randomUUID(), text, media: [], ...extra };
}

async function expectNetworkError(promise: Promise<unknown>): Promise<NetworkError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NetworkError);
  return error as NetworkError;
}

describe('record keys', () => {
  it('derives stable, distinct TIDs from the publication id', () => {
    const key = rootRecordKey('pub-1');
    expect(isTid(key)).toBe(true);
    expect(rootRecordKey('pub-1')).toBe(key);
    expect(rootRecordKey('pub-2')).not.toBe(key);
    const followUp = followUpRecordKey(key, 1);
    expect(isTid(followUp)).toBe(true);
    expect(followUp).not.toBe(followUpRecordKey(key, 2));
  });
});

describe('bluesky adapter against the reference PDS', () => {
  it('publishes text with link, mention and hashtag facets at the right byte offsets', async () => {
    const ctx = channelFor(alice);
    const text = `¡Qué café más rico ☕️! 👩🏽‍💻 Hola @${bob.handle} y @nadie.test, mira https://plaza.example/ruta?q=1 #Niño`;
    const input = textInput(text, { options: { language: 'es' } });
    const result = await blueskyAdapter.publish(ctx, input);

    const rkey = rootRecordKey(input.publicationId);
    expect(result.remoteId).toBe(`at://${alice.did}/app.bsky.feed.post/${rkey}`);
    expect(result.remoteUrl).toBe(`https://bsky.app/profile/${alice.handle}/post/${rkey}`);
    expect(result.threadRemoteIds).toBeUndefined();

    const stored = await getPost(result.remoteId);
    expect(stored?.value.text).toBe(text);
    const bytes = Buffer.from(text, 'utf8');
    const slices = (stored?.value.facets ?? []).map((facet) => ({
      text: bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8'),
      feature: facet.features[0],
    }));
    expect(slices).toEqual([
      { text: `@${bob.handle}`, feature: { $type: 'app.bsky.richtext.facet#mention', did: bob.did } },
      { text: 'https://plaza.example/ruta?q=1', feature: { $type: 'app.bsky.richtext.facet#link', uri: 'https://plaza.example/ruta?q=1' } },
      { text: '#Niño', feature: { $type: 'app.bsky.richtext.facet#tag', tag: 'Niño' } },
    ]);
    // The unresolvable mention stays plain text, and the language is recorded.
    expect(JSON.stringify(stored?.value.facets)).not.toContain('nadie');
    expect((stored!.value as { langs?: string[] }).langs).toEqual(['es']);
  });

  it('publishes images with alt text, uploaded as blobs', async () => {
    const ctx = channelFor(alice);
    const wide = pngMedia(4, 2, 'Un rectángulo rosa');
    const square = pngMedia(3, 3, 'A pink square');
    const result = await blueskyAdapter.publish(ctx, textInput('Dos imágenes', { media: [wide, square] }));

    const stored = await getPost(result.remoteId);
    const images = stored?.value.embed?.images ?? [];
    expect(stored?.value.embed?.$type).toBe('app.bsky.embed.images');
    expect(images.map((image) => image.alt)).toEqual(['Un rectángulo rosa', 'A pink square']);
    expect(images.map((image) => image.aspectRatio)).toEqual([
      { width: 4, height: 2 },
      { width: 3, height: 3 },
    ]);
    expect(images[0].image.mimeType).toBe('image/png');
    expect(images[0].image.size).toBe(wide.bytes.byteLength);

    const blob = await fetch(
      `${pds.url}/xrpc/com.atproto.sync.getBlob?${new URLSearchParams({ did: alice.did, cid: images[0].image.ref.$link })}`,
    );
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(wide.bytes);
  });

  it('publishes a 3-post thread where each follow-up replies to the previous one', async () => {
    const ctx = channelFor(alice);
    const input = textInput('Hilo 1/3', {
      thread: [
        { text: 'Hilo 2/3', media: [] },
        { text: 'Hilo 3/3', media: [pngMedia(2, 2, 'cierre')] },
      ],
    });
    const result = await blueskyAdapter.publish(ctx, input);
    expect(result.threadRemoteIds).toHaveLength(2);

    const root = await getPost(result.remoteId);
    const second = await getPost(result.threadRemoteIds![0]);
    const third = await getPost(result.threadRemoteIds![1]);
    expect(root?.value.reply).toBeUndefined();
    expect(second?.value.text).toBe('Hilo 2/3');
    expect(second?.value.reply).toEqual({ root: { uri: root!.uri, cid: root!.cid }, parent: { uri: root!.uri, cid: root!.cid } });
    expect(third?.value.reply).toEqual({ root: { uri: root!.uri, cid: root!.cid }, parent: { uri: second!.uri, cid: second!.cid } });
    expect(third?.value.embed?.images[0].alt).toBe('cierre');
  });

  it('creates exactly one post when the same publication is published twice, even concurrently', async () => {
    const account = await pds.createAccount('idem');
    const ctx = channelFor(account);
    const input = textInput('Una sola vez', { thread: [{ text: 'y su respuesta', media: [] }] });

    const first = await blueskyAdapter.publish(ctx, input);
    const second = await blueskyAdapter.publish(ctx, input);
    expect(second).toEqual(first);
    expect(await countPosts(account)).toBe(2);

    const concurrentInput = textInput('Dos workers a la vez');
    const [a, b] = await Promise.all([blueskyAdapter.publish(ctx, concurrentInput), blueskyAdapter.publish(ctx, concurrentInput)]);
    expect(a).toEqual(b);
    expect(await countPosts(account)).toBe(3);
  });

  it('recovers from a timeout after the server accepted the post, or reports it as ambiguous', async () => {
    const account = await pds.createAccount('ambig');
    // Faults: the createRecord response is lost; optionally the connection stays down for the next read too.
    let loseNextCreateResponse = false;
    let failNextRead = false;
    const faultyFetch: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (failNextRead && url.includes('com.atproto.repo.getRecord')) {
        failNextRead = false;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      }
      const response = await fetch(input, init);
      if (loseNextCreateResponse && url.includes('com.atproto.repo.createRecord')) {
        loseNextCreateResponse = false;
        await response.arrayBuffer();
        throw new DOMException('The operation timed out', 'TimeoutError');
      }
      return response;
    };
    const adapter = createBlueskyAdapter({ fetch: faultyFetch });
    const ctx = channelFor(account);

    // The adapter reads its deterministic record key back and reports success.
    loseNextCreateResponse = true;
    const recovered = await adapter.publish(ctx, textInput('Llegó aunque no lo supimos'));
    expect(await getPost(recovered.remoteId)).not.toBeNull();
    expect(await countPosts(account)).toBe(1);

    // When even the read-back fails, the outcome is unknown: 'ambiguous'.
    const input = textInput('¿Llegó o no llegó?');
    loseNextCreateResponse = true;
    failNextRead = true;
    const error = await expectNetworkError(adapter.publish(ctx, input));
    expect(error.kind).toBe('ambiguous');

    const found = await adapter.findPublished(ctx, input);
    expect(found?.remoteId).toBe(`at://${account.did}/app.bsky.feed.post/${rootRecordKey(input.publicationId)}`);
    const retried = await adapter.publish(ctx, input);
    expect(retried).toEqual(found);
    expect(await countPosts(account)).toBe(2);
  });

  it('findPublished is null before publishing, null for a half-published thread, and the post after', async () => {
    const ctx = channelFor(alice);
    const input = textInput('Buscar antes y después', { thread: [{ text: 'segunda parte', media: [] }] });
    expect(await blueskyAdapter.findPublished(ctx, input)).toBeNull();

    // Publishing only the root leaves the thread incomplete: publishing again must complete it.
    await blueskyAdapter.publish(ctx, { ...input, thread: [] });
    expect(await blueskyAdapter.findPublished(ctx, input)).toBeNull();

    const published = await blueskyAdapter.publish(ctx, input);
    expect(await blueskyAdapter.findPublished(ctx, input)).toEqual(published);
  });

  it('deletes a post with its thread follow-ups, and deleting again is harmless', async () => {
    const ctx = channelFor(alice);
    const input = textInput('Para borrar', {
      thread: [
        { text: 'borrar 2', media: [] },
        { text: 'borrar 3', media: [] },
      ],
    });
    const published = await blueskyAdapter.publish(ctx, input);
    const uris = [published.remoteId, ...published.threadRemoteIds!];

    await blueskyAdapter.delete(ctx, published.remoteId);
    for (const uri of uris) expect(await getPost(uri)).toBeNull();
    expect(await blueskyAdapter.findPublished(ctx, input)).toBeNull();
    await blueskyAdapter.delete(ctx, published.remoteId);

    const notMine = await expectNetworkError(blueskyAdapter.delete(ctx, `at://${bob.did}/app.bsky.feed.post/${rootRecordKey('x')}`));
    expect(notMine.kind).toBe('permanent');
  });

  it('rejects a bad app password as an auth error, and checkHealth says so', async () => {
    const ctx = channelFor(alice, { credentials: { identifier: alice.handle, appPassword: 'aaaa-bbbb-cccc-dddd' } });
    const error = await expectNetworkError(blueskyAdapter.publish(ctx, textInput('no debería salir')));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('invalid_credentials');

    const health = await blueskyAdapter.checkHealth(ctx);
    expect(health.ok).toBe(false);
    expect(health.error?.code).toBe('invalid_credentials');

    const missing = await expectNetworkError(blueskyAdapter.publish(channelFor(alice, { credentials: {} }), textInput('x')));
    expect(missing.kind).toBe('auth');
  });

  it('checkHealth returns the account, logging in with the email too', async () => {
    const health = await blueskyAdapter.checkHealth(
      channelFor(alice, { credentials: { identifier: alice.email, appPassword: alice.appPassword } }),
    );
    expect(health).toEqual({ ok: true, account: { id: alice.did, handle: alice.handle } });
  });

  it('reuses the session, refreshes an expired token and logs in again when the session is refused', async () => {
    const logins: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const nsid = new URL(url).pathname.replace('/xrpc/', '');
      if (nsid === 'com.atproto.server.createSession' || nsid === 'com.atproto.server.refreshSession') logins.push(nsid);
      return fetch(input, init);
    };
    const adapter = createBlueskyAdapter({ fetch: countingFetch });
    const ctx = channelFor(alice);
    await adapter.publish(ctx, textInput('uno'));
    await adapter.publish(ctx, textInput('dos'));
    expect(logins).toEqual(['com.atproto.server.createSession']);

    // An access token past its expiry, signed like the PDS's own: the agent refreshes it.
    const session = adapter.sessions.peek(ctx.channelId, pds.url)!.session!;
    const [header, payload] = session.accessJwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const expiredPayload = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })).toString('base64url');
    const signature = createHmac('sha256', pds.jwtSecret).update(`${header}.${expiredPayload}`).digest('base64url');
    session.accessJwt = `${header}.${expiredPayload}.${signature}`;
    await adapter.publish(ctx, textInput('tres'));
    expect(logins).toEqual(['com.atproto.server.createSession', 'com.atproto.server.refreshSession']);

    // A token the PDS refuses outright (and cannot refresh): log in again, then succeed.
    const refreshed = adapter.sessions.peek(ctx.channelId, pds.url)!.session!;
    refreshed.accessJwt = 'not-a-token';
    refreshed.refreshJwt = 'not-a-token-either';
    const result = await adapter.publish(ctx, textInput('cuatro'));
    expect(await getPost(result.remoteId)).not.toBeNull();
    expect(logins.filter((nsid) => nsid === 'com.atproto.server.createSession')).toHaveLength(2);
  });

  it('classifies 429 with ratelimit-reset as rate_limited and an unreachable server as transient', async () => {
    const nowMs = Date.parse('2026-01-01T00:00:00Z');
    const rateLimited: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('com.atproto.repo.createRecord')) {
        return new Response(JSON.stringify({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'ratelimit-reset': String(nowMs / 1000 + 90) },
        });
      }
      return fetch(input, init);
    };
    const adapter = createBlueskyAdapter({ fetch: rateLimited, now: () => nowMs });
    const error = await expectNetworkError(adapter.publish(channelFor(alice), textInput('demasiado rápido')));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(90_000);

    const closedPort = await findFreePort();
    const unreachable = await expectNetworkError(
      blueskyAdapter.publish(channelFor(alice, { settings: { serviceUrl: `http://127.0.0.1:${closedPort}` } }), textInput('nadie escucha')),
    );
    expect(unreachable.kind).toBe('transient');
    expect(unreachable.code).toBe('econnrefused');
  });

  it('turns an aborted publish into an ambiguous error', async () => {
    const controller = new AbortController();
    const abortDuringCreate: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('com.atproto.repo.createRecord')) controller.abort(new DOMException('engine timeout', 'TimeoutError'));
      return fetch(input, init);
    };
    const adapter = createBlueskyAdapter({ fetch: abortDuringCreate });
    const ctx = channelFor(alice, { signal: controller.signal });
    const error = await expectNetworkError(adapter.publish(ctx, textInput('cortado a medias')));
    expect(error.kind).toBe('ambiguous');
  });

  it('explains that metrics and mentions need an AppView, which the bare PDS lacks', async () => {
    const ctx = channelFor(alice);
    const published = await blueskyAdapter.publish(ctx, textInput('¿Cuántos likes?'));
    const metricsError = await expectNetworkError(blueskyAdapter.fetchMetrics(ctx, published.remoteId));
    expect(metricsError.kind).toBe('permanent');
    expect(metricsError.code).toBe('appview_unavailable');
    const mentionsError = await expectNetworkError(blueskyAdapter.fetchMentions(ctx));
    expect(mentionsError.code).toBe('appview_unavailable');
  });
});

describe('validate', () => {
  it('counts graphemes, not UTF-16 units', () => {
    const thumb = '👍🏽'; // one grapheme, four UTF-16 units, eight bytes
    expect(blueskyAdapter.validate(textInput(thumb.repeat(300)))).toEqual([]);
    expect(blueskyAdapter.validate(textInput(thumb.repeat(301)))[0].code).toBe('text_too_long');
    const family = '👨‍👩‍👧‍👦'; // one grapheme, 25 bytes: 300 of them break the 3,000-byte ceiling
    expect(blueskyAdapter.validate(textInput(family.repeat(200)))[0].code).toBe('text_too_many_bytes');
    const issues = blueskyAdapter.validate(textInput('á'.repeat(301)));
    expect(issues).toEqual([
      {
        field: 'text',
        code: 'text_too_long',
        params: { count: 301, network: 'Bluesky', max: 300 },
        message: 'The text is 301 characters long; Bluesky allows 300.',
        messageEs: 'El texto tiene 301 caracteres; Bluesky admite 300.',
      },
    ]);
  });

  it('checks image count, type, size, alt text and thread parts, in English and Spanish', () => {
    const image = pngMedia(1, 1, 'ok');
    const issues = blueskyAdapter.validate({
      publicationId: 'p',
      text: 'Con imágenes',
      media: [image, { ...image, mimeType: 'image/bmp' }, { ...image, size: 1_000_001 }, { ...image, alt: 'x'.repeat(2001) }, image],
      thread: [
        { text: '', media: [] },
        { text: 'y'.repeat(301), media: [] },
      ],
      options: { visibility: 'private' },
    });
    expect(issues.map((item) => [item.field, item.code])).toEqual([
      ['media', 'too_many_images'],
      ['media[1]', 'unsupported_media_type'],
      ['media[2]', 'image_too_large'],
      ['media[3].alt', 'alt_too_long'],
      ['thread[0].text', 'empty_post'],
      ['thread[1].text', 'text_too_long'],
      ['options.visibility', 'visibility_unsupported'],
    ]);
    const byCode = Object.fromEntries(issues.map((item) => [item.code, item]));
    // By code and params (the web app and the CLI word them); message/messageEs from the shared table.
    expect(byCode.unsupported_media_type.params).toEqual({ type: 'image/bmp' });
    expect(byCode.unsupported_media_type.messageEs).toBe('Aquí no se admiten archivos image/bmp.');
    expect(byCode.image_too_large.params).toMatchObject({ maxMb: 1 });
    expect(byCode.alt_too_long.params).toEqual({ max: 2000, count: 2001 });
    expect(byCode.text_too_long.params).toEqual({ count: 301, network: 'Bluesky', max: 300 });
    expect(byCode.empty_post.message).toBe('A post needs text or media.');
    expect(byCode.visibility_unsupported.params).toEqual({ network: 'Bluesky', visibility: 'private' });
  });

  it('refuses to publish invalid content without calling the network', async () => {
    const error = await expectNetworkError(blueskyAdapter.publish(channelFor(alice), textInput('z'.repeat(301))));
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('invalid_content');
  });
});
