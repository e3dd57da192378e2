/**
 * From source items to stored mentions: the per-workspace pipeline (normalize →
 * de-duplicate → language → match every saved query at once → sentiment) and the
 * transactional store (mentions, their query matches and the source's cursor together).
 */
import { httpUrlOrNull } from '../../lib/safe-url.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { createDefaultSentiment, createPipeline, loadLanguageModel, type Pipeline, type SentimentProvider } from './core/index.ts';
import { mentionRepository } from './repository/mentions.ts';
import { queryRepository } from './repository/queries.ts';
import { sourceRepository } from './repository/sources.ts';
import type { SourceCursor, SourceItem } from './sources/types.ts';

let sharedSentiment: SentimentProvider | null = null;
/** The sentiment provider used for stored mentions (the default provider, built once). */
export function sentimentProvider(): SentimentProvider {
  sharedSentiment ??= createDefaultSentiment();
  return sharedSentiment;
}

interface CachedPipeline {
  pipeline: Pipeline;
  /** query id → query text currently compiled. */
  queries: Map<string, string>;
  checkedAt: number;
}

/**
 * One pipeline per workspace, kept across batches (its de-duplication window and learned
 * term statistics live in it). Saved queries are re-read at most every `refreshMs` and
 * applied to the running matcher with add/remove, so edits take effect without a restart.
 */
export class WorkspacePipelines {
  private readonly cache = new Map<string, CachedPipeline>();
  constructor(
    private readonly ctx: AppContext,
    private readonly refreshMs = 5_000,
  ) {}

  /** The workspace's pipeline with its active queries up to date. */
  async get(workspaceId: string): Promise<Pipeline> {
    await loadLanguageModel();
    const now = this.ctx.clock.now();
    let cached = this.cache.get(workspaceId);
    if (cached && now - cached.checkedAt < this.refreshMs) return cached.pipeline;
    const rows = await queryRepository.active(this.ctx.database.db, workspaceId);
    if (!cached) {
      cached = { pipeline: createPipeline({ queries: [], sentiment: sentimentProvider() }), queries: new Map(), checkedAt: now };
      this.cache.set(workspaceId, cached);
    }
    const wanted = new Map(rows.map((r) => [r.id, r.query]));
    for (const id of cached.queries.keys()) {
      if (!wanted.has(id)) {
        cached.pipeline.matcher.remove(id);
        cached.queries.delete(id);
      }
    }
    for (const [id, query] of wanted) {
      if (cached.queries.get(id) === query) continue;
      try {
        cached.pipeline.matcher.add({ id, query });
        cached.queries.set(id, query);
      } catch {
        // Stored queries were validated on save; a query the parser now refuses is skipped, not fatal.
      }
    }
    cached.checkedAt = now;
    return cached.pipeline;
  }

  /** Forgets a workspace's pipeline (tests, workspace deleted). */
  drop(workspaceId: string): void {
    this.cache.delete(workspaceId);
  }
}

/** What to store from one batch. */
export interface IngestInput {
  workspaceId: string;
  /** The listening source, or null for imports without one. */
  sourceId: string | null;
  /** Scope of remote ids' uniqueness: e.g. `bluesky`, `rss:<sourceId>`, `csv`. */
  sourceKey: string;
  items: SourceItem[];
  /** Cursor to save on the source in the same transaction. */
  cursor?: SourceCursor;
  /**
   * Keep items that match no query (feeds, CSV imports, own mentions): true. Firehoses and
   * public streams keep only matches: false.
   */
  storeUnmatched: boolean;
  /** Lag of the source after this batch (ms), for the sources view. */
  lagMs?: number | null;
  /**
   * The source config the batch was read with. When given, the cursor is saved only while the
   * stored config is still the same: an edit that changed the target reset the cursor, and a
   * runner still reading the old stream must not write its position back.
   */
  sourceConfig?: Record<string, unknown>;
}

/** Counts of one ingested batch. */
export interface IngestResult {
  received: number;
  stored: number;
  /** Near-duplicate or same-URL items (the pipeline) and items stored before (the unique index). */
  duplicates: number;
  matched: number;
  skipped: number;
}

const NUL = /\u0000/g;
const MAX_TEXT = 20_000;

/** A processed item ready to insert. */
interface PreparedMention {
  item: SourceItem;
  lang: string;
  matches: string[];
  sentiment: { label: string; score: number } | null;
}

/** Runs the pipeline over a batch; returns what to store (pure apart from the pipeline's memory). */
export function processItems(
  pipeline: Pipeline,
  input: Pick<IngestInput, 'items' | 'sourceKey' | 'storeUnmatched'>,
): { prepared: PreparedMention[]; duplicates: number; skipped: number } {
  const prepared: PreparedMention[] = [];
  let duplicates = 0;
  let skipped = 0;
  for (const item of input.items) {
    const result = pipeline.process({
      id: `${input.sourceKey}|${item.remoteId}`,
      text: item.text,
      url: item.url ?? undefined,
      author: item.authorHandle,
      network: item.network,
      lang: item.lang ?? undefined,
    });
    if (result.duplicateOf !== undefined) {
      duplicates++;
      continue;
    }
    if (result.matches.length === 0 && !input.storeUnmatched) {
      skipped++;
      continue;
    }
    const sentiment = result.sentiment ?? sentimentProvider().analyze(item.text, result.lang);
    prepared.push({ item, lang: result.lang, matches: result.matches, sentiment });
  }
  return { prepared, duplicates, skipped };
}

/** Stores prepared mentions, their matches and the cursor in one transaction. */
export async function storePrepared(
  db: Db,
  input: IngestInput,
  prepared: PreparedMention[],
  now: Date,
): Promise<{ stored: number; replayed: number }> {
  let stored = 0;
  let replayed = 0;
  const run = async (trx: Db) => {
    for (let start = 0; start < prepared.length; start += 1000) {
      const chunk = prepared.slice(start, start + 1000);
      // The same remote id twice in one batch would fail the insert; keep the first.
      const seen = new Set<string>();
      const unique = chunk.filter((p) => (seen.has(p.item.remoteId) ? false : (seen.add(p.item.remoteId), true)));
      replayed += chunk.length - unique.length;
      if (unique.length === 0) continue;
      const inserted = await mentionRepository.insertNew(
        trx,
        unique.map((p) => ({
          workspace_id: input.workspaceId,
          source_id: input.sourceId,
          source_key: input.sourceKey,
          remote_id: p.item.remoteId.slice(0, 2000),
          network: p.item.network,
          url: httpUrlOrNull(p.item.url), // only http(s): this ends up in an href
          author_handle: (p.item.authorHandle ?? '').replace(NUL, ''),
          author_name: p.item.authorName?.replace(NUL, '') ?? null,
          author_reach: p.item.authorReach ?? null,
          text: p.item.text.replace(NUL, '').slice(0, MAX_TEXT),
          lang: p.lang,
          sentiment: p.sentiment?.label ?? null,
          sentiment_score: p.sentiment?.score ?? null,
          auto_sentiment: p.sentiment?.label ?? null,
          published_at: p.item.publishedAt,
          ingested_at: now,
        })),
      );
      stored += inserted.length;
      replayed += unique.length - inserted.length;
      const byRemote = new Map(unique.map((p) => [p.item.remoteId.slice(0, 2000), p]));
      const matchRows = inserted.flatMap((row) =>
        (byRemote.get(row.remote_id)?.matches ?? []).map((queryId) => ({
          mention_id: row.id,
          query_id: queryId,
          workspace_id: input.workspaceId,
          published_at: row.published_at,
        })),
      );
      await mentionRepository.insertMatches(trx, matchRows);
    }
    if (input.sourceId) {
      const newest = prepared.reduce<Date | null>((max, p) => (!max || p.item.publishedAt > max ? p.item.publishedAt : max), null);
      const { cursor, sourceConfig, lagMs } = input;
      await sourceRepository.recordBatch(trx, input.sourceId, { cursor, sourceConfig, stored, newest, lagMs, now });
    }
  };
  if ('isTransaction' in db && db.isTransaction) await run(db);
  else await (db as Kysely<Database>).transaction().execute(run);
  return { stored, replayed };
}

/** Processes and stores one batch (mentions, matches and cursor atomically). */
export async function ingestBatch(ctx: AppContext, pipelines: WorkspacePipelines, input: IngestInput): Promise<IngestResult> {
  const pipeline = await pipelines.get(input.workspaceId);
  const { prepared, duplicates, skipped } = processItems(pipeline, input);
  const { stored, replayed } = await storePrepared(ctx.database.db, input, prepared, new Date(ctx.clock.now()));
  const matched = prepared.filter((p) => p.matches.length > 0).length;
  return { received: input.items.length, stored, duplicates: duplicates + replayed, matched, skipped };
}
