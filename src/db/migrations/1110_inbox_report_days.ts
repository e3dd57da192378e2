/**
 * 1110_inbox_report_days: the service report at a million items (issue 14, benchmarks). Plain SQL and PL/pgSQL, the
 * same on PGlite and Postgres.
 *
 * `inbox_report_days` holds, per workspace and brand day (the calendar date in the workspace's time zone), the counts
 * the service report sums, so a 90-day report reads at most 90 rows per measure and key instead of every item:
 *
 * | measure    | a            | b       | c         | counted                                                   |
 * |------------|--------------|---------|-----------|-----------------------------------------------------------|
 * | `inbound`  | item kind    | network | sentiment | inbound items, by the day they were written               |
 * | `label`    | label        |         |           | inbound items, once per label of their conversation       |
 * | `replies`  | author id    |         |           | outbound items (our answers), by author ('' for none)     |
 * | `started`  |              |         |           | conversations with an inbound item, by the day created    |
 * | `answered` |              |         |           | the same conversations once answered                      |
 * | `resolved` | resolver id  |         |           | resolved conversations, by the day resolved               |
 *
 * The rows are kept current by statement-level triggers on `inbox_items`, `inbox_conversations` and
 * `workspaces.time_zone`, in the transaction of whatever writes (ingestion, replies, bulk actions, rules, erasure,
 * cascades): a write adds its rows' contributions and takes away the old ones; a deletion (its conversation may be gone
 * with it) counts its days again from the items; a new time zone rebuilds the workspace's rows. Each trigger computes
 * its change against the current state of the other table, so the rows always equal the sums over the raw rows (the
 * tests compare the two). Empty (0) rows may remain; readers sum.
 */
export const up = `
CREATE TABLE inbox_report_days (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  measure text NOT NULL,
  day date NOT NULL,
  a text NOT NULL DEFAULT '',
  b text NOT NULL DEFAULT '',
  c text NOT NULL DEFAULT '',
  n bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, measure, day, a, b, c)
);

-- What one item counts for (its conversation gives the network and the labels).
CREATE FUNCTION inbox_report_item_rows(p_conversation uuid, p_kind text, p_direction text, p_sentiment text, p_author uuid)
RETURNS TABLE (measure text, a text, b text, c text) LANGUAGE sql STABLE AS $rows$
  SELECT 'inbound', p_kind, c.network, coalesce(p_sentiment, '')
    FROM inbox_conversations c WHERE c.id = p_conversation AND p_direction = 'inbound'
  UNION ALL
  SELECT 'label', l.label, '', ''
    FROM inbox_conversations c,
         jsonb_array_elements_text(CASE WHEN jsonb_typeof(c.labels) = 'array' THEN c.labels ELSE '[]'::jsonb END) AS l(label)
   WHERE c.id = p_conversation AND p_direction = 'inbound'
  UNION ALL
  SELECT 'replies', coalesce(p_author::text, ''), '', ''
    FROM inbox_conversations c WHERE c.id = p_conversation AND p_direction = 'outbound'
$rows$;

-- What one conversation counts for.
CREATE FUNCTION inbox_report_conversation_rows(p_zone text, p_created timestamptz, p_last_inbound timestamptz,
                                               p_first_response timestamptz, p_state text, p_resolved_at timestamptz,
                                               p_resolved_by uuid)
RETURNS TABLE (measure text, day date, a text) LANGUAGE sql STABLE AS $rows$
  SELECT 'started', (p_created AT TIME ZONE p_zone)::date, '' WHERE p_last_inbound IS NOT NULL
  UNION ALL
  SELECT 'answered', (p_created AT TIME ZONE p_zone)::date, '' WHERE p_last_inbound IS NOT NULL AND p_first_response IS NOT NULL
  UNION ALL
  SELECT 'resolved', (p_resolved_at AT TIME ZONE p_zone)::date, coalesce(p_resolved_by::text, '')
   WHERE p_state = 'resolved' AND p_resolved_at IS NOT NULL
$rows$;

-- The item-derived rows of one brand day, counted again from the items (after deletions).
CREATE FUNCTION inbox_report_recount_items(p_workspace uuid, p_day date) RETURNS void LANGUAGE plpgsql AS $recount$
DECLARE
  zone text;
BEGIN
  SELECT time_zone INTO zone FROM workspaces WHERE id = p_workspace;
  IF zone IS NULL THEN RETURN; END IF;
  DELETE FROM inbox_report_days
   WHERE workspace_id = p_workspace AND day = p_day AND measure IN ('inbound', 'label', 'replies');
  INSERT INTO inbox_report_days (workspace_id, measure, day, a, b, c, n)
  SELECT p_workspace, r.measure, p_day, r.a, r.b, r.c, count(*)
    FROM inbox_items i,
         LATERAL inbox_report_item_rows(i.conversation_id, i.kind, i.direction, i.sentiment, i.author_user_id) r
   WHERE i.workspace_id = p_workspace
     AND i.remote_created_at >= (p_day::timestamp AT TIME ZONE zone)
     AND i.remote_created_at < ((p_day + 1)::timestamp AT TIME ZONE zone)
   GROUP BY r.measure, r.a, r.b, r.c;
END
$recount$;

-- Every row of one workspace, counted again (a new time zone; the rows written before this migration).
CREATE FUNCTION inbox_report_rebuild(p_workspace uuid) RETURNS void LANGUAGE plpgsql AS $rebuild$
DECLARE
  zone text;
BEGIN
  SELECT time_zone INTO zone FROM workspaces WHERE id = p_workspace;
  DELETE FROM inbox_report_days WHERE workspace_id = p_workspace;
  IF zone IS NULL THEN RETURN; END IF;
  INSERT INTO inbox_report_days (workspace_id, measure, day, a, b, c, n)
  SELECT p_workspace, r.measure, (i.remote_created_at AT TIME ZONE zone)::date, r.a, r.b, r.c, count(*)
    FROM inbox_items i,
         LATERAL inbox_report_item_rows(i.conversation_id, i.kind, i.direction, i.sentiment, i.author_user_id) r
   WHERE i.workspace_id = p_workspace
   GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO inbox_report_days (workspace_id, measure, day, a, n)
  SELECT p_workspace, r.measure, r.day, r.a, count(*)
    FROM inbox_conversations c,
         LATERAL inbox_report_conversation_rows(zone, c.created_at, c.last_inbound_at, c.first_response_at, c.state,
                                                c.resolved_at, c.resolved_by_user_id) r
   WHERE c.workspace_id = p_workspace
   GROUP BY 1, 2, 3, 4;
END
$rebuild$;

-- Items written or changed: their contributions added, the old ones taken away (one upsert per statement, in key order).
CREATE FUNCTION inbox_report_items_changed() RETURNS trigger LANGUAGE plpgsql AS $changed$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO inbox_report_days AS d (workspace_id, measure, day, a, b, c, n)
    SELECT t.workspace_id, r.measure, (t.remote_created_at AT TIME ZONE w.time_zone)::date AS day, r.a, r.b, r.c, count(*)
      FROM new_items t
      JOIN workspaces w ON w.id = t.workspace_id,
           LATERAL inbox_report_item_rows(t.conversation_id, t.kind, t.direction, t.sentiment, t.author_user_id) r
     GROUP BY 1, 2, 3, 4, 5, 6
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (workspace_id, measure, day, a, b, c) DO UPDATE SET n = d.n + EXCLUDED.n;
  ELSE
    INSERT INTO inbox_report_days AS d (workspace_id, measure, day, a, b, c, n)
    SELECT t.workspace_id, r.measure, (t.remote_created_at AT TIME ZONE w.time_zone)::date AS day, r.a, r.b, r.c, sum(t.sign)
      FROM (SELECT n.*, 1 AS sign FROM new_items n
             WHERE NOT EXISTS (SELECT 1 FROM old_items o
                                WHERE o.id = n.id AND o.kind = n.kind AND o.direction = n.direction
                                  AND o.sentiment IS NOT DISTINCT FROM n.sentiment
                                  AND o.author_user_id IS NOT DISTINCT FROM n.author_user_id
                                  AND o.remote_created_at = n.remote_created_at AND o.conversation_id = n.conversation_id
                                  AND o.workspace_id = n.workspace_id)
            UNION ALL
            SELECT o.*, -1 FROM old_items o
             WHERE NOT EXISTS (SELECT 1 FROM new_items n
                                WHERE o.id = n.id AND o.kind = n.kind AND o.direction = n.direction
                                  AND o.sentiment IS NOT DISTINCT FROM n.sentiment
                                  AND o.author_user_id IS NOT DISTINCT FROM n.author_user_id
                                  AND o.remote_created_at = n.remote_created_at AND o.conversation_id = n.conversation_id
                                  AND o.workspace_id = n.workspace_id)) t
      JOIN workspaces w ON w.id = t.workspace_id,
           LATERAL inbox_report_item_rows(t.conversation_id, t.kind, t.direction, t.sentiment, t.author_user_id) r
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(t.sign) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (workspace_id, measure, day, a, b, c) DO UPDATE SET n = d.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$changed$;

-- Items deleted (alone, or with their conversation, channel or contact): their days counted again from what is left.
CREATE FUNCTION inbox_report_items_deleted() RETURNS trigger LANGUAGE plpgsql AS $deleted$
DECLARE
  d record;
BEGIN
  FOR d IN
    SELECT DISTINCT o.workspace_id, (o.remote_created_at AT TIME ZONE w.time_zone)::date AS day
      FROM old_items o JOIN workspaces w ON w.id = o.workspace_id
     ORDER BY 1, 2
  LOOP
    PERFORM inbox_report_recount_items(d.workspace_id, d.day);
  END LOOP;
  RETURN NULL;
END
$deleted$;

-- Conversations written, changed or deleted: started, answered and resolved by the same add-and-take-away; a change of
-- labels moves the counts of the conversation's inbound items from the old labels to the new ones.
CREATE FUNCTION inbox_report_conversation_delta(p_rows jsonb) RETURNS void LANGUAGE sql AS $delta$
  INSERT INTO inbox_report_days AS d (workspace_id, measure, day, a, n)
  SELECT t.workspace_id, r.measure, r.day, r.a, sum(t.sign)
    FROM jsonb_to_recordset(p_rows) AS t(workspace_id uuid, created_at timestamptz, last_inbound_at timestamptz,
                                        first_response_at timestamptz, state text, resolved_at timestamptz,
                                        resolved_by_user_id uuid, sign integer)
    JOIN workspaces w ON w.id = t.workspace_id,
         LATERAL inbox_report_conversation_rows(w.time_zone, t.created_at, t.last_inbound_at, t.first_response_at, t.state,
                                                t.resolved_at, t.resolved_by_user_id) r
   GROUP BY 1, 2, 3, 4
  HAVING sum(t.sign) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (workspace_id, measure, day, a, b, c) DO UPDATE SET n = d.n + EXCLUDED.n
$delta$;

CREATE FUNCTION inbox_report_conversations_changed() RETURNS trigger LANGUAGE plpgsql AS $changed$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM inbox_report_conversation_delta(coalesce(jsonb_agg(jsonb_build_object(
      'workspace_id', n.workspace_id, 'created_at', n.created_at, 'last_inbound_at', n.last_inbound_at,
      'first_response_at', n.first_response_at, 'state', n.state, 'resolved_at', n.resolved_at,
      'resolved_by_user_id', n.resolved_by_user_id, 'sign', 1)), '[]'::jsonb))
      FROM new_conversations n WHERE n.last_inbound_at IS NOT NULL OR n.state = 'resolved';
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM inbox_report_conversation_delta(coalesce(jsonb_agg(jsonb_build_object(
      'workspace_id', o.workspace_id, 'created_at', o.created_at, 'last_inbound_at', o.last_inbound_at,
      'first_response_at', o.first_response_at, 'state', o.state, 'resolved_at', o.resolved_at,
      'resolved_by_user_id', o.resolved_by_user_id, 'sign', -1)), '[]'::jsonb))
      FROM old_conversations o WHERE o.last_inbound_at IS NOT NULL OR o.state = 'resolved';
  ELSE
    -- Only the rows whose counted columns changed.
    PERFORM inbox_report_conversation_delta(coalesce(jsonb_agg(x.row), '[]'::jsonb))
      FROM (SELECT jsonb_build_object(
                     'workspace_id', n.workspace_id, 'created_at', n.created_at, 'last_inbound_at', n.last_inbound_at,
                     'first_response_at', n.first_response_at, 'state', n.state, 'resolved_at', n.resolved_at,
                     'resolved_by_user_id', n.resolved_by_user_id, 'sign', 1) AS row, o.id
              FROM new_conversations n JOIN old_conversations o ON o.id = n.id
             WHERE (o.workspace_id, o.created_at, o.last_inbound_at IS NULL, o.first_response_at IS NULL, o.state,
                    o.resolved_at, o.resolved_by_user_id)
                   IS DISTINCT FROM
                   (n.workspace_id, n.created_at, n.last_inbound_at IS NULL, n.first_response_at IS NULL, n.state,
                    n.resolved_at, n.resolved_by_user_id)
            UNION ALL
            SELECT jsonb_build_object(
                     'workspace_id', o.workspace_id, 'created_at', o.created_at, 'last_inbound_at', o.last_inbound_at,
                     'first_response_at', o.first_response_at, 'state', o.state, 'resolved_at', o.resolved_at,
                     'resolved_by_user_id', o.resolved_by_user_id, 'sign', -1), o.id
              FROM new_conversations n JOIN old_conversations o ON o.id = n.id
             WHERE (o.workspace_id, o.created_at, o.last_inbound_at IS NULL, o.first_response_at IS NULL, o.state,
                    o.resolved_at, o.resolved_by_user_id)
                   IS DISTINCT FROM
                   (n.workspace_id, n.created_at, n.last_inbound_at IS NULL, n.first_response_at IS NULL, n.state,
                    n.resolved_at, n.resolved_by_user_id)) x;
    INSERT INTO inbox_report_days AS d (workspace_id, measure, day, a, n)
    SELECT l.workspace_id, 'label', (i.remote_created_at AT TIME ZONE w.time_zone)::date, l.label, sum(l.sign)
      FROM (SELECT n.id, n.workspace_id, x.label, 1 AS sign
              FROM new_conversations n JOIN old_conversations o ON o.id = n.id AND o.labels IS DISTINCT FROM n.labels,
                   jsonb_array_elements_text(CASE WHEN jsonb_typeof(n.labels) = 'array' THEN n.labels ELSE '[]'::jsonb END) AS x(label)
            UNION ALL
            SELECT o.id, o.workspace_id, x.label, -1
              FROM old_conversations o JOIN new_conversations n ON n.id = o.id AND o.labels IS DISTINCT FROM n.labels,
                   jsonb_array_elements_text(CASE WHEN jsonb_typeof(o.labels) = 'array' THEN o.labels ELSE '[]'::jsonb END) AS x(label)) l
      JOIN workspaces w ON w.id = l.workspace_id
      JOIN inbox_items i ON i.conversation_id = l.id AND i.direction = 'inbound'
     GROUP BY 1, 2, 3, 4
    HAVING sum(l.sign) <> 0
     ORDER BY 1, 2, 3, 4
    ON CONFLICT (workspace_id, measure, day, a, b, c) DO UPDATE SET n = d.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$changed$;

CREATE FUNCTION inbox_report_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $zone$
BEGIN
  PERFORM inbox_report_rebuild(NEW.id);
  RETURN NULL;
END
$zone$;

CREATE TRIGGER inbox_items_report_insert AFTER INSERT ON inbox_items
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION inbox_report_items_changed();
CREATE TRIGGER inbox_items_report_update AFTER UPDATE ON inbox_items
  REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION inbox_report_items_changed();
CREATE TRIGGER inbox_items_report_delete AFTER DELETE ON inbox_items
  REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION inbox_report_items_deleted();

CREATE TRIGGER inbox_conversations_report_insert AFTER INSERT ON inbox_conversations
  REFERENCING NEW TABLE AS new_conversations FOR EACH STATEMENT EXECUTE FUNCTION inbox_report_conversations_changed();
CREATE TRIGGER inbox_conversations_report_update AFTER UPDATE ON inbox_conversations
  REFERENCING OLD TABLE AS old_conversations NEW TABLE AS new_conversations
  FOR EACH STATEMENT EXECUTE FUNCTION inbox_report_conversations_changed();
CREATE TRIGGER inbox_conversations_report_delete AFTER DELETE ON inbox_conversations
  REFERENCING OLD TABLE AS old_conversations FOR EACH STATEMENT EXECUTE FUNCTION inbox_report_conversations_changed();

CREATE TRIGGER workspaces_report_zone AFTER UPDATE OF time_zone ON workspaces
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION inbox_report_zone_changed();

-- Our answers with a wait, for the reply-time medians (index-only, without the inbound items of the range).
CREATE INDEX inbox_items_answers_idx ON inbox_items (workspace_id, remote_created_at)
  INCLUDE (conversation_id, waited_since, first_response) WHERE direction = 'outbound' AND waited_since IS NOT NULL;
-- The few conversations whose priority is not normal (the report's targets per priority).
CREATE INDEX inbox_conversations_priority_idx ON inbox_conversations (workspace_id) INCLUDE (priority) WHERE priority <> 'normal';

SELECT inbox_report_rebuild(id) FROM workspaces;
`;
