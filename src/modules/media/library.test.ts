import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { tinyVideo } from './testing/tiny-video.ts';
import { cropRect, searchQuery } from './library.ts';

/** A real `width`×`height` PNG with a left half red and a right half blue. */
async function png(width: number, height: number): Promise<Buffer> {
  const half = Math.floor(width / 2);
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } })
    .composite([{ input: { create: { width: width - half, height, channels: 3, background: '#0000ff' } }, left: half, top: 0 }])
    .png()
    .toBuffer();
}

function multipart(filename: string, bytes: Buffer, type: string) {
  const boundary = `----plaza${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('media library rules', () => {
  it('folds search text like the database and asks every word as a prefix', () => {
    expect(searchQuery('  Canción de OTOÑO! ')).toBe('cancion:* & de:* & otono:*');
    expect(searchQuery('¿?')).toBeNull();
  });

  it('crops the largest centred rectangle of each ratio, and refuses one outside the picture', () => {
    expect(cropRect({ width: 1000, height: 500 }, 'square')).toEqual({ left: 250, top: 0, width: 500, height: 500 });
    expect(cropRect({ width: 1000, height: 1000 }, 'landscape')).toEqual({ left: 0, top: 238, width: 1000, height: 524 });
    expect(cropRect({ width: 1080, height: 1920 }, 'vertical')).toEqual({ left: 0, top: 0, width: 1080, height: 1920 });
    expect(cropRect({ width: 1000, height: 1000 }, 'portrait', { left: 100, top: 0, width: 400 })).toEqual({
      left: 100,
      top: 0,
      width: 400,
      height: 500,
    });
    expect(() => cropRect({ width: 1000, height: 1000 }, 'portrait', { left: 700, width: 400 })).toThrow(/does not fit/);
  });
});

describe.each(DB_KINDS)('media library API (%s)', (kind) => {
  let t: TestApp;
  let s: Scenario;
  const ws = () => `/api/v1/workspaces/${s.workspaceId}`;
  const upload = async (filename: string, bytes: Buffer, type = 'image/png') => {
    const { payload, headers } = multipart(filename, bytes, type);
    return t.app.inject({
      method: 'POST',
      url: `${ws()}/media`,
      payload,
      headers: { ...headers, authorization: `Bearer ${s.owner.token}` },
    });
  };
  const list = async (query: string) => {
    const res = await s.owner.request('GET', `${ws()}/media?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Array<{ id: string; name: string; usageCount: number; tags: string[]; altText: string }>;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    s = await given(t).workspace().sandboxChannel().member('viewer').stranger();
  }, 60_000);
  afterAll(async () => t?.close());

  it('keeps the upload name; searches by name, alt text and tag, with accents folded; tags are added and removed', async () => {
    const beach = (await upload('Verano-Playa_2026.png', await png(40, 20))).json();
    const logo = (await upload('logo café.png', await png(10, 10))).json();
    expect(beach).toMatchObject({ mimeType: 'image/png', width: 40, height: 20 });
    const described = await s.owner.request('PATCH', `${ws()}/media/${beach.id}`, {
      altText: 'Niños en la orilla al atardecer',
      addTags: ['Verano', ' campaña  julio '],
    });
    expect(described.statusCode, described.body).toBe(200);
    expect(described.json()).toMatchObject({ name: 'Verano-Playa_2026.png', tags: ['campaña julio', 'verano'], usageCount: 0 });
    expect((await list('q=playa')).map((m) => m.id)).toEqual([beach.id]);
    expect((await list('q=ninos orilla')).map((m) => m.id)).toEqual([beach.id]);
    expect((await list('q=CAFE')).map((m) => m.id)).toEqual([logo.id]);
    expect((await list('tag=Verano')).map((m) => m.id)).toEqual([beach.id]);
    expect((await list('q=campana')).map((m) => m.id)).toEqual([beach.id]);
    expect(await list('q=invierno')).toEqual([]);
    const removed = await s.owner.request('PATCH', `${ws()}/media/${beach.id}`, { removeTags: ['verano'] });
    expect(removed.json().tags).toEqual(['campaña julio']);
    expect(await list('tag=verano')).toEqual([]);
    const storage = (await s.owner.request('GET', `${ws()}/media/storage`)).json();
    expect(storage).toMatchObject({ count: 2, images: { count: 2 }, videos: { count: 0 }, tags: [{ tag: 'campaña julio', count: 1 }] });
    expect(storage.bytes).toBe(beach.size + logo.size);
  });

  it('crops to a network ratio into a new file that keeps the original, its alt text and tags; refuses bad crops', async () => {
    const original = (await upload('cuadro.png', await png(300, 200))).json();
    await s.owner.request('PATCH', `${ws()}/media/${original.id}`, { altText: 'Un cuadro', tags: ['arte'] });
    const square = await s.owner.request('POST', `${ws()}/media/${original.id}/crops`, { aspect: 'square' });
    expect(square.statusCode, square.body).toBe(201);
    expect(square.json()).toMatchObject({
      name: 'cuadro (1:1)',
      width: 200,
      height: 200,
      originalId: original.id,
      altText: 'Un cuadro',
      tags: ['arte'],
      crop: { aspect: 'square', left: 50, top: 0, width: 200, height: 200 },
    });
    // The crop's pixels: the left 100 columns red, the right 100 blue.
    const bytes = Buffer.from((await s.owner.request('GET', `${ws()}/media/${square.json().id}`)).rawPayload);
    const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[2]]).toEqual([255, 0]);
    expect([data[199 * 3], data[199 * 3 + 2]]).toEqual([0, 255]);
    const placed = await s.owner.request('POST', `${ws()}/media/${original.id}/crops`, {
      aspect: 'landscape',
      left: 10,
      top: 20,
      width: 191,
    });
    expect(placed.json()).toMatchObject({ width: 191, height: 100 });
    // The composer's picker: the crops of one file, and only files that are not crops.
    const crops = (await s.owner.request('GET', `${ws()}/media?originalId=${original.id}`)).json().items as Array<{ id: string }>;
    expect(crops.map((c) => c.id).sort()).toEqual([square.json().id, placed.json().id].sort());
    const originals = (await s.owner.request('GET', `${ws()}/media?originals=true&limit=100`)).json().items as Array<{
      originalId: string | null;
      id: string;
    }>;
    expect(originals.some((m) => m.id === original.id)).toBe(true);
    expect(originals.every((m) => m.originalId === null)).toBe(true);
    const before = (await list('')).length;
    const outside = await s.owner.request('POST', `${ws()}/media/${original.id}/crops`, {
      aspect: 'vertical',
      left: 0,
      top: 0,
      width: 200,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('crop_outside_image');
    const badAspect = await s.owner.request('POST', `${ws()}/media/${original.id}/crops`, { aspect: '3:2' });
    expect(badAspect.statusCode).toBe(400);
    const video = await upload('clip.mp4', Buffer.from(tinyVideo({ width: 320, height: 240, seconds: 1 })), 'video/mp4');
    expect(video.statusCode, video.body).toBe(201);
    const videoCrop = await s.owner.request('POST', `${ws()}/media/${video.json().id}/crops`, { aspect: 'square' });
    expect(videoCrop.statusCode).toBe(400);
    expect(videoCrop.json().error.code).toBe('crop_not_image');
    const notImage = await upload('notes.png', Buffer.from('just some text, not an image at all'));
    expect(notImage.statusCode).toBe(415);
    expect((await list('')).length).toBe(before + 1); // the video only: nothing half-created
  });

  it('counts usage by posts, finds files by the text of their posts, filters unused, and refuses deleting a file a scheduled post uses', async () => {
    const used = (await upload('pan.png', await png(12, 12))).json();
    const spare = (await upload('sobrante.png', await png(14, 14))).json();
    const post = await s.owner.request('POST', `${ws()}/posts`, {
      content: 'Croissants de mantequilla recién horneados',
      media: [{ mediaId: used.id, alt: 'Croissants en la bandeja' }],
      channels: [{ channelId: s.channelId }],
      scheduledAt: '2030-01-01T10:00:00+01:00',
      action: 'schedule',
    });
    expect(post.statusCode, post.body).toBe(201);
    const postId = post.json().id as string;
    const found = await list('q=croissants mantequilla');
    expect(found.map((m) => m.id)).toEqual([used.id]);
    expect(found[0]).toMatchObject({ usageCount: 1, altText: 'Croissants en la bandeja' }); // alt text kept with the image
    expect((await list(`postId=${postId}`)).map((m) => m.id)).toEqual([used.id]);
    const unused = (await list('unused=true')).map((m) => m.id);
    expect(unused).toContain(spare.id);
    expect(unused).not.toContain(used.id);
    const details = (await s.owner.request('GET', `${ws()}/media/${used.id}/details`)).json();
    expect(details.usages).toEqual([expect.objectContaining({ postId, state: 'scheduled', networks: ['sandbox'], waiting: true })]);

    const refused = await s.owner.request('DELETE', `${ws()}/media/${used.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'media_in_use', details: { postIds: [postId], scheduled: true } });
    expect((await s.owner.request('GET', `${ws()}/media/${used.id}`)).statusCode).toBe(200);

    const cancel = await s.owner.request('POST', `${ws()}/posts/${postId}/cancel`, {});
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await s.owner.request('DELETE', `${ws()}/media/${used.id}`)).statusCode).toBe(204);
    expect((await s.owner.request('GET', `${ws()}/media/${used.id}/details`)).statusCode).toBe(404);
    expect((await s.owner.request('DELETE', `${ws()}/media/${spare.id}`)).statusCode).toBe(204);
    expect((await s.owner.request('GET', `${ws()}/media/${spare.id}`)).statusCode).toBe(404);
  });

  it('asks for a sign-in, hides other workspaces’ files, and lets viewers read but not change', async () => {
    const item = (await upload('privado.png', await png(8, 8))).json();
    expect((await t.app.inject({ method: 'GET', url: `${ws()}/media` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `${ws()}/media/${item.id}` })).statusCode).toBe(401);
    expect((await s.stranger.request('GET', `${ws()}/media/${item.id}/details`)).statusCode).toBe(404);
    expect((await s.stranger.request('PATCH', `${ws()}/media/${item.id}`, { name: 'x' })).statusCode).toBe(404);
    const strangerWs = (await s.stranger.request('GET', '/api/v1/workspaces')).json().items[0].id;
    expect((await s.stranger.request('GET', `/api/v1/workspaces/${strangerWs}/media/${item.id}/details`)).statusCode).toBe(404);
    expect((await s.stranger.request('DELETE', `/api/v1/workspaces/${strangerWs}/media/${item.id}`)).statusCode).toBe(404);
    const viewer = s.member('viewer');
    expect((await viewer.request('GET', `${ws()}/media?q=privado`)).json().items).toHaveLength(1);
    expect((await viewer.request('PATCH', `${ws()}/media/${item.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await viewer.request('DELETE', `${ws()}/media/${item.id}`)).statusCode).toBe(403);
  });
});
