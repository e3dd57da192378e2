import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** What one post was, or became, in a batch: enough to put it back. */
export interface PostMark {
  id: string;
  state: string;
  scheduledAt: string | null;
  queueId: string | null;
}

/** The rows a batch delete removed, as `to_jsonb` of each row (restored with `jsonb_populate_recordset`). */
export interface DeletedRows {
  posts: unknown[];
  publications: unknown[];
  comments: unknown[];
  attempts: unknown[];
}

/** A batch operation on posts, kept for its undo window (migration 0970_post_batches). */
export interface PostBatchesTable {
  id: Generated<string>;
  workspace_id: string;
  actor_id: string | null;
  action: string;
  post_ids: JSONColumnType<string[], string, string>;
  before: JSONColumnType<PostMark[] | DeletedRows, string, string>;
  after: JSONColumnType<PostMark[], string, string>;
  created_at: Timestamp;
  undone_at: NullableTimestamp;
}

// The batch table joins the database's table map here, beside the code that owns it.
declare module '../../db/schema.ts' {
  interface Database {
    post_batches: PostBatchesTable;
  }
}
