/**
 * What every listening source produces, and the contract of a source adapter.
 * A source emits batches of items together with the cursor that follows them; the
 * listener stores the items and the cursor in one transaction, so a restart resumes
 * exactly after the last stored batch (and the unique index absorbs any replay).
 */
import dns from 'node:dns/promises';
import net from 'node:net';
import type { z } from 'zod';
import type { AppContext } from '../../../server/context.ts';
import { assertFetchableUrl, isPrivateAddress, UnsafeUrlError } from '../../../lib/safe-fetch.ts';

/** A post, article or comment as a source found it. */
export interface SourceItem {
  /** The source's own id (AT URI, status URI, feed guid…): unique per source. */
  remoteId: string;
  text: string;
  network: string;
  url?: string | null;
  authorHandle?: string;
  authorName?: string | null;
  /** Followers or subscribers of the author when the source says. */
  authorReach?: number | null;
  /** Language tag the source declares, if any. */
  lang?: string | null;
  publishedAt: Date;
}

/** JSON-safe cursor stored in `listening_sources.cursor`. */
export type SourceCursor = Record<string, unknown>;

/** Items and the cursor to save once they are stored. */
export interface SourceBatch {
  items: SourceItem[];
  cursor: SourceCursor;
  /** How far behind real time the source is after this batch (ms), when it can tell. */
  lagMs?: number | null;
  /** A failure to show on the source (the cursor still advances, e.g. the next poll time). */
  error?: string;
  /** The failure's code (src/lib/failure-code.ts: failureCode(error)), shown translated; `error` is the raw text. */
  errorCode?: string;
}

/** A source row as an adapter needs it. */
export interface SourceRecord {
  id: string;
  workspaceId: string;
  kind: string;
  config: Record<string, unknown>;
  cursor: SourceCursor | null;
}

/** What the listener passes to a running adapter. */
export interface SourceRunOptions {
  ctx: AppContext;
  source: SourceRecord;
  /** Hands a batch to the pipeline; resolves when the bounded queue has room (backpressure). */
  emit(batch: SourceBatch): Promise<void>;
  /** Aborted when the listener stops or the source is removed. */
  signal: AbortSignal;
  /** Waits `ms` or until the signal aborts (injectable for tests). */
  sleep(ms: number): Promise<void>;
}

/** A source adapter: runs until the signal aborts, emitting batches in order. */
export interface SourceAdapter {
  readonly kind: string;
  run(options: SourceRunOptions): Promise<void>;
}

/** Text in both UI languages. */
export interface Bilingual {
  en: string;
  es: string;
}

/**
 * One field of a source kind's settings form, declared next to its config schema the way a
 * network declares its `connectionFields`; the web app builds the form from these.
 */
export interface SourceFormField {
  /** The config key it sets. */
  name: string;
  /** url, text, secret (sealed; never sent back), number (minutes…), select (from `options`) or channel (one of the workspace's channels). */
  input: 'url' | 'text' | 'secret' | 'number' | 'select' | 'channel';
  required: boolean;
  label: Bilingual;
  /** A short hint under the field. */
  help?: Bilingual;
  /** Value proposed when a source is created. */
  default?: string | number;
  /** Choices of a select. */
  options?: Array<{ value: string; label: Bilingual }>;
  /** Bounds of a number. */
  min?: number;
  max?: number;
  /** Shown (and required) only while another field has one of these values (its default counts). */
  when?: { field: string; equals: string[] };
  /** Characters removed from the start of the value, e.g. '#' for a hashtag. */
  stripPrefix?: string;
}

/** A settings problem a kind finds beyond its schema's shape. */
export interface SourceConfigProblem {
  /** The config key at fault. */
  field: string;
  message: string;
}

/**
 * Everything Plaza knows about one kind of listening source: its settings (zod schema and form
 * fields), which settings pick the stream, which one is the address it reads, and its runner.
 * Network sources are declared in their network's folder; generic ones in modules/listening/sources/.
 */
export interface ListeningSourceKind {
  readonly kind: string;
  /** The network it reads (null for generic sources such as feeds). */
  readonly network: string | null;
  readonly label: Bilingual;
  /** The shape of its config, the same on create and on edit. */
  readonly config: z.ZodObject;
  readonly fields: SourceFormField[];
  /**
   * Config keys that pick the stream a source reads. Changing one makes the stored cursor
   * meaningless (a cursor is a position in one stream), so it is reset; polling intervals are not.
   */
  readonly targetKeys: readonly string[];
  /** The config key holding the address it reads (checked against private addresses), or null. */
  readonly urlField: string | null;
  /** The address is a WebSocket stream (ws:// and wss:// allowed). */
  readonly streamUrl: boolean;
  /** Curated sources keep every item, matched or not; streams keep matches only. */
  readonly storeUnmatched: boolean;
  /** Rules beyond the schema's shape (e.g. a search needs terms); null when the config is fine. */
  check?(config: Record<string, unknown>): SourceConfigProblem | null;
  readonly adapter: SourceAdapter;
}

/** Sleeps `ms` unless the signal aborts first. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Plain text from a bit of HTML (Mastodon statuses, feed summaries): tags out, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (entity, code: string) => {
      const lower = code.toLowerCase();
      if (lower === 'amp') return '&';
      if (lower === 'lt') return '<';
      if (lower === 'gt') return '>';
      if (lower === 'quot') return '"';
      if (lower === 'apos') return "'";
      if (lower === 'nbsp') return ' ';
      const value = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return Number.isFinite(value) && value > 0 && value < 0x110000 ? String.fromCodePoint(value) : entity;
    })
    .trim();
}

/**
 * Refuses stream URLs (WebSocket firehoses) that point at private or loopback addresses
 * unless the admin allowed them, as safeFetch does for plain HTTP. Returns the URL.
 */
export async function assertPublicStreamUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = assertFetchableUrl(raw.replace(/^ws(s?):/i, 'http$1:'));
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true })).map((a) => a.address);
  const blocked = addresses.find((a) => isPrivateAddress(a));
  if (blocked) throw new UnsafeUrlError(`${host} resolves to a private address`);
  return url;
}
