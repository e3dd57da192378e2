import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` as a user runs it: the real binary, embedded database in a fresh DATA_DIR. */
describe('plaza start', () => {
  it('becomes healthy, serves the app and the API docs, and stops gracefully on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-start-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/plaza.mjs', 'start'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    try {
      let healthy = false;
      for (let i = 0; i < 600 && !healthy; i++) {
        healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 100));
      }
      expect(healthy).toBe(true);
      expect(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`http://127.0.0.1:${port}/`)).headers.get('content-type')).toContain('text/html');
      expect((await fetch(`http://127.0.0.1:${port}/api/docs/json`)).status).toBe(200);
      // The generated master key lands in the data dir, readable only by its owner.
      expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o077).toBe(0);
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses bad configuration with every problem listed', async () => {
    const child = spawn(process.execPath, ['bin/plaza.mjs', 'start'], {
      env: { ...process.env, PORT: 'abc', PLAZA_SECRET: 'short', DATABASE_URL: 'not a url' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('port');
    expect(stderr).toContain('secret');
    expect(stderr).toContain('databaseUrl');
  }, 60_000);
});
