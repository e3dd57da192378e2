/** `plaza queue …` and `plaza post create --queue` against a running Plaza. */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlot } from '../src/cli/queue-commands.ts';
import { type CliWorkspace, cliWorkspace, plaza } from './helpers/cli.ts';

describe('plaza queue', () => {
  let cli: CliWorkspace;
  let env: Record<string, string>;
  let workspaceId: string;
  let channelId: string;
  const json = (...args: string[]) => cli.json(...args);

  beforeAll(async () => {
    cli = await cliWorkspace('cli-queues');
    ({ env, workspaceId, channelId } = cli);
  }, 120_000);
  afterAll(() => cli?.close());

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
