/**
 * 1020_first_comment_state: a first comment's own status beside its publication (issue 16, part 5),
 * and what became of the link card the post was sent with. Plain SQL, the same on PGlite and Postgres.
 */
export const up = `
-- null: no first comment, or its post is not out yet; 'pending': waits for its (next) try at
-- first_comment_due_at; 'posting': a worker holds it until first_comment_lease_until; 'published'; 'failed'.
ALTER TABLE publications ADD COLUMN first_comment_state text;
ALTER TABLE publications ADD COLUMN first_comment_remote_url text;
ALTER TABLE publications ADD COLUMN first_comment_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE publications ADD COLUMN first_comment_due_at timestamptz;
ALTER TABLE publications ADD COLUMN first_comment_lease_until timestamptz;
ALTER TABLE publications ADD COLUMN first_comment_error_code text;
ALTER TABLE publications ADD COLUMN first_comment_error_message text;
ALTER TABLE publications ADD COLUMN first_comment_published_at timestamptz;
-- The link card sent with the post (its URL), or why none was sent (a failure code).
ALTER TABLE publications ADD COLUMN link_card_url text;
ALTER TABLE publications ADD COLUMN link_card_skipped text;

UPDATE publications SET first_comment_state = 'published' WHERE first_comment_remote_id IS NOT NULL;
UPDATE publications SET first_comment_state = 'failed', first_comment_error_code = 'first_comment_not_published'
 WHERE state = 'published' AND first_comment IS NOT NULL AND first_comment_remote_id IS NULL;

CREATE INDEX publications_first_comment_due_idx ON publications (first_comment_due_at)
  WHERE first_comment_state IN ('pending', 'posting');
`;
