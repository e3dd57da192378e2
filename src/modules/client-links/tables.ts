/** The client-links module's tables (migration 0975), merged into `Database` by module augmentation. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A calendar date (YYYY-MM-DD); read back as text (see the repository's casts). */
type Day = ColumnType<string, string, string>;

/** A client approval link: the posts of a period, for a named client; only the token's SHA-256 is stored. */
export interface ClientLinksTable {
  id: Generated<string>;
  workspace_id: string;
  token_hash: string;
  client_name: string;
  language: string;
  first_day: Day;
  last_day: Day;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** The client's latest verdict on a post through a link. */
export interface ClientLinkDecisionsTable {
  link_id: string;
  post_id: string;
  workspace_id: string;
  decision: 'approved' | 'rejected';
  comment: Generated<string>;
  decided_at: Timestamp;
}

declare module '../../db/schema.ts' {
  interface Database {
    client_links: ClientLinksTable;
    client_link_decisions: ClientLinkDecisionsTable;
  }
}
