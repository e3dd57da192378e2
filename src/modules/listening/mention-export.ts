/** The mention export: the filtered mentions as CSV, newest first, in pages so memory stays flat. */
import { DateTime } from 'luxon';
import { stringifyCsv } from '../../lib/csv.ts';
import type { Cursor } from '../../lib/pagination.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import type { AppContext } from '../../server/context.ts';
import { mentionRepository, type MentionRow } from './repository/mentions.ts';
import { queryRepository } from './repository/queries.ts';
import type { MentionFilters } from './schemas.ts';

/** Most rows one mention export writes (a CSV that spreadsheets still open). */
export const MENTION_EXPORT_MAX_ROWS = 100_000;
const MENTION_EXPORT_COLUMNS = [
  'published_at_utc',
  'published_at_local',
  'network',
  'author_handle',
  'author_name',
  'author_reach',
  'lang',
  'sentiment',
  'sentiment_score',
  'auto_sentiment',
  'corrected',
  'queries',
  'url',
  'text',
  'id',
];

/**
 * The export of a workspace's filtered mentions: its file name (with today's date in the brand's
 * zone) and its CSV text, produced in pages of 1,000 by keyset so a large export never holds every
 * mention in memory. Times are in UTC and in the brand's zone.
 */
export async function mentionExport(
  ctx: AppContext,
  workspaceId: string,
  filters: MentionFilters,
): Promise<{ fileName: string; csv: AsyncGenerator<string> }> {
  const db = ctx.database.db;
  const zone = await workspaceTimeZone(db, workspaceId);
  const queryNames = await queryRepository.namesOf(db, workspaceId);
  async function* csv(): AsyncGenerator<string> {
    yield `\uFEFF${stringifyCsv([MENTION_EXPORT_COLUMNS])}`;
    let after: Cursor | null = null;
    for (let sent = 0; sent < MENTION_EXPORT_MAX_ROWS; ) {
      const rows = await mentionRepository.page(db, workspaceId, filters, after, Math.min(1000, MENTION_EXPORT_MAX_ROWS - sent));
      if (rows.length === 0) return;
      const matches = await mentionRepository.matchesOf(
        db,
        rows.map((r) => r.id),
      );
      yield stringifyCsv(rows.map((row) => mentionCsvRow(row, matches.get(row.id) ?? [], queryNames, zone)));
      sent += rows.length;
      const last = rows[rows.length - 1];
      after = { at: last.cursor_at, id: last.id };
    }
  }
  const day = DateTime.fromMillis(ctx.clock.now(), { zone }).toISODate();
  return { fileName: `plaza-mentions-${day}.csv`, csv: csv() };
}

/**
 * One CSV row of a mention. Cells that a spreadsheet would run as a formula (a stranger's post
 * starting with "=", "+", "-", "@", …) get a leading apostrophe from `stringifyCsv`, in every column.
 */
function mentionCsvRow(row: MentionRow, queryIds: string[], queryNames: Map<string, string>, zone: string): Array<string | number> {
  const cell = (value: string | null) => value ?? '';
  const published = new Date(row.published_at);
  return [
    published.toISOString(),
    DateTime.fromJSDate(published, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"),
    row.network,
    cell(row.author_handle),
    cell(row.author_name),
    row.author_reach ?? '',
    row.lang ?? '',
    row.sentiment ?? '',
    row.sentiment_score ?? '',
    row.auto_sentiment ?? '',
    row.sentiment !== row.auto_sentiment ? 'yes' : 'no',
    cell(queryIds.map((id) => queryNames.get(id) ?? id).join('; ')),
    cell(row.url),
    cell(row.text),
    row.id,
  ];
}
