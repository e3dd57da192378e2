/**
 * Fetching a feed politely and safely: only through safeFetch (no private or loopback targets
 * unless the admin allowed them, redirects re-checked, a timeout), a conditional GET with the
 * stored ETag / Last-Modified, and a size cap enforced while reading (a 50 MB answer is refused
 * after 5 MB, not read whole). A web page (HTML) is refused by its type or its root element.
 */
import { CodedError } from '../../lib/failure-code.ts';
import { safeFetch } from '../../lib/safe-fetch.ts';
import type { AppContext } from '../../server/context.ts';
import { type ParsedFeed, parseFeedDocument } from './parse.ts';

/** The largest feed Plaza reads. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;

/** What a conditional GET sends back: the validators of the last answer. */
export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

/** One fetch: unchanged since the validators, or the parsed feed and its new validators. */
export type FeedFetch = { notModified: true } | { notModified: false; feed: ParsedFeed; validators: FeedValidators };

/** Reads a body up to `limit` bytes; more → CodedError `feed_too_large` (the rest is never read). */
async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new CodedError('feed_too_large', 'The feed is larger than 5 MB');
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

/** Fetches and parses the feed at `url`; throws CodedError (`feed_is_html`, `feed_too_large`, `http_<status>`…) or the fetch's own error. */
export async function fetchFeed(ctx: AppContext, url: string, validators: FeedValidators | null): Promise<FeedFetch> {
  const headers: Record<string, string> = {
    'user-agent': 'Plaza feeds (self-hosted social media workbench)',
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
  };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  const response = await safeFetch(url, { headers, allowPrivate: ctx.config.allowPrivateUrls, timeoutMs: 20_000 });
  if (response.status === 304) {
    await response.body?.cancel();
    return { notModified: true };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new CodedError(`http_${response.status}`, `The feed answered HTTP ${response.status}`);
  }
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('text/html') || type.startsWith('application/xhtml')) {
    await response.body?.cancel();
    throw new CodedError('feed_is_html', 'The address answers a web page, not a feed');
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_FEED_BYTES) {
    await response.body?.cancel();
    throw new CodedError('feed_too_large', 'The feed is larger than 5 MB');
  }
  const xml = await readCapped(response.body as ReadableStream<Uint8Array> | null, MAX_FEED_BYTES);
  const feed = parseFeedDocument(xml, response.url || url);
  return {
    notModified: false,
    feed,
    validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
  };
}
