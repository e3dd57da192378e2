/**
 * 1231_inbox_conversation_search: "the newest conversations matching this text" at a million items (issue 14,
 * benchmarks). Plain SQL and PL/pgSQL, the same on PGlite and Postgres (no extension).
 *
 * - `inbox_conversation_search.words`: every word of the conversation's items (the union of their `search_vector`s,
 *   1060: Spanish word forms and words as written of the folded text), without positions, with a GIN index. A
 *   conversation with an item matching a search (plainto_tsquery: words joined by AND, or's of two configurations) has
 *   all of that item's words, so it matches too: the column is an exact pre-filter, and the list checks the items of the
 *   conversations it keeps (the results are those of the items).
 * - `inbox_conversation_search.handle_grams`: the three-character pieces of the conversation's lower-case handle, with a GIN
 *   index: a handle containing a search of three characters or more contains each of its pieces, so
 *   `handle_grams @> inbox_handle_grams(search)` is an exact pre-filter for `lower(author_handle) LIKE '%search%'`
 *   (what pg_trgm would give, without an extension the embedded database would have to load).
 *
 * One row per conversation, in a table of its own: the conversations' rows, read whole by many statements (`SELECT *`), stay
 * as they were. Kept by statement-level triggers: a conversation written or whose handle changed (erasure empties it)
 * gets its pieces; inserted items add their words to their conversations (one UPDATE
 * per statement, of the conversations that statement wrote to); items deleted, moved or whose text changed (erasure
 * empties it) have their conversations' words counted again from the items, so no erased word stays searchable.
 */
export const up = `
CREATE FUNCTION inbox_handle_grams(p_handle text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $grams$
  SELECT coalesce(array_agg(DISTINCT substr(h.lower_handle, g.i, 3)), '{}')
    FROM (SELECT lower(coalesce(p_handle, '')) AS lower_handle) h,
         generate_series(1, length(h.lower_handle) - 2) AS g(i)
$grams$;

CREATE TABLE inbox_conversation_search (
  conversation_id uuid PRIMARY KEY REFERENCES inbox_conversations(id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL,
  words tsvector,
  handle_grams text[] NOT NULL DEFAULT '{}'
);

-- The words of some conversations counted again from their items (rows locked in id order first).
CREATE FUNCTION inbox_conversation_words_recount(p_ids uuid[]) RETURNS void LANGUAGE sql AS $recount$
  SELECT 1 FROM inbox_conversation_search WHERE conversation_id = ANY (p_ids) ORDER BY conversation_id FOR UPDATE;
  UPDATE inbox_conversation_search s
     SET words = (SELECT strip(string_agg(i.search_vector::text, ' ')::tsvector)
                    FROM inbox_items i WHERE i.conversation_id = s.conversation_id AND i.search_vector <> ''::tsvector)
   WHERE s.conversation_id = ANY (p_ids);
$recount$;

CREATE FUNCTION inbox_conversation_words_changed() RETURNS trigger LANGUAGE plpgsql AS $changed$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO inbox_conversation_search AS s (conversation_id, workspace_id, words)
    SELECT n.conversation_id, min(n.workspace_id::text)::uuid, strip(string_agg(n.search_vector::text, ' ')::tsvector)
      FROM new_items n WHERE n.search_vector <> ''::tsvector GROUP BY n.conversation_id ORDER BY n.conversation_id
    ON CONFLICT (conversation_id) DO UPDATE SET words = strip(coalesce(s.words, ''::tsvector) || EXCLUDED.words);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM inbox_conversation_words_recount(array_agg(DISTINCT o.conversation_id)) FROM old_items o HAVING count(*) > 0;
  ELSE
    PERFORM inbox_conversation_words_recount(array_agg(DISTINCT x.id))
       FROM new_items n JOIN old_items o ON o.id = n.id,
            LATERAL (VALUES (n.conversation_id), (o.conversation_id)) AS x(id)
      WHERE (o.search_text, o.conversation_id) IS DISTINCT FROM (n.search_text, n.conversation_id)
     HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END
$changed$;

-- Conversations written, or whose handle changed: their handle's pieces.
CREATE FUNCTION inbox_conversation_handle_changed() RETURNS trigger LANGUAGE plpgsql AS $handle$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO inbox_conversation_search AS s (conversation_id, workspace_id, handle_grams)
    SELECT n.id, n.workspace_id, inbox_handle_grams(n.author_handle) FROM new_conversations n ORDER BY n.id
    ON CONFLICT (conversation_id) DO UPDATE SET handle_grams = EXCLUDED.handle_grams;
  ELSE
    UPDATE inbox_conversation_search s SET handle_grams = inbox_handle_grams(n.author_handle)
      FROM new_conversations n JOIN old_conversations o ON o.id = n.id
     WHERE s.conversation_id = n.id AND o.author_handle IS DISTINCT FROM n.author_handle;
  END IF;
  RETURN NULL;
END
$handle$;

CREATE TRIGGER inbox_items_words_insert AFTER INSERT ON inbox_items
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION inbox_conversation_words_changed();
CREATE TRIGGER inbox_items_words_update AFTER UPDATE ON inbox_items
  REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION inbox_conversation_words_changed();
CREATE TRIGGER inbox_items_words_delete AFTER DELETE ON inbox_items
  REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION inbox_conversation_words_changed();
CREATE TRIGGER inbox_conversations_handle_insert AFTER INSERT ON inbox_conversations
  REFERENCING NEW TABLE AS new_conversations FOR EACH STATEMENT EXECUTE FUNCTION inbox_conversation_handle_changed();
CREATE TRIGGER inbox_conversations_handle_update AFTER UPDATE ON inbox_conversations
  REFERENCING OLD TABLE AS old_conversations NEW TABLE AS new_conversations
  FOR EACH STATEMENT EXECUTE FUNCTION inbox_conversation_handle_changed();

-- The conversations written before this migration.
INSERT INTO inbox_conversation_search (conversation_id, workspace_id, words, handle_grams)
SELECT c.id, c.workspace_id,
       (SELECT strip(string_agg(i.search_vector::text, ' ')::tsvector)
          FROM inbox_items i WHERE i.conversation_id = c.id AND i.search_vector <> ''::tsvector),
       inbox_handle_grams(c.author_handle)
  FROM inbox_conversations c;

CREATE INDEX inbox_conversation_search_words_idx ON inbox_conversation_search USING gin (words);
CREATE INDEX inbox_conversation_search_grams_idx ON inbox_conversation_search USING gin (handle_grams);
ANALYZE inbox_conversation_search;
`;
