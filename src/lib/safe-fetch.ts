import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, fetch as undiciFetch, type Dispatcher, type RequestInit, type Response } from 'undici';

/**
 * Raised when a user-supplied URL points somewhere Plaza must not reach. Its message may reach
 * users (source and webhook errors): it names the host they typed, never the address it resolved to.
 */
export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

/** True for loopback, private, link-local, multicast, reserved and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() !== 'unicast';
}

/** Checks the URL's form: http(s) only, no credentials in it. */
export function assertFetchableUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('Not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsafeUrlError('Only http and https URLs are allowed');
  if (url.username || url.password) throw new UnsafeUrlError('URLs with credentials are not allowed');
  return url;
}

const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return (callback as (e: Error | null, a: string, f?: number) => void)(error, '', 0);
    const list = addresses as dns.LookupAddress[];
    const blocked = list.find((a) => isPrivateAddress(a.address));
    if (blocked) {
      return (callback as (e: Error | null, a: string, f?: number) => void)(
        new UnsafeUrlError(`${hostname} resolves to a private address`),
        '',
        0,
      );
    }
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    return (callback as (e: Error | null, a: string, f?: number) => void)(null, list[0].address, list[0].family);
  });
};

/**
 * A `lookup` for net/tls/ws connections to user-supplied hosts: fails when any resolved
 * address is private, so the check happens on the address actually connected to (no DNS
 * rebinding between a check and the connection). IP literals skip lookups: check them first.
 */
export const publicOnlyLookup: net.LookupFunction = guardedLookup;

/** The address inside brackets of an IPv6 URL host ("[::1]" → "::1"); other hosts unchanged. */
function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}

const lookupConnector = buildConnector({ lookup: guardedLookup });

/**
 * undici connector that refuses private targets: IP literals are checked here (Node skips
 * the lookup for them), names through `guardedLookup` on every resolved address.
 */
export const publicOnlyConnector: buildConnector.connector = (options, callback) => {
  const host = bareHost(options.hostname);
  if (net.isIP(host) && isPrivateAddress(host)) {
    callback(new UnsafeUrlError(`${host} is a private address`), null);
    return;
  }
  lookupConnector(options, callback);
};

// The check runs at connect time on the resolved address, so DNS rebinding between
// a check and the request cannot slip a private address through.
const publicOnlyAgent = new Agent({ connect: publicOnlyConnector, headersTimeout: 15_000, bodyTimeout: 30_000 });
const anyAgent = new Agent({ headersTimeout: 15_000, bodyTimeout: 30_000 });

export interface SafeFetchOptions extends RequestInit {
  /** Admin switch (PLAZA_ALLOW_PRIVATE_URLS): allow loopback and private targets. */
  allowPrivate?: boolean;
  /** Abort after this many milliseconds (default 15 s). */
  timeoutMs?: number;
}

/**
 * fetch() for URLs that users supply (feeds, webhooks, link previews): http(s)
 * only, no private or loopback targets unless allowed, redirects re-checked, a timeout.
 */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<Response> {
  const { allowPrivate = false, timeoutMs = 15_000, ...init } = options;
  let url = assertFetchableUrl(rawUrl);
  for (let hop = 0; hop < 5; hop++) {
    if (!allowPrivate && net.isIP(url.hostname.replace(/^\[|\]$/g, '')) && isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''))) {
      throw new UnsafeUrlError(`${url.hostname} is a private address`);
    }
    const response = await undiciFetch(url, {
      ...init,
      redirect: 'manual',
      dispatcher: allowPrivate ? anyAgent : publicOnlyAgent,
      signal: init.signal ?? AbortSignal.timeout(timeoutMs),
    }).catch((error: Error & { cause?: unknown }) => {
      if (error.cause instanceof UnsafeUrlError) throw error.cause;
      throw error;
    });
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      url = assertFetchableUrl(new URL(response.headers.get('location')!, url).toString());
      continue;
    }
    return response;
  }
  throw new UnsafeUrlError('Too many redirects');
}

/**
 * The dispatcher for requests to user-supplied hosts (network adapters, previews): every
 * resolved address is checked at connect time unless `allowPrivate` (PLAZA_ALLOW_PRIVATE_URLS).
 */
export function safeDispatcher(allowPrivate: boolean): Dispatcher {
  // undici's default timeouts: the callers (adapters) bound each request themselves.
  if (allowPrivate) return (networkAnyAgent ??= new Agent());
  return (networkPublicAgent ??= new Agent({ connect: publicOnlyConnector }));
}
let networkPublicAgent: Agent | undefined;
let networkAnyAgent: Agent | undefined;

/**
 * A fetch (same signature as the global one) bound to `safeDispatcher(allowPrivate)`, for
 * clients such as the Mastodon adapter and @atproto/api that take a fetch function.
 * Redirects are followed as usual and each hop is checked when it connects.
 */
export function guardedFetch(allowPrivate: boolean): typeof globalThis.fetch {
  const dispatcher = safeDispatcher(allowPrivate);
  // Node's own fetch (it takes a `dispatcher`): callers such as @atproto/api pass global Request objects.
  return ((input: Parameters<typeof globalThis.fetch>[0], init?: Parameters<typeof globalThis.fetch>[1]) =>
    globalThis
      .fetch(input, { ...init, dispatcher } as Parameters<typeof globalThis.fetch>[1])
      .catch((error: Error & { cause?: unknown }) => {
        if (error.cause instanceof UnsafeUrlError) throw error.cause;
        throw error;
      })) as typeof globalThis.fetch;
}

/** True when `error` (or one of its causes) is an UnsafeUrlError: the target was refused, nothing was sent. */
export function isUnsafeUrlError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof UnsafeUrlError) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Resolves `host` (a name or an IP literal) and checks every address, for connections that
 * do not go through undici (SMTP). Returns the first address to connect to, so the caller
 * pins it and a second DNS answer cannot differ (DNS rebinding). Throws UnsafeUrlError.
 */
export async function resolvePublicAddress(host: string, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const bare = bareHost(host.trim());
  if (bare === '') throw new UnsafeUrlError('Empty host');
  const family = net.isIP(bare);
  if (family) {
    if (!allowPrivate && isPrivateAddress(bare)) throw new UnsafeUrlError(`${bare} is a private address`);
    return { address: bare, family };
  }
  const list = await dns.promises.lookup(bare, { all: true, verbatim: true });
  if (list.length === 0) throw new UnsafeUrlError(`${bare} has no address`);
  if (!allowPrivate) {
    const blocked = list.find((a) => isPrivateAddress(a.address));
    if (blocked) throw new UnsafeUrlError(`${bare} resolves to a private address`);
  }
  return { address: list[0]!.address, family: list[0]!.family };
}
