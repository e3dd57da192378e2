import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';

/** An error answer from the Plaza API, with its code and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: string; details?: unknown },
  ) {
    super(body.message ?? `HTTP ${status}`);
  }
  get details(): unknown {
    return this.body.details;
  }
}

/** The API's error answer as an ApiError (its `error` object, or the raw text when it is not JSON). */
async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let parsed: { error?: ApiError['body'] } | undefined;
  try {
    parsed = text ? (JSON.parse(text) as { error?: ApiError['body'] }) : undefined;
  } catch {
    parsed = undefined;
  }
  return new ApiError(response.status, parsed?.error ?? { message: text || `HTTP ${response.status}` });
}

/** Minimal JSON client for the REST API, authenticated with a personal API token. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 204) return undefined as T;
    if (!response.ok) throw await errorOf(response);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Streams a GET answer (a report, an export) into a file; returns the bytes written. */
  async download(path: string, file: string): Promise<number> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok || !response.body) throw await errorOf(response);
    let bytes = 0;
    const body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(body, fs.createWriteStream(file));
    return bytes;
  }

  /** Sends one chunk of a resumable upload at `offset` (PATCH, application/offset+octet-stream). */
  async sendChunk<T>(path: string, offset: number, bytes: Uint8Array): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
      },
      body: new Uint8Array(bytes),
    });
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T = null>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }
}
