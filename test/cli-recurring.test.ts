/** `plaza post create --repeat`, `plaza recurring …` and `plaza evergreen …` against a running Plaza. */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { startsLocalOf } from '../src/cli/recurring-commands.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';

describe('plaza recurring', () => {
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
    folder = cliDataDir('cli-recurring', 'cli-recurring-secret-cli-recurring-0123');
    const base = folder.env;
    expect((await plaza(base, 'user', 'create', '--email', 'r@example.com', '--name', 'R', '--password', 'una clave larga')).code).toBe(0);
    const token = await plaza(base, 'token', 'create', '--email', 'r@example.com');
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
});
