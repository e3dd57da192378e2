/**
 * A small run of the resumable upload benchmark (bench/lib/youtube-upload.ts; bench:publish runs
 * it with 200 MB): 24 MB to the YouTube test server, cut at 30 %, 60 % and 90 %, streamed from a file.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startProcess, stopProcess } from '../bench/lib/processes.ts';
import { runUploadBench } from '../bench/lib/youtube-upload.ts';

// The server in its own process, as in the benchmark: the memory measured is the uploader's alone.
let server: { child: ChildProcess; ready: string };
beforeAll(async () => {
  server = await startProcess('bench/lib/youtube-server-main.ts', {});
}, 60_000);
afterAll(() => stopProcess(server.child));

it('uploads once, resends at most 10 % and streams the file after three cuts', async () => {
  const result = await runUploadBench({
    serverUrl: server.ready,
    sizeBytes: 24 * 1024 * 1024,
    cuts: [0.3, 0.6, 0.9],
    chunkBytes: 2 * 1024 * 1024,
  });
  expect(result.upload_videos).toBe(1);
  expect(result.upload_intact).toBe(true);
  expect(result.upload_resend_ratio).toBeGreaterThanOrEqual(1);
  expect(result.upload_resend_ratio).toBeLessThanOrEqual(1.1);
  // The file is never read whole: a 2 MB chunk at a time (the memory itself is measured by bench:publish, 200 MB).
  expect(result.upload_max_read_bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
  expect(result.upload_peak_rss_mb).toBeLessThan(150);
  const stats = (await (await fetch(`${server.ready}/__control/stats`)).json()) as { statusQueries: number };
  expect(stats.statusQueries).toBeGreaterThanOrEqual(3);
}, 60_000);
