/**
 * Serving stored media over HTTP, streamed from the media store with single byte ranges
 * (RFC 9110 §14): `Range: bytes=a-b`, `bytes=a-` and `bytes=-n` answer 206 with Content-Range;
 * a range wholly past the end answers 416 (`range_not_satisfiable`, with `Content-Range: bytes
 * *\/size`); several ranges or a malformed header are ignored and the whole file is sent, as
 * the RFC allows. Video players and networks that fetch by URL seek with ranges.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import type { MediaStore } from './store.ts';

/** A parsed Range header: the inclusive byte span to send, 'unsatisfiable', or null (send everything). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== '' && Number(match[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** Sends a stored file (or the asked range of it) as a stream; null when the file is missing. */
export async function sendStored(
  reply: FastifyReply,
  store: MediaStore,
  file: { sha256: string; mimeType: string },
  rangeHeader: string | undefined,
  cacheControl: string,
): Promise<FastifyReply | null> {
  const size = await store.size(file.sha256);
  if (size === null) return null;
  const range = parseRange(rangeHeader, size);
  reply
    .header('content-type', file.mimeType)
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff')
    .header('accept-ranges', 'bytes');
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${size}`);
    throw new AppError(416, 'range_not_satisfiable', `The file has ${size} bytes`, { size });
  }
  const stream = await store.stream(file.sha256, range ? { start: range.start, end: range.end + 1 } : undefined);
  if (!stream) return null;
  if (range) {
    return reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', String(range.end - range.start + 1))
      .send(stream);
  }
  return reply.header('content-length', String(size)).send(stream);
}
