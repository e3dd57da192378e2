/**
 * 0950_media_library: the media library (issue 16, part 7). Plain SQL, the same on PGlite and Postgres
 * (no extension: search uses the built-in full-text search with the 'simple' configuration).
 */
export const up = `
-- What a person knows about a file: a name, alt text kept with the image, tags; a crop points at its original.
ALTER TABLE media ADD COLUMN name text NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN alt_text text NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE media ADD COLUMN original_id uuid REFERENCES media(id) ON DELETE SET NULL;
ALTER TABLE media ADD COLUMN crop jsonb;
ALTER TABLE media ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Names of earlier resumable uploads.
UPDATE media m SET name = u.file_name FROM media_uploads u WHERE u.media_id = m.id AND m.name = '';

-- Search text: lower case, Spanish and other Latin accents folded, anything but letters and digits a space
-- (so "Verano-2026_playa.JPG" is the words verano 2026 playa jpg). The same folding runs in the app on queries.
CREATE FUNCTION media_search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fold$
  SELECT regexp_replace(
    lower(translate(coalesce(value, ''),
      'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇçÝýÿ',
      'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuNnCcYyy')),
    '[^a-z0-9]+', ' ', 'g')
$fold$;

CREATE FUNCTION media_search_vector(name text, alt_text text, tags text[]) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $vec$
  SELECT to_tsvector('simple'::regconfig, media_search_fold(name || ' ' || alt_text || ' ' || array_to_string(tags, ' ')))
$vec$;

ALTER TABLE media ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (media_search_vector(name, alt_text, tags)) STORED;
CREATE INDEX media_search_idx ON media USING gin (search_vector);
CREATE INDEX media_tags_idx ON media USING gin (tags);
CREATE INDEX media_workspace_created_idx ON media (workspace_id, created_at DESC, id DESC);
CREATE INDEX media_original_idx ON media (original_id) WHERE original_id IS NOT NULL;

-- Where each file is used: one row per publication (post × channel) and file, with the words of that
-- publication's text for "search by where it was used". Kept by the trigger below, whatever code writes
-- publications (composer, imports, queues, recurring posts).
CREATE TABLE media_usages (
  publication_id uuid NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
  media_id uuid NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  post_id uuid NOT NULL,
  workspace_id uuid NOT NULL,
  post_words tsvector NOT NULL,
  PRIMARY KEY (publication_id, media_id)
);
CREATE INDEX media_usages_media_idx ON media_usages (media_id);
CREATE INDEX media_usages_post_idx ON media_usages (post_id);
CREATE INDEX media_usages_words_idx ON media_usages USING gin (post_words);

-- The files a publication names (its own and its thread parts'), with the alt text it gives each.
CREATE FUNCTION media_items_of(media jsonb, thread jsonb) RETURNS TABLE (media_id uuid, alt text) LANGUAGE sql IMMUTABLE AS $items$
  SELECT CASE WHEN item.id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN item.id::uuid END, item.alt
  FROM (
    SELECT e->>'mediaId' AS id, e->>'alt' AS alt
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(media) = 'array' THEN media ELSE '[]'::jsonb END) e
    UNION ALL
    SELECT e->>'mediaId', e->>'alt'
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(thread) = 'array' THEN thread ELSE '[]'::jsonb END) part,
         jsonb_array_elements(CASE WHEN jsonb_typeof(part->'media') = 'array' THEN part->'media' ELSE '[]'::jsonb END) e
  ) item
$items$;

CREATE FUNCTION media_usages_sync() RETURNS trigger LANGUAGE plpgsql AS $sync$
DECLARE
  item record;
  words tsvector;
BEGIN
  DELETE FROM media_usages WHERE publication_id = NEW.id;
  words := to_tsvector('simple'::regconfig, media_search_fold(NEW.text || ' ' ||
    coalesce((SELECT string_agg(part->>'text', ' ') FROM jsonb_array_elements(
      CASE WHEN jsonb_typeof(NEW.thread) = 'array' THEN NEW.thread ELSE '[]'::jsonb END) part), '')));
  -- One file at a time, each found by its primary key (a publication names a handful).
  FOR item IN
    SELECT DISTINCT ON (i.media_id) i.media_id, i.alt FROM media_items_of(NEW.media, NEW.thread) i
    WHERE i.media_id IS NOT NULL ORDER BY i.media_id, coalesce(i.alt, '') = ''
  LOOP
    INSERT INTO media_usages (publication_id, media_id, post_id, workspace_id, post_words)
    SELECT NEW.id, m.id, NEW.post_id, NEW.workspace_id, words FROM media m
    WHERE m.id = item.media_id AND m.workspace_id = NEW.workspace_id;
    -- Alt text is kept with the image: the first alt text a post gives a file without one becomes its own.
    IF coalesce(item.alt, '') <> '' THEN
      UPDATE media SET alt_text = item.alt, updated_at = now()
      WHERE id = item.media_id AND workspace_id = NEW.workspace_id AND alt_text = '';
    END IF;
  END LOOP;
  RETURN NULL;
END
$sync$;

CREATE TRIGGER publications_media_usages_insert AFTER INSERT ON publications
  FOR EACH ROW WHEN (NEW.media <> '[]'::jsonb OR NEW.thread <> '[]'::jsonb) EXECUTE FUNCTION media_usages_sync();
CREATE TRIGGER publications_media_usages_update AFTER UPDATE OF media, thread, text ON publications
  FOR EACH ROW WHEN (OLD.media IS DISTINCT FROM NEW.media OR OLD.thread IS DISTINCT FROM NEW.thread OR OLD.text IS DISTINCT FROM NEW.text)
  EXECUTE FUNCTION media_usages_sync();

-- Publications written before this migration.
INSERT INTO media_usages (publication_id, media_id, post_id, workspace_id, post_words)
SELECT DISTINCT ON (p.id, m.id) p.id, m.id, p.post_id, p.workspace_id, to_tsvector('simple'::regconfig, media_search_fold(p.text))
FROM publications p
CROSS JOIN LATERAL media_items_of(p.media, p.thread) item
JOIN media m ON m.id = item.media_id AND m.workspace_id = p.workspace_id;
`;
