/** 0970_post_batches: batch operations on posts (move, reschedule, add to queue, delete) and their undo (issue 16, part 10). */
export const up = `
-- One batch operation on several posts, kept for a few minutes so it can be undone. 'before' holds what
-- each post was (state, time, queue) or, for a delete, the deleted rows themselves (to_jsonb of posts,
-- publications, comments, attempts); 'after' what the batch made of each post, so an undo can tell
-- whether someone changed a post since. Rows older than the undo window are removed by the next batch.
CREATE TABLE post_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  action text NOT NULL,
  post_ids jsonb NOT NULL,
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  undone_at timestamptz
);
CREATE INDEX post_batches_workspace ON post_batches (workspace_id, created_at);
`;
