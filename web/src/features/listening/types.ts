/** Listening API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem } from '../../api/types.ts';

/** One listening query of GET listening/queries. */
export type ListeningQuery = ApiItem<'/api/v1/workspaces/{workspaceId}/listening/queries', 'get'>;

/** One mention of GET listening/mentions. */
export type Mention = ApiItem<'/api/v1/workspaces/{workspaceId}/listening/mentions', 'get'>;

/** A kind of listening source and its form, declared by its network (or by the generic sources): GET /listening/source-kinds. */
export type SourceKindForm = ApiItem<'/api/v1/listening/source-kinds', 'get'>;

/** One field of a source kind's settings form. */
export type SourceFormField = SourceKindForm['fields'][number];

/** A mention's sentiment. */
export type Sentiment = NonNullable<Mention['sentiment']>;

/** One listening source of GET listening/sources. */
export type ListeningSource = ApiItem<'/api/v1/workspaces/{workspaceId}/listening/sources', 'get'>;

/** The details of an invalid_query error (errors share one schema, whose details are free-form). */
export interface QueryErrorDetails {
  position: number;
  /** Why, as a code the app words (querySyntax.reasons.*), with its parameters. */
  reason: string;
  params: Record<string, string | number>;
  /** The server's English wording, kept as a fallback for a reason this app does not know yet. */
  message: string;
}

/** A duration in ms as a short human string. */
export function formatLag(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
