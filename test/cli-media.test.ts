import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { tinyVideo } from '../src/modules/media/testing/tiny-video.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('plaza post create with video, carousels, post types, first comments and network options', () => {
  let runtime: PlazaRuntime;
  let folder: CliDataDir;
  let env: Record<string, string>;
  let workspaceId: string;
  let channelId: string;

  beforeAll(async () => {
    folder = cliDataDir('cli-media', 'cli-media-secret-cli-media-secret-01234');
    const base = folder.env;
    const created = await plaza(
      base,
      '--json',
      'user',
      'create',
      '--email',
      'v@example.com',
      '--name',
      'V',
      '--password',
      'una clave larga',
    );
    expect(created.code, created.stderr).toBe(0);
    const token = await plaza(base, 'token', 'create', '--email', 'v@example.com');
    const server = await startPlazaServer(base, { services: ['web'] });
    runtime = server.runtime;
    env = { ...base, PLAZA_URL: server.url, PLAZA_TOKEN: token.stdout.trim() };
    workspaceId = JSON.parse(
      (await plaza(env, '--json', 'workspace', 'create', '--name', 'Café', '--tz', 'Europe/Madrid', '--lang', 'es')).stdout,
    ).id;
    channelId = JSON.parse(
      (
        await plaza(
          env,
          '--json',
          'channel',
          'add',
          '-w',
          workspaceId,
          '--network',
          'sandbox',
          '--name',
          'S',
          '-f',
          'handle=cafe',
          '-f',
          'token=t',
        )
      ).stdout,
    ).id;
    fs.writeFileSync(path.join(folder.dataDir, 'clip.mp4'), tinyVideo({ width: 720, height: 1280, seconds: 6 }));
    fs.writeFileSync(path.join(folder.dataDir, 'a.png'), PNG);
  }, 180_000);
  afterAll(async () => {
    await runtime?.stop();
    folder?.remove();
  });

  const file = (name: string) => path.join(folder.dataDir, name);

  it('uploads a video and saves a video post with its first comment and options', async () => {
    const run = await plaza(
      env,
      '--json',
      'post',
      'create',
      '-w',
      workspaceId,
      '-c',
      channelId,
      '-t',
      'Nuestro café en vídeo',
      '--media',
      file('clip.mp4'),
      '--alt',
      'Una taza humeante',
      '--post-type',
      'video',
      '--first-comment',
      'Reserva en el enlace',
      '--option',
      'replies=followers',
      '--option',
      'pin=true',
    );
    expect(run.code, run.stderr).toBe(0);
    const post = JSON.parse(run.stdout);
    expect(post.publications[0]).toMatchObject({
      postType: 'video',
      firstComment: 'Reserva en el enlace',
      options: { network: { replies: 'followers', pin: true } },
      media: [{ alt: 'Una taza humeante' }],
    });
  });

  it('refuses what the network cannot take, with the checks’ codes', async () => {
    const run = await plaza(
      env,
      'post',
      'create',
      '-w',
      workspaceId,
      '-c',
      channelId,
      '-t',
      'x',
      '--media',
      file('a.png'),
      '--post-type',
      'carousel',
      '--action',
      'submit',
    );
    expect(run.code).toBe(1);
    // In the workspace's language (Spanish here), by the code.
    expect(run.stderr).toMatch(/Como mínimo 2/);
    const bad = await plaza(env, 'post', 'create', '-w', workspaceId, '-c', channelId, '-t', 'x', '--option', 'oops');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('name=value');
  });
});
