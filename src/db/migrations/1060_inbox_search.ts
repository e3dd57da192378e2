/**
 * 1060_inbox_search: the inbox's search and lists at a million items (issue 14, benchmarks). Plain SQL, the same on
 * PGlite and Postgres.
 *
 * - Each item's words are stored once as a tsvector (generated from search_text, which the application folds: lower
 *   case without accents), Spanish word forms ('spanish' stems: pedidos → pedido) and words as written ('simple')
 *   in one vector with one GIN index, instead of two expression indexes recomputed by every search that reads rows.
 * - A channel's list (filter by channel) walks its own index in the list's order (newest message, then id).
 */
export const up = `
ALTER TABLE inbox_items ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('spanish', search_text) || to_tsvector('simple', search_text)) STORED;
DROP INDEX IF EXISTS inbox_items_search_es_idx;
DROP INDEX IF EXISTS inbox_items_search_simple_idx;
CREATE INDEX inbox_items_search_idx ON inbox_items USING gin (search_vector);
CREATE INDEX inbox_conversations_channel_list_idx ON inbox_conversations (channel_id, last_message_at DESC, id DESC);
`;
