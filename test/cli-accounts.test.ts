import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startPlaza, type PlazaRuntime } from '../src/server/runtime.ts';
import { loadConfig } from '../src/config.ts';
import { plaza } from './helpers/cli.ts';

/** `plaza user reset-password` on the local database and `plaza invite …` against a running server. */
describe('plaza CLI: passwords and invitations', () => {
  let runtime: PlazaRuntime;
  let dataDir: string;
  let env: Record<string, string>;
  let base: Record<string, string>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-cli-accounts-'));
    base = {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PLAZA_SECRET: 'cli-test-secret-cli-test-secret-0123456',
      PUBLIC_URL: 'https://plaza.example.test',
    };
    const weak = await plaza(base, 'user', 'create', '--email', 'ad@example.com', '--name', 'Ad Min', '--password', 'password123456');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('too common');
    expect(
      (await plaza(base, 'user', 'create', '--email', 'ad@example.com', '--name', 'Ad Min', '--password', 'una clave larga')).code,
    ).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('resets a password on the server: sets one that passes the policy, or prints a one-hour link', async () => {
    const refused = await plaza(base, 'user', 'reset-password', '--email', 'ad@example.com', '--password', 'corta');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('at least 12');
    const set = await plaza(base, '--json', 'user', 'reset-password', '--email', 'ad@example.com', '--password', 'nueva clave del admin');
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ email: 'ad@example.com', endedSessions: 0 });
    const link = await plaza(base, 'user', 'reset-password', '--email', 'ad@example.com');
    expect(link.code, link.stderr).toBe(0);
    expect(link.stdout).toMatch(/https:\/\/plaza\.example\.test\/reset-password#token=[A-Za-z0-9_-]{40,}/);
    const unknown = await plaza(base, 'user', 'reset-password', '--email', 'ghost@example.com');
    expect(unknown.code).toBe(1);
  }, 120_000);

  it('invites, lists, resends and revokes', async () => {
    const token = (await plaza(base, 'token', 'create', '--email', 'ad@example.com')).stdout.trim();
    runtime = await startPlaza({
      config: loadConfig({ ...base, PORT: '0', HOST: '127.0.0.1' } as NodeJS.ProcessEnv),
      services: ['web'],
      logger: pino({ level: 'silent' }),
    });
    const address = runtime.app!.server.address() as { port: number };
    env = { ...base, PLAZA_URL: `http://127.0.0.1:${address.port}`, PLAZA_TOKEN: token };
    const ws = JSON.parse(
      (await plaza(env, '--json', 'workspace', 'create', '--name', 'Marca', '--tz', 'Europe/Madrid', '--lang', 'es')).stdout,
    );
    const invited = await plaza(env, 'invite', 'create', '-w', ws.id, '--email', 'eva@example.com', '--role', 'editor');
    expect(invited.code, invited.stderr).toBe(0);
    expect(invited.stdout).toContain('cannot send e-mail');
    expect(invited.stdout).toMatch(/https:\/\/plaza\.example\.test\/invite#token=/);
    const listed = JSON.parse((await plaza(env, '--json', 'invite', 'list', '-w', ws.id)).stdout);
    expect(listed.items).toEqual([expect.objectContaining({ email: 'eva@example.com', role: 'editor' })]);
    const id = listed.items[0].id;
    const resent = JSON.parse((await plaza(env, '--json', 'invite', 'resend', '-w', ws.id, id)).stdout);
    expect(resent.invitation.sentCount).toBe(2);
    expect((await plaza(env, 'invite', 'revoke', '-w', ws.id, id)).code).toBe(0);
    expect(JSON.parse((await plaza(env, '--json', 'invite', 'list', '-w', ws.id)).stdout).items).toEqual([]);
  }, 180_000);
});
