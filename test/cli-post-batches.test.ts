/** `plaza post duplicate|move|reschedule|queue|delete|undo` against a running Plaza. */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';

describe('plaza post batch commands', () => {
  let runtime: PlazaRuntime;
  let folder: CliDataDir;
  let env: Record<string, string>;
  let workspaceId: string;
  let channelId: string;
  const json = async (...args: string[]) => {
    const result = await plaza(env, '--json', ...args);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };
  const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Madrid' }).toFormat('yyyy-LL-dd HH:mm');

  beforeAll(async () => {
    folder = cliDataDir('cli-post-batches', 'cli-batches-secret-cli-batches-secret-01');
    const base = folder.env;
    expect((await plaza(base, 'user', 'create', '--email', 'b@example.com', '--name', 'B', '--password', 'una clave larga')).code).toBe(0);
    const token = await plaza(base, 'token', 'create', '--email', 'b@example.com');
    const server = await startPlazaServer(base, { services: ['web'] });
    runtime = server.runtime;
    env = { ...base, PLAZA_URL: server.url, PLAZA_TOKEN: token.stdout.trim() };
    workspaceId = (await json('workspace', 'create', '--name', 'Lotes', '--tz', 'Europe/Madrid', '--lang', 'es')).id;
    channelId = (
      await json('channel', 'add', '-w', workspaceId, '--network', 'sandbox', '--name', 'S', '-f', 'handle=lotes', '-f', 'token=t')
    ).id;
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    folder?.remove();
  });

  it('reschedules, moves, deletes and undoes several posts; duplicates one', async () => {
    const a = (await json('post', 'create', '-w', workspaceId, '-c', channelId, '-t', 'Primera')).id;
    const b = (await json('post', 'create', '-w', workspaceId, '-c', channelId, '-t', 'Segunda')).id;
    const year = DateTime.now().year + 1;
    const rescheduled = await json('post', 'reschedule', '-w', workspaceId, '--at', `${year}-06-01 09:00`, '--spacing', '30', a, b);
    expect(rescheduled.posts.map((p: { scheduledAt: string }) => local(p.scheduledAt))).toEqual([
      `${year}-06-01 09:00`,
      `${year}-06-01 09:30`,
    ]);
    const moved = await json('post', 'move', '-w', workspaceId, '--days', '2', a, b);
    expect(local(moved.posts[0].scheduledAt)).toBe(`${year}-06-03 09:00`);
    await json('post', 'undo', '-w', workspaceId, moved.batchId);
    const deleted = await json('post', 'delete', '-w', workspaceId, a, b);
    expect(deleted.count).toBe(2);
    await json('post', 'undo', '-w', workspaceId, deleted.batchId);
    const list = await json('post', 'list', '-w', workspaceId);
    const shown = (list.items as Array<{ id: string; scheduledAt: string }>).filter((p) => p.id === a || p.id === b);
    expect(shown.map((p) => local(p.scheduledAt)).sort()).toEqual([`${year}-06-01 09:00`, `${year}-06-01 09:30`]);
    const copy = await json('post', 'duplicate', '-w', workspaceId, a);
    expect(copy).toMatchObject({ state: 'draft', scheduledAt: null, content: 'Primera' });

    const refused = await plaza(env, 'post', 'move', '-w', workspaceId, '--days', '1', copy.id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('batch_failed');
    expect(refused.stderr).toContain(`${copy.id}: post_undated`);
  });
});
