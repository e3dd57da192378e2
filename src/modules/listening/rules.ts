/** Checks listening requests share: date ranges and the query language. */
import { AppError, badRequest } from '../../lib/errors.ts';
import { tryParseQuery, type QueryParseError } from './core/index.ts';

/** A time range of published mentions. */
export interface Range {
  from: Date;
  to: Date;
}

/** The range asked for, or the last `defaultDays` up to a minute from now; a backwards range is a 400. */
export function rangeOf(ctx: { clock: { now(): number } }, query: { from?: string | Date; to?: string | Date }, defaultDays = 7): Range {
  const to = query.to ? new Date(query.to) : new Date(ctx.clock.now() + 60_000);
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultDays * 86_400_000);
  assertRangeOrder(from, to);
  return { from, to };
}

/** A backwards date range is a 400 (analysis ranges, and the mention stream and export). */
export function assertRangeOrder(from: Date, to: Date): void {
  if (from >= to) throw badRequest('bad_range', '"from" must be before "to"');
}

/** A query parse error as a 400 with the position and the reason code + parameters the web app translates. */
function queryError(error: QueryParseError): AppError {
  return new AppError(400, 'invalid_query', error.message, {
    position: error.position,
    expected: error.expected,
    reason: error.reason,
    params: error.params,
    message: error.message,
  });
}

/** Parses a listening query; a bad one is a 400 `invalid_query` with its position and what was expected. */
export function checkQuery(query: string) {
  const parsed = tryParseQuery(query);
  if (!parsed.ok) throw queryError(parsed.error);
  return parsed.node;
}
