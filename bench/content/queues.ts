/**
 * Queues section of `npm run bench:content`: 100 channels, each with its own queue of 20 weekly slots
 * (Monday to Friday at 08:00, 11:30, 14:00 and 18:45 in Europe/Madrid, so a daylight-saving change
 * can fall inside the weeks filled), and 10,000 drafts added to those queues by 4 concurrent clients
 * (client c adds posts c, c + 4, c + 8, …; post i goes to queue i mod 100), each add being the
 * product's own command (`addToQueue`: queue lock, next free slot, schedule, event).
 *
 * Metrics:
 * - `queue_add_p95_ms` (goal ≤ 20 on Postgres), `queue_add_p50_ms`, `queue_add_max_ms`, `queue_adds_per_s`;
 * - `queue_conflicts` (goal 0): posts sharing a slot of their queue + posts a client added later
 *   that got an earlier time than one it added before (out of order) + posts off their queue's slots
 *   + slots left empty before a queue's last post (the queue is filled in order, without gaps).
 * `--small`: 10 channels × 20 slots, 400 posts (the same code paths; test/bench-content-queues.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { migrate, openDatabase, type PlazaDatabase } from '../../src/db/database.ts';
import { SecretBox } from '../../src/lib/crypto.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { FileMediaStore } from '../../src/modules/media/store.ts';
import { addToQueue } from '../../src/modules/queues/commands.ts';
import { freeSlots } from '../../src/modules/queues/slots.ts';
import { NetworkRegistry } from '../../src/networks/registry.ts';
import { defaultAdapters } from '../../src/networks/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import type { ContentBenchOptions } from '../content.ts';
import { createPgDatabase } from '../lib/pg.ts';
import { percentile } from '../lib/processes.ts';

const ZONE = 'Europe/Madrid';
const CLIENTS = 4;
const USER = '00000000-0000-4000-8000-0000000000b1';
const WORKSPACE = '00000000-0000-4000-8000-0000000000b2';
/** 20 slots a week: Monday to Friday at 08:00, 11:30, 14:00 and 18:45. */
const SLOTS = [1, 2, 3, 4, 5].flatMap((weekday) => [8 * 60, 11 * 60 + 30, 14 * 60, 18 * 60 + 45].map((minute) => ({ weekday, minute })));

function contextFor(database: PlazaDatabase, dataDir: string): AppContext {
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

/** One workspace, `channels` sandbox channels with a queue each, and `posts` drafts (post i for queue i mod channels). */
async function seed(database: PlazaDatabase, channels: number, posts: number): Promise<void> {
  const slotValues = SLOTS.map((s) => `(${s.weekday}, ${s.minute})`).join(', ');
  await database.raw.exec(`
    INSERT INTO users (id, email, name, password_hash) VALUES ('${USER}', 'bench-queues@example.com', 'Bench', 'x');
    INSERT INTO workspaces (id, name, time_zone, language) VALUES ('${WORKSPACE}', 'Queues bench', '${ZONE}', 'es');
    INSERT INTO channels (id, workspace_id, network, name, credentials_sealed, settings)
      SELECT md5('ch' || c)::uuid, '${WORKSPACE}', 'sandbox', 'Canal ' || c, 'x', '{"handle":"bench"}'
      FROM generate_series(0, ${channels - 1}) c;
    INSERT INTO queues (id, workspace_id, name) SELECT md5('q' || c)::uuid, '${WORKSPACE}', 'Cola ' || c FROM generate_series(0, ${channels - 1}) c;
    INSERT INTO queue_channels (queue_id, channel_id) SELECT md5('q' || c)::uuid, md5('ch' || c)::uuid FROM generate_series(0, ${channels - 1}) c;
    INSERT INTO queue_slots (queue_id, weekday, minute)
      SELECT md5('q' || c)::uuid, s.weekday, s.minute FROM generate_series(0, ${channels - 1}) c, (VALUES ${slotValues}) AS s(weekday, minute);
    INSERT INTO posts (id, workspace_id, author_id, content, state, created_at, updated_at)
      SELECT md5('p' || i)::uuid, '${WORKSPACE}', '${USER}', 'Publicación ' || i, 'draft', now(), now() FROM generate_series(0, ${posts - 1}) i;
    INSERT INTO publications (post_id, workspace_id, channel_id, network, text, state)
      SELECT md5('p' || i)::uuid, '${WORKSPACE}', md5('ch' || (i % ${channels}))::uuid, 'sandbox', 'Publicación ' || i, 'pending'
      FROM generate_series(0, ${posts - 1}) i;
  `);
}

/** Runs the queues section; see the file's comment for what it measures. */
export async function run(options: ContentBenchOptions): Promise<Record<string, number | string | boolean>> {
  const channels = options.small ? 10 : 100;
  const posts = options.small ? 400 : 10_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-queues-'));
  const pg = options.database === 'postgres' ? await createPgDatabase() : null;
  const database = await openDatabase(pg ? { databaseUrl: pg.url, poolSize: CLIENTS + 2 } : { dataDir });
  try {
    await migrate(database);
    await seed(database, channels, posts);
    const { rows: ids } = await database.raw.query<{ post: string; queue: string }>(
      `SELECT md5('p' || i)::uuid::text AS post, md5('q' || (i % ${channels}))::uuid::text AS queue FROM generate_series(0, ${posts - 1}) i ORDER BY i`,
    );
    const ctx = contextFor(database, dataDir);
    const startedAt = Date.now();
    options.log(`  ${channels} channels × ${SLOTS.length} slots a week, ${posts} posts, ${CLIENTS} clients, ${options.database}`);
    const latencies: number[] = [];
    // What each client got, in the order it added: [queue, post, time].
    const got: Array<Array<{ queue: string; at: number }>> = Array.from({ length: CLIENTS }, () => []);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = client; i < posts; i += CLIENTS) {
          const { post, queue } = ids[i];
          const began = performance.now();
          const result = await addToQueue(ctx, WORKSPACE, queue, post, USER);
          latencies.push(performance.now() - began);
          got[client].push({ queue, at: (result.scheduledAt as Date).getTime() });
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;

    // Every post in a distinct slot of its queue, in order, the queue filled without gaps.
    const { rows: stored } = await database.raw.query<{ queue_id: string; at: string }>(
      `SELECT queue_id::text, (extract(epoch from scheduled_at) * 1000)::bigint::text AS at FROM posts
       WHERE workspace_id = '${WORKSPACE}' AND state = 'scheduled' ORDER BY queue_id, scheduled_at`,
    );
    const byQueue = new Map<string, number[]>();
    for (const row of stored) byQueue.set(row.queue_id, [...(byQueue.get(row.queue_id) ?? []), Number(row.at)]);
    let shared = 0;
    let offSlot = 0;
    let gaps = 0;
    for (const times of byQueue.values()) {
      shared += times.length - new Set(times).size;
      const expected = freeSlots(SLOTS, ZONE, startedAt, new Set(), times.length + 5);
      const allowed = new Set(expected);
      offSlot += times.filter((at) => !allowed.has(at)).length;
      // The queue's posts hold its first slots after the start (a slot may be skipped only within the one-minute margin).
      const first = expected.indexOf(times[0]);
      gaps += first < 0 ? times.length : expected.slice(first, first + times.length).filter((at, k) => at !== times[k]).length;
    }
    let outOfOrder = 0;
    for (const list of got) {
      const last = new Map<string, number>();
      for (const { queue, at } of list) {
        if ((last.get(queue) ?? -Infinity) >= at) outOfOrder++;
        last.set(queue, at);
      }
    }
    const missing = posts - stored.length;
    return {
      queue_posts: posts,
      queue_add_p50_ms: Number(percentile(latencies, 50).toFixed(2)),
      queue_add_p95_ms: Number(percentile(latencies, 95).toFixed(2)),
      queue_add_max_ms: Number(Math.max(...latencies).toFixed(2)),
      queue_adds_per_s: Math.round(posts / seconds),
      queue_shared_slots: shared,
      queue_out_of_order: outOfOrder,
      queue_off_slot: offSlot,
      queue_gaps: gaps,
      queue_not_scheduled: missing,
      queue_conflicts: shared + outOfOrder + offSlot + gaps + missing,
    };
  } finally {
    await database.close();
    await pg?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
