/**
 * 1260_inbox_unaccent: the inbox's search ignores accents in the database itself (issue 14, part 8), on Postgres and on
 * PGlite alike (both ship the `unaccent` contrib extension; PGlite is opened with it, src/db/database.ts).
 *
 * - `plaza_es`: the 'spanish' configuration with `unaccent` before the Spanish stemmer for words with letters outside
 *   ASCII (canción → cancion → stem), and before 'simple' for words mixing letters and digits. `plaza_simple`: the
 *   'simple' configuration (words as written) with `unaccent` first. unaccent maps ñ to n: "año" and "ano" are one word.
 * - `inbox_items.search_vector` (1060) is generated again with them from `search_text` (still folded by the application
 *   at ingestion, which the embedded database takes faster; a row stored with accents gets the same words): the column is
 *   dropped and added again (Postgres 15 cannot change a generated column's expression), which writes the table anew and
 *   drops its GIN index, made again here. The search goes through the same configurations, as typed.
 * - `inbox_conversation_search.words` (1231) is the union of its items' vectors: counted again for every conversation.
 *   The triggers and functions of 1231 read the column by name and stay as they are.
 */
export const up = `
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION plaza_es (COPY = spanish);
ALTER TEXT SEARCH CONFIGURATION plaza_es
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
ALTER TEXT SEARCH CONFIGURATION plaza_es
  ALTER MAPPING FOR numword, numhword, hword_numpart WITH unaccent, simple;

CREATE TEXT SEARCH CONFIGURATION plaza_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION plaza_simple
  ALTER MAPPING FOR hword, hword_part, word, numword, numhword, hword_numpart WITH unaccent, simple;

ALTER TABLE inbox_items DROP COLUMN search_vector;
ALTER TABLE inbox_items ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('plaza_es', search_text) || to_tsvector('plaza_simple', search_text)) STORED;
CREATE INDEX inbox_items_search_idx ON inbox_items USING gin (search_vector);

UPDATE inbox_conversation_search s
   SET words = (SELECT strip(string_agg(i.search_vector::text, ' ')::tsvector)
                  FROM inbox_items i WHERE i.conversation_id = s.conversation_id AND i.search_vector <> ''::tsvector);
-- Statistics for the new column on an inbox that has items. An empty inbox (a new installation) is not analyzed: its
-- statistics would say "empty" for good on the embedded database, which has no autovacuum to count it again (one
-- embedded bench run each way at 100,000 items: ingestion 1,028/s with the ANALYZE, 1,357/s without; noisy).
DO $analyze$
BEGIN
  IF EXISTS (SELECT 1 FROM inbox_items) THEN
    ANALYZE inbox_items;
    ANALYZE inbox_conversation_search;
  END IF;
END
$analyze$;
`;
