/** `plaza queue …` and `plaza post create --queue` against a running Plaza. */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { parseSlot } from '../src/cli/queue-commands.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';

describe('plaza queue', () => {
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

  beforeAll(async () => {
    folder = cliDataDir('cli-queues', 'cli-queues-secret-cli-queues-secret-0123');
    const base = folder.env;
    expect((await plaza(base, 'user', 'create', '--email', 'q@example.com', '--name', 'Q', '--password', 'una clave larga')).code).toBe(0);
    const token = await plaza(base, 'token', 'create', '--email', 'q@example.com');
    const server = await startPlazaServer(base, { services: ['web'] });
    runtime = server.runtime;
    env = { ...base, PLAZA_URL: server.url, PLAZA_TOKEN: token.stdout.trim() };
    workspaceId = (await json('workspace', 'create', '--name', 'Café', '--tz', 'Europe/Madrid', '--lang', 'es')).id;
    channelId = (
      await json('channel', 'add', '-w', workspaceId, '--network', 'sandbox', '--name', 'S', '-f', 'handle=cafe', '-f', 'token=t')
    ).id;
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    folder?.remove();
  });

  it('reads slots in English, Spanish or by number, and refuses the rest', () => {
    expect(parseSlot('mon 09:30')).toEqual({ weekday: 1, time: '09:30' });
    expect(parseSlot('Mié 9:05')).toEqual({ weekday: 3, time: '09:05' });
    expect(parseSlot('7 21:00')).toEqual({ weekday: 7, time: '21:00' });
    expect(() => parseSlot('funday 10:00')).toThrow(/Cannot read the slot/);
    expect(() => parseSlot('mon 25:00')).toThrow(/Cannot read the slot/);
  });

  it('creates a queue, puts a new post in its next free slot, and moves it when the slots change', async () => {
    const queue = await json(
      'queue',
      'create',
      '-w',
      workspaceId,
      '--name',
      'Mañanas',
      '-c',
      channelId,
      '--slot',
      'tue 09:30',
      '--slot',
      'jue 18:00',
    );
    expect(queue.slots).toEqual([
      { weekday: 2, time: '09:30' },
      { weekday: 4, time: '18:00' },
    ]);
    const post = await json('post', 'create', '-w', workspaceId, '-c', channelId, '-t', 'Desayunos de otoño ☕', '--queue', queue.id);
    expect(post.state).toBe('scheduled');
    expect(post.scheduledAt).toBe(queue.nextFreeSlots[0]);
    const moved = await json('queue', 'slots', '-w', workspaceId, queue.id, '--slot', 'sat 11:00');
    expect(moved.moved).toBe(1);
    expect(DateTime.fromISO(moved.heldPosts[0].scheduledAt, { zone: 'Europe/Madrid' }).toFormat('c HH:mm')).toBe('6 11:00');
    const human = await plaza(env, 'queue', 'show', '-w', workspaceId, queue.id);
    expect(human.stdout).toContain('Sat 11:00');
    expect(human.stdout).toContain('Desayunos de otoño');
    const paused = await json('queue', 'pause', '-w', workspaceId, queue.id);
    expect(paused).toMatchObject({ paused: true, posts: 1 });
  }, 120_000);
});
