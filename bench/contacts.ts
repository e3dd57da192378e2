/**
 * Contacts benchmark (`npm run bench:contacts [-- --small] [-- --json]`).
 *
 * An inbox of N authors × 3 messages (one conversation each, one of the three a comment on our post) is
 * generated with SQL, then timed through the contacts module's own code:
 * - `link_authors_per_s`: contacts created from inbox authors by `linkInboxAuthors` (the whole inbox);
 * - `list_p95_ms`: first page of 50 and a cursor page, unfiltered, by stage, and a search;
 * - `profile_p95_ms`: a contact's profile (identities, history, engagement, stage moves);
 * - `conversation_contacts_p95_ms`: the profile beside a conversation (what the inbox asks on opening one);
 * - `stage_change_p95_ms`: a move on the board (transaction, history row, event);
 * - `board_ms`, `suggestions_ms`: one board and one suggestions answer.
 * Postgres with 100,000 authors (300,000 items; `--small`: 10,000), then the embedded database with 10,000
 * (`--small`: 2,000). With `--json` the last line is one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openDatabase, migrate, type PlazaDatabase } from '../src/db/database.ts';
import { loadConfig } from '../src/config.ts';
import { SecretBox } from '../src/lib/crypto.ts';
import { systemClock } from '../src/lib/clock.ts';
import { decodeCursor, encodeCursor } from '../src/lib/pagination.ts';
import { FileMediaStore } from '../src/modules/media/store.ts';
import { NetworkRegistry } from '../src/networks/registry.ts';
import { defaultAdapters } from '../src/networks/index.ts';
import type { AppContext } from '../src/server/context.ts';
import { changeStage, contactsOfConversation, linkInboxAuthors } from '../src/modules/contacts/commands.ts';
import { contactBoard, contactProfile, mergeSuggestions } from '../src/modules/contacts/queries.ts';
import { contactsRepository } from '../src/modules/contacts/repository.ts';
import { createPgDatabase } from './lib/pg.ts';

const json = process.argv.includes('--json');
const small = process.argv.includes('--small');
const log = (line: string) => (json ? console.error(line) : console.log(line));
const WS = '00000000-0000-4000-8000-0000000000a1';
const USER = '00000000-0000-4000-8000-0000000000aa';

function contextFor(database: PlazaDatabase): AppContext {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-contacts-'));
  return {
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1' } as NodeJS.ProcessEnv),
    database,
    secrets: new SecretBox('bench-secret-bench-secret-bench-secret-01'),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    media: new FileMediaStore(path.join(dataDir, 'media')),
    networks: new NetworkRegistry(defaultAdapters()),
  };
}

/** N authors on 20 channels (three networks), one conversation each with three messages. */
async function seed(database: PlazaDatabase, authors: number): Promise<void> {
  await database.raw.exec(`
    INSERT INTO users (id, email, name, password_hash) VALUES ('${USER}', 'bench@example.com', 'Bench', 'x');
    INSERT INTO workspaces (id, name, time_zone, language) VALUES ('${WS}', 'Bench', 'Europe/Madrid', 'es');
    INSERT INTO channels (id, workspace_id, network, name, credentials_sealed)
      SELECT md5('ch' || c)::uuid, '${WS}', (ARRAY['sandbox','bluesky','mastodon'])[1 + c % 3], 'Channel ' || c, 'x'
      FROM generate_series(0, 19) c;
    INSERT INTO inbox_conversations (id, workspace_id, channel_id, network, thread_remote_id, kind, author_handle, author_name, preview, last_message_at)
      SELECT md5('cv' || a)::uuid, '${WS}', md5('ch' || (a % 20))::uuid, (ARRAY['sandbox','bluesky','mastodon'])[1 + (a % 20) % 3],
             'thread-' || a, 'direct_message', 'persona' || a, 'Persona ' || a, 'hola', now() - (a || ' seconds')::interval
      FROM generate_series(1, ${authors}) a;
    INSERT INTO inbox_items (workspace_id, channel_id, conversation_id, remote_id, kind, direction, author_id, author_handle, author_name,
                             text, search_text, post_remote_id, received_via, remote_created_at)
      SELECT '${WS}', md5('ch' || (a % 20))::uuid, md5('cv' || a)::uuid, 'item-' || a || '-' || m,
             CASE WHEN m = 1 THEN 'comment' ELSE 'direct_message' END, 'inbound', 'author-' || a, 'persona' || a, 'Persona ' || a,
             'Mensaje ' || m || ' de la persona ' || a, 'mensaje ' || m || ' de la persona ' || a,
             CASE WHEN m = 1 THEN 'post-' || (a % 500) END, 'poll', now() - ((a * 3 + m) || ' seconds')::interval
      FROM generate_series(1, ${authors}) a, generate_series(1, 3) m;
    ANALYZE;
  `);
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0) * 10) / 10;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

async function run(database: PlazaDatabase, authors: number, label: string): Promise<Record<string, number>> {
  const ctx = contextFor(database);
  const db = database.db;
  log(`${label}: seeding ${authors.toLocaleString('en')} authors (${(authors * 3).toLocaleString('en')} items)…`);
  await seed(database, authors);
  const [created, linkMs] = await timed(() => linkInboxAuthors(ctx, { workspaceId: WS }, 1000));
  if (created !== authors) throw new Error(`linked ${created} of ${authors}`);
  await database.raw.exec('ANALYZE');
  const ids = (await db.selectFrom('contacts').select('id').where('workspace_id', '=', WS).execute()).map((r) => r.id);
  const pick = (i: number) => ids[(i * 7919) % ids.length] as string;
  // A few moves so the stage filter and the board have something in each column.
  const moves: number[] = [];
  for (let i = 0; i < 200; i++) {
    const [, ms] = await timed(() =>
      changeStage(ctx, {
        workspaceId: WS,
        actorUserId: USER,
        contactId: pick(i),
        stage: (['prospect', 'lead', 'customer'] as const)[i % 3],
      }),
    );
    moves.push(ms);
  }
  const lists: number[] = [];
  for (let i = 0; i < 40; i++) {
    const filter = [{}, { stage: 'lead' as const }, { search: `persona ${1 + ((i * 37) % authors)}` }, { label: 'vip' }][i % 4] ?? {};
    const [rows, first] = await timed(() => contactsRepository.list(db, WS, filter, { limit: 50, cursor: null }));
    lists.push(first);
    const last = rows[49];
    if (last) {
      const cursor = decodeCursor(encodeCursor(last.cursor_at, last.id));
      const [, next] = await timed(() => contactsRepository.list(db, WS, filter, { limit: 50, cursor }));
      lists.push(next);
    }
  }
  const profiles: number[] = [];
  for (let i = 0; i < 100; i++) profiles.push((await timed(() => contactProfile(db, WS, pick(i + 1000))))[1]);
  const conversations: number[] = [];
  for (let i = 0; i < 100; i++) {
    const conversationId = (
      await db
        .selectFrom('inbox_conversations')
        .select('id')
        .where('thread_remote_id', '=', `thread-${1 + ((i * 613) % authors)}`)
        .executeTakeFirstOrThrow()
    ).id;
    conversations.push(
      (
        await timed(async () => {
          const [id] = await contactsOfConversation(ctx, WS, conversationId);
          return contactProfile(db, WS, id as string);
        })
      )[1],
    );
  }
  const [, boardMs] = await timed(() => contactBoard(db, WS, 50));
  const [, suggestionsMs] = await timed(() => mergeSuggestions(db, WS, 50));
  return {
    link_authors_per_s: Math.round(authors / (linkMs / 1000)),
    list_p95_ms: p95(lists),
    profile_p95_ms: p95(profiles),
    conversation_contacts_p95_ms: p95(conversations),
    stage_change_p95_ms: p95(moves),
    board_ms: Math.round(boardMs),
    suggestions_ms: Math.round(suggestionsMs),
  };
}

async function main(): Promise<void> {
  const results: Record<string, number> = {};
  const pgDb = await createPgDatabase();
  const postgres = await openDatabase({ databaseUrl: pgDb.url, poolSize: 10 });
  try {
    await migrate(postgres);
    const authors = small ? 10_000 : 100_000;
    results.contacts_postgres = authors;
    for (const [key, value] of Object.entries(await run(postgres, authors, 'Postgres'))) results[key] = value;
  } finally {
    await postgres.close();
    await pgDb.drop();
  }
  const embedded = await openDatabase({});
  try {
    await migrate(embedded);
    const authors = small ? 2_000 : 10_000;
    results.contacts_embedded = authors;
    for (const [key, value] of Object.entries(await run(embedded, authors, 'Embedded'))) results[`${key}_embedded`] = value;
  } finally {
    await embedded.close();
  }
  for (const [key, value] of Object.entries(results)) log(`  ${key.padEnd(36)} ${value}`);
  if (json) console.log(JSON.stringify(results));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
