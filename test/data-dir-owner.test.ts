import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openDatabase } from '../src/db/database.ts';
import {
  acquireDataDirLock,
  DataDirLockedError,
  HEARTBEAT_STALE_MS,
  lockFilePath,
  takeOverStaleLock,
  type DataDirLockInfo,
} from '../src/db/data-dir-lock.ts';
import { DataDirMonitor, DataDirStorageError, describeWriteError, probeWritable } from '../src/lib/data-dir-health.ts';
import { localMessage } from '../src/lib/local-messages.ts';
import { localOwnerOf } from '../src/cli/local-owner.ts';
import { buildApp } from '../src/server/app.ts';
import type { AppContext } from '../src/server/context.ts';
import { loadConfig } from '../src/config.ts';
import { SecretBox } from '../src/lib/crypto.ts';
import { systemClock } from '../src/lib/clock.ts';
import { FileMediaStore } from '../src/modules/media/store.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';

// Messages are asserted in English whatever the machine's locale; the worker process runs other
// files afterwards, so the setting is put back.
const languageBefore = process.env.PLAZA_LANG;
beforeAll(() => {
  process.env.PLAZA_LANG = 'en';
});
afterAll(() => {
  if (languageBefore === undefined) delete process.env.PLAZA_LANG;
  else process.env.PLAZA_LANG = languageBefore;
});

const folders: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-owner-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A lock file as another process would have written it. */
function writeLock(dataDir: string, info: Partial<DataDirLockInfo>): void {
  const full: DataDirLockInfo = {
    pid: 1,
    host: os.hostname(),
    startedAt: '2026-12-04T10:00:00.000Z',
    processStart: null,
    nonce: 'someone-else',
    listen: null,
    localAdminKey: null,
    ...info,
  };
  fs.writeFileSync(lockFilePath(dataDir), JSON.stringify(full), { mode: 0o600 });
}

function lockOn(dataDir: string): DataDirLockInfo {
  return JSON.parse(fs.readFileSync(lockFilePath(dataDir), 'utf8')) as DataDirLockInfo;
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('the embedded data folder has one owner', () => {
  it('refuses a second openDatabase on the same folder, and frees the folder on close', async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ dataDir });
    try {
      expect(lockOn(dataDir)).toMatchObject({ pid: process.pid, host: os.hostname() });
      expect(fs.statSync(lockFilePath(dataDir)).mode & 0o077).toBe(0);
      const second = openDatabase({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(`The data folder ${dataDir} is already open in this process`);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(lockFilePath(dataDir))).toBe(false);
    acquireDataDirLock(dataDir).release();
  });

  it('refuses a folder held by another live process, naming it and saying what to do', async () => {
    const dataDir = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeLock(dataDir, { pid: holder.pid!, listen: { host: '0.0.0.0', port: 3000 } });
      let refused: unknown;
      try {
        acquireDataDirLock(dataDir);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(DataDirLockedError);
      const message = (refused as Error).message;
      expect(message).toContain(
        `is in use by Plaza (pid ${holder.pid} on ${os.hostname()}, started 2026-12-04T10:00:00.000Z, serving http://localhost:3000)`,
      );
      expect(message).toContain(`kill ${holder.pid}`);
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain(`delete ${lockFilePath(dataDir)}`);
      expect(lockOn(dataDir).nonce).toBe('someone-else'); // untouched
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a stale lock: dead pid, reused pid, or debris', () => {
    const dataDir = tempDir();
    writeLock(dataDir, { pid: deadPid() });
    const taken = acquireDataDirLock(dataDir);
    expect(lockOn(dataDir)).toMatchObject({ pid: process.pid, nonce: taken.info.nonce });
    taken.release();

    // The pid is alive but started at another time than the holder: the holder died and the pid was reused.
    const stat = fs.readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    expect(stat.length).toBeGreaterThan(0);
    writeLock(dataDir, { pid: process.ppid, processStart: '1' });
    const reused = acquireDataDirLock(dataDir);
    expect(lockOn(dataDir).pid).toBe(process.pid);
    reused.release();

    fs.writeFileSync(lockFilePath(dataDir), '');
    const debris = acquireDataDirLock(dataDir);
    expect(lockOn(dataDir).pid).toBe(process.pid);
    debris.release();
    expect(fs.readdirSync(dataDir)).toEqual([]); // no temporary or set-aside files left
  });

  it('lets exactly one of several processes that race for a stale lock take it over', async () => {
    const dataDir = tempDir();
    writeLock(dataDir, { pid: deadPid() });
    const contenders = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['bin/run-ts.mjs', 'test/helpers/lock-contender.ts', dataDir], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const lines = contenders.map((child) => {
      const seen: string[] = [];
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => seen.push(...chunk.split('\n').filter(Boolean)));
      return seen;
    });
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 600 && !ok(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    try {
      await until(() => lines.every((seen) => seen.includes('ready')));
      for (const child of contenders) child.stdin!.write('go\n'); // all at once, each loaded and waiting
      await until(() => lines.every((seen) => seen.length === 2));
      const outcomes = lines.map((seen) => seen[1]).sort();
      expect(outcomes).toEqual(['refused', 'refused', 'refused', 'won']);
      const winner = contenders[lines.findIndex((seen) => seen[1] === 'won')];
      expect(lockOn(dataDir).pid).toBe(winner.pid);
    } finally {
      for (const child of contenders) child.stdin!.end();
      await Promise.all(
        contenders.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)),
      );
    }
    expect(fs.existsSync(lockFilePath(dataDir))).toBe(false);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  }, 60_000);

  it('puts back a fresh lock that another process installed after this one judged the old one stale', () => {
    const dataDir = tempDir();
    const stale: DataDirLockInfo = { pid: deadPid(), host: os.hostname(), startedAt: 'x', processStart: null, nonce: 'the-dead-one' };
    writeLock(dataDir, { pid: process.ppid, nonce: 'the-faster-one' }); // the stale lock is already gone and replaced
    takeOverStaleLock(lockFilePath(dataDir), stale);
    expect(lockOn(dataDir).nonce).toBe('the-faster-one');
    writeLock(dataDir, { ...stale });
    takeOverStaleLock(lockFilePath(dataDir), stale);
    expect(fs.existsSync(lockFilePath(dataDir))).toBe(false);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('takes over a lock this process left behind in an earlier life (same pid after a container restart)', () => {
    const dataDir = tempDir();
    writeLock(dataDir, { pid: process.pid, nonce: 'previous-life' });
    const lock = acquireDataDirLock(dataDir);
    expect(lockOn(dataDir).nonce).toBe(lock.info.nonce);
    lock.release();
  });

  it('refuses a lock from another host while its holder keeps touching it, and takes it over once it stops', () => {
    const dataDir = tempDir();
    writeLock(dataDir, { pid: deadPid(), host: 'other-machine.example' });
    expect(() => acquireDataDirLock(dataDir)).toThrow(
      /in use by Plaza \(pid \d+ on other-machine\.example.*\n.*shared with another machine/,
    );
    // Untouched for longer than the heartbeat allows (a crashed container recreated under a new hostname).
    const longAgo = new Date(Date.now() - HEARTBEAT_STALE_MS - 1_000);
    fs.utimesSync(lockFilePath(dataDir), longAgo, longAgo);
    const lock = acquireDataDirLock(dataDir);
    expect(lockOn(dataDir)).toMatchObject({ pid: process.pid, host: os.hostname() });
    lock.release();
  });

  it('touches its lock while it holds it, and stops when released', () => {
    const dataDir = tempDir();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const lock = acquireDataDirLock(dataDir);
      const longAgo = new Date(Date.now() - HEARTBEAT_STALE_MS - 1_000);
      fs.utimesSync(lock.file, longAgo, longAgo);
      vi.advanceTimersByTime(15_000);
      expect(Date.now() - fs.statSync(lock.file).mtimeMs).toBeLessThan(10_000);
      lock.release();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('releases only its own lock, and records where the owner listens', () => {
    const dataDir = tempDir();
    const lock = acquireDataDirLock(dataDir);
    lock.update({ listen: { host: '127.0.0.1', port: 4321 }, localAdminKey: 'plzlocal_x' });
    expect(lockOn(dataDir)).toMatchObject({ pid: process.pid, listen: { host: '127.0.0.1', port: 4321 }, localAdminKey: 'plzlocal_x' });
    expect(fs.statSync(lockFilePath(dataDir)).mode & 0o077).toBe(0);
    writeLock(dataDir, { pid: process.ppid, nonce: 'a-newer-owner' });
    lock.release();
    expect(lockOn(dataDir).nonce).toBe('a-newer-owner');
  });

  it('tells the CLI exactly what to do when the owner cannot be reached', () => {
    const holder: DataDirLockInfo = {
      pid: 4242,
      host: os.hostname(),
      startedAt: '2026-12-04T10:00:00.000Z',
      processStart: null,
      nonce: 'n',
      listen: null,
      localAdminKey: null,
    };
    const refusal = (info: DataDirLockInfo) => new DataDirLockedError('/srv/plaza', info, 'held');
    expect(() => localOwnerOf(refusal(holder))).toThrow(
      /^Plaza \(pid 4242 .*no web service or still starting\) owns the data folder \/srv\/plaza and has no web service .*Stop it first/,
    );
    expect(() => localOwnerOf(refusal({ ...holder, listen: { host: '192.0.2.5', port: 3000 }, localAdminKey: 'k' }))).toThrow(
      /does not listen on this machine's loopback address/,
    );
    expect(localOwnerOf(refusal({ ...holder, listen: { host: '0.0.0.0', port: 3000 }, localAdminKey: 'k' })).url).toBe(
      'http://127.0.0.1:3000',
    );
    expect(localOwnerOf(refusal({ ...holder, listen: { host: '::1', port: 3000 }, localAdminKey: 'k' })).url).toBe('http://[::1]:3000');
  });

  it('says it in Spanish too', () => {
    const message = localMessage('lockHeld', { dir: '/srv/plaza', who: 'Plaza (pid 7)' }, 'es');
    expect(message).toBe(
      'La carpeta de datos /srv/plaza está en uso por Plaza (pid 7). Dos procesos sobre una misma base de datos embebida pueden corromperla, así que este se detiene.',
    );
    expect(localMessage('full', { dir: '/srv/plaza', reason: 'ENOSPC' }, 'es')).toContain('está lleno');
  });
});

describe('an unwritable data folder', () => {
  it('names read-only, full and other write failures by code, with a clear message', () => {
    const readOnly = describeWriteError(Object.assign(new Error('EROFS: read-only file system, open x'), { code: 'EROFS' }), '/srv/plaza');
    expect(readOnly).toMatchObject({ code: 'storage_read_only' });
    expect(readOnly.message).toBe(
      'The data folder /srv/plaza is not writable (EROFS: read-only file system, open x). Plaza keeps its database, media and key there: make it writable by this user (or set DATA_DIR to a writable folder).',
    );
    expect(describeWriteError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), '/d').code).toBe(
      'storage_read_only',
    );
    expect(describeWriteError(Object.assign(new Error('EDQUOT: quota'), { code: 'EDQUOT' }), '/d').code).toBe('storage_full');
    expect(describeWriteError(Object.assign(new Error('EIO: i/o'), { code: 'EIO' }), '/d').code).toBe('storage_error');
  });

  it('is refused at open with a clear message, not a stack trace', async () => {
    const parent = tempDir();
    fs.writeFileSync(path.join(parent, 'a-file'), '');
    const open = openDatabase({ dataDir: path.join(parent, 'a-file', 'data') });
    await expect(open).rejects.toBeInstanceOf(DataDirStorageError);
    await expect(open).rejects.toThrow(/^Plaza cannot write to the data folder .*a-file\/data \(ENOTDIR/);
  });

  it('detects a full disk with the real probe (a probe file pointing at /dev/full) and recovers when it can write', () => {
    const dataDir = tempDir();
    expect(() => probeWritable(dataDir)).not.toThrow();
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(() => probeWritable(path.join(dataDir, 'not-yet'))).not.toThrow(); // a missing folder is created, as media would
    fs.rmdirSync(path.join(dataDir, 'not-yet'));
    // Nearly full counts as full: PGlite must never meet ENOSPC in its write-ahead log.
    const free = fs.statfsSync(dataDir).bavail * fs.statfsSync(dataDir).bsize;
    expect(() => probeWritable(dataDir, free + 1024 ** 3)).toThrow(/^The disk holding the data folder .* is full \(\d+ MB free < \d+ MB\)/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    const probeFile = path.join(dataDir, `.plaza-write-probe-${process.pid}`);
    fs.symlinkSync('/dev/full', probeFile);
    const changes: string[] = [];
    const monitor = new DataDirMonitor({ dirs: [dataDir], onChange: (state) => changes.push(state.ok ? 'ok' : state.code) });
    expect(monitor.check()).toMatchObject({ ok: false, code: 'storage_full' });
    const since = (monitor.state as { since: Date }).since;
    expect(monitor.check()).toMatchObject({ ok: false, code: 'storage_full', since }); // still failing, since the first failure
    fs.rmSync(probeFile);
    expect(monitor.check()).toMatchObject({ ok: true });
    expect(changes).toEqual(['storage_full', 'ok']);
  });

  it('turns /api/health to 503 with a reason code while writes fail, and back to ok without a restart', async () => {
    const dataDir = tempDir();
    const ctx: AppContext = {
      config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
      database: await openDatabase({}), // in memory, not migrated: /api/health only pings it
      secrets: new SecretBox('test-secret-test-secret-test-secret-0123'),
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      media: new FileMediaStore(path.join(dataDir, 'media')),
      networks: new NetworkRegistry([]),
    };
    let failure: NodeJS.ErrnoException | null = null;
    const monitor = new DataDirMonitor({
      dirs: [ctx.config.dataDir],
      // As root chmod does not stop writes: the probe is injected here; the test above covers the real one.
      probe: (dir) => {
        if (failure) throw failure;
        probeWritable(dir);
      },
    });
    const app = await buildApp(ctx, { dataDirState: () => monitor.state });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
      failure = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      monitor.check();
      const down = await app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', code: 'storage_read_only' });
      expect(down.body).not.toContain(ctx.config.dataDir); // the path stays in the log
      failure = null;
      monitor.check();
      const up = await app.inject({ method: 'GET', url: '/api/health' });
      expect(up.statusCode).toBe(200);
      expect(up.json()).toEqual({ status: 'ok' });
      // A database that no longer answers is "unavailable" too, not a 500.
      await ctx.database.close();
      const dead = await app.inject({ method: 'GET', url: '/api/health' });
      expect(dead.statusCode).toBe(503);
      expect(dead.json()).toEqual({ status: 'unavailable', code: 'database_unavailable' });
    } finally {
      await app.close();
      await ctx.database.close();
    }
  });
});
