/**
 * Media library search (bench:content section `media`): 100,000 library items in one workspace (names,
 * alt texts and tags drawn from a small Spanish vocabulary), 10,000 of them used by scheduled posts
 * (publications written through the usage trigger), then the library's own search
 * (`mediaLibraryRepository.search`, the query behind `GET /media`) asked with a mix of
 * searches a community manager types: one word, two words, a prefix, a tag, "unused", a word of a
 * post's text, and a word with a tag. Reports `media_search_p95_ms` (goal ≤ 50 on Postgres) and
 * p50, and the same search without its indexes as the baseline in the same run.
 * `--small`: 5,000 items, same code paths.
 */
import { migrate, openDatabase, type PlazaDatabase } from '../../src/db/database.ts';
import { mediaLibraryRepository } from '../../src/modules/media/library-repository.ts';
import { searchQuery } from '../../src/modules/media/library.ts';
import { createPgDatabase } from '../lib/pg.ts';
import { percentile } from '../lib/processes.ts';
import type { ContentBenchOptions } from '../content.ts';

export const WORKSPACE = '00000000-0000-0000-0000-00000000e001';

/** The searches asked, in turn: [text, tag, unused]. */
const SEARCHES: Array<{ q?: string; tag?: string; unused?: boolean }> = [
  { q: 'playa' },
  { q: 'niños atardecer' },
  { q: 'cafe' },
  { q: 'prod' },
  { tag: 'verano' },
  { unused: true },
  { q: 'croissants' },
  { q: 'logo', tag: 'marca' },
  { q: 'foto 1234' },
  { q: 'mercado navidad' },
];

export async function seed(db: PlazaDatabase, items: number): Promise<void> {
  const used = Math.floor(items / 10);
  await db.raw.exec(`
    INSERT INTO users (id, email, name, password_hash) VALUES ('00000000-0000-0000-0000-00000000e0aa', 'media-bench@example.com', 'Bench', 'x');
    INSERT INTO workspaces (id, name, time_zone, language) VALUES ('${WORKSPACE}', 'Media bench', 'Europe/Madrid', 'es');
    INSERT INTO channels (id, workspace_id, network, name, credentials_sealed)
      VALUES ('00000000-0000-0000-0000-00000000e0c1', '${WORKSPACE}', 'sandbox', 'Sandbox', 'x');
    INSERT INTO media (workspace_id, sha256, mime_type, size_bytes, width, height, name, alt_text, tags, created_at)
    SELECT '${WORKSPACE}', md5(i::text) || md5((i * 7)::text), 'image/jpeg', 50000 + (i % 5000) * 100, 1080, 1080,
      (ARRAY['playa','cafe','producto','logo','equipo','evento','mercado','receta','tienda','oficina'])[1 + i % 10] || '-' ||
        (ARRAY['verano','invierno','navidad','lanzamiento','promo','final','borrador','web'])[1 + (i / 10) % 8] || '-foto-' || i || '.jpg',
      CASE WHEN i % 3 = 0 THEN '' ELSE (ARRAY['Niños jugando en la orilla al atardecer','Taza de café con leche sobre la barra',
        'Nuevo producto en su caja','Equipo de la tienda sonriendo','Puesto del mercado de Navidad'])[1 + i % 5] END,
      CASE WHEN i % 4 = 0 THEN ARRAY[]::text[] ELSE ARRAY[(ARRAY['verano','marca','producto','equipo','campaña julio','navidad'])[1 + i % 6]] END,
      now() - (i || ' minutes')::interval
    FROM generate_series(1, ${items}) AS i;
    INSERT INTO posts (id, workspace_id, content, state, scheduled_at, created_at, updated_at)
    SELECT md5('post' || i)::uuid, '${WORKSPACE}',
      (ARRAY['Croissants de mantequilla recién horneados','Vuelve el mercado de los sábados','Nuestro equipo te espera'])[1 + i % 3],
      'scheduled', now() + interval '30 days', now(), now()
    FROM generate_series(1, ${used}) AS i;
  `);
  // Publications name media the way the composer writes them; the trigger records each usage.
  await db.raw.exec(`
    INSERT INTO publications (post_id, workspace_id, channel_id, network, text, media, state, due_at)
    SELECT p.id, '${WORKSPACE}', '00000000-0000-0000-0000-00000000e0c1', 'sandbox',
      p.content, jsonb_build_array(jsonb_build_object('mediaId', m.id, 'alt', '')), 'scheduled', now() + interval '30 days'
    FROM (SELECT id, row_number() OVER (ORDER BY created_at DESC) AS n FROM media WHERE workspace_id = '${WORKSPACE}') m
    JOIN posts p ON p.id = md5('post' || (m.n / 10))::uuid
    WHERE m.n % 10 = 0 AND m.n / 10 <= ${used};
    ANALYZE media; ANALYZE media_usages; ANALYZE publications;
  `);
}

/** Times every search `rounds` times; milliseconds per search. */
async function timeSearches(db: PlazaDatabase, rounds: number): Promise<{ times: number[]; hits: number }> {
  const times: number[] = [];
  let hits = 0;
  for (let round = 0; round < rounds; round++) {
    for (const search of SEARCHES) {
      const started = performance.now();
      const rows = await mediaLibraryRepository.search(db.db, WORKSPACE, {
        tsquery: searchQuery(search.q),
        tag: search.tag,
        unused: search.unused,
        after: null,
        limit: 50,
      });
      times.push(performance.now() - started);
      hits += rows.length;
    }
  }
  return { times, hits };
}

/** The media section of bench:content. */
export async function run(options: ContentBenchOptions): Promise<Record<string, number | string | boolean>> {
  const items = options.small ? 5_000 : 100_000;
  const pg = options.database === 'postgres' ? await createPgDatabase() : null;
  const db = await openDatabase(pg ? { databaseUrl: pg.url, poolSize: 4 } : {});
  try {
    await migrate(db);
    const seeded = performance.now();
    await seed(db, items);
    const [{ usages }] = (await db.raw.query<{ usages: number }>('SELECT count(*)::int AS usages FROM media_usages')).rows;
    options.log(`  seeded ${items} items, ${usages} usages in ${Math.round(performance.now() - seeded)} ms (${options.database})`);
    await timeSearches(db, 1); // warm-up
    const indexed = await timeSearches(db, options.small ? 3 : 20);
    // Baseline: the same searches once the library's search indexes are dropped (the database is thrown away after).
    await db.raw.exec('DROP INDEX media_search_idx; DROP INDEX media_tags_idx; DROP INDEX media_usages_words_idx;');
    const baseline = (await timeSearches(db, options.small ? 1 : 3)).times;
    return {
      media_items: items,
      media_usages: usages,
      media_search_p50_ms: round(percentile(indexed.times, 50)),
      media_search_p95_ms: round(percentile(indexed.times, 95)),
      media_search_max_ms: round(Math.max(...indexed.times)),
      media_search_hits: indexed.hits,
      media_search_no_index_p95_ms: round(percentile(baseline, 95)),
      media_search_database: options.database,
    };
  } finally {
    await db.close();
    await pg?.drop();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
