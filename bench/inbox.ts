/**
 * The inbox benchmark (issue 14): ingest rate and duplicates when the same items come again by
 * push and by poll, then list / search / 90-day report p95, on Postgres (a throwaway database on
 * 127.0.0.1:5432) and on the embedded database. See bench/lib/inbox-run.ts.
 *
 * On Postgres, after the timed ingestion the inbox is grown with SQL (generate_series) to 1,000,000 items,
 * 200,000 conversations and 100,000 contacts before list, search and report are measured.
 *
 * Then the reply chaos run (bench/lib/inbox-replies-run.ts): 1,000 replies from the inbox on Facebook,
 * Instagram, X, Telegram and LinkedIn channels on their local contract servers, with 5 % 5xx and 2 % answers lost
 * after acceptance and one SIGKILL of a reply worker: reply_duplicates and reply_lost, counted from
 * the networks' own stores.
 *
 *   npm run bench:inbox [-- --json] [-- --small] [-- --items N --channels N --embedded-items N]
 *                       [-- --fill-items N --fill-conversations N --fill-contacts N] (--fill-items 0: no fill)
 *                       [-- --replies N --reply-channels N] [-- --only=replies | --only=ingest | --only=postgres | --only=embedded]
 *                       [-- --keep-db] [-- --reuse-db NAME]
 *
 * --keep-db keeps the filled Postgres database (its name is printed); --reuse-db NAME measures list, search and report
 * again on it (migrating it first, so a newer checkout measures its own queries on the same data) without ingesting or
 * filling (the ingestion figures are then null). Drop the database when done: `DROP DATABASE NAME`.
 */
import { randomBytes } from 'node:crypto';
import { SecretBox } from '../src/lib/crypto.ts';
import { runInbox, type InboxRunResult } from './lib/inbox-run.ts';
import { FULL_REPLIES, SMALL_REPLIES, runInboxReplies, type InboxRepliesResult } from './lib/inbox-replies-run.ts';

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
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const REPLIES = numberArg('--replies', small ? SMALL_REPLIES.replies : FULL_REPLIES.replies);
const keepDatabase = args.includes('--keep-db');
const reuseAt = args.indexOf('--reuse-db');
const reuseDatabase = reuseAt >= 0 ? args[reuseAt + 1] : undefined;
const REPLY_CHANNELS = numberArg('--reply-channels', small ? SMALL_REPLIES.channelsPerNetwork : FULL_REPLIES.channelsPerNetwork);

let postgres: InboxRunResult | null = null;
let embedded: InboxRunResult | null = null;
let replies: InboxRepliesResult | null = null;
if (only !== 'replies' && only !== 'embedded') {
  try {
    log(`postgres: ${ITEMS} items across ${CHANNELS} channels`);
    postgres = await runInbox({
      kind: 'postgres',
      items: ITEMS,
      channels: CHANNELS,
      log,
      keepDatabase,
      reuseDatabase,
      ...(FILL.items > 0 ? { fill: FILL } : {}),
    });
    // Printed as soon as it is known: the embedded run that follows takes minutes.
    log(`  postgres done: ${JSON.stringify(postgres)}`);
  } catch (error) {
    process.stderr.write(`Postgres run skipped: ${(error as Error).message}\n`);
  }
}
if (only !== 'replies' && only !== 'postgres') {
  log(`embedded: ${EMBEDDED_ITEMS} items across ${CHANNELS} channels`);
  embedded = await runInbox({ kind: 'embedded', items: EMBEDDED_ITEMS, channels: CHANNELS, log });
}
if (only !== 'ingest' && only !== 'postgres' && only !== 'embedded') {
  log(`replies: ${REPLIES} replies across ${REPLY_CHANNELS} channels per network, 5% 5xx, 2% lost answers, one SIGKILL`);
  const secret = `bench-${randomBytes(16).toString('hex')}`;
  try {
    replies = await runInboxReplies({ replies: REPLIES, channelsPerNetwork: REPLY_CHANNELS, secret, secrets: new SecretBox(secret), log });
    log(`  replies done: ${JSON.stringify(replies)}`);
  } catch (error) {
    process.stderr.write(`Reply run skipped: ${(error as Error).message}\n`);
  }
}

if (!json) {
  const row = (r: InboxRunResult | null) =>
    r
      ? `${r.ingested} items ingested (${r.items} items, ${r.conversations} conversations measured): ingest ${r.ingest_items_per_s}/s, duplicates ${r.ingest_duplicates} of ${r.redelivered} redelivered, list p95 ${r.list_p95_ms} ms, search p95 ${r.search_p95_ms} ms, report p95 ${r.report_p95_ms} ms`
      : 'n/a';
  const replyRow = replies
    ? `${replies.replies} replies, ${replies.sent} sent, ${replies.failed} failed, duplicates ${replies.reply_duplicates}, lost ${replies.reply_lost}, ${replies.injected.error5xx} 5xx and ${replies.injected.lostAnswers} lost answers injected, ${replies.kills} SIGKILL, settled in ${replies.elapsed_ms} ms`
    : 'n/a';
  process.stdout.write(`inbox benchmark\n  postgres: ${row(postgres)}\n  embedded: ${row(embedded)}\n  replies: ${replyRow}\n`);
}
process.stdout.write(
  `${JSON.stringify({
    items: postgres?.items ?? null,
    channels: CHANNELS,
    ingest_items_per_s: postgres?.ingest_items_per_s ?? null,
    ingest_items_per_s_embedded: embedded?.ingest_items_per_s ?? null,
    ingest_duplicates:
      postgres?.ingest_duplicates != null || embedded?.ingest_duplicates != null
        ? (postgres?.ingest_duplicates ?? 0) + (embedded?.ingest_duplicates ?? 0)
        : null,
    list_p95_ms: postgres?.list_p95_ms ?? null,
    search_p95_ms: postgres?.search_p95_ms ?? null,
    report_p95_ms: postgres?.report_p95_ms ?? null,
    list_p95_ms_embedded: embedded?.list_p95_ms ?? null,
    items_embedded: embedded?.items ?? null,
    conversations: postgres?.conversations ?? null,
    database: postgres?.database ?? null,
    replies: replies?.replies ?? null,
    replies_sent: replies?.sent ?? null,
    replies_failed: replies?.failed ?? null,
    reply_duplicates: replies?.reply_duplicates ?? null,
    reply_lost: replies?.reply_lost ?? null,
    reply_settle_ms: replies?.elapsed_ms ?? null,
    reply_injected_5xx: replies?.injected.error5xx ?? null,
    reply_injected_lost_answers: replies?.injected.lostAnswers ?? null,
    reply_kills: replies?.kills ?? null,
  })}\n`,
);
