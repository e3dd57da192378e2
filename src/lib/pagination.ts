import { z } from 'zod';
import { badRequest } from './errors.ts';

/** Query parameters every list endpoint accepts. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export interface Cursor {
  at: string;
  id: string;
}

/** Opaque cursor: base64url of the last row's sort key, so pages stay stable under inserts. */
export function encodeCursor(at: Date | string, id: string): string {
  return Buffer.from(JSON.stringify({ at: new Date(at).toISOString(), id })).toString('base64url');
}

/** Reads a cursor from a client; a forged or corrupt one is a 400, not a 500. */
export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof parsed.at !== 'string' || typeof parsed.id !== 'string' || Number.isNaN(Date.parse(parsed.at))) throw new Error();
    if (!/^[0-9a-f-]{36}$/i.test(parsed.id)) throw new Error();
    return parsed;
  } catch {
    throw badRequest('Invalid cursor');
  }
}

/** Builds `{ items, nextCursor }` from limit+1 rows. */
export function pageOf<T>(rows: T[], limit: number, key: (row: T) => { at: Date | string; id: string }) {
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
  if (!match) throw badRequest('Invalid cursor');
  return Number(match[1]);
}
