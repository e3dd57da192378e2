import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';

describe('plaza media list|show|tag|crop|delete', () => {
  let runtime: PlazaRuntime;
  let folder: CliDataDir;
  let env: Record<string, string>;
  let workspaceId: string;

  beforeAll(async () => {
    folder = cliDataDir('cli-media-library', 'cli-media-library-secret-0123456789abc');
    const base = folder.env;
    await plaza(base, 'user', 'create', '--email', 'm@example.com', '--name', 'M', '--password', 'una clave larga');
    const token = await plaza(base, 'token', 'create', '--email', 'm@example.com');
    const server = await startPlazaServer(base, { services: ['web'] });
    runtime = server.runtime;
    env = { ...base, PLAZA_URL: server.url, PLAZA_TOKEN: token.stdout.trim() };
    workspaceId = JSON.parse(
      (await plaza(env, '--json', 'workspace', 'create', '--name', 'Café', '--tz', 'Europe/Madrid', '--lang', 'es')).stdout,
    ).id;
    fs.writeFileSync(
      path.join(folder.dataDir, 'terraza.png'),
      await sharp({ create: { width: 500, height: 300, channels: 3, background: '#22aa44' } })
        .png()
        .toBuffer(),
    );
  }, 180_000);
  afterAll(async () => {
    await runtime?.stop();
    folder?.remove();
  });

  it('uploads with alt text and tags, finds by tag, crops, refuses a crop outside the picture, deletes', async () => {
    const uploaded = await plaza(
      env,
      '--json',
      'media',
      'upload',
      '-w',
      workspaceId,
      '--alt',
      'Terraza al sol',
      '--tag',
      'Verano',
      path.join(folder.dataDir, 'terraza.png'),
    );
    expect(uploaded.code, uploaded.stderr).toBe(0);
    const id = JSON.parse(uploaded.stdout).id as string;
    const tagged = await plaza(env, '--json', 'media', 'tag', '-w', workspaceId, id, '--add', 'terraza', '--remove', 'verano');
    expect(JSON.parse(tagged.stdout).tags).toEqual(['terraza']);
    const listed = await plaza(env, 'media', 'list', '-w', workspaceId, '-q', 'sol', '--tag', 'terraza');
    expect(listed.stdout).toContain('terraza.png');
    expect(listed.stdout).toContain('1 files');
    const crop = await plaza(env, '--json', 'media', 'crop', '-w', workspaceId, id, '--aspect', 'vertical');
    expect(crop.code, crop.stderr).toBe(0);
    expect(JSON.parse(crop.stdout)).toMatchObject({ width: 168, height: 299, originalId: id });
    const outside = await plaza(env, 'media', 'crop', '-w', workspaceId, id, '--aspect', 'square', '--left', '400', '--width', '200');
    expect(outside.code).not.toBe(0);
    expect(outside.stderr).toContain('crop_outside_image');
    const shown = await plaza(env, 'media', 'show', '-w', workspaceId, id);
    expect(shown.stdout).toContain('Terraza al sol');
    expect((await plaza(env, 'media', 'delete', '-w', workspaceId, id)).code).toBe(0);
    expect((await plaza(env, 'media', 'list', '-w', workspaceId)).stdout).not.toContain('terraza.png ');
  }, 120_000);
});
