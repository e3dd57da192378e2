/**
 * TikTok's own behaviour against the local TikTok Open API (testing/server.ts): the creator's
 * choices kept on the channel and checked before saving, chunked video upload, photo posts by URL,
 * inbox drafts when direct posting is not approved, sign-in with `client_key`, metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilityIssues } from '../../modules/posts/capability-checks.ts';
import { authorizeUrl, exchangeCode } from '../../modules/oauth/tokens.ts';
import type { NetworkError, ChannelContext, MediaInput, PublishInput } from '../types.ts';
import { chunkPlan, createTikTokAdapter } from './adapter.ts';
import { creatorSettings } from './creator.ts';
import { createTikTokOAuthProvider } from './oauth.ts';
import { FakeTikTokServer, UPLOAD_HOST } from './testing/server.ts';

const server = new FakeTikTokServer();
const adapter = createTikTokAdapter({ sleep: async () => {}, requestTimeoutMs: 10_000 });
const MB = 1024 * 1024;
let n = 0;
const video = (size = 4096, durationSeconds = 20): MediaInput => ({
  mediaId: `v${n}`,
  mimeType: 'video/mp4',
  kind: 'video',
  bytes: new Uint8Array(size).fill(3),
  size,
  durationSeconds,
});
const input = (extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: `pub-${++n}`,
  text: `vídeo ${n} ${Date.now()}`,
  media: [video()],
  options: { network: { privacy: 'PUBLIC_TO_EVERYONE' } },
  ...extra,
});
const channel = (settings: Record<string, unknown> = { username: 'plazacafe' }): ChannelContext => ({
  channelId: 'tiktok-test',
  settings,
  credentials: { accessToken: server.token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
const saved = creatorSettings(server.creator, true);
const checked = (publication: PublishInput, settings = saved) =>
  [...adapter.validate(publication, { settings }), ...capabilityIssues(adapter, publication)].map((i) => i.code);

beforeAll(() => server.start());
afterAll(async () => {
  await server.stop();
  expect(server.violations).toEqual([]);
});

describe('tiktok before saving', () => {
  it('offers only the creator’s privacy levels and refuses interactions the creator turned off', () => {
    expect(saved).toMatchObject({
      optionChoices: { privacy: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'] },
      lockedOptions: { allowDuet: false },
      maxVideoSeconds: 300,
    });
    expect(checked(input())).toEqual([]);
    expect(checked(input({ options: { network: {} } }))).toEqual(['privacy_required']);
    expect(checked(input({ options: { network: { privacy: 'FOLLOWER_OF_CREATOR' } } }))).toEqual(['option_not_allowed_for_account']);
    expect(checked(input({ options: { network: { privacy: 'PUBLIC_TO_EVERYONE', allowDuet: true } } }))).toEqual([
      'option_not_allowed_for_account',
    ]);
    expect(checked(input({ media: [video(4096, 400)] }))).toEqual(['video_too_long']);
  });

  it('an app without direct posting sends drafts: no privacy to choose, and "direct" is refused', () => {
    const draftsOnly = creatorSettings({}, false);
    expect(checked(input({ options: { network: {} } }), draftsOnly)).toEqual([]);
    expect(checked(input({ options: { network: { postMode: 'direct', privacy: 'SELF_ONLY' } } }), draftsOnly)).toContain(
      'option_not_allowed_for_account',
    );
  });
});

describe('tiktok publish', () => {
  it('queries the creator, uploads a small video in one chunk, polls the status and answers the post', async () => {
    const publication = input({ options: { network: { privacy: 'PUBLIC_TO_EVERYONE', allowComments: true } } });
    const result = await adapter.publish(channel(), publication);
    expect(result.remoteUrl).toBe(`https://www.tiktok.com/@plazacafe/video/${result.remoteId}`);
    const publish = [...server.publishes.values()].find((p) => p.postId === result.remoteId)!;
    expect(publish.postInfo).toMatchObject({
      title: publication.text,
      privacy_level: 'PUBLIC_TO_EVERYONE',
      disable_comment: false,
      disable_duet: true,
      disable_stitch: true,
    });
    expect(publish.chunks).toBe(1);
  });

  it('cuts a video over 64 MB into chunks, streamed from the media store, the last one taking the rest', async () => {
    expect(chunkPlan(3 * MB, 10 * MB)).toEqual({ chunkSize: 3 * MB, count: 1 });
    expect(chunkPlan(75 * MB, 10 * MB)).toEqual({ chunkSize: 10 * MB, count: 7 });
    const size = 70 * MB + 123;
    let read = 0;
    const big: MediaInput = {
      mediaId: 'big',
      mimeType: 'video/mp4',
      kind: 'video',
      bytes: new Uint8Array(0),
      size,
      async *openStream(range) {
        const start = range?.start ?? 0;
        const end = range?.end ?? size;
        for (let at = start; at < end; at += MB) {
          const part = new Uint8Array(Math.min(MB, end - at)).fill(9);
          read += part.length;
          yield part;
        }
      },
    };
    const result = await adapter.publish(channel(), input({ media: [big] }));
    const publish = [...server.publishes.values()].find((p) => p.postId === result.remoteId)!;
    expect(publish.received.length).toBe(7);
    expect(publish.received.at(-1)).toEqual({ start: 60 * MB, end: size - 1 });
    expect(read).toBe(size);
  });

  it('publishes photos pulled from their public URLs, with title and description', async () => {
    const photo = (i: number): MediaInput => ({
      mediaId: `p${i}`,
      mimeType: 'image/jpeg',
      bytes: new Uint8Array(4),
      size: 4,
      publicUrl: `https://plaza.example/media/p${i}.jpg?sig=1`,
    });
    const result = await adapter.publish(channel(), input({ title: 'Menú', media: [photo(1), photo(2)] }));
    const publish = [...server.publishes.values()].find((p) => p.postId === result.remoteId)!;
    expect(publish).toMatchObject({
      mediaType: 'PHOTO',
      photoUrls: ['https://plaza.example/media/p1.jpg?sig=1', 'https://plaza.example/media/p2.jpg?sig=1'],
    });
    expect(publish.postInfo).toMatchObject({ title: 'Menú', auto_add_music: false });
    const error = (await adapter
      .publish(channel(), input({ media: [{ ...photo(3), publicUrl: undefined }] }))
      .catch((e: unknown) => e)) as NetworkError;
    expect(error.code).toBe('media_url_missing');
  });

  it('refuses at publish a privacy level the creator no longer offers, before uploading anything', async () => {
    const before = server.requests.filter((r) => r.host === UPLOAD_HOST).length;
    const error = (await adapter
      .publish(channel(), input({ options: { network: { privacy: 'FOLLOWER_OF_CREATOR' } } }))
      .catch((e: unknown) => e)) as NetworkError;
    expect(error).toMatchObject({ kind: 'permanent', code: 'privacy_level_option_mismatch' });
    expect(server.requests.filter((r) => r.host === UPLOAD_HOST).length).toBe(before);
  });

  it('sends a draft to the creator’s inbox when asked (or when direct posting is not approved)', async () => {
    const result = await adapter.publish(channel({ directPost: false }), input({ options: { network: {} } }));
    expect(result.remoteId).toMatch(/^v_inbox_file~/);
    expect(result.remoteUrl).toBeNull();
    expect(server.publishes.get(result.remoteId)).toMatchObject({ mode: 'inbox', postInfo: {} });
    expect(await adapter.fetchMetrics(channel(), result.remoteId)).toMatchObject({
      likes: null,
      missing: { likes: 'not_available_for_account' },
    });
  });

  it('reads likes, comments, shares and views of a video', async () => {
    const result = await adapter.publish(channel(), input());
    expect(await adapter.fetchMetrics(channel(), result.remoteId)).toMatchObject({
      likes: 31,
      replies: 4,
      reposts: 2,
      impressions: 980,
      quotes: null,
    });
  });

  it('cannot delete: a clear code', async () => {
    await expect(adapter.delete(channel(), '1')).rejects.toMatchObject({ code: 'delete_unsupported' });
  });
});

describe('tiktok sign-in', () => {
  it('names the client id client_key, exchanges the code, and the picker keeps the creator’s choices', async () => {
    const provider = createTikTokOAuthProvider();
    const app = { clientId: server.app.clientKey, clientSecret: server.app.clientSecret };
    const ctx = { origin: server.baseUrl, allowPrivateUrls: true };
    const url = new URL(
      authorizeUrl(provider, app, ctx, { redirectUrl: 'https://plaza.example/api/v1/oauth/tiktok/callback', state: 's', challenge: 'c' }),
    );
    expect(url.searchParams.get('client_key')).toBe(server.app.clientKey);
    expect(url.searchParams.get('client_id')).toBeNull();
    expect(url.searchParams.get('scope')).toBe('user.info.basic,user.info.profile,user.info.stats,video.publish,video.upload,video.list');
    const tokens = await exchangeCode(
      provider,
      app,
      ctx,
      { code: server.authorize(), redirectUrl: 'https://plaza.example/cb', verifier: 'v' },
      Date.now(),
    );
    expect(tokens.accessToken).toBe(server.token);
    const [account] = await provider.listAccounts(tokens, ctx);
    expect(account).toMatchObject({
      kind: 'account',
      handle: 'plazacafe',
      settings: { openId: server.user.open_id, directPost: true, lockedOptions: { allowDuet: false } },
    });
  });

  it('an app approved only for drafts: the picker locks the channel to inbox drafts', async () => {
    server.scopes.delete('video.publish');
    try {
      const [account] = await createTikTokOAuthProvider().listAccounts(
        { accessToken: server.token, scopes: ['user.info.basic', 'video.upload'] },
        { origin: server.baseUrl, allowPrivateUrls: true },
      );
      expect(account.settings).toMatchObject({ directPost: false, lockedOptions: { postMode: 'inbox' } });
    } finally {
      server.scopes.add('video.publish');
    }
  });

  it('health answers the creator with followers, and a revoked token as auth', async () => {
    expect(await adapter.checkHealth(channel())).toMatchObject({ ok: true, account: { handle: 'plazacafe', followers: 2048 } });
    expect(await adapter.checkHealth({ ...channel(), credentials: { accessToken: 'act.revoked' } })).toMatchObject({
      ok: false,
      error: { kind: 'auth', code: 'access_token_invalid' },
    });
  });
});
