/**
 * YouTube's daily quota on the channel, through the API and the real `plaza` binary, with Plaza's
 * web and worker services against the local YouTube server: a published video counts in the
 * uploads bucket and in units; `plaza channel show` prints each bucket and the reset in the
 * brand's zone; when YouTube says the uploads are spent, the post waits (state scheduled) with the
 * reason quota_exceeded and its next try at the reset, and the channel shows the bucket full.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyVideo } from '../src/modules/media/testing/tiny-video.ts';
import { FakeYouTubeServer } from '../src/networks/youtube/testing/server.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';
import { until } from './helpers/wait.ts';

describe('YouTube quota on the channel (API and CLI) and a deferral with its reason', { timeout: 300_000 }, () => {
  const youtube = new FakeYouTubeServer();
  let folder: CliDataDir;
  let server: Awaited<ReturnType<typeof startPlazaServer>>;
  let env: Record<string, string> = {};
  let workspaceId = '';
  let channelId = '';

  /** The API as a client sends it (Bearer token). */
  const api = async (method: string, url: string, body?: unknown) => {
    const answer = await fetch(`${server.url}/api/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = await answer.json();
    if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(parsed)}`);
    return parsed;
  };
  let token = '';
  let mediaId = '';

  beforeAll(async () => {
    await youtube.start();
    folder = cliDataDir('ytquota', 'ytquota-secret-'.padEnd(40, '0'), {
      PLAZA_NETWORK_ORIGINS: `youtube=${youtube.baseUrl}`,
      PLAZA_ALLOW_PRIVATE_URLS: 'true',
    });
    server = await startPlazaServer(folder.env, {
      services: ['web', 'worker'],
      engine: { pollMs: 100, lookaheadMs: 1_000, baseBackoffMs: 100 },
    });
    const { createUser } = await import('../src/modules/accounts/commands/users.ts');
    const { accountsRepository } = await import('../src/modules/accounts/repository.ts');
    const user = await createUser(server.runtime.ctx, { email: 'ana@cafe.test', name: 'Ana', password: 'una clave larga' });
    token = (await accountsRepository.createApiToken(server.runtime.ctx.database.db, user.id, 'cli')).token;
    env = { ...folder.env, PLAZA_URL: server.url, PLAZA_TOKEN: token };
    workspaceId = (await api('POST', '/workspaces', { name: 'Café', timeZone: 'Europe/Madrid', language: 'es' })).id;
    channelId = (
      await api('POST', `/workspaces/${workspaceId}/channels`, {
        network: 'youtube',
        name: 'Café en YouTube',
        fields: { accessToken: youtube.token, channelId: youtube.channelId },
      })
    ).id;
    const form = new FormData();
    form.append(
      'file',
      new Blob([Buffer.from(tinyVideo({ width: 1280, height: 720, seconds: 6, padBytes: 300 * 1024 }))], { type: 'video/mp4' }),
      'cafe.mp4',
    );
    const uploaded = await fetch(`${server.url}/api/v1/workspaces/${workspaceId}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    mediaId = ((await uploaded.json()) as { id: string }).id;
  }, 300_000);

  afterAll(async () => {
    await server?.runtime.stop();
    folder?.remove();
    await youtube.stop();
  });

  const publishVideo = async (text: string) =>
    api('POST', `/workspaces/${workspaceId}/posts`, {
      content: text,
      media: [{ mediaId }],
      postType: 'video',
      channels: [{ channelId }],
      action: 'publish_now',
    });
  const publication = async (postId: string) => (await api('GET', `/workspaces/${workspaceId}/posts/${postId}`)).publications[0];
  const channelView = () => api('GET', `/workspaces/${workspaceId}/channels/${channelId}`);

  it('counts a published video in the uploads bucket and shows the reset in the brand’s zone', async () => {
    const before = await channelView();
    expect(before.quota.buckets).toEqual([
      { bucket: 'units', used: expect.any(Number), limit: 10_000 },
      { bucket: 'uploads', used: 0, limit: 100 },
      { bucket: 'search', used: 0, limit: 100 },
    ]);
    // Midnight in Los Angeles, whatever the day.
    expect(DateTime.fromISO(before.quota.resetsAt).setZone('America/Los_Angeles').toFormat('HH:mm:ss')).toBe('00:00:00');

    const post = await publishVideo('Nuestro tostado de los lunes');
    await until(async () => ((await publication(post.id)).state === 'published' ? true : null), 60_000);
    const after = await channelView();
    const bucket = (name: string) => after.quota.buckets.find((b: { bucket: string }) => b.bucket === name);
    expect(bucket('uploads').used).toBe(1);
    // The upload (videos.insert) and the release (videos.update) count in units too: 50 at the least.
    expect(bucket('units').used - before.quota.buckets[0].used).toBeGreaterThanOrEqual(50);

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
    const channel = await channelView();
    expect(Math.abs(Date.parse(waiting.dueAt) - Date.parse(channel.quota.resetsAt))).toBeLessThan(120_000);
    expect(channel.quota.buckets.find((b: { bucket: string }) => b.bucket === 'uploads')).toEqual({
      bucket: 'uploads',
      used: 100,
      limit: 100,
    });
    expect(youtube.postsWithText('Vídeo que tendrá que esperar')).toBe(0);
  });
});
