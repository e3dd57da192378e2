/** `plaza post create --repeat`, `plaza recurring …` and `plaza evergreen …` against a running Plaza. */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startsLocalOf } from '../src/cli/recurring-commands.ts';
import { type CliWorkspace, cliWorkspace, plaza } from './helpers/cli.ts';

describe('plaza recurring', () => {
  let cli: CliWorkspace;
  let env: Record<string, string>;
  let workspaceId: string;
  let channelId: string;
  const json = (...args: string[]) => cli.json(...args);

  beforeAll(async () => {
    cli = await cliWorkspace('cli-recurring');
    ({ env, workspaceId, channelId } = cli);
  }, 120_000);
  afterAll(() => cli?.close());

  it('reads the first occurrence on the brand’s clock, or an instant converted to it', () => {
    expect(startsLocalOf('2026-03-09 09:00', 'Europe/Madrid')).toBe('2026-03-09T09:00');
    expect(startsLocalOf('2026-07-01T07:00:00Z', 'Europe/Madrid')).toBe('2026-07-01T09:00');
    expect(() => startsLocalOf('next monday', 'Europe/Madrid')).toThrow(/Cannot read the time/);
  });

  it('creates a weekly post with --repeat, lists and shows its occurrences, refuses a start in the DST gap, and stops it', async () => {
    const year = DateTime.now().year + 1;
    const created = await json(
      'post',
      'create',
      '-w',
      workspaceId,
      '-c',
      channelId,
      '-t',
      'Café del lunes ☕',
      '--at',
      `${year}-03-02 09:00`,
      '--repeat',
      'FREQ=WEEKLY;BYDAY=MO;COUNT=5',
      '--window-days',
      '366',
    );
    expect(created.items).toHaveLength(5);
    for (const o of created.items) {
      expect(o.state).toBe('scheduled');
      expect(DateTime.fromISO(o.scheduledAt, { zone: 'Europe/Madrid' }).toFormat('ccc HH:mm')).toBe('Mon 09:00');
    }
    const list = await json('recurring', 'list', '-w', workspaceId);
    expect(list.items[0]).toMatchObject({ id: created.id, rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=5', occurrences: { total: 5 } });
    const human = await plaza(env, 'recurring', 'show', '-w', workspaceId, created.id);
    expect(human.stdout).toContain('Café del lunes');
    expect(human.stdout).toContain(`${year}-03-02 09:00`);
    // The last Sunday of March: 02:30 does not exist in Madrid.
    const lastSunday = DateTime.fromObject({ year, month: 3, day: 31 }).minus({
      days: DateTime.fromObject({ year, month: 3, day: 31 }).weekday % 7,
    });
    const gap = await plaza(
      env,
      'post',
      'create',
      '-w',
      workspaceId,
      '-c',
      channelId,
      '-t',
      'Nunca',
      '--at',
      `${lastSunday.toFormat('yyyy-LL-dd')} 02:30`,
      '--repeat',
      'FREQ=DAILY;COUNT=2',
    );
    expect(gap.code).not.toBe(0);
    expect(gap.stderr).toMatch(/does not exist|no existe/);
    const stopped = await json('recurring', 'stop', '-w', workspaceId, created.id);
    expect(stopped.removed).toBe(5);
    expect(stopped.stoppedAt).not.toBeNull();
  }, 120_000);

  it('marks a post evergreen with a variant, and shows which queue recycles it and its gap', async () => {
    const post = await json('post', 'create', '-w', workspaceId, '-c', channelId, '-t', 'Nuestro café de siempre');
    const marked = await json('evergreen', 'mark', '-w', workspaceId, '--variant', 'El café de siempre, recién hecho', post.id);
    expect(marked).toMatchObject({ evergreen: true, variants: ['El café de siempre, recién hecho'] });
    const queue = await json('queue', 'create', '-w', workspaceId, '--name', 'Siempre', '--channel', channelId, '--slot', 'mon 10:00');
    await json('evergreen', 'queue', '-w', workspaceId, '--gap-days', '5', queue.id);
    const status = await json('evergreen', 'show', '-w', workspaceId, post.id);
    expect(status).toMatchObject({ evergreen: true, published: false, queues: [{ id: queue.id, gapDays: 5, paused: false }] });
    const human = await plaza(env, 'evergreen', 'show', '-w', workspaceId, post.id);
    expect(human.stdout).toContain('Recycled by Siempre');
    expect(human.stdout).toContain('at least 5 days apart');
    expect(human.stdout).toContain('once it has been published');
  }, 120_000);
});
