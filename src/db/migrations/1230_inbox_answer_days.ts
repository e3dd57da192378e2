/**
 * 1230_inbox_answer_days: the service report's reply times at a million items (issue 14, benchmarks). Plain SQL and
 * PL/pgSQL, the same on PGlite and Postgres.
 *
 * `inbox_answer_days` holds, per workspace, UTC day and kind of answer (the first response of a conversation or a later
 * one), every answer that ended a wait (outbound items with `waited_since`): since when the person waited and when we
 * answered, as microseconds since 1970 packed in `bytea` (8 bytes each, big-endian: int8send), in the same order in
 * both columns. A 90-day report reads about 90 rows × 2 instead of every answer; the medians, means and shares within
 * target are computed from the same instants as from the items, so they are exact (not bucketed). Days are UTC days
 * (no rebuild when the brand's zone changes): a report's range reads its whole UTC days here and its two ends from the
 * items.
 *
 * Kept by statement-level triggers on `inbox_items`, in the transaction of whatever writes: the (workspace, day) pairs a
 * statement touched among answers (inserted, deleted, or changed in a counted column) are packed again from the items
 * (the partial index inbox_items_answers_idx, index-only: about one day of answers each). A statement that touches no
 * answer (inbound items, texts, sentiments) only scans its transition tables.
 */
export const up = `
CREATE TABLE inbox_answer_days (
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  day date NOT NULL,
  first_response boolean NOT NULL,
  n integer NOT NULL,
  waited_since bytea NOT NULL,
  answered_at bytea NOT NULL,
  PRIMARY KEY (workspace_id, day, first_response)
);

-- One UTC day of a workspace's answers, packed again from the items (its rows removed when it has none left).
CREATE FUNCTION inbox_answer_day_pack(p_workspace uuid, p_day date) RETURNS void LANGUAGE sql AS $pack$
  DELETE FROM inbox_answer_days WHERE workspace_id = p_workspace AND day = p_day;
  INSERT INTO inbox_answer_days (workspace_id, day, first_response, n, waited_since, answered_at)
  SELECT p_workspace, p_day, i.first_response, count(*),
         string_agg(int8send(round(date_part('epoch', i.waited_since) * 1000000)::int8), ''::bytea),
         string_agg(int8send(round(date_part('epoch', i.remote_created_at) * 1000000)::int8), ''::bytea)
    FROM inbox_items i
   WHERE i.workspace_id = p_workspace AND i.direction = 'outbound' AND i.waited_since IS NOT NULL
     AND i.remote_created_at >= (p_day::timestamp AT TIME ZONE 'UTC')
     AND i.remote_created_at < ((p_day + 1)::timestamp AT TIME ZONE 'UTC')
   GROUP BY i.first_response;
$pack$;

-- The days a statement touched among answers, packed again (in key order).
CREATE FUNCTION inbox_answer_days_changed() RETURNS trigger LANGUAGE plpgsql AS $changed$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM inbox_answer_day_pack(d.workspace_id, d.day)
       FROM (SELECT DISTINCT workspace_id, (remote_created_at AT TIME ZONE 'UTC')::date AS day
               FROM new_items WHERE direction = 'outbound' AND waited_since IS NOT NULL ORDER BY 1, 2) d;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM inbox_answer_day_pack(d.workspace_id, d.day)
       FROM (SELECT DISTINCT workspace_id, (remote_created_at AT TIME ZONE 'UTC')::date AS day
               FROM old_items WHERE direction = 'outbound' AND waited_since IS NOT NULL ORDER BY 1, 2) d;
  ELSE
    PERFORM inbox_answer_day_pack(d.workspace_id, d.day)
       FROM (SELECT DISTINCT x.workspace_id, (x.remote_created_at AT TIME ZONE 'UTC')::date AS day
               FROM new_items n JOIN old_items o ON o.id = n.id,
                    LATERAL (VALUES (n.workspace_id, n.remote_created_at, n.direction, n.waited_since),
                                    (o.workspace_id, o.remote_created_at, o.direction, o.waited_since))
                      AS x(workspace_id, remote_created_at, direction, waited_since)
              WHERE (o.workspace_id, o.remote_created_at, o.direction, o.waited_since, o.first_response)
                    IS DISTINCT FROM (n.workspace_id, n.remote_created_at, n.direction, n.waited_since, n.first_response)
                AND x.direction = 'outbound' AND x.waited_since IS NOT NULL
              ORDER BY 1, 2) d;
  END IF;
  RETURN NULL;
END
$changed$;

CREATE TRIGGER inbox_items_answer_days_insert AFTER INSERT ON inbox_items
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION inbox_answer_days_changed();
CREATE TRIGGER inbox_items_answer_days_update AFTER UPDATE ON inbox_items
  REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION inbox_answer_days_changed();
CREATE TRIGGER inbox_items_answer_days_delete AFTER DELETE ON inbox_items
  REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION inbox_answer_days_changed();

-- The answers written before this migration, a day at a time.
SELECT inbox_answer_day_pack(d.workspace_id, d.day)
  FROM (SELECT DISTINCT workspace_id, (remote_created_at AT TIME ZONE 'UTC')::date AS day
          FROM inbox_items WHERE direction = 'outbound' AND waited_since IS NOT NULL ORDER BY 1, 2) d;
`;
