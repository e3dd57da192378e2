/**
 * bench:content section "hashtags": how long the composer waits for hashtag suggestions
 * (GET …/hashtag-suggestions: both queries and the ranking) for a brand with a large history.
 * Data, generated in SQL with fixed hashes: 20,000 measured publications of the last 90 days
 * (the most the suggestion reads) whose texts carry 0–3 of 200 hashtags, and 30,000 listening
 * mentions of the last 8 days matched by a query (the most it reads), 1–2 of 300 hashtags each.
 * Metrics: `hashtag_suggestions_p50_ms`, `hashtag_suggestions_p95_ms` (30 calls after 3 warm-ups),
 * `hashtag_reads_p50_ms` (the two database reads alone) and the sizes read. `--small` uses a tenth of the data.
 */
import { sql } from 'kysely';
import { migrate, openDatabase, type PlazaDatabase } from '../../src/db/database.ts';
import { hashtagSuggestions } from '../../src/modules/ideas/queries.ts';
import { suggestionsRepository } from '../../src/modules/ideas/repository.ts';
import type { ContentBenchSection } from '../content.ts';
import { createPgDatabase } from '../lib/pg.ts';
import { percentile } from '../lib/processes.ts';

async function seed(database: PlazaDatabase, publications: number, mentions: number, now: Date) {
  const db = database.db;
  const user = await db
    .insertInto('users')
    .values({ email: 'bench@example.com', name: 'Bench', password_hash: 'x', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ws = await db
    .insertInto('workspaces')
    .values({ name: 'Bench', time_zone: 'Europe/Madrid', language: 'es', created_at: now } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const channel = await db
    .insertInto('channels')
    .values({ workspace_id: ws.id, network: 'sandbox', name: 'S', credentials_sealed: 'x' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const at = now.toISOString();
  // Publications: text "Post n #tagA #tagB …" with 0–3 tags of 200, engagement 0–99 per 1,000 followers.
  await sql`
    WITH p AS (
      INSERT INTO posts (workspace_id, author_id, content, state)
      SELECT ${ws.id}::uuid, ${user.id}::uuid,
             'Post ' || n || (SELECT coalesce(string_agg(' #tag' || ((n * 7 + k * 13) % 200), ''), '') FROM generate_series(1, n % 4) AS k),
             'published'
      FROM generate_series(1, ${publications}) AS n
      RETURNING id, content
    ), pub AS (
      INSERT INTO publications (post_id, workspace_id, channel_id, network, text, state)
      SELECT id, ${ws.id}::uuid, ${channel.id}::uuid, 'sandbox', content, 'published' FROM p
      RETURNING id, post_id
    )
    INSERT INTO publication_metrics (publication_id, workspace_id, post_id, channel_id, network, published_at, followers_at_post, captured_at, engagements_24h)
    SELECT pub.id, ${ws.id}::uuid, pub.post_id, ${channel.id}::uuid, 'sandbox',
           ${at}::timestamptz - ((abs(hashtext(pub.id::text)) % (89 * 24)) || ' hours')::interval, 1000, ${at}::timestamptz,
           abs(hashtext(pub.post_id::text)) % 100
    FROM pub`.execute(db);
  const query = await db
    .insertInto('listening_queries')
    .values({ workspace_id: ws.id, name: 'Marca', query: 'bench', kind: 'brand' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  // Mentions over the last 8 days, more of them lately for some tags: 1–2 tags of 300 each.
  await sql`
    WITH m AS (
      INSERT INTO listening_mentions (workspace_id, source_key, remote_id, network, text, lang, published_at)
      SELECT ${ws.id}::uuid, 'bench', 'm' || n, 'bluesky',
             'bench #t' || (n % 300) || CASE WHEN n % 3 = 0 THEN ' #hot' || (n % 20) ELSE '' END, 'es',
             ${at}::timestamptz - ((CASE WHEN n % 3 = 0 THEN n % 24 ELSE n % (8 * 24) END) || ' hours')::interval - interval '1 minute'
      FROM generate_series(1, ${mentions}) AS n
      RETURNING id, published_at
    )
    INSERT INTO listening_mention_matches (mention_id, query_id, workspace_id, published_at)
    SELECT id, ${query.id}::uuid, ${ws.id}::uuid, published_at FROM m`.execute(db);
  await sql`ANALYZE`.execute(db);
  return ws.id;
}

export const run: ContentBenchSection = async (options) => {
  const publications = options.small ? 2_000 : 20_000;
  const mentions = options.small ? 3_000 : 30_000;
  const pg = options.database === 'postgres' ? await createPgDatabase() : null;
  const database = await openDatabase(pg ? { databaseUrl: pg.url } : {});
  try {
    await migrate(database);
    const now = new Date();
    options.log(`  seeding ${publications} measured publications and ${mentions} mentions (${options.database})…`);
    const workspaceId = await seed(database, publications, mentions, now);
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof hashtagSuggestions>> | null = null;
    for (let i = 0; i < 33; i++) {
      const started = performance.now();
      last = await hashtagSuggestions(database.db, workspaceId, { now: now.getTime(), days: 90 });
      if (i >= 3) times.push(performance.now() - started);
    }
    // The two reads alone (what the database and the driver cost), to tell them from the ranking in JavaScript.
    const reads: number[] = [];
    for (let i = 0; i < 13; i++) {
      const started = performance.now();
      await Promise.all([
        suggestionsRepository.measuredPublications(database.db, workspaceId, new Date(now.getTime() - 90 * 86_400_000)),
        suggestionsRepository.matchedMentions(database.db, workspaceId, { from: new Date(now.getTime() - 8 * 86_400_000), to: now }),
      ]);
      if (i >= 3) reads.push(performance.now() - started);
    }
    return {
      hashtag_reads_p50_ms: Math.round(percentile(reads, 50) * 10) / 10,
      hashtag_suggestions_p50_ms: Math.round(percentile(times, 50) * 10) / 10,
      hashtag_suggestions_p95_ms: Math.round(percentile(times, 95) * 10) / 10,
      hashtag_publications_read: last?.ownPosts.measuredPosts ?? 0,
      hashtag_mentions_read: last?.trends.mentionsRead ?? 0,
      hashtag_own_suggested: last?.ownPosts.items.length ?? 0,
      hashtag_trends_suggested: last?.trends.items.length ?? 0,
    };
  } finally {
    await database.close();
    await pg?.drop();
  }
};
