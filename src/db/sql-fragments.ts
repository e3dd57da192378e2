/** SQL fragments repositories share: exact keyset cursors and brand-zone dates, computed by the database. */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Cursor } from '../lib/pagination.ts';

/**
 * A timestamptz column as exact text (UTC, microseconds). JavaScript dates keep
 * only milliseconds while Postgres keeps microseconds, so a keyset cursor built
 * from a `Date` would skip the rows that share its millisecond: select the sort
 * key with this, and put that text in the cursor.
 */
export function exactInstant(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * The keyset condition for a newest-first list ordered by (instant desc, id desc):
 * rows strictly after the cursor. The cursor's instant is compared as a
 * microsecond timestamp, never through a JavaScript `Date`.
 */
export function olderThanCursor(atColumn: string, idColumn: string, cursor: Cursor): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(atColumn)}, ${sql.ref(idColumn)}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

/** SQL for the calendar date of a timestamptz expression in a zone (the database's tz rules, so rollups and rebuilds agree). */
export function sqlLocalDate(instant: Date, timeZone: string) {
  return sql<string>`(${instant}::timestamptz AT TIME ZONE ${timeZone})::date`;
}
