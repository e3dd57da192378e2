import type { AppContext } from '../../server/context.ts';
import { createMatcher, normalizePost } from './core/index.ts';
import { presentMention } from './present.ts';
import { mentionRepository } from './repository/mentions.ts';
import { checkQuery, rangeOf } from './rules.ts';

/** What the query tester runs: a query over the newest `scan` mentions in a range (default the last 30 days). */
export interface QueryTest {
  query: string;
  from?: string | Date;
  to?: string | Date;
  limit: number;
  scan: number;
}

/** Runs a (saved or unsaved) query against the stored mentions at once: how many were scanned and matched, and the first matches. */
export async function testQuery(ctx: AppContext, workspaceId: string, test: QueryTest) {
  const node = checkQuery(test.query);
  const range = rangeOf(ctx, test, 30);
  const matcher = createMatcher([{ id: 'test', query: node }]);
  const db = ctx.database.db;
  const rows = await mentionRepository.newestInRange(db, workspaceId, range, test.scan);
  const started = performance.now();
  const hits = rows.filter((row) => {
    const post = normalizePost({ text: row.text, author: row.author_handle, network: row.network, lang: row.lang });
    post.lang = row.lang;
    return matcher.match(post).length > 0;
  });
  const shown = hits.slice(0, test.limit);
  const matches = await mentionRepository.matchesOf(
    db,
    shown.map((r) => r.id),
  );
  return {
    scanned: rows.length,
    matched: hits.length,
    tookMs: Math.round(performance.now() - started),
    items: shown.map((r) => presentMention(r, matches.get(r.id))),
  };
}
