/** Listening API shapes as the pages use them. */
export type Sentiment = 'positive' | 'neutral' | 'negative';

// until the route has a response schema
export interface ListeningQuery {
  id: string;
  name: string;
  query: string;
  kind: 'brand' | 'competitor' | 'topic';
  competitorName: string | null;
  active: boolean;
}

// until the route has a response schema
export interface Mention {
  id: string;
  network: string;
  url: string | null;
  author: { handle: string; name: string | null; reach: number | null };
  text: string;
  lang: string;
  sentiment: Sentiment | null;
  autoSentiment: Sentiment | null;
  corrected: boolean;
  publishedAt: string;
  queryIds: string[];
}

/** One field of a source kind's settings form, as the API declares it (GET /listening/source-kinds). */
export interface SourceFormField {
  name: string;
  input: 'url' | 'text' | 'secret' | 'number' | 'select' | 'channel';
  required: boolean;
  label: { en: string; es: string };
  help?: { en: string; es: string };
  default?: string | number;
  options?: Array<{ value: string; label: { en: string; es: string } }>;
  min?: number;
  max?: number;
  when?: { field: string; equals: string[] };
  stripPrefix?: string;
}

/** A kind of listening source and its form, declared by its network (or by the generic sources). */
export interface SourceKindForm {
  kind: string;
  network: string | null;
  label: { en: string; es: string };
  fields: SourceFormField[];
  targetKeys: string[];
  urlField: string | null;
}

// until the route has a response schema
export interface ListeningSource {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  status: string;
  lastError: string | null;
  lagMs: number | null;
  queueDepth: number;
  itemsIngested: number;
  active: boolean;
}

// until the route has a response schema
export interface QueryErrorDetails {
  position: number;
  expected: string;
  message: string;
  messageEs: string;
}

/** A duration in ms as a short human string. */
export function formatLag(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
