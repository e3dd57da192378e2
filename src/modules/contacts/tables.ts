import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** The lifecycle of a relationship, in board order. */
export const CONTACT_STAGES = ['follower', 'prospect', 'lead', 'customer'] as const;
export type ContactStage = (typeof CONTACT_STAGES)[number];

/** One contact per person (migration 0985_contacts). */
export interface ContactsTable {
  id: Generated<string>;
  workspace_id: string;
  display_name: string;
  stage: Generated<ContactStage>;
  value: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  email: string | null;
  website: string | null;
  labels: JSONColumnType<string[]>;
  notes: Generated<string>;
  custom_fields: JSONColumnType<Record<string, string>>;
  search_text: Generated<string>;
  stage_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An account of the person on one network. */
export interface ContactIdentitiesTable {
  id: Generated<string>;
  workspace_id: string;
  contact_id: string;
  network: string;
  author_id: string;
  handle: string;
  display_name: string | null;
  profile_url: string | null;
  first_seen_at: Timestamp;
  created_at: Timestamp;
}

/** One move on the board. */
export interface ContactStageChangesTable {
  id: Generated<string>;
  workspace_id: string;
  contact_id: string;
  from_stage: ContactStage | null;
  to_stage: ContactStage;
  actor_user_id: string | null;
  created_at: Timestamp;
}

declare module '../../db/schema.ts' {
  interface Database {
    contacts: ContactsTable;
    contact_identities: ContactIdentitiesTable;
    contact_stage_changes: ContactStageChangesTable;
  }
}
