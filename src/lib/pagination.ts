import { z } from 'zod';
import { badRequest } from './errors.ts';

/** Query parameters every list endpoint accepts. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export interface Cursor {
  /** The sort instant exactly as the database holds it: UTC, up to microseconds (`2026-12-04T19:19:45.123456Z`). */
  at: string;
  id: string;
}

/** A cursor's instant: ISO 8601 in UTC with up to six fractional digits, years 0001–9999. */
const EXACT_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Opaque cursor: base64url of the last row's exact sort key, so pages stay stable under inserts. */
export function encodeCursor(at: string, id: string): string {
  if (!EXACT_INSTANT.test(at)) throw new Error(`Cursor instants must be exact UTC text (exactInstant), got ${at}`);
  return Buffer.from(JSON.stringify({ at, id })).toString('base64url');
}

/** Reads a cursor from a client; a forged or corrupt one is a 400, not a 500. */
export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (
      typeof parsed.at !== 'string' ||
      typeof parsed.id !== 'string' ||
      !EXACT_INSTANT.test(parsed.at) ||
      Number.isNaN(Date.parse(parsed.at))
    )
      throw new Error();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(parsed.id)) throw new Error();
    return { at: parsed.at, id: parsed.id };
  } catch {
    throw badRequest('invalid_cursor', 'Invalid cursor');
  }
}

/** Builds `{ items, nextCursor }` from limit+1 rows; `key` gives a row's exact instant text (see exactInstant) and id. */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => { at: string; id: string }) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(key(last).at, key(last).id) : null;
  return { items, nextCursor };
}

/** Cursor over a numeric sequence (event ids), newest first. */
export function encodeSequenceCursor(id: number): string {
  return Buffer.from(`seq:${id}`).toString('base64url');
}

/** Reads a sequence cursor; a corrupt one is a 400. */
export function decodeSequenceCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const match = /^seq:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badRequest('invalid_cursor', 'Invalid cursor');
  return Number(match[1]);
}
