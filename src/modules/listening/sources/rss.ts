/**
 * RSS 2.0 and Atom feeds (blogs, news, alerts), parsed with fast-xml-parser. Polite polling:
 * conditional GET (If-None-Match / If-Modified-Since from the stored ETag / Last-Modified),
 * an interval of at least 5 minutes (15 by default), Retry-After honoured, and the next
 * poll time kept in the durable cursor so a restart does not poll early. Fetched with
 * safeFetch: private and loopback targets are refused unless the admin allowed them.
 */
import { CodedError, failureCode } from '../../../lib/failure-code.ts';
import { XMLParser } from 'fast-xml-parser';
import { safeFetch } from '../../../lib/safe-fetch.ts';
import type { AppContext } from '../../../server/context.ts';
import { z } from 'zod';
import { htmlToText, type ListeningSourceKind, type SourceAdapter, type SourceCursor, type SourceItem } from './types.ts';

/** Smallest interval between two polls of one feed. */
export const MIN_FEED_INTERVAL_MS = 5 * 60_000;
const DEFAULT_FEED_INTERVAL_MS = 15 * 60_000;
const MAX_FEED_BYTES = 5 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
});

type XmlNode = Record<string, unknown>;
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'object' && '#text' in (value as XmlNode)) return String((value as XmlNode)['#text']);
  return '';
}
function dateOf(...values: unknown[]): Date | null {
  for (const value of values) {
    const parsed = Date.parse(textOf(value));
    if (!Number.isNaN(parsed)) return new Date(parsed);
  }
  return null;
}

/** Parses an RSS 2.0 or Atom document into items (network `rss`). Throws on something that is neither. */
export function parseFeed(xml: string, fetchedAt: Date): { title: string; items: SourceItem[] } {
  const doc = parser.parse(xml) as XmlNode;
  const rss = doc.rss as XmlNode | undefined;
  const rdf = doc['rdf:RDF'] as XmlNode | undefined;
  if (rss || rdf) {
    const channel = (rss?.channel ?? rdf?.channel ?? {}) as XmlNode;
    const entries = asArray((channel.item ?? rdf?.item) as XmlNode | XmlNode[] | undefined);
    const items = entries.flatMap((entry): SourceItem[] => {
      const link = textOf(entry.link).trim();
      const guid = textOf(entry.guid).trim();
      const title = htmlToText(textOf(entry.title));
      const body = htmlToText(textOf(entry['content:encoded'] ?? entry.description));
      const text = [title, body].filter(Boolean).join('\n\n');
      const remoteId = guid || link || title;
      if (!remoteId || !text) return [];
      return [
        {
          remoteId,
          text,
          network: 'rss',
          url: link || null,
          authorHandle: textOf(entry['dc:creator'] ?? entry.author).trim(),
          publishedAt: dateOf(entry.pubDate, entry['dc:date']) ?? fetchedAt,
        },
      ];
    });
    return { title: htmlToText(textOf(channel.title)), items };
  }
  const feed = doc.feed as XmlNode | undefined;
  if (feed) {
    const items = asArray(feed.entry as XmlNode | XmlNode[] | undefined).flatMap((entry): SourceItem[] => {
      const links = asArray(entry.link as XmlNode | XmlNode[] | undefined);
      const alternate = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
      const link = alternate ? String(alternate['@_href'] ?? '') : '';
      const title = htmlToText(textOf(entry.title));
      const body = htmlToText(textOf(entry.summary ?? entry.content));
      const text = [title, body].filter(Boolean).join('\n\n');
      const remoteId = textOf(entry.id).trim() || link;
      if (!remoteId || !text) return [];
      const author = entry.author as XmlNode | undefined;
      return [
        {
          remoteId,
          text,
          network: 'rss',
          url: link || null,
          authorHandle: textOf(author?.name).trim(),
          publishedAt: dateOf(entry.published, entry.updated) ?? fetchedAt,
        },
      ];
    });
    return { title: htmlToText(textOf(feed.title)), items };
  }
  throw new CodedError('feed_unreadable', 'Not an RSS or Atom feed');
}

/** Result of one poll. */
export interface FeedPoll {
  items: SourceItem[];
  cursor: SourceCursor;
  notModified: boolean;
  /** When the next poll may happen (ms since epoch). */
  nextPollAt: number;
}

/** Fetches a feed once with a conditional GET and returns new state; HTTP errors throw. */
export async function pollFeed(
  ctx: AppContext,
  url: string,
  cursor: SourceCursor | null,
  intervalMs = DEFAULT_FEED_INTERVAL_MS,
): Promise<FeedPoll> {
  const interval = Math.max(MIN_FEED_INTERVAL_MS, intervalMs);
  const headers: Record<string, string> = {
    'user-agent': 'Plaza listening (+https://github.com/plaza)',
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
  };
  if (typeof cursor?.etag === 'string') headers['if-none-match'] = cursor.etag;
  if (typeof cursor?.lastModified === 'string') headers['if-modified-since'] = cursor.lastModified;
  const now = ctx.clock.now();
  const response = await safeFetch(url, { headers, allowPrivate: ctx.config.allowPrivateUrls, timeoutMs: 20_000 });
  if (response.status === 304) {
    await response.body?.cancel();
    return { items: [], cursor: { ...cursor, nextPollAt: now + interval }, notModified: true, nextPollAt: now + interval };
  }
  if (response.status === 429 || response.status === 503) {
    await response.body?.cancel();
    const retryAfter = Number(response.headers.get('retry-after'));
    const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.max(retryAfter * 1000, interval) : interval * 2;
    return { items: [], cursor: { ...cursor, nextPollAt: now + wait }, notModified: true, nextPollAt: now + wait };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new CodedError(`http_${response.status}`, `Feed answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_FEED_BYTES) throw new CodedError('feed_too_large', 'Feed is larger than 5 MB');
  const xml = await response.text();
  if (xml.length > MAX_FEED_BYTES) throw new CodedError('feed_too_large', 'Feed is larger than 5 MB');
  const { items } = parseFeed(xml, new Date(now));
  const next: SourceCursor = { nextPollAt: now + interval };
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) next.etag = etag;
  if (lastModified) next.lastModified = lastModified;
  return { items, cursor: next, notModified: false, nextPollAt: now + interval };
}

/** Config: `{ url, intervalMinutes? }`. */
export const rssSource: SourceAdapter = {
  kind: 'rss',
  async run({ ctx, source, emit, signal, sleep }) {
    const url = String(source.config.url ?? '');
    const intervalMs = Number(source.config.intervalMinutes ?? 15) * 60_000;
    let cursor = source.cursor;
    while (!signal.aborted) {
      const due = typeof cursor?.nextPollAt === 'number' ? cursor.nextPollAt : 0;
      if (due > ctx.clock.now()) {
        await sleep(due - ctx.clock.now());
        continue;
      }
      try {
        const poll = await pollFeed(ctx, url, cursor, intervalMs);
        cursor = poll.cursor;
        await emit({ items: poll.items, cursor: poll.cursor, lagMs: 0 });
      } catch (error) {
        ctx.logger.warn({ source: source.id, err: error }, 'feed poll failed');
        cursor = { ...cursor, nextPollAt: ctx.clock.now() + Math.max(MIN_FEED_INTERVAL_MS, intervalMs) };
        await emit({ items: [], cursor, lagMs: null, error: (error as Error).message, errorCode: failureCode(error) });
      }
    }
  },
};

/** An RSS or Atom feed, polled (curated: every item is kept, matched or not). */
export const rssSourceKind: ListeningSourceKind = {
  kind: rssSource.kind,
  network: null,
  label: { en: 'RSS / Atom feed', es: 'Feed RSS / Atom' },
  config: z.object({ url: z.string().url().max(2000), intervalMinutes: z.number().int().min(5).max(1440).optional() }),
  fields: [
    { name: 'url', input: 'url', required: true, label: { en: 'Feed URL (RSS or Atom)', es: 'URL del feed (RSS o Atom)' } },
    {
      name: 'intervalMinutes',
      input: 'number',
      required: false,
      min: 5,
      max: 1440,
      label: { en: 'Check every (minutes)', es: 'Comprobar cada (minutos)' },
    },
  ],
  targetKeys: ['url'],
  urlField: 'url',
  streamUrl: false,
  storeUnmatched: true,
  adapter: rssSource,
};
