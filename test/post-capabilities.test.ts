import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { tinyVideo } from '../src/modules/media/testing/tiny-video.ts';
import { capabilityIssues, countChars } from '../src/modules/posts/capability-checks.ts';
import { PublishingEngine } from '../src/modules/publishing/engine.ts';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';
import { sandboxAdapter } from '../src/networks/sandbox/index.ts';
import type { CharCounting, NetworkAdapter, NetworkCapabilities, PublishInput } from '../src/networks/types.ts';
import { threads } from '../src/networks/threads/index.ts';
import { x } from '../src/networks/x/index.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(filename: string, bytes: Uint8Array, type: string) {
  const boundary = `----plaza${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('posts checked against each network’s capabilities before saving', () => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let channelId: string;
  const network = new SandboxNetwork({ seed: 13 });
  const media: Record<string, string> = {};

  const upload = async (name: string, bytes: Uint8Array, type: string) => {
    const { payload, headers } = multipart(name, bytes, type);
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${workspaceId}/media`,
      payload,
      headers: { ...headers, authorization: `Bearer ${owner.token}` },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return answer.json().id as string;
  };
  /** The issue codes of the sandbox channel for a variant (validate endpoint: nothing saved). */
  const codes = async (body: Record<string, unknown>) => {
    const answer = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts/validate`, {
      content: 'Hola',
      ...body,
      channels: [{ channelId, ...((body.variant as object) ?? {}) }],
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const channel = answer.json().channels.find((r: { channelId: string }) => r.channelId === channelId);
    return (channel.issues as Array<{ code: string; field: string }>).map((i) => `${i.field}:${i.code}`);
  };

  beforeAll(async () => {
    setInProcessSandbox(network);
    t = await createTestApp('embedded');
    owner = await createCaller(t, 'caps@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Caps', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
    channelId = (
      await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
        network: 'sandbox',
        name: 'S',
        fields: { handle: 'caps', token: 't' },
      })
    ).json().id;
    media.png = await upload('a.png', PNG, 'image/png');
    media.video = await upload('v.mp4', tinyVideo({ width: 1080, height: 1920, seconds: 12 }), 'video/mp4');
    media.long = await upload('long.mp4', tinyVideo({ seconds: 601, padBytes: 1 }), 'video/mp4');
    media.wide = await upload('wide.mp4', tinyVideo({ width: 2000, height: 500 }), 'video/mp4');
    media.hev1 = await upload('hev1.mp4', tinyVideo({ codec: 'hev1' }), 'video/mp4');
    media.short = await upload('short.mp4', tinyVideo({ seconds: 0.5 }), 'video/mp4');
  });
  afterAll(async () => t?.close());

  const images = (n: number) => Array.from({ length: n }, (_, i) => ({ mediaId: media.png, alt: `foto ${i + 1}` }));

  it('allows the post types the network declares and refuses the others', async () => {
    expect(await codes({ variant: { postType: 'reel', media: [{ mediaId: media.video }] } })).toContain('postType:post_type_unsupported');
    expect(await codes({ variant: { postType: 'video', media: [{ mediaId: media.video }] } })).toEqual([]);
    expect(await codes({ media: [{ mediaId: media.video }] })).toEqual([]);
  });

  it('counts carousel items against the network’s limit, and plain images against its image limit', async () => {
    expect(await codes({ postType: 'carousel', media: images(6) })).toEqual([]);
    expect(await codes({ postType: 'carousel', media: images(11) })).toContain('media:too_many_media');
    expect(await codes({ postType: 'carousel', media: images(1) })).toContain('media:too_few_media');
    expect(await codes({ media: images(6) })).toContain('media:too_many_images');
  });

  it('requires media where the type needs it and refuses mixing a video with images', async () => {
    expect(await codes({ postType: 'video' })).toContain('media:media_required');
    expect(await codes({ postType: 'image' })).toContain('media:media_required');
    expect(await codes({ postType: 'video', media: [{ mediaId: media.video }, { mediaId: media.png }] })).toContain('media:mixed_media');
    expect(await codes({ media: [{ mediaId: media.png }, { mediaId: media.video }] })).toContain('media:mixed_media');
  });

  it('checks each video’s length, aspect ratio and codec', async () => {
    expect(await codes({ media: [{ mediaId: media.long }] })).toContain('media.0:video_too_long');
    expect(await codes({ media: [{ mediaId: media.short }] })).toContain('media.0:video_too_short');
    expect(await codes({ media: [{ mediaId: media.wide }] })).toContain('media.0:aspect_ratio_out_of_range');
    expect(await codes({ media: [{ mediaId: media.hev1 }] })).toContain('media.0:unsupported_video_codec');
  });

  it('checks the first comment’s length and the network’s own options', async () => {
    expect(await codes({ firstComment: 'Reserva en el enlace' })).toEqual([]);
    expect(await codes({ firstComment: 'x'.repeat(501) })).toContain('firstComment:first_comment_too_long');
    expect(await codes({ variant: { options: { network: { replies: 'followers', pin: true } } } })).toEqual([]);
    expect(await codes({ variant: { options: { network: { replies: 'aliens' } } } })).toContain('options.network.replies:option_invalid');
    expect(await codes({ variant: { options: { network: { pin: 'yes' } } } })).toContain('options.network.pin:option_invalid');
    expect(await codes({ variant: { options: { network: { colour: 'red' } } } })).toContain('options.network.colour:option_invalid');
  });

  it('refuses to schedule what a network cannot publish (422, nothing saved) but keeps it as a draft', async () => {
    const body = { content: 'Too long', media: [{ mediaId: media.long }], channels: [{ channelId }] };
    const refused = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, { ...body, action: 'publish_now' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('invalid_for_network');
    const draft = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, { ...body, action: 'draft' });
    expect(draft.statusCode).toBe(201);
    expect(draft.json().validation[0].issues.map((i: { code: string }) => i.code)).toContain('video_too_long');
  });

  it('stores the post type, first comment, title and options, publishes them, and keeps the first comment’s id', async () => {
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
      content: 'Nuestro nuevo café en vídeo',
      channels: [
        {
          channelId,
          postType: 'video',
          media: [{ mediaId: media.video, alt: 'Un café con leche' }],
          firstComment: 'Ven a probarlo',
          title: 'Café',
          options: { network: { replies: 'followers' } },
        },
      ],
      action: 'publish_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    const publication = created.json().publications[0];
    expect(publication).toMatchObject({
      postType: 'video',
      firstComment: 'Ven a probarlo',
      title: 'Café',
      options: { network: { replies: 'followers' } },
      firstCommentRemoteId: null,
    });
    const engine = new PublishingEngine(t.ctx, { pollMs: 50 });
    await engine.start();
    let post = created.json();
    try {
      for (let i = 0; i < 100 && post.state !== 'published'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        post = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${post.id}`)).json();
      }
    } finally {
      await engine.stop(1_000);
    }
    expect(post.state).toBe('published');
    const stored = network.lookupByMarker('caps', publication.id);
    expect(stored).toMatchObject({ postType: 'video', media: [{ mimeType: 'video/mp4', durationSeconds: 12, alt: 'Un café con leche' }] });
    const comment = network.lookupByMarker('caps', `${publication.id}#comment`);
    expect(comment).toMatchObject({ text: 'Ven a probarlo', replyTo: stored?.id });
    expect(post.publications[0].firstCommentRemoteId).toBe(comment?.id);
  });

  it('answers 401 without a session and 404 for another workspace', async () => {
    const body = { content: 'x', channels: [{ channelId, postType: 'carousel' }] };
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${workspaceId}/posts/validate`, payload: body })).statusCode,
    ).toBe(401);
    const stranger = await createCaller(t, 'caps-stranger@example.com');
    expect((await stranger.request('POST', `/api/v1/workspaces/${workspaceId}/posts/validate`, body)).statusCode).toBe(404);
  });
});

describe('capability checks on their own', () => {
  const input = (over: Partial<PublishInput>): PublishInput => ({ publicationId: 'p', text: 'hola', media: [], ...over });

  it('leaves adapters without capabilities to their own checks, refusing only what they cannot do', () => {
    const legacy = { ...sandboxAdapter, capabilities: undefined, label: { en: 'Old', es: 'Vieja' } } as NetworkAdapter;
    expect(capabilityIssues(legacy, input({}))).toEqual([]);
    expect(capabilityIssues(legacy, input({ postType: 'carousel' })).map((i) => i.code)).toEqual(['post_type_unsupported']);
    expect(capabilityIssues(legacy, input({ firstComment: 'hi' })).map((i) => i.code)).toEqual(['first_comment_unsupported']);
  });

  it('refuses a first comment where the network takes none, and words issues in both languages', () => {
    const noComment = { ...sandboxAdapter, capabilities: { ...sandboxAdapter.capabilities!, firstComment: false } } as NetworkAdapter;
    const [issue] = capabilityIssues(noComment, input({ firstComment: 'hi' }));
    expect(issue).toMatchObject({ code: 'first_comment_unsupported', field: 'firstComment' });
    expect(issue.messageEs).toContain('no admite un primer comentario');
  });

  it('refuses a video container the network does not take', () => {
    const mp4Only = {
      ...sandboxAdapter,
      capabilities: { ...sandboxAdapter.capabilities!, video: { ...sandboxAdapter.capabilities!.video!, containers: ['video/mp4'] } },
    } as NetworkAdapter;
    const video = {
      mediaId: 'm',
      mimeType: 'video/quicktime',
      size: 10,
      bytes: new Uint8Array(),
      kind: 'video' as const,
      width: 1,
      height: 1,
      durationSeconds: 5,
      codec: 'avc1',
    };
    expect(capabilityIssues(mp4Only, input({ media: [video] })).map((i) => i.code)).toEqual(['unsupported_media_type']);
  });

  it('counts characters the way each network counts them', () => {
    const counting = (charCounting: CharCounting, own?: (text: string) => number) =>
      ({ ...sandboxAdapter.capabilities!, charCounting, countChars: own }) as NetworkCapabilities;
    expect(countChars('👍🏽', counting('graphemes'))).toBe(1);
    expect(countChars('👍🏽', counting('code-points'))).toBe(2);
    expect(countChars('👍🏽', counting('utf16'))).toBe(4);
    // Networks with a rule of their own count with their adapter's counter.
    expect(countChars('café https://example.com/a/very/long/path 日本', x.adapter.capabilities!)).toBe(5 + 23 + 1 + 4);
    expect(countChars('hola 😀', threads.adapter.capabilities!)).toBe(5 + 4);
  });
});

describe('networks that fetch media by URL get signed links under PUBLIC_URL', () => {
  let t: TestApp;
  let owner: Caller;
  const received: PublishInput[] = [];

  beforeAll(async () => {
    setInProcessSandbox(new SandboxNetwork({ seed: 3 }));
    t = await createTestApp('embedded');
    // A network like Instagram: it fetches each file from a URL instead of receiving the bytes.
    t.ctx.networks.register({
      ...sandboxAdapter,
      name: 'urlnet',
      label: { en: 'URL network', es: 'Red por URL' },
      capabilities: { ...sandboxAdapter.capabilities!, mediaByUrl: true },
      async publish(_ctx, input) {
        received.push(input);
        return { remoteId: `r-${input.publicationId}`, remoteUrl: null, firstCommentRemoteId: 'comment-1' };
      },
      async findPublished() {
        return null;
      },
    });
    owner = await createCaller(t, 'url@example.com');
  });
  afterAll(async () => t?.close());

  it('says PUBLIC_URL is missing or private, then publishes with a signed link the network can fetch', async () => {
    const networks = async () =>
      (await owner.request('GET', '/api/v1/networks')).json().items.find((n: { name: string }) => n.name === 'urlnet');
    expect((await networks()).mediaByUrlProblem.code).toBe('public_url_missing');
    t.ctx.config.publicUrl = 'http://192.168.1.10:3000';
    expect((await networks()).mediaByUrlProblem.code).toBe('public_url_not_public');
    t.ctx.config.publicUrl = 'https://plaza.example.com';
    expect((await networks()).mediaByUrlProblem).toBeNull();
    expect((await networks()).capabilities.postTypes).toContain('carousel');

    const workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'U', timeZone: 'Europe/Madrid', language: 'en' })).json()
      .id;
    const channel = (
      await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
        network: 'urlnet',
        name: 'U',
        fields: { handle: 'urlnet', token: 't' },
      })
    ).json();
    expect(channel.mediaByUrlProblem).toBeNull();
    const { payload, headers } = multipart('a.png', PNG, 'image/png');
    const mediaId = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/workspaces/${workspaceId}/media`,
        payload,
        headers: { ...headers, authorization: `Bearer ${owner.token}` },
      })
    ).json().id;
    const post = (
      await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, {
        content: 'By URL',
        media: [{ mediaId }],
        firstComment: 'hola',
        channels: [{ channelId: channel.id }],
        action: 'publish_now',
      })
    ).json();
    const engine = new PublishingEngine(t.ctx, { pollMs: 50 });
    await engine.start();
    let current = post;
    try {
      for (let i = 0; i < 100 && current.state !== 'published'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        current = (await owner.request('GET', `/api/v1/workspaces/${workspaceId}/posts/${post.id}`)).json();
      }
    } finally {
      await engine.stop(1_000);
    }
    expect(current.state).toBe('published');
    expect(current.publications[0].firstCommentRemoteId).toBe('comment-1');
    const link = received[0].media[0].publicUrl!;
    expect(link.startsWith('https://plaza.example.com/media/signed/')).toBe(true);
    const fetched = await t.app.inject({ method: 'GET', url: new URL(link).pathname });
    expect(fetched.statusCode).toBe(200);
    expect(Buffer.from(fetched.rawPayload).equals(PNG)).toBe(true);
  });
});
