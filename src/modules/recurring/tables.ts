/** The recurring module's tables and columns (migration 0930_recurring), merged into `Database` here. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

/** A recurring post: an RRULE on the brand's wall clock and the post each occurrence is made from. */
export interface RecurringRulesTable {
  id: Generated<string>;
  workspace_id: string;
  author_id: string | null;
  /** The rule without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10. */
  rrule: string;
  /** DTSTART on the brand's wall clock, yyyy-MM-ddTHH:mm. */
  starts_local: string;
  /** How far ahead occurrences exist (the rolling window). */
  window_days: number;
  /** The post body (posts' PostBody) every occurrence is created from. */
  template: Json<unknown>;
  /** Occurrences exist up to this instant. */
  generated_until: Timestamp;
  /** The rule has no occurrence left (COUNT or UNTIL reached). */
  finished: Generated<boolean>;
  stopped_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

declare module '../../db/schema.ts' {
  interface Database {
    recurring_rules: RecurringRulesTable;
  }
  interface PostsTable {
    recurring_rule_id: Generated<string | null>;
    occurrence_local: Generated<string | null>;
    occurrence_detached: Generated<boolean>;
    evergreen: Generated<boolean>;
    evergreen_variants: ColumnType<string[], string | undefined, string>;
    evergreen_source_id: Generated<string | null>;
  }
  interface QueuesTable {
    evergreen_gap_days: Generated<number | null>;
  }
}
