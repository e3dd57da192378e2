/**
 * In-memory Bluesky sessions, one per channel and service URL.
 *
 * Logging in (com.atproto.server.createSession) is slow and tightly rate
 * limited on bsky.social (30 per 5 minutes per account), so a session is reused
 * across calls. The @atproto/api CredentialSession refreshes an expired access
 * token by itself; when refreshing fails too, the cached entry is dropped and the
 * next call logs in again. Changing the credentials of a channel also forces a
 * new login (the cache compares a fingerprint of them).
 */
import { createHash } from 'node:crypto';
import type { AtpAgent } from '@atproto/api';
import { atproto } from './atproto.ts';
import { NetworkError, type ChannelContext } from '../types.ts';
import { classifyBlueskyError } from './errors.ts';
import { guardedFetch } from '../../lib/safe-fetch.ts';

export const DEFAULT_SERVICE_URL = 'https://bsky.social';

export interface BlueskyConnection {
  serviceUrl: string;
  identifier: string;
  appPassword: string;
}

interface CachedSession {
  fingerprint: string;
  agent: AtpAgent;
  /** Resolves once the login finished; shared by concurrent callers. */
  ready: Promise<AtpAgent>;
}

/** Reads `serviceUrl` from settings and `identifier`/`appPassword` from credentials, or throws. */
export function readConnection(ctx: ChannelContext): BlueskyConnection {
  const rawUrl =
    typeof ctx.settings.serviceUrl === 'string' && ctx.settings.serviceUrl.trim() !== ''
      ? ctx.settings.serviceUrl.trim()
      : DEFAULT_SERVICE_URL;
  let parsed: URL;
  try {
    parsed = new URL(rawUrl);
  } catch {
    throw new NetworkError('permanent', 'invalid_settings', `Invalid Bluesky service URL: ${rawUrl}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new NetworkError('permanent', 'invalid_settings', `Bluesky service URL must be http(s): ${rawUrl}`);
  }
  // The identifier is a setting (shown in the UI); older callers may pass it with the credentials.
  const identifierRaw = ctx.settings.identifier ?? ctx.credentials.identifier;
  const appPassword = ctx.credentials.appPassword;
  if (typeof identifierRaw !== 'string' || identifierRaw.trim() === '' || typeof appPassword !== 'string' || appPassword === '') {
    throw new NetworkError('auth', 'missing_credentials', 'Bluesky needs an identifier (handle or email) and an app password');
  }
  return {
    serviceUrl: parsed.origin + parsed.pathname.replace(/\/+$/, ''),
    // People often type "@name.bsky.social".
    identifier: identifierRaw.trim().replace(/^@/, ''),
    appPassword,
  };
}

/** Rejects as soon as `signal` aborts, so a slow login cannot outlive the engine's timeout. */
function raceWithSignal<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export class BlueskySessionCache {
  private readonly sessions = new Map<string, CachedSession>();

  constructor(private readonly fetchImpl?: typeof globalThis.fetch) {}

  /** Number of cached sessions (for tests and diagnostics). */
  get size(): number {
    return this.sessions.size;
  }

  /** Forgets every session (e.g. on shutdown or in tests). */
  clear(): void {
    this.sessions.clear();
  }

  /**
   * Forgets the session of one channel, so the next call logs in again. With
   * `onlyAgent`, only if that agent is still the cached one (a concurrent call
   * may already have logged in again).
   */
  invalidate(channelId: string, serviceUrl: string, onlyAgent?: AtpAgent): void {
    const key = this.key(channelId, serviceUrl);
    if (onlyAgent && this.sessions.get(key)?.agent !== onlyAgent) return;
    this.sessions.delete(key);
  }

  /** The cached agent of this channel, if any (for tests: e.g. to spoil its token). */
  peek(channelId: string, serviceUrl: string): AtpAgent | undefined {
    return this.sessions.get(this.key(channelId, serviceUrl))?.agent;
  }

  /**
   * Returns a logged-in agent for the channel, logging in only when there is no
   * usable cached session. Login failures become NetworkErrors ('auth' for bad credentials).
   */
  async getAgent(ctx: ChannelContext, connection: BlueskyConnection): Promise<{ agent: AtpAgent; fresh: boolean }> {
    const key = this.key(ctx.channelId, connection.serviceUrl);
    const fingerprint = createHash('sha256').update(`${connection.identifier}\u0000${connection.appPassword}`).digest('hex');
    const cached = this.sessions.get(key);
    if (cached && cached.fingerprint === fingerprint) {
      const agent = await raceWithSignal(cached.ready, ctx.signal).catch((error: unknown) => {
        throw classifyBlueskyError(error, 'read', { signal: ctx.signal });
      });
      if (agent.hasSession) return { agent, fresh: false };
    }

    let entry: CachedSession | undefined;
    const api = await atproto();
    const agent = new api.AtpAgent({
      service: connection.serviceUrl,
      // Every request of this session goes through the safe dispatcher (tests may inject their own fetch).
      fetch: this.fetchImpl ?? guardedFetch(ctx.allowPrivateUrls === true),
      persistSession: (event) => {
        // 'expired': the refresh token was refused too; log in again next time.
        if (event === 'expired' && entry && this.sessions.get(key) === entry) this.sessions.delete(key);
      },
    });
    entry = {
      fingerprint,
      agent,
      ready: agent.login({ identifier: connection.identifier, password: connection.appPassword }).then(() => agent),
    };
    this.sessions.set(key, entry);
    const created = entry;
    created.ready.catch(() => {
      if (this.sessions.get(key) === created) this.sessions.delete(key);
    });
    try {
      await raceWithSignal(created.ready, ctx.signal);
    } catch (error) {
      // Logging in has no side effect, so an unknown outcome is only 'transient'.
      throw classifyBlueskyError(error, 'read', { signal: ctx.signal });
    }
    return { agent, fresh: true };
  }

  private key(channelId: string, serviceUrl: string): string {
    return `${channelId}\u0000${serviceUrl}`;
  }
}
