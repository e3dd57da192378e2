import type { ApiBody, ApiMethodOf, ApiParams, ApiPath, ApiQuery, ApiResponse } from './types.ts';

/** A failed API call: the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token the server gave (sign-in, sign-up, /me) for cookie-authenticated writes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token, for writes sent outside `api` (XMLHttpRequest uploads that report progress). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

declare global {
  interface Window {
    /** GET requests index.html's boot script started before this code loaded, by API path (taken once). */
    __plazaBoot?: Record<string, Promise<Response> | undefined>;
  }
}

/** Boot-time answers are fresh only at boot: later asks go to the server. */
const BOOT_FRESH_MS = 10_000;

/** The boot script's request for `path`, if it started one and nobody took it yet (each is used once). */
function takeBootRequest(path: string): Promise<Response> | undefined {
  const boot = window.__plazaBoot;
  const request = boot?.[path];
  if (!boot || !request) return undefined;
  delete boot[path];
  return performance.now() < BOOT_FRESH_MS ? request : undefined;
}

/** Calls the Plaza API (same origin, session cookie); throws ApiError on 4xx/5xx. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const early = method === 'GET' ? takeBootRequest(path) : undefined;
  // A boot request that failed (offline for a moment) is simply asked again.
  const response =
    (early && (await early.catch(() => null))) ??
    (await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' }));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'error', error?.message ?? response.statusText, error?.details ?? null);
  }
  return data as T;
}

type RequestOptions<P extends ApiPath, M extends ApiMethodOf<P>> = ([ApiParams<P, M>] extends [never]
  ? { params?: undefined }
  : { params: ApiParams<P, M> }) & {
  query?: ApiQuery<P, M> | URLSearchParams;
  body?: ApiBody<P, M> | FormData;
};

/**
 * The typed client: a path of the OpenAPI schema and a method, its path parameters, query and
 * body checked against the schema, the answer typed from the route's response schema.
 * `apiCall('post', '/api/v1/workspaces/{workspaceId}/media', { params: { workspaceId }, body: form })`.
 * Same transport as `api` (CSRF header, ApiError on 4xx/5xx).
 */
export function apiCall<P extends ApiPath, M extends ApiMethodOf<P>>(
  method: M,
  path: P,
  options?: RequestOptions<P, M>,
): Promise<ApiResponse<P, M>> {
  const params = (options?.params ?? {}) as Record<string, string | number>;
  let url = path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const query = options?.query;
  if (query) {
    const search = query instanceof URLSearchParams ? query : new URLSearchParams();
    if (!(query instanceof URLSearchParams)) {
      for (const [key, value] of Object.entries(query as Record<string, unknown>))
        if (value !== undefined && value !== null) search.set(key, String(value));
    }
    const text = search.toString();
    if (text) url += `?${text}`;
  }
  return api<ApiResponse<P, M>>(method.toUpperCase(), url, options?.body);
}
