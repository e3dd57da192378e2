/** `plaza client-link create|list|show|revoke` against a running Plaza. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';

describe('plaza client-link', () => {
  let runtime: PlazaRuntime;
  let folder: CliDataDir;
  let env: Record<string, string>;
  let url: string;
  let workspaceId: string;
  const json = async (...args: string[]) => {
    const result = await plaza(env, '--json', ...args);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    folder = cliDataDir('cli-client-links', 'cli-client-links-secret-cli-client-0123');
    const base = folder.env;
    expect((await plaza(base, 'user', 'create', '--email', 'c@example.com', '--name', 'C', '--password', 'una clave larga')).code).toBe(0);
    const token = await plaza(base, 'token', 'create', '--email', 'c@example.com');
    const server = await startPlazaServer(base, { services: ['web'] });
    runtime = server.runtime;
    url = server.url;
    env = { ...base, PLAZA_URL: server.url, PLAZA_TOKEN: token.stdout.trim() };
    workspaceId = (await json('workspace', 'create', '--name', 'Café', '--tz', 'Europe/Madrid', '--lang', 'es')).id;
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    folder?.remove();
  });

  it('creates a link (URL printed once), lists and shows it, and revokes it so the client page refuses it', async () => {
    const created = await plaza(
      env,
      'client-link',
      'create',
      '-w',
      workspaceId,
      '--client',
      'Lucía',
      '--from',
      '2030-03-01',
      '--to',
      '2030-03-31',
    );
    expect(created.code, created.stderr).toBe(0);
    const link = /(http\S+\/client#token=(\S+))/.exec(created.stdout);
    expect(link, created.stdout).not.toBeNull();
    const id = created.stdout.split(/\s+/)[0];
    const open = () =>
      fetch(`${url}/api/v1/client-review/open`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: link![2] }),
      });
    expect((await open()).status).toBe(200);

    const listed = await json('client-link', 'list', '-w', workspaceId);
    expect(listed.items).toEqual([expect.objectContaining({ id, clientName: 'Lucía', status: 'active', approved: 0 })]);
    expect((await json('client-link', 'show', '-w', workspaceId, id)).decisions).toEqual([]);

    const revoked = await plaza(env, 'client-link', 'revoke', '-w', workspaceId, id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await open()).status).toBe(410);
    expect((await json('client-link', 'list', '-w', workspaceId)).items[0].status).toBe('revoked');

    const backwards = await plaza(
      env,
      'client-link',
      'create',
      '-w',
      workspaceId,
      '--client',
      'X',
      '--from',
      '2030-03-31',
      '--to',
      '2030-03-01',
    );
    expect(backwards.code).not.toBe(0);
    expect(backwards.stderr).toMatch(/period/i);
  });
});
