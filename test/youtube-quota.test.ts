/**
 * YouTube's daily quota on the channel, through the real `plaza` binary and the API, with Plaza's
 * web and worker services against the local YouTube server: a published video counts in the
 * uploads bucket and in units; `plaza channel show` prints each bucket and the reset in the
 * brand's zone; when YouTube says the uploads are spent, the post waits (state scheduled) with the
 * reason quota_exceeded and its next try at the reset, and the channel shows the bucket full.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyVideo } from '../src/modules/media/testing/tiny-video.ts';
import { FakeYouTubeServer } from '../src/networks/youtube/testing/server.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';
import { until } from './helpers/wait.ts';

describe('YouTube quota on the channel (API and CLI) and a deferral with its reason', { timeout: 180_000 }, () => {
  const youtube = new FakeYouTubeServer();
  let folder: CliDataDir;
  let server: Awaited<ReturnType<typeof startPlazaServer>>;
  let env: Record<string, string> = {};
  let workspaceId = '';
  let channelId = '';
  let videoFile = '';

  const json = async (...args: string[]) => {
    const result = await plaza(env, '--json', ...args);
    if (result.code !== 0) throw new Error(`plaza ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    await youtube.start();
    folder = cliDataDir('ytquota', 'ytquota-secret-'.padEnd(40, '0'), {
      PLAZA_NETWORK_ORIGINS: `youtube=${youtube.baseUrl}`,
      PLAZA_ALLOW_PRIVATE_URLS: 'true',
    });
    const created = await plaza(folder.env, 'user', 'create', '--email', 'ana@cafe.test', '--name', 'Ana', '--password', 'una clave larga');
    expect(created.code, created.stderr).toBe(0);
    const token = await plaza(folder.env, 'token', 'create', '--email', 'ana@cafe.test');
    server = await startPlazaServer(folder.env, { services: ['web', 'worker'], engine: { pollMs: 100, lookaheadMs: 1_000, baseBackoffMs: 100 } });
    env = { ...folder.env, PLAZA_URL: server.url, PLAZA_TOKEN: token.stdout.trim() };
    workspaceId = (await json('workspace', 'create', '--name', 'Café', '--tz', 'Europe/Madrid', '--lang', 'es')).id;
    channelId = (
      await json(
        'channel',
        'add',
        '-w',
        workspaceId,
        '--network',
        'youtube',
        '--name',
        'Café en YouTube',
        '-f',
        `accessToken=${youtube.token}`,
        '-f',
        `channelId=${youtube.channelId}`,
      )
    ).id;
    videoFile = path.join(folder.dataDir, 'cafe.mp4');
    fs.writeFileSync(videoFile, tinyVideo({ width: 1280, height: 720, seconds: 6, padBytes: 300 * 1024 }));
  }, 120_000);

  afterAll(async () => {
    await server?.runtime.stop();
    folder?.remove();
    await youtube.stop();
  });

  const publishVideo = async (text: string) =>
    json('post', 'create', '-w', workspaceId, '-c', channelId, '-t', text, '--media', videoFile, '--post-type', 'video', '--action', 'publish_now');
  const publication = async (postId: string) => (await json('post', 'show', '-w', workspaceId, postId)).publications[0];

  it('counts a published video in the uploads bucket and shows the reset in the brand’s zone', async () => {
    const before = await json('channel', 'show', '-w', workspaceId, channelId);
    expect(before.quota.buckets).toEqual([
      { bucket: 'units', used: expect.any(Number), limit: 10_000 },
      { bucket: 'uploads', used: 0, limit: 100 },
      { bucket: 'search', used: 0, limit: 100 },
    ]);
    // Midnight in Los Angeles, whatever the day.
    expect(DateTime.fromISO(before.quota.resetsAt).setZone('America/Los_Angeles').toFormat('HH:mm:ss')).toBe('00:00:00');

    const post = await publishVideo('Nuestro tostado de los lunes');
    await until(async () => ((await publication(post.id)).state === 'published' ? true : null), 60_000);
    const after = await json('channel', 'show', '-w', workspaceId, channelId);
    const bucket = (name: string) => after.quota.buckets.find((b: { bucket: string }) => b.bucket === name);
    expect(bucket('uploads').used).toBe(1);
    // channels.list + playlistItems.list (the look-up) + videos.update (release): at least 51 units more.
    expect(bucket('units').used - before.quota.buckets[0].used).toBeGreaterThanOrEqual(51);

    const printed = await plaza(env, 'channel', 'show', '-w', workspaceId, channelId);
    expect(printed.code, printed.stderr).toBe(0);
    const resetMadrid = DateTime.fromISO(after.quota.resetsAt).setZone('Europe/Madrid').toFormat('yyyy-LL-dd HH:mm');
    expect(printed.stdout).toContain(`resets ${resetMadrid} Europe/Madrid`);
    expect(printed.stdout).toContain('uploads: 1 of 100 used');
  });

  it('defers a video YouTube has no upload quota for, with quota_exceeded and the next try at the reset', async () => {
    youtube.quotaLimit.uploads = youtube.quotaUsed.uploads;
    const post = await publishVideo('Vídeo que tendrá que esperar');
    const waiting = await until(async () => {
      const p = await publication(post.id);
      return p.state === 'scheduled' && p.error?.code === 'quota_exceeded' ? p : null;
    }, 60_000);
    // The next try is the reset (midnight Pacific), not a quick retry.
    const channel = await json('channel', 'show', '-w', workspaceId, channelId);
    expect(Math.abs(Date.parse(waiting.dueAt) - Date.parse(channel.quota.resetsAt))).toBeLessThan(120_000);
    expect(channel.quota.buckets.find((b: { bucket: string }) => b.bucket === 'uploads')).toEqual({ bucket: 'uploads', used: 100, limit: 100 });
    expect(youtube.postsWithText('Vídeo que tendrá que esperar')).toBe(0);
  });
});
