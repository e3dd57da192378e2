/**
 * The HTTP client both Meta adapters use (this folder is a library, not a network: see
 * version.ts): official URLs rerouted by `networkUrl`, the guarded fetch, a per-request timeout
 * bound to the engine's signal and deadline, the token in the Authorization header (never in a
 * URL that could reach a log), and every failure turned into a classified NetworkError.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { requestFailure } from '../request-failure.ts';
import { networkUrl } from '../endpoints.ts';
import { NetworkError, type ChannelContext } from '../types.ts';
import { graphError } from './errors.ts';

/** What one Graph call needs from the channel (or the sign-in flow): where, whether private targets are allowed, cancel. */
export type GraphCallContext = Pick<ChannelContext, 'origin' | 'allowPrivateUrls' | 'signal' | 'deadline' | 'now'>;

export interface GraphClientOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  /** Upper bound of one request, on top of the engine's signal. */
  requestTimeoutMs?: number;
  /** The network's name in error messages ('Facebook', 'Instagram'). */
  network: string;
}

export interface GraphRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Official URL (graphUrl). */
  url: string;
  token?: string;
  /** rupload.facebook.com takes `OAuth <token>`; the Graph hosts take `Bearer`. */
  tokenScheme?: 'Bearer' | 'OAuth';
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string | number | boolean | undefined>;
  /** Sent as multipart/form-data (file parts). */
  multipart?: FormData;
  /** Raw bytes with their headers (rupload). */
  binary?: { bytes: Uint8Array; headers: Record<string, string> };
  /**
   * True when a lost answer leaves the outcome unknown (the call publishes something): a timeout
   * or reset after sending is then `ambiguous`. False: `transient` (reads, and writes whose
   * repetition is harmless, like an Instagram container that is never published).
   */
  ambiguousOnTimeout?: boolean;
}

export interface GraphResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A request function bound to one call context and options. */
export function createGraphClient(ctx: GraphCallContext, options: GraphClientOptions) {
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true);
  const timeoutMs = options.requestTimeoutMs ?? 60_000;

  return async function request<T>(req: GraphRequest): Promise<GraphResponse<T>> {
    if (ctx.signal?.aborted) throw new NetworkError('transient', 'aborted', 'Request aborted before it was sent');
    if (ctx.deadline !== undefined && (ctx.now ?? now)() >= ctx.deadline) {
      throw new NetworkError('transient', 'deadline_passed', 'The engine’s deadline passed before the request was sent; nothing was sent');
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (req.token) headers.Authorization = `${req.tokenScheme ?? 'Bearer'} ${req.token}`;
    let body: string | FormData | Blob | undefined;
    if (req.form) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(req.form)) if (value !== undefined) form.set(key, String(value));
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = form.toString();
    } else if (req.multipart) {
      body = req.multipart;
    } else if (req.binary) {
      Object.assign(headers, req.binary.headers);
      body = new Blob([req.binary.bytes as Uint8Array<ArrayBuffer>]);
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
    const ambiguous = req.ambiguousOnTimeout ?? req.method !== 'GET';
    let response: Response;
    let parsed: unknown;
    try {
      response = await doFetch(networkUrl(req.url, ctx.origin), { method: req.method, headers, body, signal });
      parsed = parseBody(await response.text());
    } catch (error) {
      // Reads, and writes that publish nothing (Instagram containers), are never ambiguous.
      throw requestFailure(error, { network: options.network, mutating: ambiguous, timedOut: signal.aborted });
    }
    if (response.status >= 200 && response.status < 300) {
      // Graph answers some errors with 200 and an error object (batch and legacy endpoints).
      if (typeof parsed === 'object' && parsed !== null && 'error' in parsed)
        throw graphError(options.network, 400, parsed, response.headers, now());
      return { status: response.status, body: parsed as T, headers: response.headers };
    }
    throw graphError(options.network, response.status, parsed, response.headers, now());
  };
}

export type GraphRequestFn = ReturnType<typeof createGraphClient>;
