import fs from 'node:fs';
import path from 'node:path';
import { localMessage } from './local-messages.ts';

/** Why the data folder cannot be written: a stable code for /api/health and logs. */
export type StorageProblemCode = 'storage_read_only' | 'storage_full' | 'storage_error';

/** The data folder refused a write: what (code), where, and a message for people. */
export class DataDirStorageError extends Error {
  constructor(
    readonly code: StorageProblemCode,
    readonly dir: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataDirStorageError';
  }
}

/** Turns a failed file-system write in `dir` into a clear DataDirStorageError (read-only, full, or other). */
export function describeWriteError(error: unknown, dir: string): DataDirStorageError {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
  const reason = `${errno}: ${(error as Error | undefined)?.message?.replace(/^[A-Z]+: /, '') ?? String(error)}`;
  const code: StorageProblemCode = ['EROFS', 'EACCES', 'EPERM'].includes(errno)
    ? 'storage_read_only'
    : ['ENOSPC', 'EDQUOT'].includes(errno)
      ? 'storage_full'
      : 'storage_error';
  const key = code === 'storage_read_only' ? 'readOnly' : code === 'storage_full' ? 'full' : 'unwritable';
  return new DataDirStorageError(code, dir, reason, localMessage(key, { dir, reason }));
}

/**
 * Free space below which the data folder counts as full. The embedded database must never meet a
 * full disk: PGlite does not survive a failed write-ahead-log write (the process stops answering),
 * so Plaza reports "full" while there is still room (a WAL segment is 16 MB).
 */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

/**
 * Writes, syncs and removes a tiny file in `dir`: the cheapest honest question "can this folder
 * take a write right now?", then checks that at least `minFreeBytes` remain free. A new file is
 * created each time, so a read-only folder fails even when older files in it are still writable.
 * A failed probe leaves its (empty) file behind; the next probe overwrites it.
 */
export function probeWritable(dir: string, minFreeBytes = MIN_FREE_BYTES): void {
  const file = path.join(dir, `.plaza-write-probe-${process.pid}`);
  let fd: number | undefined;
  try {
    // A data folder that does not exist yet (Postgres with PLAZA_SECRET set) is created, as media uploads would.
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(file, 'w', 0o600);
    fs.writeSync(fd, 'plaza write probe\n');
    fs.fsyncSync(fd);
  } catch (error) {
    throw describeWriteError(error, dir);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  fs.rmSync(file, { force: true });
  let free = Number.POSITIVE_INFINITY;
  try {
    const space = fs.statfsSync(dir);
    free = space.bavail * space.bsize;
  } catch {
    /* no statfs here: the write above is the whole check */
  }
  if (free < minFreeBytes) {
    const reason = `${Math.floor(free / 1_048_576)} MB free < ${Math.ceil(minFreeBytes / 1_048_576)} MB`;
    throw new DataDirStorageError('storage_full', dir, reason, localMessage('full', { dir, reason }));
  }
}

/** What the last probe found. */
export type DataDirState =
  | { ok: true; checkedAt: Date }
  | { ok: false; checkedAt: Date; since: Date; code: StorageProblemCode; message: string };

export interface DataDirMonitorOptions {
  /** Folders to probe (the data folder, the embedded database's folder). */
  dirs: string[];
  /** How often to probe; default 5 s. */
  intervalMs?: number;
  /** The probe; tests inject one (as root, chmod does not stop writes). */
  probe?: (dir: string) => void;
  /** Told when the state changes (ok → failing, failing → ok). */
  onChange?: (state: DataDirState) => void;
}

/**
 * Probes the data folder periodically so that /api/health says "not ok" (with a reason code) while
 * writes fail, and "ok" again, without a restart, once the folder is writable.
 */
export class DataDirMonitor {
  private current: DataDirState = { ok: true, checkedAt: new Date() };
  private timer: NodeJS.Timeout | null = null;
  private readonly probe: (dir: string) => void;

  constructor(private readonly options: DataDirMonitorOptions) {
    this.probe = options.probe ?? probeWritable;
  }

  /** The last probe's answer. */
  get state(): DataDirState {
    return this.current;
  }

  /** Probes every folder now and returns (and keeps) the answer. */
  check(): DataDirState {
    const now = new Date();
    let next: DataDirState = { ok: true, checkedAt: now };
    for (const dir of this.options.dirs) {
      try {
        this.probe(dir);
      } catch (error) {
        const problem = error instanceof DataDirStorageError ? error : describeWriteError(error, dir);
        next = {
          ok: false,
          checkedAt: now,
          since: this.current.ok ? now : this.current.since,
          code: problem.code,
          message: problem.message,
        };
        break;
      }
    }
    const changed = next.ok !== this.current.ok || (!next.ok && !this.current.ok && next.code !== this.current.code);
    this.current = next;
    if (changed) this.options.onChange?.(next);
    return next;
  }

  /** Starts probing every `intervalMs` (the timer does not keep the process alive). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), this.options.intervalMs ?? 5_000);
    this.timer.unref();
  }

  /** Stops probing. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
