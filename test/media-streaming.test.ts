/**
 * Large media never pass through memory whole: the file store moves finished uploads in and
 * streams them back by range, a video is probed by streaming wherever its moov box sits, the
 * media and signed-URL routes answer Range requests, and an adapter uploads a video it only
 * has as `openStream` (MediaInput with empty `bytes`), as the engine hands over large videos.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { tinyVideo } from '../src/modules/media/testing/tiny-video.ts';
import { FileMediaStore } from '../src/modules/media/store.ts';
import { parseRange } from '../src/modules/media/serve.ts';
import { probeVideo, probeVideoFile } from '../src/modules/media/video.ts';
import { signedMediaUrl } from '../src/modules/media/signed-urls.ts';
import { mediaLength, mediaSlice } from '../src/networks/media-bytes.ts';
import type { MediaInput } from '../src/networks/types.ts';
import { createXAdapter } from '../src/networks/x/adapter.ts';
import { FakeXServer } from '../src/networks/x/testing/server.ts';

const sha = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-media-streaming-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Top-level boxes of an ISO media file. */
function boxes(bytes: Uint8Array): Array<{ type: string; bytes: Uint8Array }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Array<{ type: string; bytes: Uint8Array }> = [];
  for (let at = 0; at < bytes.length; ) {
    const size = view.getUint32(at);
    out.push({ type: String.fromCharCode(...bytes.subarray(at + 4, at + 8)), bytes: bytes.subarray(at, at + size) });
    at += size;
  }
  return out;
}

/** A camera-style file: the moov box comes after `padMb` MB of frames (an mdat box), which the probe must skip, not read. */
function moovAfter(padMb: number): Uint8Array {
  const parts = boxes(tinyVideo({ width: 1920, height: 1080, seconds: 12 }));
  const pad = new Uint8Array(padMb * 1024 * 1024);
  new DataView(pad.buffer).setUint32(0, pad.length);
  pad.set([0x6d, 0x64, 0x61, 0x74], 4); // 'mdat'
  const order = [...parts.filter((b) => b.type === 'ftyp'), { type: 'mdat', bytes: pad }, ...parts.filter((b) => b.type !== 'ftyp')];
  const out = new Uint8Array(order.reduce((n, b) => n + b.bytes.length, 0));
  let at = 0;
  for (const b of order) {
    out.set(b.bytes, at);
    at += b.bytes.length;
  }
  return out;
}

describe('media store and probe, streaming', () => {
  it('probes a video by streaming, with the moov box at the start or behind many megabytes', async () => {
    const first = tinyVideo({ width: 640, height: 360, seconds: 4 });
    const firstFile = path.join(tmp, 'first.mp4');
    fs.writeFileSync(firstFile, first);
    expect(await probeVideoFile(firstFile)).toEqual(probeVideo(first));

    const last = moovAfter(24);
    const lastFile = path.join(tmp, 'last.mp4');
    fs.writeFileSync(lastFile, last);
    expect(await probeVideoFile(lastFile)).toEqual({
      mimeType: 'video/mp4',
      width: 1920,
      height: 1080,
      durationSeconds: 12,
      codec: 'avc1',
    });

    const broken = path.join(tmp, 'broken.mp4');
    // Cut inside the moov box.
    fs.writeFileSync(broken, last.subarray(0, 32 + 24 * 1024 * 1024 + 300));
    await expect(probeVideoFile(broken)).rejects.toMatchObject({ code: 'video_undecodable' });
    const text = path.join(tmp, 'text.mp4');
    fs.writeFileSync(text, 'not a video at all, just words');
    await expect(probeVideoFile(text)).rejects.toMatchObject({ code: 'unsupported_media_type' });
  });

  it('moves a file in by its hash and streams it back whole or by range', async () => {
    const store = new FileMediaStore(path.join(tmp, 'store'));
    const bytes = crypto.randomBytes(3 * 1024 * 1024 + 17);
    const file = path.join(tmp, 'upload.part');
    fs.writeFileSync(file, bytes);
    const stored = await store.putFile(file);
    expect(stored).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(fs.existsSync(file)).toBe(false);
    expect(await store.size(stored.sha256)).toBe(bytes.length);
    const read = async (range?: { start: number; end?: number }) => {
      const chunks: Buffer[] = [];
      for await (const chunk of (await store.stream(stored.sha256, range))!) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    expect((await read()).equals(bytes)).toBe(true);
    expect((await read({ start: 1_000_000, end: 2_500_000 })).equals(bytes.subarray(1_000_000, 2_500_000))).toBe(true);
    expect((await read({ start: bytes.length - 5 })).equals(bytes.subarray(bytes.length - 5))).toBe(true);
    expect(await store.stream('0'.repeat(64))).toBeNull();
    expect(await store.size('0'.repeat(64))).toBeNull();
  });

  it('reads Range headers as RFC 9110 says', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=500-5000', 1000)).toEqual({ start: 500, end: 999 });
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseRange('bytes=9-3', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange(undefined, 1000)).toBeNull();
  });
});

describe('an adapter uploading a video it only has as a stream', () => {
  const server = new FakeXServer();
  beforeAll(async () => server.start());
  afterAll(async () => server.stop());

  it('X: INIT with the file’s length, one APPEND per 4 MB read by range, FINALIZE accepts the total', async () => {
    const store = new FileMediaStore(path.join(tmp, 'x-store'));
    const bytes = crypto.randomBytes(9 * 1024 * 1024);
    const stored = await store.put(bytes);
    const video: MediaInput = {
      mediaId: 'v-streamed',
      mimeType: 'video/mp4',
      kind: 'video',
      bytes: new Uint8Array(0),
      size: bytes.length,
      openStream: async function* (range) {
        for await (const chunk of (await store.stream(stored.sha256, range))!) yield chunk as Uint8Array;
      },
    };
    expect(mediaLength(video)).toBe(bytes.length);
    expect(Buffer.from(await mediaSlice(video, 5, 4_000_005)).equals(bytes.subarray(5, 4_000_005))).toBe(true);
    const adapter = createXAdapter({ sleep: async () => {}, requestTimeoutMs: 5_000 });
    const before = server.requests.length;
    const result = await adapter.publish(
      {
        channelId: 'x-stream',
        settings: { userId: server.account.id, username: server.account.username },
        credentials: { accessToken: server.token },
        origin: server.baseUrl,
        allowPrivateUrls: true,
      },
      {
        publicationId: `pub-${crypto.randomUUID()}`,
        text: `vídeo por partes ${crypto.randomUUID().slice(0, 6)}`,
        media: [video],
        postType: 'video',
      },
    );
    const seen = server.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(seen.filter((s) => s.endsWith('/append'))).toHaveLength(3);
    const upload = server.uploads.get(server.posts.get(result.remoteId)!.mediaIds[0]!)!;
    expect(upload.totalBytes).toBe(bytes.length);
    expect([...upload.segments.values()].reduce((a, b) => a + b, 0)).toBe(bytes.length);
    expect(server.violations).toEqual([]);
  });
});

describe.each(['embedded'] as const)('media routes stream with Range (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let video: Uint8Array;
  let mediaId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await createCaller(t, 'stream@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Stream', timeZone: 'Europe/Madrid', language: 'es' })).json()
      .id;
    video = moovAfter(3);
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/media/uploads`, {
      fileName: 'camara.mp4',
      mimeType: 'video/mp4',
      size: video.length,
    });
    expect(created.statusCode).toBe(201);
    let media: { id: string; width: number; durationSeconds: number; size: number } | null = null;
    for (let offset = 0; offset < video.length; offset += 1024 * 1024) {
      const answer = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/workspaces/${workspaceId}/media/uploads/${created.json().id}`,
        payload: Buffer.from(video.subarray(offset, offset + 1024 * 1024)),
        headers: {
          authorization: `Bearer ${owner.token}`,
          'content-type': 'application/offset+octet-stream',
          'upload-offset': String(offset),
        },
      });
      expect(answer.statusCode).toBe(200);
      media = answer.json().media;
    }
    expect(media).toMatchObject({ width: 1920, durationSeconds: 12, size: video.length });
    mediaId = media!.id;
  }, 180_000);
  afterAll(async () => t?.close());

  const get = (url: string, range?: string) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${owner.token}`, ...(range ? { range } : {}) } });

  it('answers the whole file, a range (206), a suffix, and 416 past the end', async () => {
    const url = `/api/v1/workspaces/${workspaceId}/media/${mediaId}`;
    const whole = await get(url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(sha(whole.rawPayload)).toBe(sha(video));
    const part = await get(url, 'bytes=100-1123');
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1123/${video.length}`);
    expect(part.rawPayload.equals(Buffer.from(video.subarray(100, 1124)))).toBe(true);
    const tail = await get(url, 'bytes=-10');
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(Buffer.from(video.subarray(video.length - 10)))).toBe(true);
    const past = await get(url, `bytes=${video.length}-`);
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${video.length}`);
    expect(past.json().error.code).toBe('range_not_satisfiable');
  });

  it('serves ranges on the signed URL that networks fetch', async () => {
    const url = signedMediaUrl({ publicUrl: 'https://plaza.example' }, t.ctx.secrets, mediaId, Date.now() + 60_000)!;
    const answer = await t.app.inject({ method: 'GET', url: new URL(url).pathname, headers: { range: 'bytes=0-7' } });
    expect(answer.statusCode).toBe(206);
    expect(answer.rawPayload.equals(Buffer.from(video.subarray(0, 8)))).toBe(true);
  });
});
