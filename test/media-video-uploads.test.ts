import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';
import { tinyVideo } from '../src/modules/media/testing/tiny-video.ts';
import { mediaByUrlProblem, signedMediaUrl } from '../src/modules/media/signed-urls.ts';
import { pruneExpiredUploads, UPLOAD_TTL_MS } from '../src/modules/media/uploads.ts';

const sha = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

function multipart(filename: string, bytes: Uint8Array, type: string) {
  const boundary = `----plaza${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Sends a PATCH announcing `declared` bytes but writes only `sent` of them, then drops the connection. */
async function cutOffChunk(port: number, url: string, token: string, offset: number, bytes: Uint8Array, sent: number) {
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `PATCH ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/offset+octet-stream\r\n` +
          `Upload-Offset: ${offset}\r\nContent-Length: ${bytes.length}\r\n\r\n`,
      );
      socket.write(Buffer.from(bytes.subarray(0, sent)), () => setTimeout(() => socket.destroy(), 150));
    });
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe.each(['embedded', 'postgres'] as const)('video uploads: probed, resumable, signed links (%s)', (kind) => {
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await createCaller(t, 'video@example.com');
    workspaceId = (await owner.request('POST', '/api/v1/workspaces', { name: 'Video', timeZone: 'Europe/Madrid', language: 'en' })).json()
      .id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => t?.close());

  const uploads = () => `/api/v1/workspaces/${workspaceId}/media/uploads`;
  const patch = (id: string, offset: number, bytes: Uint8Array, token = owner.token) =>
    t.app.inject({
      method: 'PATCH',
      url: `${uploads()}/${id}`,
      payload: Buffer.from(bytes),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
    });

  it('reads an MP4’s size, length and codec on a plain upload, and a MOV’s container', async () => {
    const mp4 = tinyVideo({ width: 640, height: 360, seconds: 4 });
    const { payload, headers } = multipart('clip.mp4', mp4, 'video/mp4');
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${workspaceId}/media`,
      payload,
      headers: { ...headers, authorization: `Bearer ${owner.token}` },
    });
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({
      kind: 'video',
      mimeType: 'video/mp4',
      width: 640,
      height: 360,
      durationSeconds: 4,
      codec: 'avc1',
    });
    const mov = multipart('clip.mov', tinyVideo({ quicktime: true, codec: 'hvc1' }), 'video/quicktime');
    const movAnswer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${workspaceId}/media`,
      payload: mov.payload,
      headers: { ...mov.headers, authorization: `Bearer ${owner.token}` },
    });
    expect(movAnswer.json()).toMatchObject({ kind: 'video', mimeType: 'video/quicktime', codec: 'hvc1' });
    const broken = multipart('broken.mp4', mp4.slice(0, 300), 'video/mp4');
    const brokenAnswer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${workspaceId}/media`,
      payload: broken.payload,
      headers: { ...broken.headers, authorization: `Bearer ${owner.token}` },
    });
    expect(brokenAnswer.statusCode).toBe(422);
    expect(brokenAnswer.json().error.code).toBe('video_undecodable');
  });

  it('an upload cut off mid-chunk resumes from what arrived and produces the same bytes', async () => {
    const video = tinyVideo({ seconds: 20, padBytes: 2000 });
    expect(video.length).toBeGreaterThan(300_000);
    const created = await owner.request('POST', uploads(), { fileName: 'long.mp4', mimeType: 'video/mp4', size: video.length });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const first = await patch(id, 0, video.subarray(0, 100_000));
    expect(first.json()).toMatchObject({ offset: 100_000, media: null });
    // The second chunk's connection drops after 50,000 of its 150,000 bytes.
    await cutOffChunk(port, `${uploads()}/${id}`, owner.token, 100_000, video.subarray(100_000, 250_000), 50_000);
    // The server notices the dropped connection on its own time: ask until the partial chunk is counted.
    let status = await owner.request('GET', `${uploads()}/${id}`);
    for (let i = 0; i < 40 && status.json().offset === 100_000; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await owner.request('GET', `${uploads()}/${id}`);
    }
    const offset = status.json().offset as number;
    expect(offset).toBeGreaterThan(100_000);
    expect(offset).toBeLessThanOrEqual(150_000);
    expect(status.headers['upload-offset']).toBe(String(offset));
    // A client that lost track and sends from the wrong place is told where the server is.
    const wrong = await patch(id, 100_000, video.subarray(100_000, 120_000));
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error).toMatchObject({ code: 'upload_offset_mismatch', details: { offset } });
    const rest = await patch(id, offset, video.subarray(offset));
    expect(rest.statusCode).toBe(200);
    const media = rest.json().media;
    expect(media).toMatchObject({ kind: 'video', durationSeconds: 20, size: video.length, sha256: sha(video) });
    const served = await owner.request('GET', `/api/v1/workspaces/${workspaceId}/media/${media.id}`);
    expect(sha(served.rawPayload)).toBe(sha(video));
    const again = await patch(id, video.length, new Uint8Array(1));
    expect(again.json().error.code).toBe('upload_already_complete');
  });

  it('refuses uploads over the configured size, chunks past the declared size, and other people', async () => {
    const huge = await owner.request('POST', uploads(), { fileName: 'huge.mp4', mimeType: 'video/mp4', size: 5 * 1024 * 1024 * 1024 });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatchObject({ code: 'upload_too_large', details: { maxMb: 1024 } });
    const small = (await owner.request('POST', uploads(), { fileName: 's.mp4', mimeType: 'video/mp4', size: 10 })).json();
    expect((await patch(small.id, 0, new Uint8Array(11))).statusCode).toBe(400);
    expect((await owner.request('POST', uploads(), { fileName: 'x.exe', mimeType: 'application/x-msdownload', size: 10 })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ method: 'GET', url: `${uploads()}/${small.id}` })).statusCode).toBe(401);
    const stranger = await createCaller(t, 'video-stranger@example.com');
    const theirs = (
      await stranger.request('POST', '/api/v1/workspaces', { name: 'Other', timeZone: 'Europe/Madrid', language: 'en' })
    ).json().id;
    expect((await stranger.request('GET', `/api/v1/workspaces/${theirs}/media/uploads/${small.id}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `${uploads()}/${small.id}`)).statusCode).toBe(404);
  });

  it('removes unfinished uploads once they expire, with their partial files', async () => {
    const started = (await owner.request('POST', uploads(), { fileName: 'left.mp4', mimeType: 'video/mp4', size: 1000 })).json();
    await patch(started.id, 0, new Uint8Array(400));
    const part = path.join(t.ctx.config.dataDir, 'uploads', `${started.id}.part`);
    expect(fs.existsSync(part)).toBe(true);
    expect(await pruneExpiredUploads(t.ctx)).toBe(0);
    const later = { ...t.ctx, clock: { ...t.ctx.clock, now: () => Date.now() + UPLOAD_TTL_MS + 60_000 } };
    expect(await pruneExpiredUploads(later)).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(part)).toBe(false);
    expect((await owner.request('GET', `${uploads()}/${started.id}`)).statusCode).toBe(404);
  });

  it('serves media on signed links until they expire, and refuses forged ones', async () => {
    const video = tinyVideo({ seconds: 2 });
    const { payload, headers } = multipart('s.mp4', video, 'video/mp4');
    const media = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/workspaces/${workspaceId}/media`,
        payload,
        headers: { ...headers, authorization: `Bearer ${owner.token}` },
      })
    ).json();
    const config = { publicUrl: 'https://plaza.example.com' };
    const url = signedMediaUrl(config, t.ctx.secrets, media.id, t.ctx.clock.now() + 60_000)!;
    expect(url.startsWith('https://plaza.example.com/media/signed/')).toBe(true);
    const signedPath = new URL(url).pathname;
    const served = await t.app.inject({ method: 'GET', url: signedPath });
    expect(served.statusCode, served.body).toBe(200);
    expect(served.headers['content-type']).toBe('video/mp4');
    expect(sha(served.rawPayload)).toBe(sha(video));
    const expired = new URL(signedMediaUrl(config, t.ctx.secrets, media.id, t.ctx.clock.now() - 1000)!).pathname;
    expect((await t.app.inject({ method: 'GET', url: expired })).json().error.code).toBe('media_link_invalid');
    const [payloadPart, signature] = signedPath.split('/').pop()!.split('.');
    // One character changed (never to itself: a signature may already start with 'x').
    const forged = `${signature.startsWith('x') ? 'y' : 'x'}${signature.slice(1)}`;
    const raw = Buffer.from(payloadPart, 'base64url');
    raw.writeUInt32BE(0xfffffff0, 16);
    const stretched = raw.toString('base64url');
    expect((await t.app.inject({ method: 'GET', url: `/media/signed/${stretched}.${signature}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/media/signed/${payloadPart}.${forged}` })).statusCode).toBe(404);
    expect(signedMediaUrl({}, t.ctx.secrets, media.id, Date.now())).toBeNull();
  });

  it('says when networks that fetch media by URL cannot reach this install', () => {
    expect(mediaByUrlProblem({})?.code).toBe('public_url_missing');
    expect(mediaByUrlProblem({ publicUrl: 'http://localhost:3000' })?.code).toBe('public_url_not_public');
    expect(mediaByUrlProblem({ publicUrl: 'http://192.168.1.20:3000' })?.code).toBe('public_url_not_public');
    expect(mediaByUrlProblem({ publicUrl: 'http://127.0.0.1' })?.code).toBe('public_url_not_public');
    expect(mediaByUrlProblem({ publicUrl: 'http://plaza.internal' })?.code).toBe('public_url_not_public');
    expect(mediaByUrlProblem({ publicUrl: 'https://plaza.cafe-aroma.es' })).toBeNull();
    expect(mediaByUrlProblem({ publicUrl: 'https://203.0.114.7' })).toBeNull();
  });
});
