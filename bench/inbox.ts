/**
 * The inbox benchmark (issue 14): ingest rate and duplicates when the same items come again by
 * push and by poll, then list / search / 90-day report p95, on Postgres (a throwaway database on
 * 127.0.0.1:5432) and on the embedded database. See bench/lib/inbox-run.ts.
 *
 * On Postgres, after the timed ingestion the inbox is grown with SQL (generate_series) to 1,000,000 items,
 * 200,000 conversations and 100,000 contacts before list, search and report are measured.
 *
 *   npm run bench:inbox [-- --json] [-- --small] [-- --items N --channels N --embedded-items N]
 *                       [-- --fill-items N --fill-conversations N --fill-contacts N] (--fill-items 0: no fill)
 */
import { runInbox, type InboxRunResult } from './lib/inbox-run.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const numberArg = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
// --small: the size test/bench-inbox.test.ts runs (2,000 items, 20 channels).
const small = args.includes('--small');
const ITEMS = numberArg('--items', small ? 2000 : 100_000);
const CHANNELS = numberArg('--channels', small ? 20 : 500);
const EMBEDDED_ITEMS = numberArg('--embedded-items', Math.min(ITEMS, 100_000));
const FILL = {
  items: numberArg('--fill-items', small ? 0 : 1_000_000),
  conversations: numberArg('--fill-conversations', small ? 0 : 200_000),
  contacts: numberArg('--fill-contacts', small ? 0 : 100_000),
};
const log = json ? () => undefined : (line: string) => process.stdout.write(`${line}\n`);

let postgres: InboxRunResult | null = null;
try {
  log(`postgres: ${ITEMS} items across ${CHANNELS} channels`);
  postgres = await runInbox({ kind: 'postgres', items: ITEMS, channels: CHANNELS, log, ...(FILL.items > 0 ? { fill: FILL } : {}) });
  // Printed as soon as it is known: the embedded run that follows takes minutes.
  log(`  postgres done: ${JSON.stringify(postgres)}`);
} catch (error) {
  process.stderr.write(`Postgres run skipped: ${(error as Error).message}\n`);
}
log(`embedded: ${EMBEDDED_ITEMS} items across ${CHANNELS} channels`);
const embedded = await runInbox({ kind: 'embedded', items: EMBEDDED_ITEMS, channels: CHANNELS, log });

if (!json) {
  const row = (r: InboxRunResult | null) =>
    r
      ? `${r.ingested} items ingested (${r.items} items, ${r.conversations} conversations measured): ingest ${r.ingest_items_per_s}/s, duplicates ${r.ingest_duplicates} of ${r.redelivered} redelivered, list p95 ${r.list_p95_ms} ms, search p95 ${r.search_p95_ms} ms, report p95 ${r.report_p95_ms} ms`
      : 'n/a';
  process.stdout.write(`inbox benchmark\n  postgres: ${row(postgres)}\n  embedded: ${row(embedded)}\n`);
}
process.stdout.write(
  `${JSON.stringify({
    items: postgres?.items ?? null,
    channels: CHANNELS,
    ingest_items_per_s: postgres?.ingest_items_per_s ?? null,
    ingest_items_per_s_embedded: embedded.ingest_items_per_s,
    ingest_duplicates: (postgres?.ingest_duplicates ?? 0) + embedded.ingest_duplicates,
    list_p95_ms: postgres?.list_p95_ms ?? null,
    search_p95_ms: postgres?.search_p95_ms ?? null,
    report_p95_ms: postgres?.report_p95_ms ?? null,
    list_p95_ms_embedded: embedded.list_p95_ms,
    items_embedded: embedded.items,
    conversations: postgres?.conversations ?? null,
  })}\n`,
);
