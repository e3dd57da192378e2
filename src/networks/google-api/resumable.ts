/**
 * Google's resumable upload protocol (as the YouTube Data API documents it): start a session
 * (POST ...?uploadType=resumable, the metadata as JSON, `X-Upload-Content-Length` and
 * `X-Upload-Content-Type`; the session URI comes back in `Location`), then PUT the file in chunks
 * (multiples of 256 KiB, each with `Content-Range: bytes first-last/total`). Google answers
 * `308 Resume Incomplete` with `Range: bytes=0-N` (what it has) until the last chunk, which gets
 * the created resource (200 or 201).
 *
 * After a cut (the connection drops, a 5xx), the session is asked how much arrived with an empty
 * PUT and `Content-Range: bytes *\/total`, and only the rest is sent. The file is read a chunk at a
 * time (`MediaInput.openStream` when the media store gives one), never held whole.
 */
import type { MediaInput } from '../types.ts';
import { NetworkError } from '../types.ts';
import type { GoogleRequestFn, GoogleResponse } from './client.ts';

/** Google asks for chunks in multiples of 256 KiB (except the last). */
export const UPLOAD_CHUNK_UNIT = 256 * 1024;

export interface ResumableUploadOptions {
  request: GoogleRequestFn;
  /** The session's start URL (official), e.g. https://www.googleapis.com/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status */
  startUrl: string;
  metadata: unknown;
  media: MediaInput;
  /** Bytes per PUT, rounded down to a multiple of 256 KiB (default 8 MiB). */
  chunkBytes?: number;
  /** Cuts and 5xx answers tolerated during one upload before it gives up (default 12). */
  maxInterruptions?: number;
  /** Timeout of one chunk's PUT (default 5 minutes). */
  chunkTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called once per started session, so callers can count quota. */
  onSessionStarted?: () => void;
}

export interface ResumableUploadResult<T> {
  resource: T;
  /** Bytes put on the wire in chunk bodies, resends included. */
  bytesSent: number;
  interruptions: number;
}

/** Reads [start, end) of the media: from its stream when it has one, else from its bytes. */
export async function readRange(media: MediaInput, start: number, end: number): Promise<Uint8Array> {
  if (!media.openStream) return media.bytes.subarray(start, end);
  const out = new Uint8Array(end - start);
  let at = 0;
  for await (const piece of media.openStream({ start, end })) {
    const take = Math.min(piece.byteLength, out.byteLength - at);
    out.set(piece.subarray(0, take), at);
    at += take;
    if (at >= out.byteLength) break;
  }
  if (at !== out.byteLength)
    throw new NetworkError('permanent', 'media_truncated', 'The stored media file is shorter than its recorded size');
  return out;
}

/** The offset to send next from a 308's `Range: bytes=0-N` (none: nothing arrived). */
function nextOffset(headers: Headers): number {
  const range = headers.get('range');
  const match = range ? /bytes=0-(\d+)/.exec(range) : null;
  return match ? Number(match[1]) + 1 : 0;
}

/** A failure worth resuming after: a cut connection, a timeout, a 5xx (never an abort by the engine or a 4xx). */
function resumable(error: unknown): boolean {
  if (!(error instanceof NetworkError)) return false;
  if (error.code === 'aborted' || error.code === 'deadline_passed' || error.code === 'private_address') return false;
  const status = error.details.status;
  return status === undefined ? error.kind === 'ambiguous' || error.kind === 'transient' : status >= 500;
}

export async function resumableUpload<T>(options: ResumableUploadOptions): Promise<ResumableUploadResult<T>> {
  const { request, media } = options;
  const size = media.size;
  const chunk = Math.max(UPLOAD_CHUNK_UNIT, Math.floor((options.chunkBytes ?? 8 * 1024 * 1024) / UPLOAD_CHUNK_UNIT) * UPLOAD_CHUNK_UNIT);
  const maxInterruptions = options.maxInterruptions ?? 12;
  const chunkTimeoutMs = options.chunkTimeoutMs ?? 5 * 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let interruptions = 0;
  let bytesSent = 0;

  async function startSession(): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        options.onSessionStarted?.();
        const answer = await request<unknown>({
          method: 'POST',
          url: options.startUrl,
          json: options.metadata,
          headers: { 'X-Upload-Content-Length': String(size), 'X-Upload-Content-Type': media.mimeType },
        });
        const location = answer.headers.get('location');
        if (!location) throw new NetworkError('transient', 'unexpected_response', 'The upload session was started without a session URI');
        return location;
      } catch (error) {
        // A session whose answer was lost holds no bytes and never becomes a video: starting another is safe.
        if (error instanceof NetworkError && error.kind === 'ambiguous' && attempt < 2) continue;
        if (error instanceof NetworkError && error.kind === 'ambiguous')
          throw new NetworkError('transient', error.code, error.message, error.details);
        throw error;
      }
    }
  }

  /** Asks the session how much it holds; the resource when it already has everything. */
  async function status(session: string): Promise<{ offset: number } | { done: GoogleResponse<T> }> {
    const answer = await request<T>({ method: 'PUT', url: session, headers: { 'Content-Range': `bytes */${size}` }, accept: [308] });
    if (answer.status === 308) return { offset: nextOffset(answer.headers) };
    return { done: answer };
  }

  /** Gives up: ambiguous once the last byte may have arrived (the video may exist), else a plain retry later. */
  const giveUp = (reachedEnd: boolean) =>
    reachedEnd
      ? new NetworkError('ambiguous', 'upload_interrupted', 'The upload was cut off after its last byte; the video may exist')
      : new NetworkError('transient', 'upload_interrupted', `The upload was cut off ${interruptions} times; it will be tried again later`);

  let session = await startSession();
  let offset = 0;
  let reachedEnd = false;
  let needStatus = false;
  for (;;) {
    if (needStatus || (offset >= size && size > 0)) {
      // After a cut, or when everything arrived but the last answer was lost: ask the session.
      try {
        const state = await status(session);
        if ('done' in state) return { resource: state.done.body, bytesSent, interruptions };
        offset = state.offset;
        needStatus = false;
      } catch (error) {
        const gone = error instanceof NetworkError && (error.details.status === 404 || error.details.status === 410);
        if (gone && !reachedEnd) {
          // The session expired (about a week) or was lost: start over.
          session = await startSession();
          offset = 0;
          needStatus = false;
          continue;
        }
        if (!resumable(error)) throw gone ? giveUp(true) : error;
        interruptions += 1;
        if (interruptions > maxInterruptions) throw giveUp(reachedEnd);
        await sleep(Math.min(30_000, 250 * 2 ** Math.min(interruptions, 7)));
        continue;
      }
    }
    const end = Math.min(size, offset + chunk);
    const body = await readRange(media, offset, end);
    try {
      bytesSent += body.byteLength;
      if (end >= size) reachedEnd = true;
      const answer = await request<T>({
        method: 'PUT',
        url: session,
        bytes: body,
        headers: { 'Content-Type': media.mimeType, 'Content-Range': `bytes ${offset}-${end - 1}/${size}` },
        accept: [308],
        timeoutMs: chunkTimeoutMs,
      });
      if (answer.status !== 308) return { resource: answer.body, bytesSent, interruptions };
      offset = nextOffset(answer.headers);
    } catch (error) {
      if (!resumable(error)) throw error;
      interruptions += 1;
      if (interruptions > maxInterruptions) throw giveUp(reachedEnd);
      if (error instanceof NetworkError && error.details.status !== undefined)
        await sleep(Math.min(30_000, 250 * 2 ** Math.min(interruptions, 7)));
      needStatus = true;
    }
  }
}
