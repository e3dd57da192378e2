/**
 * 1030_queue_slot_once: never two posts in one slot of a queue, guarded by the database itself.
 * The queues module serialises changes to a queue by locking its row; this exclusion constraint is
 * the last guard behind that lock. It is deferred to the commit, so a reorder or a change of slots
 * may swap times between posts inside one transaction. Its index also serves the "taken slots"
 * read of every add to a queue. Plain SQL, the same on PGlite and Postgres.
 */
export const up = `
-- Posts that already share a slot (before this guard) keep their time but leave the queue, as posts
-- scheduled by hand: the oldest stays in the slot.
UPDATE posts p SET queue_id = NULL
WHERE p.queue_id IS NOT NULL AND p.state IN ('scheduled', 'publishing', 'published')
  AND EXISTS (
    SELECT 1 FROM posts o
    WHERE o.queue_id = p.queue_id AND o.scheduled_at = p.scheduled_at AND o.state IN ('scheduled', 'publishing', 'published')
      AND (o.created_at, o.id) < (p.created_at, p.id)
  );

ALTER TABLE posts ADD CONSTRAINT posts_queue_slot_once
  EXCLUDE USING btree (queue_id WITH =, scheduled_at WITH =)
  WHERE (queue_id IS NOT NULL AND state IN ('scheduled', 'publishing', 'published'))
  DEFERRABLE INITIALLY DEFERRED;
`;
