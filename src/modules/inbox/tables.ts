import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const CONVERSATION_STATES = ['new', 'open', 'pending', 'resolved'] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export type SentimentValue = 'positive' | 'neutral' | 'negative';

/** One conversation per (channel, thread) (migration 0900_inbox). */
export interface InboxConversationsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  network: string;
  thread_remote_id: string;
  kind: string;
  state: Generated<ConversationState>;
  assignee_user_id: string | null;
  priority: Generated<Priority>;
  labels: JSONColumnType<string[]>;
  author_handle: string;
  author_name: string | null;
  preview: string;
  sentiment: string | null;
  unread_count: Generated<number>;
  item_count: Generated<number>;
  last_inbound_at: NullableTimestamp;
  last_message_at: Timestamp;
  resolved_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Since when the person waits for our answer (0980); null: nobody waits. */
  waiting_since: NullableTimestamp;
  first_response_at: NullableTimestamp;
  resolved_by_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Each item once per (channel, remote id). */
export interface InboxItemsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  conversation_id: string;
  remote_id: string;
  kind: string;
  direction: 'inbound' | 'outbound';
  author_id: string;
  author_handle: string;
  author_name: string | null;
  author_url: string | null;
  text: string;
  /**
   * The text folded by the application (lower case, no accents: cheaper words for the embedded database to make at
   * ingestion); the database's configurations (1260) remove accents as well. Emptied by erasure.
   */
  search_text: string;
  url: string | null;
  post_remote_id: string | null;
  in_reply_to_remote_id: string | null;
  language: string | null;
  rating: number | null;
  sentiment: string | null;
  sentiment_score: number | null;
  sentiment_manual: Generated<boolean>;
  received_via: 'poll' | 'push' | 'backfill' | 'reply';
  hidden: Generated<boolean>;
  liked: Generated<boolean>;
  deleted_at: NullableTimestamp;
  remote_created_at: Timestamp;
  created_at: Timestamp;
  /** The rule that acted on this item (0980). */
  rule_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Outbound items: since when the person had waited, and whether this was the conversation's first answer. */
  waited_since: NullableTimestamp;
  first_response: Generated<boolean>;
  author_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Generated from search_text (1060, 1260): Spanish word forms and words as written, without accents. */
  search_vector: ColumnType<string, never, never>;
}

/** A channel's durable cursor, backfill progress and poll lease. */
export interface InboxChannelStateTable {
  channel_id: string;
  workspace_id: string;
  cursor: string | null;
  backfill_state: Generated<'pending' | 'running' | 'done' | 'failed'>;
  backfill_items: Generated<number>;
  backfill_since: NullableTimestamp;
  last_polled_at: NullableTimestamp;
  last_error_code: string | null;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: NullableTimestamp;
  push_secret_sealed: ColumnType<string | null, string | null | undefined, string | null>;
  /** What the network will not let Plaza read here, by code, as the last read said (migration 1241). */
  unavailable_code: ColumnType<string | null, string | null | undefined, string | null>;
}

export type ReplyMode = 'public' | 'private' | 'direct_message';
export type ReplyState = 'queued' | 'sending' | 'sent' | 'failed';

/** A reply sent from Plaza, exactly once. */
export interface InboxRepliesTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  conversation_id: string;
  item_id: string;
  author_user_id: string | null;
  mode: ReplyMode;
  text: string;
  state: Generated<ReplyState>;
  attempts: Generated<number>;
  needs_reconcile: Generated<boolean>;
  lease_owner: string | null;
  lease_until: NullableTimestamp;
  next_attempt_at: Timestamp;
  remote_id: string | null;
  remote_url: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface InboxNotesTable {
  id: Generated<string>;
  workspace_id: string;
  conversation_id: string;
  author_user_id: string | null;
  text: string;
  mentioned_user_ids: JSONColumnType<string[]>;
  created_at: Timestamp;
}

export interface InboxSavedRepliesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  language: 'es' | 'en';
  text: string;
  created_at: Timestamp;
}

/** A rule of the inbox (0980): conditions and actions are JSON checked by rules.ts. */
export interface InboxRulesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  position: number;
  enabled: Generated<boolean>;
  conditions: JSONColumnType<object>;
  actions: JSONColumnType<object>;
  matched_count: Generated<number>;
  last_matched_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A workspace's inbox settings (0980): auto-replies, business hours, targets per priority. */
export interface InboxSettingsTable {
  workspace_id: string;
  auto_replies: boolean;
  business_hours: JSONColumnType<object>;
  targets: JSONColumnType<object>;
  updated_at: Timestamp;
}

/** A saved view of the list (0980): the person's own (user_id) or shared (null). */
export interface InboxSavedViewsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string | null;
  name: string;
  filter: JSONColumnType<object>;
  created_at: Timestamp;
}

/**
 * A conversation's search row (1231, kept by triggers): every word of its items, without positions, and the
 * three-character pieces of its lower-case handle; exact pre-filters for the list's search.
 */
export interface InboxConversationSearchTable {
  conversation_id: string;
  workspace_id: string;
  words: ColumnType<string | null, never, never>;
  handle_grams: ColumnType<string[], never, never>;
}

declare module '../../db/schema.ts' {
  interface Database {
    inbox_conversation_search: InboxConversationSearchTable;
    inbox_conversations: InboxConversationsTable;
    inbox_items: InboxItemsTable;
    inbox_channel_state: InboxChannelStateTable;
    inbox_replies: InboxRepliesTable;
    inbox_notes: InboxNotesTable;
    inbox_saved_replies: InboxSavedRepliesTable;
    inbox_rules: InboxRulesTable;
    inbox_settings: InboxSettingsTable;
    inbox_saved_views: InboxSavedViewsTable;
  }
}
