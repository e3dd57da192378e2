/**
 * LinkedIn's own paths, against the local server speaking its documented API (testing/server.ts):
 * every post type, little text, uploads (a cut-off video part resumed), first comment, the
 * version headers, reconcile and duplicates, throttling, token expiry → refresh → retry,
 * refused refresh, sign-in (code exchange, accounts), metrics and comments as mentions.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext, type MediaInput, type NetworkAdapter, type PublishInput } from '../types.ts';
import { LINKEDIN_API, msUntilUtcMidnight } from './api.ts';
import { createLinkedInAdapter } from './adapter.ts';
import { createLinkedInOAuthProvider } from './oauth.ts';
import { FakeLinkedInServer } from './testing/server.ts';
import { fromLittleText, isValidLittleText, toLittleText } from './text.ts';
import { validateLinkedInPost } from './validate.ts';

const server = new FakeLinkedInServer();
let adapter: NetworkAdapter;
const sleeps: number[] = [];
let counter = 0;

beforeAll(async () => server.start());
afterAll(async () => server.stop());
beforeEach(() => {
  server.reset();
  sleeps.length = 0;
  adapter = createLinkedInAdapter({
    now: () => server.clock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    requestTimeoutMs: 2_000,
    videoPollIntervalMs: 500,
  });
});

const channel = (kind: 'organization' | 'person' = 'organization', token = server.token): ChannelContext => ({
  channelId: `ch-${kind}`,
  settings: { authorUrn: kind === 'organization' ? server.organizationUrn : server.personUrn, kind },
  credentials: { accessToken: token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});

const post = (text: string, extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${++counter}`,
  text,
  media: [],
  // A first attempt happening now: no lookup before posting.
  firstAttemptAt: new Date(server.clock).toISOString(),
  ...extra,
});

function file(id: string, mimeType: string, size: number, extra: Partial<MediaInput> = {}): MediaInput {
  const bytes = new Uint8Array(size).map((_, i) => (i * 31 + id.length) % 251);
  return { mediaId: id, mimeType, bytes, size, ...extra };
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

const postRequests = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/api.linkedin.com/rest/posts');

describe('little text', () => {
  it('escapes reserved characters, keeps hashtags as templates, and reads back the same text', () => {
    const plain = 'Café (nuevo) a 2*3 [oferta] @aroma <hoy> ~ | \\ _x_ {y} #CaféAroma y #2026no';
    const little = toLittleText(plain);
    expect(little).toContain('\\(nuevo\\)');
    expect(little).toContain('{hashtag|\\#|CaféAroma}');
    expect(isValidLittleText(little)).toBe(true);
    expect(isValidLittleText('sin (escapar)')).toBe(false);
    expect(fromLittleText(little)).toBe(plain);
    expect(fromLittleText('Hola @[Café Aroma](urn:li:organization:1001) \\(sí\\)')).toBe('Hola Café Aroma (sí)');
  });
});

describe('validate', () => {
  it('refuses what LinkedIn would refuse, by code', () => {
    const codes = (input: PublishInput) => validateLinkedInPost(input).map((i) => i.code);
    expect(codes(post('ok'))).toEqual([]);
    expect(codes(post('a'.repeat(3001)))).toContain('text_too_long');
    expect(codes(post('x', { thread: [{ text: 'y', media: [] }] }))).toContain('thread_unsupported');
    expect(codes(post('x', { postType: 'reel' }))).toContain('post_type_unsupported');
    expect(codes(post('x', { postType: 'link' }))).toContain('link_required');
    expect(codes(post('x', { postType: 'carousel', media: [file('a', 'image/png', 10)] }))).toContain('too_few_media');
    expect(codes(post('x', { media: [file('a', 'image/png', 10), file('v', 'video/mp4', 10, { kind: 'video' })] }))).toContain(
      'mixed_media',
    );
    expect(codes(post('x', { media: [file('v', 'video/mp4', 10, { kind: 'video', durationSeconds: 2000 })] }))).toContain('video_too_long');
    expect(codes(post('x', { media: [file('v', 'video/mp4', 10, { kind: 'video', codec: 'hvc1' })] }))).toContain(
      'unsupported_video_codec',
    );
    expect(codes(post('x', { media: [file('v', 'video/mp4', 10, { kind: 'video', width: 300, height: 1000 })] }))).toContain(
      'aspect_ratio_out_of_range',
    );
    expect(codes(post('x', { media: [{ ...file('d', 'application/pdf', 10, { kind: 'document' }), size: 101 * 1024 * 1024 }] }))).toContain(
      'document_too_large',
    );
    expect(codes(post('x', { firstComment: 'c'.repeat(1251) }))).toContain('first_comment_too_long');
    expect(codes(post('x', { options: { network: { visibility: 'FRIENDS' } } }))).toContain('option_invalid');
    const issue = validateLinkedInPost(post('a'.repeat(3001)))[0]!;
    expect(issue.messageEs).toContain('3001');
  });
});

describe('publishing', () => {
  it('publishes text with the pinned version headers, escaped commentary and the id from x-restli-id', async () => {
    const text = 'Nuevo horario (desde el lunes) #CaféAroma';
    const result = await adapter.publish(channel(), post(text));
    expect(result.remoteId).toMatch(/^urn:li:share:\d+$/);
    expect(result.remoteUrl).toBe(`https://www.linkedin.com/feed/update/${result.remoteId}/`);
    const [request] = postRequests();
    expect(request!.headers['linkedin-version']).toBe(LINKEDIN_API.version);
    expect(request!.headers['x-restli-protocol-version']).toBe('2.0.0');
    expect(request!.body).toMatchObject({
      author: server.organizationUrn,
      visibility: 'PUBLIC',
      lifecycleState: 'PUBLISHED',
      commentary: toLittleText(text),
    });
    expect(server.postsWithText(text)).toBe(1);
    // Every versioned call carried the one pinned version.
    for (const r of server.requests.filter((r) => r.path.startsWith('/api.linkedin.com/rest/')))
      expect(r.headers['linkedin-version']).toBe(LINKEDIN_API.version);
  });

  it('publishes to connections only from a personal profile, and refuses it for a page before sending', async () => {
    const personal = await adapter.publish(
      channel('person'),
      post('solo contactos', { options: { network: { visibility: 'CONNECTIONS' } } }),
    );
    expect(server.posts.get(personal.remoteId)).toMatchObject({ visibility: 'CONNECTIONS', author: server.personUrn });
    const error = await rejection(adapter.publish(channel(), post('página', { options: { network: { visibility: 'CONNECTIONS' } } })));
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid_content' });
    expect(postRequests()).toHaveLength(1);
  });

  it('publishes a link as an article, with an uploaded thumbnail', async () => {
    const result = await adapter.publish(
      channel(),
      post('Lee la carta https://cafe-aroma.example/carta.', {
        postType: 'link',
        title: 'La carta',
        media: [file('t', 'image/jpeg', 300)],
      }),
    );
    const content = server.posts.get(result.remoteId)!.content as { article: { source: string; title: string; thumbnail: string } };
    expect(content.article).toMatchObject({ source: 'https://cafe-aroma.example/carta', title: 'La carta' });
    expect(content.article.thumbnail).toMatch(/^urn:li:image:/);
  });

  it('publishes one image with alt text and a multi-image post, each file uploaded intact', async () => {
    const one = file('one', 'image/png', 1234, { alt: 'Una taza' });
    const single = await adapter.publish(channel(), post('una imagen', { media: [one] }));
    const media = (server.posts.get(single.remoteId)!.content as { media: { id: string; altText: string } }).media;
    expect(media.altText).toBe('Una taza');
    expect(server.uploads.get(media.id)).toEqual(one.bytes);

    const images = [file('a', 'image/png', 100), file('b', 'image/jpeg', 200), file('c', 'image/gif', 300)];
    const multi = await adapter.publish(channel(), post('tres imágenes', { media: images }));
    const ids = (server.posts.get(multi.remoteId)!.content as { multiImage: { images: Array<{ id: string }> } }).multiImage.images.map(
      (i) => i.id,
    );
    expect(ids).toHaveLength(3);
    for (const [index, id] of ids.entries()) expect(server.uploads.get(id)).toEqual(images[index]!.bytes);
  });

  it('uploads a video in parts, resumes a part that was cut off without re-sending the others, finalizes and waits for it', async () => {
    server.videoPartBytes = 1000;
    server.videoPollsUntilAvailable = 2;
    server.fail({ method: 'PUT', path: /\/dms-uploads\/video\/.+\/part\/1$/, status: 500 });
    const video = file('v', 'video/mp4', 2500, { kind: 'video', durationSeconds: 12, codec: 'avc1', width: 1280, height: 720 });
    const result = await adapter.publish(channel(), post('vídeo', { media: [video], title: 'Así hacemos el café' }));
    const content = server.posts.get(result.remoteId)!.content as { media: { id: string; title: string } };
    expect(content.media).toMatchObject({ id: expect.stringMatching(/^urn:li:video:/), title: 'Así hacemos el café' });
    expect(server.uploads.get(content.media.id)).toEqual(video.bytes);
    const parts = server.requests.filter((r) => r.method === 'PUT').map((r) => r.path.split('/').pop());
    expect(parts).toEqual(['0', '1', '1', '2']);
    expect(sleeps.filter((ms) => ms === 500)).toHaveLength(2);
  });

  it('publishes a PDF document with its title', async () => {
    const pdf = file('d', 'application/pdf', 800, { kind: 'document' });
    const result = await adapter.publish(channel(), post('Nuestra memoria anual', { media: [pdf], title: 'Memoria 2026' }));
    const content = server.posts.get(result.remoteId)!.content as { media: { id: string; title: string } };
    expect(content.media.id).toMatch(/^urn:li:document:/);
    expect(content.media.title).toBe('Memoria 2026');
    expect(server.uploads.get(content.media.id)).toEqual(pdf.bytes);
  });

  it('publishes the first comment after the post, and a retry does not comment twice', async () => {
    const input = post('con comentario', { firstComment: 'Reserva en https://cafe-aroma.example' });
    const result = await adapter.publish(channel(), input);
    expect(server.comments.get(result.remoteId) ?? []).toHaveLength(0);
    const comment = { publicationId: input.publicationId, postRemoteId: result.remoteId, text: 'Reserva en https://cafe-aroma.example' };
    const first = await adapter.publishFirstComment!(channel(), { ...comment, reconcile: false });
    expect(first.remoteId).toMatch(/^urn:li:comment:/);
    const again = await adapter.publishFirstComment!(channel(), { ...comment, reconcile: true });
    expect(again.remoteId).toBe(first.remoteId);
    expect(server.comments.get(result.remoteId)).toHaveLength(1);
    expect(server.postsWithText('con comentario')).toBe(1);
  });

  it('a first comment that fails transiently throws without touching the post; its retry adds only the comment', async () => {
    server.fail({ method: 'POST', path: /\/socialActions\/.+\/comments$/, status: 503 });
    const input = post('comentario tardío', { firstComment: 'Hola' });
    const result = await adapter.publish(channel(), input);
    const comment = { publicationId: input.publicationId, postRemoteId: result.remoteId, text: 'Hola' };
    expect(await rejection(adapter.publishFirstComment!(channel(), { ...comment, reconcile: false }))).toMatchObject({
      kind: 'transient',
      code: 'http_503',
    });
    server.clock += 30_000;
    await adapter.publishFirstComment!(channel(), { ...comment, reconcile: true });
    expect(server.postsWithText('comentario tardío')).toBe(1);
    expect(server.comments.get(result.remoteId)!.map((c) => c.text)).toEqual(['Hola']);
  });

  it('sends the link card Plaza read as the article of a text post, its image uploaded as the thumbnail', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const input = post('Nueva carta: https://cafe-aroma.example/carta', {
      linkCard: {
        url: 'https://cafe-aroma.example/carta',
        title: 'Carta de otoño',
        description: 'Setas, castañas y calabaza',
        siteName: 'Café Aroma',
        imageUrl: 'https://cafe-aroma.example/og.png',
        image: { bytes: png, mimeType: 'image/png' },
      },
    });
    const result = await adapter.publish(channel(), input);
    const content = server.posts.get(result.remoteId)!.content as { article: Record<string, string> };
    expect(content.article).toMatchObject({
      source: 'https://cafe-aroma.example/carta',
      title: 'Carta de otoño',
      description: 'Setas, castañas y calabaza',
    });
    expect(content.article.thumbnail).toMatch(/^urn:li:image:/);
    expect(server.uploads.get(content.article.thumbnail)).toEqual(png);
    // A lost answer: the lookup still finds this post (a text post whose page gave a card).
    server.clock += 60_000;
    expect((await adapter.findPublished(channel(), input))?.remoteId).toBe(result.remoteId);
  });

  it('deletes a post, and deleting it again is fine', async () => {
    const result = await adapter.publish(channel(), post('para borrar'));
    await adapter.delete(channel(), result.remoteId);
    expect(server.posts.get(result.remoteId)!.lifecycleState).toBe('DELETED');
    await adapter.delete(channel(), result.remoteId);
  });

  it('sends nothing once the engine deadline has passed', async () => {
    const error = await rejection(adapter.publish({ ...channel(), deadline: server.clock - 1, now: () => server.clock }, post('tarde')));
    expect(error).toMatchObject({ kind: 'transient', code: 'deadline_passed' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('reconcile and duplicates', () => {
  it('a duplicate refusal after a lost answer returns the post already made, without a second one', async () => {
    const input = post('respuesta perdida');
    const first = await adapter.publish(channel(), input);
    // The engine retries as if it never heard back; the first attempt is "now" so no lookup: LinkedIn says duplicate.
    const retried = await adapter.publish(channel(), { ...input, firstAttemptAt: new Date(server.clock).toISOString() });
    expect(retried.remoteId).toBe(first.remoteId);
    expect(postRequests()).toHaveLength(2);
    expect(server.postsWithText('respuesta perdida')).toBe(1);
  });

  it('a timeout after LinkedIn accepted the post is ambiguous; the retry finds it and posts nothing new', async () => {
    const quick = createLinkedInAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 300 });
    server.delayNextAnswer('POST', /\/rest\/posts$/, 1_500);
    const input = post('aceptada sin respuesta');
    const error = await rejection(quick.publish(channel(), input));
    expect(error).toMatchObject({ kind: 'ambiguous', code: 'timeout' });
    expect(server.postsWithText('aceptada sin respuesta')).toBe(1);
    server.clock += 60_000;
    const found = await quick.findPublished(channel(), input);
    expect(found?.remoteId).toMatch(/^urn:li:share:/);
    expect((await quick.publish(channel(), input)).remoteId).toBe(found!.remoteId);
    expect(server.postsWithText('aceptada sin respuesta')).toBe(1);
  });

  it('an answer lost after acceptance (connection cut) is ambiguous, then reconciled', async () => {
    server.loseNextAnswer('POST', /\/rest\/posts$/);
    const input = post('respuesta cortada', { firstComment: 'Primer comentario' });
    expect(await rejection(adapter.publish(channel(), input))).toMatchObject({ kind: 'ambiguous' });
    server.clock += 60_000;
    // The engine's reconcile path: findPublished finds the post, then the first comment follows (once).
    const found = await adapter.findPublished(channel(), input);
    const comment = { publicationId: input.publicationId, postRemoteId: found!.remoteId, text: 'Primer comentario', reconcile: true };
    const first = await adapter.publishFirstComment!(channel(), comment);
    expect((await adapter.publishFirstComment!(channel(), comment)).remoteId).toBe(first.remoteId);
    expect(server.comments.get(found!.remoteId)!.map((c) => c.text)).toEqual(['Primer comentario']);
    expect(server.postsWithText('respuesta cortada')).toBe(1);
  });

  it("a profile's posts cannot be read (r_member_social): a retry after a lost answer is reconciled from LinkedIn's duplicate refusal", async () => {
    server.loseNextAnswer('POST', /\/rest\/posts$/);
    const input = post('perfil sin lectura', { firstComment: 'Comentario' });
    expect(await rejection(adapter.publish(channel('person'), input))).toMatchObject({ kind: 'ambiguous' });
    server.clock += 60_000;
    // findPublished cannot see a profile's posts: it says so by finding nothing, never by failing the channel.
    expect(await adapter.findPublished(channel('person'), input)).toBeNull();
    const retried = await adapter.publish(channel('person'), input);
    expect(server.postsWithText('perfil sin lectura')).toBe(1);
    expect(server.posts.get(retried.remoteId)?.text).toBe('perfil sin lectura');
    await adapter.publishFirstComment!(channel('person'), {
      publicationId: input.publicationId,
      postRemoteId: retried.remoteId,
      text: 'Comentario',
      reconcile: true,
    });
    expect(server.comments.get(retried.remoteId)!.map((c) => c.text)).toEqual(['Comentario']);
  });

  it("a page's duplicate of a post older than this publication is refused for good, not taken as ours", async () => {
    const older = await adapter.publish(channel(), post('gemela'));
    server.clock += 2 * 60 * 60_000;
    const error = await rejection(adapter.publish(channel(), post('gemela')));
    expect(error).toMatchObject({ kind: 'permanent', code: 'duplicate_post' });
    expect(error.message).toContain(older.remoteId);
    expect(server.postsWithText('gemela')).toBe(1);
  });

  it('a duplicate refusal that matches nothing of ours is permanent', async () => {
    server.fail({
      method: 'POST',
      path: /\/rest\/posts$/,
      status: 422,
      body: { status: 422, code: 'DUPLICATE_POST', message: 'Content is a duplicate of urn:li:share:1' },
    });
    const error = await rejection(adapter.publish(channel(), post('no es nuestro')));
    expect(error).toMatchObject({ kind: 'permanent', code: 'duplicate_post' });
  });

  it('findPublished looks only after the first attempt, so an older post with the same text is not taken for this one', async () => {
    await adapter.publish(channel(), post('recurrente'));
    server.clock += 2 * 60 * 60_000;
    const later = post('recurrente', { firstAttemptAt: new Date(server.clock).toISOString() });
    expect(await adapter.findPublished(channel(), later)).toBeNull();
  });

  it('a 504 on the post itself is ambiguous, other 5xx transient', async () => {
    server.fail({ method: 'POST', path: /\/rest\/posts$/, status: 504 });
    expect(await rejection(adapter.publish(channel(), post('pasarela')))).toMatchObject({ kind: 'ambiguous' });
    server.fail({ method: 'POST', path: /\/rest\/posts$/, status: 500 });
    expect(await rejection(adapter.publish(channel(), post('fallo')))).toMatchObject({ kind: 'transient', code: 'http_500' });
  });
});

describe('throttling', () => {
  it("a daily quota 429 without Retry-After waits until LinkedIn's reset at midnight UTC", async () => {
    server.fail({
      method: 'POST',
      path: /\/rest\/posts$/,
      status: 429,
      body: {
        status: 429,
        serviceErrorCode: 101,
        code: 'TOO_MANY_REQUESTS',
        message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
      },
    });
    const error = await rejection(adapter.publish(channel(), post('cuota')));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(msUntilUtcMidnight(server.clock));
    expect(server.postsWithText('cuota')).toBe(0);
  });

  it('a 429 with Retry-After waits that long; a bare one a minute', async () => {
    server.fail({ method: 'POST', path: /\/rest\/posts$/, status: 429, headers: { 'retry-after': '42' } });
    expect((await rejection(adapter.publish(channel(), post('espera')))).details.retryAfterMs).toBe(42_000);
    server.fail({ method: 'POST', path: /\/rest\/posts$/, status: 429, body: { status: 429, message: 'Too many requests' } });
    expect((await rejection(adapter.publish(channel(), post('espera 2')))).details.retryAfterMs).toBe(60_000);
  });
});

describe('tokens and sign-in', () => {
  const provider = createLinkedInOAuthProvider({ now: () => server.clock });
  const oauthCtx = () => ({ origin: server.baseUrl, allowPrivateUrls: true });

  it('asks for the member and page scopes, without PKCE, with the client secret in the body', () => {
    expect(provider.scopes).toEqual([
      'openid',
      'profile',
      'w_member_social',
      'r_organization_social',
      'w_organization_social',
      'rw_organization_admin',
    ]);
    expect(createLinkedInOAuthProvider({ organizations: false }).scopes).toEqual(['openid', 'profile', 'w_member_social']);
    expect(provider).toMatchObject({ pkce: false, clientAuth: 'body' });
    expect(provider.authorizeUrl({})).toBe('https://www.linkedin.com/oauth/v2/authorization');
    expect(provider.tokenUrl({})).toBe('https://www.linkedin.com/oauth/v2/accessToken');
  });

  it('exchanges a code for tokens, and refuses a code that does not match', async () => {
    const tokens = await provider.exchangeCode(server.issueCode(), server.app.redirectUri, server.app, oauthCtx());
    expect(tokens.accessToken).toMatch(/^li-token-/);
    expect(tokens.refreshToken).toMatch(/^li-refresh-/);
    expect(Date.parse(tokens.expiresAt!) - server.clock).toBe(5_183_999_000);
    expect(tokens.scopes).toContain('w_organization_social');
    const token = server.requests.find((r) => r.path === '/www.linkedin.com/oauth/v2/accessToken')!;
    expect(token.body).toMatchObject({ grant_type: 'authorization_code', client_id: 'plaza-client', client_secret: 'plaza-secret' });
    const error = await rejection(provider.exchangeCode('code-wrong', server.app.redirectUri, server.app, oauthCtx()));
    expect(error).toMatchObject({ kind: 'auth', code: 'code_exchange_refused' });
  });

  it('lists the member profile and the pages they administer, each with its author URN', async () => {
    const accounts = await provider.listAccounts({ accessToken: server.token }, oauthCtx());
    expect(accounts).toEqual([
      expect.objectContaining({
        kind: 'profile',
        remoteId: server.personUrn,
        name: 'Lucía Pérez',
        settings: expect.objectContaining({ authorUrn: server.personUrn }),
      }),
      expect.objectContaining({
        kind: 'organization',
        remoteId: server.organizationUrn,
        name: 'Café Aroma',
        handle: 'cafe-aroma',
        settings: expect.objectContaining({ authorUrn: server.organizationUrn }),
      }),
    ]);
    // Without the page scopes (no Community Management API): the profile alone.
    const memberOnly = server.issueToken(['openid', 'profile', 'w_member_social']);
    expect((await provider.listAccounts({ accessToken: memberOnly }, oauthCtx())).map((a) => a.kind)).toEqual(['profile']);
  });

  it('an expired token (65601) is token_expired; after a refresh (rotated) the retry publishes once', async () => {
    const signedIn = await provider.exchangeCode(server.issueCode(), server.app.redirectUri, server.app, oauthCtx());
    server.expireToken(signedIn.accessToken);
    const input = post('tras renovar');
    const error = await rejection(adapter.publish(channel('organization', signedIn.accessToken), input));
    expect(error).toMatchObject({ kind: 'auth', code: 'token_expired' });
    const renewed = await provider.refresh!(signedIn, server.app, oauthCtx());
    expect(renewed.accessToken).not.toBe(signedIn.accessToken);
    expect(renewed.refreshToken).not.toBe(signedIn.refreshToken);
    await adapter.publish(channel('organization', renewed.accessToken), input);
    expect(server.postsWithText('tras renovar')).toBe(1);
    // The old refresh token was retired by the rotation: LinkedIn refuses it, with its reason.
    const refused = await rejection(provider.refresh!(signedIn, server.app, oauthCtx()));
    expect(refused).toMatchObject({ kind: 'auth', code: 'refresh_refused' });
    expect(refused.message).toContain('invalid, expired or revoked');
  });

  it('a refresh without rotation keeps the refresh token; a revoked one is refused', async () => {
    server.rotateRefreshTokens = false;
    const signedIn = await provider.exchangeCode(server.issueCode(), server.app.redirectUri, server.app, oauthCtx());
    const renewed = await provider.refresh!(signedIn, server.app, oauthCtx());
    expect(renewed.refreshToken).toBe(signedIn.refreshToken);
    server.revokeRefreshToken(signedIn.refreshToken!);
    expect(await rejection(provider.refresh!(signedIn, server.app, oauthCtx()))).toMatchObject({ kind: 'auth', code: 'refresh_refused' });
  });

  it('an unknown token is invalid_token; checkHealth says the channel needs reconnecting', async () => {
    const error = await rejection(adapter.publish(channel('organization', 'nope'), post('x')));
    expect(error).toMatchObject({ kind: 'auth', code: 'invalid_token' });
    expect(await adapter.checkHealth(channel('person', 'nope'))).toMatchObject({
      ok: false,
      error: { kind: 'auth', code: 'invalid_token' },
    });
  });
});

describe('metrics, health and mentions', () => {
  it("reads a page post's share statistics", async () => {
    const result = await adapter.publish(channel(), post('con métricas'));
    server.setStats(result.remoteId, {
      likeCount: 12,
      commentCount: 3,
      shareCount: 2,
      impressionCount: 900,
      uniqueImpressionsCount: 700,
      clickCount: 40,
    });
    const metrics = await adapter.fetchMetrics(channel(), result.remoteId);
    expect(metrics).toEqual({
      likes: 12,
      replies: 3,
      reposts: 2,
      quotes: null,
      impressions: 900,
      reach: 700,
      clicks: 40,
      missing: { quotes: 'not_provided_by_network' },
    });
    const stats = server.requests.find((r) => r.path.endsWith('/organizationalEntityShareStatistics'))!;
    expect(stats.rawQuery).toContain(`shares=List(${encodeURIComponent(result.remoteId)})`);
  });

  it('says why a personal profile reports no counts', async () => {
    const result = await adapter.publish(channel('person'), post('personal'));
    const metrics = await adapter.fetchMetrics(channel('person'), result.remoteId);
    expect(metrics.likes).toBeNull();
    expect(metrics.missing).toMatchObject({
      likes: 'needs_permission',
      impressions: 'needs_permission',
      clicks: 'use_tracked_links',
      quotes: 'not_provided_by_network',
    });
  });

  it('checkHealth reports the page and its followers, and the member for a profile', async () => {
    expect(await adapter.checkHealth(channel())).toEqual({
      ok: true,
      account: { id: server.organizationUrn, handle: 'cafe-aroma', displayName: 'Café Aroma', followers: 1234 },
    });
    expect(await adapter.checkHealth(channel('person'))).toMatchObject({
      ok: true,
      account: { id: server.personUrn, displayName: 'Lucía Pérez' },
    });
  });

  it("reads others' comments on the page's posts as mentions, newest after `since`, not the page's own", async () => {
    const result = await adapter.publish(channel(), post('¿Qué os parece?', { firstComment: 'Contadnos' }));
    const early = server.addComment(result.remoteId, 'urn:li:person:zzz1', 'Me encanta (de verdad)');
    const since = new Date(early.createdAt).toISOString();
    server.addComment(result.remoteId, 'urn:li:person:zzz2', 'Muy rico');
    const all = await adapter.fetchMentions(channel());
    expect(all.map((m) => m.text)).toEqual(['Me encanta (de verdad)', 'Muy rico']);
    expect(all[0]).toMatchObject({ remoteId: early.urn, authorHandle: 'urn:li:person:zzz1', inReplyToRemoteId: result.remoteId });
    expect((await adapter.fetchMentions(channel(), since)).map((m) => m.text)).toEqual(['Muy rico']);
  });
});
