import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { lockFilePath, type DataDirLockInfo } from '../src/db/data-dir-lock.ts';
import { LOCAL_ADMIN_HEADER } from '../src/server/local-admin.ts';
import { plazaAs, startPlazaServer } from './helpers/cli.ts';

/** Runs the real `plaza` binary; `asUser` runs it as another OS user (needs root). */
const plaza = (env: Record<string, string>, args: string[], asUser?: number) => plazaAs(asUser, env, ...args);

/** Polls /api/health until `done` says so (the probe runs every 100 ms here); returns the last answer. */
async function healthUntil(
  url: string,
  done: (status: number, body: Record<string, unknown>) => boolean,
): Promise<{ status: number; body: Record<string, unknown> }> {
  let last = { status: 0, body: {} as Record<string, unknown> };
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${url}/api/health`);
    last = { status: response.status, body: (await response.json()) as Record<string, unknown> };
    if (done(last.status, last.body)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

/** The CLI while a running Plaza owns the embedded data folder (the finding: `plaza token create` during `npm start`). */
describe('plaza CLI next to a running Plaza on the embedded database', () => {
  let runtime: PlazaRuntime;
  let dataDir: string;
  let url: string;
  const base = () => ({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PLAZA_SECRET: 'owner-test-secret-owner-test-secret-01234',
    PLAZA_LANG: 'en',
  });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-cli-owner-'));
    ({ runtime, url } = await startPlazaServer(base(), { services: ['web'], dataDirProbe: { intervalMs: 100 } }));
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    expect(fs.existsSync(lockFilePath(dataDir))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a user and a token through the running server, and the server accepts the token', async () => {
    const created = await plaza(base(), [
      '--json',
      'user',
      'create',
      '--email',
      'ana@example.com',
      '--name',
      'Ana',
      '--password',
      'una clave larga',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'ana@example.com' });
    const token = await plaza(base(), ['token', 'create', '--email', 'ana@example.com']);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(/^plz_/);
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('ana@example.com');
    // …and the commands that use the API work with it, as the README shows.
    const workspace = await plaza({ ...base(), PLAZA_URL: url, PLAZA_TOKEN: token.stdout.trim() }, [
      '--json',
      'workspace',
      'create',
      '--name',
      'Café Plaza',
      '--tz',
      'Europe/Madrid',
    ]);
    expect(workspace.code, workspace.stderr).toBe(0);

    const duplicate = await plaza(base(), [
      'user',
      'create',
      '--email',
      'ana@example.com',
      '--name',
      'Ana',
      '--password',
      'una clave larga',
    ]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('Error 409: A user with this e-mail already exists');
    const nobody = await plaza(base(), ['token', 'create', '--email', 'nobody@example.com']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('Error 404: No user with e-mail nobody@example.com');
    const migrate = await plaza(base(), ['migrate']);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain(`Database is up to date (Plaza (pid ${process.pid}`);
  }, 120_000);

  it('refuses a second `plaza start` on the same folder, saying who holds it and what to do', async () => {
    const second = await plaza({ ...base(), PORT: '0', HOST: '127.0.0.1' }, ['start']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`plaza: The data folder ${dataDir} is in use by Plaza (pid ${process.pid} on ${os.hostname()}`);
    expect(second.stderr).toContain(`serving ${url}`);
    expect(second.stderr).toContain(`kill ${process.pid}`);
    expect(second.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8')).pid).toBe(process.pid); // the owner keeps it
  }, 60_000);

  it('answers local administration only with the key from the lock file, only from loopback, and keeps it out of the API docs', async () => {
    const lock = JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8')) as DataDirLockInfo;
    expect(fs.statSync(lockFilePath(dataDir)).mode & 0o077).toBe(0);
    const call = (headers: Record<string, string>) => fetch(`${url}/api/local-admin/migrations`, { headers });
    expect((await call({ [LOCAL_ADMIN_HEADER]: lock.localAdminKey! })).status).toBe(200);
    const wrong = await call({ [LOCAL_ADMIN_HEADER]: `${lock.localAdminKey}x` });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('local_admin_key_invalid');
    expect((await call({})).status).toBe(403);
    const proxied = await call({ [LOCAL_ADMIN_HEADER]: lock.localAdminKey!, 'x-forwarded-for': '203.0.113.9' });
    expect(proxied.status).toBe(403);
    expect(((await proxied.json()) as { error: { code: string } }).error.code).toBe('local_admin_not_local');
    const docs = await (await fetch(`${url}/api/docs/json`)).text();
    expect(docs).not.toContain('local-admin');

    // A CLI holding an outdated key (the owner restarted in between) is told what to do, in its language.
    const original = fs.readFileSync(lockFilePath(dataDir), 'utf8');
    fs.writeFileSync(lockFilePath(dataDir), JSON.stringify({ ...lock, localAdminKey: 'plzlocal_outdated' }));
    try {
      const refused = await plaza({ ...base(), PLAZA_LANG: 'es' }, ['token', 'create', '--email', 'ana@example.com']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `no aceptó la clave de su fichero de bloqueo (quizá acaba de reiniciarse): vuelve a ejecutar la orden.`,
      );
    } finally {
      fs.writeFileSync(lockFilePath(dataDir), original);
    }
  }, 60_000);

  it('reports a full data folder in /api/health and recovers without a restart', async () => {
    expect((await healthUntil(url, (status) => status === 200)).body).toEqual({ status: 'ok' });
    // The real probe writes a new file in the folder; pointing that file at /dev/full makes the write fail with ENOSPC.
    const probeFile = path.join(dataDir, `.plaza-write-probe-${process.pid}`);
    fs.symlinkSync('/dev/full', probeFile);
    try {
      const down = await healthUntil(url, (status) => status === 503);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unavailable', code: 'storage_full' });
    } finally {
      fs.rmSync(probeFile, { force: true });
    }
    const up = await healthUntil(url, (status) => status === 200);
    expect(up).toEqual({ status: 200, body: { status: 'ok' } });
  }, 30_000);

  it('stops at start with a clear message when the data folder is not writable', async () => {
    const readOnly = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-ro-'));
    try {
      // As root, chmod does not stop writes: run the CLI as `nobody` on a folder owned by root instead.
      const isRoot = process.getuid?.() === 0;
      if (!isRoot) fs.chmodSync(readOnly, 0o555);
      else fs.chmodSync(readOnly, 0o755);
      const env = { DATA_DIR: readOnly, LOG_LEVEL: 'silent', HOME: os.tmpdir(), PLAZA_LANG: 'es', PORT: '0', HOST: '127.0.0.1' };
      const started = await plaza(env, ['start', '--services', 'worker'], isRoot ? 65534 : undefined);
      expect(started.code).toBe(1);
      expect(started.stderr).toContain(`plaza: No se puede escribir en la carpeta de datos ${readOnly} (EACCES`);
      expect(started.stderr).not.toMatch(/\n\s+at /);

      if (isRoot) {
        // The folder is the user's, but the database inside it is not (files restored by root, a volume mounted read-only…).
        const ownFolder = path.join(readOnly, 'data');
        fs.mkdirSync(path.join(ownFolder, 'pglite'), { recursive: true });
        fs.chownSync(ownFolder, 65534, 65534);
        const migrated = await plaza({ ...env, DATA_DIR: ownFolder, PLAZA_LANG: 'en' }, ['migrate'], 65534);
        expect(migrated.code).toBe(1);
        expect(migrated.stderr).toContain(`plaza: The data folder ${path.join(ownFolder, 'pglite')} is not writable (EACCES`);
        expect(fs.readdirSync(ownFolder)).toEqual(['pglite']); // the lock was released on the way out
      }
    } finally {
      fs.chmodSync(readOnly, 0o755);
      fs.rmSync(readOnly, { recursive: true, force: true });
    }
  }, 60_000);
});
