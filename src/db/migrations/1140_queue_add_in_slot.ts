/**
 * 1140_queue_add_in_slot: "add to queue" in one statement once the application has read and decided
 * (issue 16, `queue_add_p95_ms`). Plain SQL and PL/pgSQL, the same on PGlite and Postgres.
 *
 * The queues module reads what an add decides on without locks (the queue, its slots and taken
 * times, the post and its channel variants), computes the slot instants in the brand's zone and
 * validates the post for its networks, then calls queue_add_in_slot with the instants to try in
 * order. The function, in the caller's transaction (its own, when called alone):
 *   1. locks the queue's row, then the post's (the order every queue change takes them);
 *   2. checks that nothing the application decided on changed since it read (queue_add_fingerprint,
 *      recomputed under the locks); if anything did, it answers 'stale' and changes nothing;
 *   3. takes the first candidate instant no post of the queue holds — a PL/pgSQL statement sees every
 *      add committed before its locks were granted, so two adds never pick one slot; 'exhausted' when
 *      every candidate is held;
 *   4. schedules the post and its waiting publications there, and writes the events given (each
 *      event's data.scheduledAt set to the slot, as JSON writes a date: 2027-01-04T07:00:00.000Z).
 * The exclusion constraint posts_queue_slot_once (1030) stays the last guard behind the lock.
 */
export const up = `
-- Everything an add decides on, as one value: the queue (workspace, paused, name), the brand's zone
-- and approval rule, the slots, the post (workspace, state, content, recurring rule), and each
-- publication with its channel (what network validation reads: texts, media, thread, options, post
-- type, first comment, title, the channel's network, settings and status, the media it names).
CREATE FUNCTION queue_add_fingerprint(p_queue uuid, p_post uuid) RETURNS text LANGUAGE sql STABLE AS $fingerprint$
  SELECT md5(json_build_array(
    (SELECT json_build_array(q.workspace_id, q.paused, q.name, w.time_zone, w.approval_required)
       FROM queues q JOIN workspaces w ON w.id = q.workspace_id WHERE q.id = p_queue),
    (SELECT json_agg(json_build_array(s.weekday, s.minute) ORDER BY s.weekday, s.minute) FROM queue_slots s WHERE s.queue_id = p_queue),
    (SELECT json_build_array(p.workspace_id, p.state, p.recurring_rule_id, md5(p.content)) FROM posts p WHERE p.id = p_post),
    (SELECT json_agg(json_build_array(pub.id, pub.channel_id, pub.state, md5(pub.text), md5(pub.media::text), md5(pub.thread::text),
              md5(pub.options::text), pub.post_type, md5(coalesce(pub.first_comment, '')), pub.first_comment IS NULL,
              md5(coalesce(pub.title, '')), pub.title IS NULL, c.workspace_id, c.network, c.status, md5(c.settings::text),
              (SELECT count(*) FROM media_items_of(pub.media, pub.thread) i JOIN media m ON m.id = i.media_id AND m.workspace_id = pub.workspace_id))
            ORDER BY pub.id)
       FROM publications pub JOIN channels c ON c.id = pub.channel_id WHERE pub.post_id = p_post)
  )::text)
$fingerprint$;

CREATE FUNCTION queue_add_in_slot(
  p_workspace uuid, p_queue uuid, p_post uuid, p_fingerprint text, p_candidates timestamptz[], p_now timestamptz, p_events jsonb
) RETURNS TABLE (outcome text, slot timestamptz, event_ids bigint[]) LANGUAGE plpgsql VOLATILE AS $add$
DECLARE
  v_slot timestamptz;
  v_ids bigint[];
BEGIN
  PERFORM 1 FROM queues q WHERE q.id = p_queue AND q.workspace_id = p_workspace FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'stale'::text, NULL::timestamptz, NULL::bigint[];
    RETURN;
  END IF;
  PERFORM 1 FROM posts p WHERE p.id = p_post AND p.workspace_id = p_workspace FOR UPDATE;
  IF NOT FOUND OR queue_add_fingerprint(p_queue, p_post) IS DISTINCT FROM p_fingerprint THEN
    RETURN QUERY SELECT 'stale'::text, NULL::timestamptz, NULL::bigint[];
    RETURN;
  END IF;
  SELECT t.at INTO v_slot FROM unnest(p_candidates) WITH ORDINALITY AS t(at, n)
   WHERE NOT EXISTS (
     SELECT 1 FROM posts o
      WHERE o.queue_id = p_queue AND o.scheduled_at = t.at AND o.state IN ('scheduled', 'publishing', 'published'))
   ORDER BY t.n LIMIT 1;
  IF v_slot IS NULL THEN
    RETURN QUERY SELECT 'exhausted'::text, NULL::timestamptz, NULL::bigint[];
    RETURN;
  END IF;
  UPDATE publications SET state = 'scheduled', due_at = v_slot, claimed_by = NULL, lease_until = NULL,
         error_code = NULL, error_message = NULL, updated_at = p_now
   WHERE post_id = p_post AND state IN ('pending', 'scheduled', 'failed');
  UPDATE posts SET state = 'scheduled', scheduled_at = v_slot, queue_id = p_queue, updated_at = p_now WHERE id = p_post;
  WITH added AS (
    INSERT INTO events (workspace_id, actor_user_id, type, subject_type, subject_id, data)
    SELECT (e.value->>'workspaceId')::uuid, (e.value->>'actorUserId')::uuid, e.value->>'type', e.value->>'subjectType',
           e.value->>'subjectId',
           jsonb_set(coalesce(e.value->'data', '{}'::jsonb), '{scheduledAt}',
                     to_jsonb(to_char(v_slot AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, n)
     ORDER BY e.n
    RETURNING id
  )
  SELECT coalesce(array_agg(added.id ORDER BY added.id), '{}') INTO v_ids FROM added;
  RETURN QUERY SELECT 'added'::text, v_slot, v_ids;
END
$add$;
`;
