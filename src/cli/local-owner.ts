import net from 'node:net';
import { ApiError } from './api-client.ts';
import { DataDirLockedError, describeHolder, type DataDirLockInfo } from '../db/data-dir-lock.ts';
import { LOCAL_ADMIN_HEADER, LOCAL_ADMIN_PREFIX } from '../server/local-admin.ts';
import { localMessage } from '../lib/local-messages.ts';

/** The running Plaza that owns the embedded data folder, reached through its local administration routes. */
export interface LocalOwner {
  /** "Plaza (pid …, serving …)", for messages. */
  who: string;
  pid: number;
  url: string;
  request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

/** A loopback address that reaches a server listening on `host`, or null when loopback cannot reach it. */
function loopbackFor(host: string): string | null {
  const lower = host.toLowerCase();
  if (lower === '' || lower === '0.0.0.0' || lower === 'localhost' || lower === '::') return '127.0.0.1';
  if (lower === '::1') return '[::1]';
  if (net.isIPv4(lower) && lower.startsWith('127.')) return lower;
  return null;
}

/**
 * The owner described by a lock that refused us, ready to take requests; or an Error saying
 * exactly what to do when this command cannot reach it (no web service, another machine,
 * not listening on loopback).
 */
export function localOwnerOf(locked: DataDirLockedError): LocalOwner {
  const holder: DataDirLockInfo = locked.holder;
  const who = describeHolder(holder);
  if (holder.pid === process.pid) throw locked;
  if (!holder.listen || !holder.localAdminKey) throw new Error(localMessage('cliNoWeb', { who, dir: locked.dataDir }));
  const host = loopbackFor(holder.listen.host);
  if (!host) throw new Error(localMessage('cliNotLoopback', { who, dir: locked.dataDir }));
  const url = `http://${host}:${holder.listen.port}`;
  const key = holder.localAdminKey;
  return {
    who,
    pid: holder.pid,
    url,
    async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await fetch(new URL(`${LOCAL_ADMIN_PREFIX}${path}`, url), {
          method,
          headers: { [LOCAL_ADMIN_HEADER]: key, ...(body !== undefined && { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        // The owner died or is stopping: the lock says who it was; the next try opens the folder.
        throw new Error(
          `${locked.message}\n(${url}: ${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`,
        );
      }
      const text = await response.text();
      let parsed: (T & { error?: ApiError['body'] }) | undefined;
      try {
        parsed = text ? (JSON.parse(text) as T & { error?: ApiError['body'] }) : undefined;
      } catch {
        parsed = undefined;
      }
      const code = parsed?.error?.code;
      if (code === 'local_admin_unavailable' || code === 'local_admin_not_local' || code === 'local_admin_key_invalid')
        throw new Error(localMessage(code, { who }));
      if (!response.ok) throw new ApiError(response.status, parsed?.error ?? { message: text || `HTTP ${response.status}` });
      return parsed as T;
    },
  };
}

/**
 * Runs a command on the embedded data folder (`local`), or — when a running Plaza owns the folder —
 * through that Plaza (`remote`), so both never open the same database files.
 */
export async function onDataFolder<T>(local: () => Promise<T>, remote: (owner: LocalOwner) => Promise<T>): Promise<T> {
  try {
    return await local();
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    return remote(localOwnerOf(error));
  }
}

/** Migrations this CLI knows that the running owner has not applied (it runs an older version). */
export async function pendingOn(owner: LocalOwner): Promise<string[]> {
  const { migrations } = await import('../db/migrations/index.ts');
  const { applied } = await owner.request<{ applied: string[] }>('GET', '/migrations');
  const done = new Set(applied);
  return migrations.map((migration) => migration.name).filter((name) => !done.has(name));
}
