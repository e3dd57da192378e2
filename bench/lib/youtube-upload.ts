/**
 * The resumable upload benchmark: one video of `sizeBytes` (random bytes in a temporary file) to
 * the YouTube test server, which cuts the connection at the given fractions of the upload. The
 * adapter streams the file (MediaInput.openStream, a chunk at a time) and resumes after each cut.
 * Measures: videos created (must be 1) and intact (same SHA-256), bytes the server received ÷
 * the file's size (`upload_resend_ratio`), the worker's peak RSS above its level before the upload
 * (`upload_peak_rss_mb`). Used by bench/publish.ts (200 MB, another process) and by a test (small).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createYouTubeAdapter } from '../../src/networks/youtube/adapter.ts';
import type { MediaInput } from '../../src/networks/types.ts';

export interface UploadBenchResult {
  upload_bytes: number;
  upload_videos: number;
  upload_intact: boolean;
  upload_resend_ratio: number;
  upload_peak_rss_mb: number;
  upload_cuts: number;
  upload_seconds: number;
  /** The largest range of the file read at once (bytes): a chunk, never the file. */
  upload_max_read_bytes: number;
}

interface ControlAnswer {
  token: string;
  channelId: string;
  uploadsPlaylistId: string;
  uploadBytesReceived: number;
  videos: Array<{ id: string; description: string; sha256: string; size: number; deleted: boolean }>;
}

async function control(serverUrl: string, what: string, body?: unknown): Promise<ControlAnswer> {
  const response = await fetch(`${serverUrl}/__control/${what}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return (await response.json()) as ControlAnswer;
}

/** Writes `size` random bytes to a file, a MiB at a time, and returns its SHA-256. */
async function writeRandomFile(file: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  for (let written = 0; written < size; ) {
    const piece = randomBytes(Math.min(1024 * 1024, size - written));
    hash.update(piece);
    written += piece.length;
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return hash.digest('hex');
}

export async function runUploadBench(options: {
  serverUrl: string;
  sizeBytes: number;
  cuts: number[];
  chunkBytes?: number;
}): Promise<UploadBenchResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'plaza-yt-bench-'));
  const file = path.join(dir, 'video.mp4');
  try {
    const sha256 = await writeRandomFile(file, options.sizeBytes);
    let maxRead = 0;
    const before = await control(options.serverUrl, 'cuts', { fractions: options.cuts });
    const media: MediaInput = {
      mediaId: randomUUID(),
      mimeType: 'video/mp4',
      kind: 'video',
      bytes: new Uint8Array(0),
      size: options.sizeBytes,
      durationSeconds: 60,
      width: 1920,
      height: 1080,
      openStream: (range) => {
        maxRead = Math.max(maxRead, (range?.end ?? options.sizeBytes) - (range?.start ?? 0));
        return createReadStream(file, {
          start: range?.start ?? 0,
          ...(range?.end !== undefined ? { end: range.end - 1 } : {}),
          highWaterMark: 256 * 1024,
        });
      },
    };
    const adapter = createYouTubeAdapter({ sleep: async () => {}, uploadChunkBytes: options.chunkBytes ?? 8 * 1024 * 1024 });
    const text = `benchmark upload ${randomUUID()}`;
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    try {
      await adapter.publish(
        {
          channelId: 'bench-youtube',
          settings: { channelId: before.channelId, uploadsPlaylistId: before.uploadsPlaylistId },
          credentials: { accessToken: before.token },
          origin: options.serverUrl,
          allowPrivateUrls: true,
        },
        { publicationId: randomUUID(), text, title: 'Benchmark upload', media: [media], postType: 'video' },
      );
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const seconds = (performance.now() - started) / 1000;
    const after = await control(options.serverUrl, 'stats');
    const ours = after.videos.filter((v) => v.description === text && !v.deleted);
    const received = after.uploadBytesReceived - before.uploadBytesReceived;
    return {
      upload_bytes: options.sizeBytes,
      upload_videos: ours.length,
      upload_intact: ours.length === 1 && ours[0]!.sha256 === sha256 && ours[0]!.size === options.sizeBytes,
      upload_resend_ratio: Number((received / options.sizeBytes).toFixed(4)),
      upload_peak_rss_mb: Number(((peak - baseline) / 1024 / 1024).toFixed(1)),
      upload_cuts: options.cuts.length,
      upload_seconds: Number(seconds.toFixed(2)),
      upload_max_read_bytes: maxRead,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
