/**
 * Sustained listening ingest into the database: pipeline (normalize, de-duplicate, language,
 * match 1,000 saved queries, sentiment) + store (mentions, matches, cursor in one transaction
 * per 500-item batch), on embedded PGlite and on Postgres (a throwaway database on
 * 127.0.0.1:5432). A firehose keeps only matching posts; here every post is stored (as for
 * feeds and imports), the heavier case.
 *
 *   node bin/run-ts.mjs bench/listen-ingest.ts [--json] [--posts N]
 */
import pino from 'pino';
import { createTestDatabase, type DbKind } from '../test/helpers/db.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import type { AppContext } from '../src/server/context.ts';
import { ingestBatch, WorkspacePipelines } from '../src/modules/listening/ingest.ts';
import type { SourceItem } from '../src/modules/listening/sources/types.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const postsArg = args.indexOf('--posts');
const POSTS = postsArg >= 0 ? Number(args[postsArg + 1]) : 20_000;
const BATCH = 500;
const QUERIES = 1000;

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
  'el la de que y en un una es por con para me encanta odio servicio precio producto tienda nuevo malo bueno genial pésimo atención cliente envío rápido lento móvil café calidad oferta'.split(
    ' ',
  );
const EN =
  'the a of and to in is it for with love hate service price product store new bad good great awful support customer shipping fast slow phone coffee quality deal'.split(
    ' ',
  );
const BRANDS = Array.from({ length: 400 }, (_, i) => `marca${i.toString(36)}x`);

function makePosts(count: number, seed: number): SourceItem[] {
  const random = mulberry32(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const start = Date.now() - 3_600_000;
  return Array.from({ length: count }, (_, i) => {
    const words = random() < 0.6 ? ES : EN;
    const length = 8 + Math.floor(random() * 18);
    const text = `${Array.from({ length }, () => (random() < 0.08 ? pick(BRANDS) : pick(words))).join(' ')} ${i}`;
    return {
      remoteId: `bench-${seed}-${i}`,
      text,
      network: 'bluesky',
      authorHandle: `user${Math.floor(random() * 5000)}`,
      publishedAt: new Date(start + i),
    };
  });
}

async function measure(kind: DbKind): Promise<number> {
  const database = await createTestDatabase(kind);
  try {
    const ctx = {
      config: loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
      database,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
    } as unknown as AppContext;
    const user = await database.db
      .insertInto('users')
      .values({ email: 'bench@example.com', name: 'Bench', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ws = await database.db
      .insertInto('workspaces')
      .values({ name: 'Bench', time_zone: 'UTC', language: 'es' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const random = mulberry32(7);
    const queries = Array.from({ length: QUERIES }, (_, i) => {
      const brand = BRANDS[i % BRANDS.length];
      const extra = random() < 0.5 ? ` ${random() < 0.5 ? '(precio OR price)' : '-odio'}` : '';
      return { workspace_id: ws.id, name: `q${i}`, query: `${brand}${extra}`, kind: 'brand' as const, created_by: user.id };
    });
    for (let i = 0; i < queries.length; i += 500)
      await database.db
        .insertInto('listening_queries')
        .values(queries.slice(i, i + 500))
        .execute();
    const source = await database.db
      .insertInto('listening_sources')
      .values({ workspace_id: ws.id, kind: 'bench', name: 'Bench', config: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pipelines = new WorkspacePipelines(ctx, 60_000);
    // Warm up (JIT, statement caches) on separate posts.
    for (const batch of chunks(makePosts(1000, 99), BATCH))
      await ingestBatch(ctx, pipelines, {
        workspaceId: ws.id,
        sourceId: source.id,
        sourceKey: 'bench',
        items: batch,
        cursor: {},
        storeUnmatched: true,
      });
    const posts = makePosts(POSTS, 1);
    const started = performance.now();
    let n = 0;
    for (const batch of chunks(posts, BATCH)) {
      n += BATCH;
      await ingestBatch(ctx, pipelines, {
        workspaceId: ws.id,
        sourceId: source.id,
        sourceKey: 'bench',
        items: batch,
        cursor: { n },
        storeUnmatched: true,
        lagMs: 0,
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const stored = await database.db
      .selectFrom('listening_mentions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(stored.n) < POSTS) throw new Error(`only ${stored.n} of ${POSTS + 1000} posts stored`);
    return Math.round(POSTS / seconds);
  } finally {
    await database.close();
  }
}

function* chunks<T>(list: T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

const embedded = await measure('embedded');
let postgres: number | null = null;
try {
  postgres = await measure('postgres');
} catch (error) {
  process.stderr.write(`Postgres run skipped: ${(error as Error).message}\n`);
}
if (!json) {
  process.stdout.write(`listening ingest, ${POSTS} posts, ${QUERIES} queries, batches of ${BATCH}, every post stored\n`);
  process.stdout.write(`  embedded (PGlite): ${embedded} posts/s\n  postgres:          ${postgres ?? 'n/a'} posts/s\n`);
}
process.stdout.write(
  `${JSON.stringify({
    ingest_posts_per_s_embedded: embedded,
    ingest_posts_per_s_postgres: postgres,
    posts: POSTS,
    queries: QUERIES,
    batch: BATCH,
  })}\n`,
);
