import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describeWriteError } from '../lib/data-dir-health.ts';
import { localMessage } from '../lib/local-messages.ts';

/** The lock file in a data folder: whoever holds it is the only process that opens the embedded database. */
export const LOCK_FILE_NAME = 'plaza.lock';

/** What the lock file says about its holder. Only the holder's OS user can read it (0600). */
export interface DataDirLockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** The holder's process start time (Linux /proc/<pid>/stat field 22), to tell a reused pid from the holder. */
  processStart: string | null;
  /** Random id of this holding, so a process only ever removes or rewrites its own lock. */
  nonce: string;
  /** Where the holder's web service listens, once it does. */
  listen?: { host: string; port: number } | null;
  /**
   * A secret the holder accepts, from loopback only, on its local administration routes: it proves
   * the caller can read this file, i.e. is the data folder's owner. New on every start.
   */
  localAdminKey?: string | null;
}

/** The data folder is held by a live process (this one, another on this host, or one on another host). */
export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirLockInfo,
    message: string,
  ) {
    super(message);
    this.name = 'DataDirLockedError';
  }
}

/** A held lock: its file, what it says, and how to update or release it. */
export interface DataDirLock {
  readonly file: string;
  readonly info: DataDirLockInfo;
  /** Rewrites the lock file (atomically) with more about the holder: where it listens, its admin key. */
  update(patch: Partial<Pick<DataDirLockInfo, 'listen' | 'localAdminKey'>>): void;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** How the lock file's holder looks from here. */
export type HolderState = 'live' | 'this-process' | 'other-host' | 'stale';

/**
 * The holder touches its lock file this often. A lock from another host (a shared volume, or a
 * container recreated under a new hostname after a crash) whose pid cannot be checked from here is
 * stale once untouched for HEARTBEAT_STALE_MS.
 */
const HEARTBEAT_MS = 15_000;
export const HEARTBEAT_STALE_MS = 120_000;

/** Locks held by this process (by lock file), released on exit even when nobody closes the database. */
const heldHere = new Map<string, string>();
let exitHookInstalled = false;

/** The lock file of a data folder. */
export function lockFilePath(dataDir: string): string {
  return path.join(path.resolve(dataDir), LOCK_FILE_NAME);
}

/** The start time of a process (Linux), or null where /proc is not available. */
function processStartOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the holder written in a lock file still runs. */
export function holderState(info: DataDirLockInfo, lockFile: string): HolderState {
  if (info.host !== os.hostname()) {
    const touched = fs.statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    return Date.now() - touched > HEARTBEAT_STALE_MS ? 'stale' : 'other-host';
  }
  if (info.pid === process.pid) return heldHere.get(lockFile) === info.nonce ? 'this-process' : 'stale';
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'stale';
    // EPERM: the process exists but belongs to another user.
  }
  // A live pid may have been reused by an unrelated process since the holder died.
  const start = processStartOf(info.pid);
  if (info.processStart && start && start !== info.processStart) return 'stale';
  return 'live';
}

/** Reads a lock file; null when there is none. Throws when it exists but cannot be read. */
export function readLockFile(lockFile: string): DataDirLockInfo | null {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(localMessage('lockUnreadable', { lockFile, reason }));
  }
  try {
    const info = JSON.parse(text) as DataDirLockInfo;
    if (typeof info.pid === 'number' && typeof info.host === 'string' && typeof info.nonce === 'string') return info;
  } catch {
    /* unreadable content: see below */
  }
  // Lock files are written whole (a linked or renamed temporary file); anything else is debris.
  return { pid: -1, host: os.hostname(), startedAt: 'unknown', processStart: null, nonce: `debris-${text.length}` };
}

/** "Plaza (pid 123 on host, started …, serving http://…)" for messages. */
export function describeHolder(info: DataDirLockInfo): string {
  const url = info.listen ? `http://${urlHost(info.listen.host)}:${info.listen.port}` : undefined;
  return localMessage('who', { pid: info.pid, host: info.host, started: info.startedAt, url });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Writes `text` into a new file next to `target`, synced, and returns its path. */
function writeTemporary(target: string, text: string): string {
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return temporary;
}

/** Creates `target` with `text` only if it does not exist, whole or not at all. False when it exists. */
function createExclusive(target: string, text: string): boolean {
  const temporary = writeTemporary(target, text);
  try {
    fs.linkSync(temporary, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // File systems without hard links: exclusive create, then write.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    try {
      fs.writeFileSync(target, text, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (fallbackError) {
      if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Moves a stale lock out of the way. Renaming is atomic, so of two processes taking over the same
 * stale lock only one moves it; if what we moved turns out to be a fresh lock (the other process
 * was faster), it is put back.
 */
export function takeOverStaleLock(lockFile: string, stale: DataDirLockInfo): void {
  const aside = `${lockFile}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let moved: DataDirLockInfo | null = null;
  try {
    moved = readLockFile(aside);
  } catch {
    moved = null;
  }
  if (moved && moved.nonce !== stale.nonce) {
    try {
      fs.linkSync(aside, lockFile);
    } catch {
      /* somebody else holds it now; they win */
    }
  }
  fs.rmSync(aside, { force: true });
}

/**
 * Takes the exclusive lock on an embedded data folder, or throws:
 * - DataDirLockedError when a live process holds it (with who it is and what to do);
 * - DataDirStorageError when the folder cannot be written (read-only, full).
 * A lock left by a process that no longer runs on this host is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  const file = lockFilePath(dir);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw describeWriteError(error, dir);
  }
  let info: DataDirLockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    processStart: processStartOf(process.pid),
    nonce: randomBytes(12).toString('hex'),
    listen: null,
    localAdminKey: null,
  };
  for (let attempt = 0; ; attempt++) {
    let created: boolean;
    try {
      created = createExclusive(file, `${JSON.stringify(info, null, 2)}\n`);
    } catch (error) {
      throw describeWriteError(error, dir);
    }
    if (created) break;
    const holder = readLockFile(file);
    if (!holder) continue; // released between our attempt and the read
    const state = holder.pid === -1 ? 'stale' : holderState(holder, file);
    if (state === 'stale' && attempt < 5) {
      takeOverStaleLock(file, holder);
      continue;
    }
    const message =
      state === 'this-process'
        ? localMessage('lockHeldSameProcess', { dir })
        : `${localMessage('lockHeld', { dir, who: describeHolder(holder) })}\n${localMessage(state === 'other-host' ? 'lockOtherHost' : 'lockWhatToDo', { pid: holder.pid, lockFile: file })}`;
    throw new DataDirLockedError(dir, holder, message);
  }
  heldHere.set(file, info.nonce);
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      fs.utimesSync(file, now, now);
    } catch {
      /* a full or read-only disk: the data folder monitor reports it */
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const [lockFile, nonce] of heldHere) removeIfOurs(lockFile, nonce);
    });
  }
  const ours = () => heldHere.get(file) === info.nonce && readLockFile(file)?.nonce === info.nonce;
  return {
    file,
    get info() {
      return info;
    },
    update(patch) {
      if (!ours()) return;
      info = { ...info, ...patch };
      try {
        fs.renameSync(writeTemporary(file, `${JSON.stringify(info, null, 2)}\n`), file);
      } catch (error) {
        throw describeWriteError(error, dir);
      }
    },
    release() {
      clearInterval(heartbeat);
      if (heldHere.get(file) !== info.nonce) return;
      heldHere.delete(file);
      removeIfOurs(file, info.nonce);
    },
  };
}

function removeIfOurs(lockFile: string, nonce: string): void {
  try {
    if (readLockFile(lockFile)?.nonce === nonce) fs.rmSync(lockFile, { force: true });
  } catch {
    /* nothing more to do on the way out */
  }
}
