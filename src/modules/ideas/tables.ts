import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** An idea card of the board (migration 0960_ideas). */
export interface IdeasTable {
  id: Generated<string>;
  workspace_id: string;
  author_id: string | null;
  title: string;
  notes: Generated<string>;
  pillar_id: string | null;
  campaign_id: string | null;
  objective_id: string | null;
  /** The channels the post made from this idea goes to (the composer preselects them). */
  channel_ids: JSONColumnType<string[]>;
  /** The post this idea became; null while it is still an idea. */
  post_id: string | null;
  /** Order inside the board (lower first). */
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdeaCommentsTable {
  id: Generated<string>;
  idea_id: string;
  author_id: string | null;
  body: string;
  created_at: Timestamp;
}

export const SNIPPET_KINDS = ['text', 'hashtags'] as const;
export type SnippetKind = (typeof SNIPPET_KINDS)[number];

/** A saved text snippet or hashtag set of a workspace. */
export interface SnippetsTable {
  id: Generated<string>;
  workspace_id: string;
  kind: SnippetKind;
  name: string;
  body: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module '../../db/schema.ts' {
  interface Database {
    ideas: IdeasTable;
    idea_comments: IdeaCommentsTable;
    snippets: SnippetsTable;
  }
}
