/**
 * Media upload memory benchmark (`npm run bench:media-upload [-- --mb 500] [-- --json]`).
 *
 * Starts Plaza (`plaza start`, embedded database) in a child process, uploads one MP4 of
 * `--mb` megabytes (default 500) through the resumable upload API in 16 MB chunks, then reads it
 * back whole and by Range through the API, and reports the server's peak resident memory
 * (VmHWM of the server process, from /proc) and how long the upload took.
 *
 * The file is a real MP4 (tiny-video.ts: ftyp, moov, mdat) followed by a `free` box that makes up
 * the size, so the probe reads the same boxes a camera's file has.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, runPlaza } from './lib/plaza-cli.ts';
import { tinyVideo } from '../src/modules/media/testing/tiny-video.ts';

const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
const mbArg = args.indexOf('--mb');
const MB = mbArg >= 0 ? Number(args[mbArg + 1]) : 500;
const CHUNK = 16 * 1024 * 1024;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin/plaza.mjs');

const plaza = (env: Record<string, string>, ...argv: string[]) => runPlaza(root, env, ...argv);

/** A field of /proc/<pid>/status in MB (VmRSS, VmHWM). */
function procMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** Writes a `bytes`-long MP4: a real small one, then one `free` box of zeros up to the size. */
function writeVideo(file: string, bytes: number): void {
  const head = tinyVideo({ width: 1080, height: 1920, seconds: 30 });
  const rest = bytes - head.length;
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, head);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(rest, 0);
  header.write('free', 4, 'latin1');
  fs.writeSync(fd, header);
  const zeros = Buffer.alloc(CHUNK);
  for (let left = rest - 8; left > 0; left -= CHUNK) fs.writeSync(fd, zeros, 0, Math.min(CHUNK, left));
  fs.closeSync(fd);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-media-bench-'));
const videoFile = path.join(dataDir, 'big.mp4');
const size = MB * 1024 * 1024;
writeVideo(videoFile, size);
const port = await freePort();
const child = spawn(process.execPath, [bin, 'start'], {
  cwd: root,
  env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', MEDIA_MAX_UPLOAD_MB: '1024' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
const base = `http://127.0.0.1:${port}`;
try {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`plaza start exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  await plaza(env, 'user', 'create', '--email', 'bench@example.com', '--name', 'Bench', '--password', 'una clave larga de prueba');
  const token = (await plaza(env, 'token', 'create', '--email', 'bench@example.com')).trim();
  const auth = { authorization: `Bearer ${token}` };
  const api = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const answer = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: {
        ...auth,
        ...(body !== undefined && !(body instanceof Uint8Array) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${await answer.text()}`);
    return answer;
  };
  const workspace = (await (await api('POST', '/workspaces', { name: 'Bench', timeZone: 'Europe/Madrid', language: 'en' })).json()) as {
    id: string;
  };
  const idleRss = procMb(child.pid!, 'VmRSS');
  const started = performance.now();
  const upload = (await (
    await api('POST', `/workspaces/${workspace.id}/media/uploads`, { fileName: 'big.mp4', mimeType: 'video/mp4', size })
  ).json()) as { id: string };
  const fd = fs.openSync(videoFile, 'r');
  type Media = { id: string; size: number; durationSeconds: number; width: number };
  let media = null as Media | null;
  for (let offset = 0; offset < size; offset += CHUNK) {
    const chunk = Buffer.alloc(Math.min(CHUNK, size - offset));
    fs.readSync(fd, chunk, 0, chunk.length, offset);
    const answer = await api('PATCH', `/workspaces/${workspace.id}/media/uploads/${upload.id}`, new Uint8Array(chunk), {
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
    });
    media = ((await answer.json()) as { media: Media | null }).media;
  }
  fs.closeSync(fd);
  const uploadSeconds = (performance.now() - started) / 1000;
  if (!media || media.size !== size || media.durationSeconds !== 30 || media.width !== 1080)
    throw new Error(`the upload did not become the video: ${JSON.stringify(media)}`);
  const afterUpload = procMb(child.pid!, 'VmHWM');
  // Read it back: one range, then the whole file, streamed through.
  const ranged = await api('GET', `/workspaces/${workspace.id}/media/${media.id}`, undefined, { range: 'bytes=0-1023' });
  const rangeStatus = ranged.status;
  const rangeLength = (await ranged.arrayBuffer()).byteLength;
  const whole = await api('GET', `/workspaces/${workspace.id}/media/${media.id}`);
  let read = 0;
  for await (const part of whole.body as unknown as AsyncIterable<Uint8Array>) read += part.byteLength;
  if (read !== size) throw new Error(`read back ${read} bytes of ${size}`);
  const peak = procMb(child.pid!, 'VmHWM');
  const result = {
    media_upload_mb: MB,
    media_upload_seconds: Number(uploadSeconds.toFixed(1)),
    media_idle_rss_mb: idleRss,
    media_upload_peak_rss_mb: afterUpload,
    media_read_back_peak_rss_mb: peak,
    media_range_status: rangeStatus,
    media_range_bytes: rangeLength,
  };
  if (!JSON_OUT)
    process.stdout.write(
      `Uploaded ${MB} MB in ${uploadSeconds.toFixed(1)} s; server RSS idle ${idleRss} MB, peak after the upload ${afterUpload} MB, after reading it back ${peak} MB; Range 0-1023 answered ${rangeStatus} with ${rangeLength} bytes\n`,
    );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  child.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
