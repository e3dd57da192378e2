/**
 * The inbox benchmark (issue 14): ingest rate through the product's own ingestion
 * (`ingestInbound`: classify, conversations, items once per channel and remote id, rules, events)
 * in pages of 100 per channel as polling delivers them; the same items delivered again by push and
 * by poll (duplicates must be 0); then list (first page and a cursor page of 50, with filters),
 * full-text search and the 90-day service report, each as a p95 over repeated runs.
 */
import pino from 'pino';
import { createTestDatabase, TEST_POSTGRES_URL, type DbKind } from '../../test/helpers/db.ts';
import { migrate, openDatabase, type PlazaDatabase } from '../../src/db/database.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/lib/clock.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { InboundItem } from '../../src/networks/inbox.ts';
import { ingestInbound } from '../../src/modules/inbox/commands.ts';
import { inboxRepository, type ConversationFilter } from '../../src/modules/inbox/repository.ts';
import { serviceReport } from '../../src/modules/inbox/service-levels.ts';
import { searchText } from '../../src/modules/inbox/text.ts';
import { decodeCursor, encodeCursor } from '../../src/lib/pagination.ts';
import { addDays, daysFromTo, localDay } from '../../src/lib/brand-days.ts';

export interface InboxRunOptions {
  kind: DbKind;
  items: number;
  channels: number;
  /** Items per conversation thread on average. */
  perThread?: number;
  /** Timed runs per measured query. */
  repeats?: number;
  /**
   * After the timed ingestion, grow the inbox with SQL (generate_series, not the API) to this many items, conversations
   * and contacts before the list, search and report are measured (the 1,000,000 / 200,000 / 100,000).
   */
  fill?: { items: number; conversations: number; contacts: number };
  /** Postgres: keep the database after the run (its name is logged and returned as `database`), to measure it again. */
  keepDatabase?: boolean;
  /**
   * Postgres: measure list, search and report on a database an earlier run kept (migrated first), without ingesting or
   * filling again; the ingestion figures are then null.
   */
  reuseDatabase?: string;
  log?: (line: string) => void;
}

export interface InboxRunResult {
  kind: DbKind;
  /** Items in the inbox when list, search and report were measured. */
  items: number;
  /** Items stored by the timed ingestion. */
  /** Items stored by the timed ingestion (null: a reused database, not ingested in this run). */
  ingested: number | null;
  channels: number;
  conversations: number;
  ingest_items_per_s: number | null;
  ingest_duplicates: number | null;
  redelivered: number | null;
  list_p95_ms: number;
  search_p95_ms: number;
  report_p95_ms: number;
  /** The kept or reused Postgres database's name. */
  database?: string;
}

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ES =
  'hola pedido roto tarde gracias envío tienda precio horario abrís domingo café pan me encanta fatal genial atención cliente devolución'.split(
    ' ',
  );
const EN =
  'hello order broken late thanks shipping store price hours open sunday coffee bread love awful great support customer refund'.split(' ');
const KINDS = ['comment', 'reply', 'mention', 'direct_message'] as const;

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] * 10) / 10;
}

/** Runs the benchmark on one engine (a throwaway database). */
export async function runInbox(options: InboxRunOptions): Promise<InboxRunResult> {
  const log = options.log ?? (() => undefined);
  const perThread = options.perThread ?? 5;
  const repeats = options.repeats ?? 40;
  if (options.reuseDatabase) {
    const database = await openDatabase({ databaseUrl: databaseUrl(options.reuseDatabase) });
    try {
      await migrate(database);
      const db = database.db;
      const ws = await db.selectFrom('workspaces').select('id').where('name', '=', 'Bench').executeTakeFirstOrThrow();
      const user = await db.selectFrom('users').select('id').where('email', '=', 'bench@example.com').executeTakeFirstOrThrow();
      const channels = await db.selectFrom('channels').select(['id', 'name']).where('workspace_id', '=', ws.id).execute();
      const count = async (table: 'inbox_items' | 'inbox_conversations') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      log(`  reusing ${options.reuseDatabase}`);
      return {
        kind: options.kind,
        items: await count('inbox_items'),
        ingested: null,
        channels: channels.length,
        conversations: await count('inbox_conversations'),
        ingest_items_per_s: null,
        ingest_duplicates: null,
        redelivered: null,
        ...(await measureQueries(database, ws.id, user.id, channels, repeats)),
        database: options.reuseDatabase,
      };
    } finally {
      await database.close();
    }
  }
  const database = await createTestDatabase(options.kind);
  const keep = options.keepDatabase === true && 'url' in database && typeof database.url === 'string';
  try {
    const ctx = {
      config: loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
      database,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      networks: { has: () => false, list: () => [] },
    } as unknown as AppContext;
    const db = database.db;
    const user = await db
      .insertInto('users')
      .values({ email: 'bench@example.com', name: 'Bench', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ws = await db
      .insertInto('workspaces')
      .values({ name: 'Bench', time_zone: 'Europe/Madrid', language: 'es' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const channels = await db
      .insertInto('channels')
      .values(
        Array.from({ length: options.channels }, (_, i) => ({
          workspace_id: ws.id,
          network: i % 2 ? 'bluesky' : 'mastodon',
          name: `c${i}`,
          credentials_sealed: 'x',
          settings: '{}',
          account: 'null',
        })),
      )
      .returning(['id', 'workspace_id', 'network', 'name'])
      .execute();

    // Items: spread over channels and the last 80 days, grouped into threads, oldest first per channel.
    const random = mulberry32(42);
    const now = Date.now();
    const perChannel = Math.ceil(options.items / options.channels);
    const byChannel: InboundItem[][] = channels
      .map((_, c) =>
        Array.from({ length: perChannel }, (_, i) => {
          const es = random() < 0.6;
          const words = es ? ES : EN;
          const length = 6 + Math.floor(random() * 14);
          const thread = `t${c}-${Math.floor(i / perThread)}`;
          return {
            remoteId: `i${c}-${i}`,
            kind: KINDS[Math.floor(random() * KINDS.length)],
            threadRemoteId: thread,
            author: { id: `a${Math.floor(random() * 20_000)}`, handle: `user${Math.floor(random() * 20_000)}` },
            text: Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' '),
            url: null,
            language: es ? 'es' : 'en',
            createdAt: new Date(now - 80 * 86_400_000 + ((c * perChannel + i) / options.items) * 80 * 86_400_000).toISOString(),
          } satisfies InboundItem;
        }),
      )
      .map((list) => list.slice(0, Math.max(0, Math.min(list.length, options.items))));
    const total = byChannel.reduce((s, l) => s + l.length, 0);

    // Warm up the classifier and the statements on a channel of its own.
    await ingestInbound(
      ctx,
      channels[0],
      byChannel[0].slice(0, 50).map((item) => ({ ...item, remoteId: `warm-${item.remoteId}` })),
      'poll',
    );

    const PAGE = 100;
    let created = 0;
    const started = performance.now();
    for (let offset = 0; offset < perChannel; offset += PAGE) {
      for (const [c, channel] of channels.entries()) {
        const page = byChannel[c].slice(offset, offset + PAGE);
        if (page.length) created += (await ingestInbound(ctx, channel, page, 'poll')).created;
      }
      log(`  ingested ${Math.min(total, created)} / ${total}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const ingestRate = Math.round(created / seconds);

    // The same items again: half of them by push, then all of them by poll.
    let again = 0;
    let redelivered = 0;
    for (const [c, channel] of channels.entries()) {
      const list = byChannel[c];
      for (let offset = 0; offset < list.length; offset += PAGE) {
        const page = list.slice(offset, offset + PAGE);
        const pushed = page.filter((_, i) => i % 2 === 0);
        again += (await ingestInbound(ctx, channel, pushed, 'push')).created;
        again += (await ingestInbound(ctx, channel, page, 'poll')).created;
        redelivered += pushed.length + page.length;
      }
    }
    const conversations = Number(
      (
        await db
          .selectFrom('inbox_conversations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    // A realistic spread: some assigned, labelled, resolved.
    await db
      .updateTable('inbox_conversations')
      .set({ assignee_user_id: user.id, labels: JSON.stringify(['queja']) })
      .where('thread_remote_id', 'like', '%1')
      .execute();
    log(`  ${conversations} conversations; redelivered ${redelivered} items, ${again} stored again`);
    let items = created;
    let allConversations = conversations;
    if (options.fill && options.fill.items > created) {
      const t0 = performance.now();
      await fillInbox(database, ws.id, user.id, {
        items: options.fill.items - created,
        conversations: Math.max(1, options.fill.conversations - conversations),
        contacts: options.fill.contacts,
        log,
      });
      items = options.fill.items;
      allConversations = Math.max(conversations, options.fill.conversations);
      log(
        `  filled to ${items} items, ${allConversations} conversations, ${options.fill.contacts} contacts in ${Math.round((performance.now() - t0) / 1000)} s`,
      );
    }

    const measured = await measureQueries(database, ws.id, user.id, channels, repeats);
    return {
      kind: options.kind,
      items,
      ingested: created,
      channels: options.channels,
      conversations: allConversations,
      ingest_items_per_s: ingestRate,
      ingest_duplicates: again,
      redelivered,
      ...measured,
      ...(keep ? { database: new URL(database.url as string).pathname.slice(1) } : {}),
    };
  } finally {
    if (keep) {
      log(`  kept the database ${new URL(database.url as string).pathname.slice(1)} (--reuse-db it; drop it when done)`);
      await database.db.destroy();
    } else await database.close();
  }
}

/** A database on the benchmark's Postgres server, by name. */
function databaseUrl(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a database name: ${name}`);
  return TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`);
}

/** List (first and cursor pages, each filter), search and the 90-day report, timed; their p95s. */
async function measureQueries(
  database: PlazaDatabase,
  workspaceId: string,
  userId: string,
  channels: ReadonlyArray<{ id: string; name: string }>,
  repeats: number,
) {
  const db = database.db;
  const ws = { id: workspaceId };
  const user = { id: userId };
  const now = Date.now();
  const middle = channels.find((c) => c.name === `c${Math.floor(channels.length / 2)}`) ?? channels[0];
  const filters: Array<Omit<ConversationFilter, 'userId'>> = [
    { view: 'all', state: 'active' },
    { view: 'mine', state: 'active' },
    { view: 'unassigned', state: 'any' },
    { view: 'all', state: 'active', kind: 'direct_message' },
    { view: 'all', state: 'any', label: 'queja' },
    { view: 'all', state: 'active', channelId: middle.id },
  ];
  const listTimes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const filter = { ...filters[r % filters.length], userId: user.id };
    let t0 = performance.now();
    const first = await inboxRepository.listConversations(db, ws.id, filter, { limit: 50, cursor: null });
    listTimes.push(performance.now() - t0);
    const last = first[49];
    if (last) {
      t0 = performance.now();
      await inboxRepository.listConversations(db, ws.id, filter, {
        limit: 50,
        cursor: decodeCursor(encodeCursor(last.cursor_at, last.id)),
      });
      listTimes.push(performance.now() - t0);
    }
  }
  const searches = ['pedido roto', 'envio', 'gracias domingo', 'refund', 'atencion cliente', 'user123'];
  const searchTimes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await inboxRepository.listConversations(
      db,
      ws.id,
      { view: 'all', state: 'any', userId: user.id, search: searchText(searches[r % searches.length]) },
      { limit: 50, cursor: null },
    );
    searchTimes.push(performance.now() - t0);
  }
  // The last 90 brand days, as the report's route asks for them (its days in the workspace's zone).
  const lastDay = localDay(now, 'Europe/Madrid');
  const reportRange = daysFromTo(addDays(lastDay, -89), lastDay, 'Europe/Madrid');
  const reportTimes: number[] = [];
  for (let r = 0; r < Math.max(5, Math.floor(repeats / 4)); r++) {
    const t0 = performance.now();
    await serviceReport(db, ws.id, reportRange);
    reportTimes.push(performance.now() - t0);
  }
  return { list_p95_ms: p95(listTimes), search_p95_ms: p95(searchTimes), report_p95_ms: p95(reportTimes) };
}

const FILL_ES = ES.map((w) => `'${w}'`).join(',');
const FILL_EN = EN.map((w) => `'${w}'`).join(',');

/**
 * Grows the benchmark's inbox with SQL: conversations on the workspace's channels spread over the last 80 days
 * (a tenth assigned and labelled, a fifth resolved), five items each (the fifth our answer, with the wait it ended),
 * texts from the same words, and contacts with an identity each. Multi-row INSERT … SELECT from generate_series in
 * slices of 100,000 rows; then VACUUM ANALYZE, as autovacuum would.
 */
export async function fillInbox(
  database: PlazaDatabase,
  workspaceId: string,
  userId: string,
  fill: { items: number; conversations: number; contacts: number; log: (line: string) => void },
): Promise<void> {
  const run = (statement: string) => database.raw.exec(statement);
  const C = fill.conversations;
  const span = 80 * 86_400;
  await run(`
    CREATE TEMP TABLE bench_channels AS
      SELECT id, network, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM channels WHERE workspace_id = '${workspaceId}';
  `);
  const channels = `(SELECT count(*) FROM bench_channels)`;
  for (let from = 1; from <= C; from += 100_000) {
    const to = Math.min(C, from + 99_999);
    await run(`
      INSERT INTO inbox_conversations (id, workspace_id, channel_id, network, thread_remote_id, kind, state, assignee_user_id, labels,
                                       author_handle, author_name, preview, sentiment, unread_count, item_count, last_inbound_at,
                                       last_message_at, resolved_at, waiting_since, first_response_at, created_at, updated_at)
      SELECT md5('fill-c' || g)::uuid, '${workspaceId}', ch.id, ch.network, 'fill-' || g,
             (ARRAY['comment','reply','mention','direct_message'])[1 + g % 4],
             CASE WHEN g % 5 = 0 THEN 'resolved' WHEN g % 5 = 1 THEN 'pending' WHEN g % 5 = 2 THEN 'open' ELSE 'new' END,
             CASE WHEN g % 10 = 1 THEN '${userId}'::uuid END, CASE WHEN g % 10 = 1 THEN '["queja"]' ELSE '[]' END::jsonb,
             'fan' || (g % 100000), 'Fan ' || (g % 100000), 'hola', 'neutral', g % 3, 5,
             t, t, CASE WHEN g % 5 = 0 THEN t END, CASE WHEN g % 5 IN (2, 3, 4) THEN t - interval '1 hour' END,
             CASE WHEN g % 5 IN (0, 1) THEN t - interval '3 hours' END, t - interval '1 day', t
        FROM generate_series(${from}, ${to}) g,
             LATERAL (SELECT now() - ((g::float8 / ${C}) * ${span}) * interval '1 second' AS t) tt,
             LATERAL (SELECT id, network FROM bench_channels WHERE n = g % ${channels}) ch;
    `);
    fill.log(`  filled ${to} / ${C} conversations`);
  }
  for (let from = 1; from <= fill.items; from += 100_000) {
    const to = Math.min(fill.items, from + 99_999);
    await run(`
      INSERT INTO inbox_items (workspace_id, channel_id, conversation_id, remote_id, kind, direction, author_id, author_handle,
                               author_name, text, search_text, language, sentiment, sentiment_score, received_via,
                               remote_created_at, created_at, waited_since, first_response)
      SELECT '${workspaceId}', c.channel_id, c.id, 'fill-i' || g, c.kind, CASE WHEN m = 4 THEN 'outbound' ELSE 'inbound' END,
             CASE WHEN m = 4 THEN '' ELSE 'f' || (g % 100000) END, CASE WHEN m = 4 THEN '' ELSE 'fan' || (g % 100000) END, NULL,
             w.text, translate(lower(w.text), 'áéíóúñü', 'aeiounu'), CASE WHEN g % 5 < 3 THEN 'es' ELSE 'en' END,
             (ARRAY['positive','neutral','negative'])[1 + g % 3], 0.5, 'poll',
             c.last_message_at - (4 - m) * interval '20 minutes', c.created_at,
             CASE WHEN m = 4 AND c.first_response_at IS NOT NULL THEN c.first_response_at - interval '2 hours' END, m = 4
        FROM generate_series(${from}, ${to}) g,
             LATERAL (SELECT (g - 1) % ${C} + 1 AS conv, ((g - 1) / ${C})::int % 5 AS m) k,
             LATERAL (SELECT * FROM inbox_conversations WHERE id = md5('fill-c' || k.conv)::uuid) c,
             LATERAL (SELECT array_to_string(ARRAY(
                        SELECT (CASE WHEN g % 5 < 3 THEN ARRAY[${FILL_ES}] ELSE ARRAY[${FILL_EN}] END)[1 + floor(random() * 20)::int]
                          FROM generate_series(1, 6 + (g % 14) + 0 * g)), ' ') AS text) w;
    `);
    fill.log(`  filled ${to} / ${fill.items} items`);
  }
  await run(`
    INSERT INTO contacts (id, workspace_id, display_name, search_text)
      SELECT md5('fill-p' || g)::uuid, '${workspaceId}', 'Fan ' || g, 'fan ' || g FROM generate_series(0, ${fill.contacts - 1}) g;
    INSERT INTO contact_identities (workspace_id, contact_id, network, author_id, handle)
      SELECT '${workspaceId}', md5('fill-p' || g)::uuid, 'mastodon', 'f' || g, 'fan' || g FROM generate_series(0, ${fill.contacts - 1}) g;
    DROP TABLE bench_channels;
  `);
  // As autovacuum leaves a table after bulk inserts (Postgres 13+ vacuums after inserts too): statistics, and the
  // visibility map that lets index-only scans skip the table. One statement each (VACUUM runs outside a transaction).
  // The search rows (1231) and the reply-time days (1230) are filled by triggers: without their statistics the planner
  // guessed a hundred matching conversations for a common word (112,357 there were) and searched at 480 ms instead of 33.
  for (const table of [
    'inbox_items',
    'inbox_conversations',
    'inbox_conversation_search',
    'inbox_answer_days',
    'inbox_report_days',
    'contacts',
    'contact_identities',
  ])
    await run(`VACUUM ANALYZE ${table}`);
}
