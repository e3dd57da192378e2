/**
 * Link cards: a page's Open Graph title, description, image and site name, read through the safe
 * fetcher (no private targets unless allowed, redirects re-checked, a timeout), at most 1 MB of HTML
 * read as it streams (the head is enough), parsed with htmlparser2, and cached for a day by URL.
 */
import { Parser } from 'htmlparser2';
import { failureCode } from '../../lib/failure-code.ts';
import { safeFetch } from '../../lib/safe-fetch.ts';
import type { PlazaDatabase } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { LinkCardInput } from '../../networks/types.ts';
import { linkCardsRepository as cards } from './repository.ts';

/** How long a read card is reused. */
export const CARD_TTL_MS = 24 * 60 * 60_000;
/** The most HTML read from a page. */
const MAX_PAGE_BYTES = 1024 * 1024;

/** What reading a card needs: the cache, the clock, and whether private addresses may be fetched. */
export interface CardContext {
  database: PlazaDatabase;
  clock: Clock;
  config: { allowPrivateUrls: boolean };
}

/** A card as the composer and the networks use it. */
export interface LinkCard {
  url: string;
  title: string | null;
  description: string | null;
  imageUrl: string | null;
  siteName: string | null;
  /** Why there is no card (`link_card_not_html`, `http_404`, `private_address`, `unreachable`…); null when read. */
  errorCode: string | null;
  fetchedAt: Date;
}

/** The card tags of an HTML document: og:* first, then twitter:*, <title> and the meta description. */
export function parseCardHtml(html: string, pageUrl: string): Pick<LinkCard, 'title' | 'description' | 'imageUrl' | 'siteName'> {
  const meta = new Map<string, string>();
  let title = '';
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true;
        if (name !== 'meta') return;
        const key = (attributes.property ?? attributes.name ?? '').toLowerCase().trim();
        if (key && attributes.content !== undefined && !meta.has(key)) meta.set(key, attributes.content.trim());
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  const pick = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v) ?? null;
  const clip = (value: string | null, max: number) => (value ? value.replace(/\s+/g, ' ').trim().slice(0, max) || null : null);
  let imageUrl = pick('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src');
  if (imageUrl) {
    try {
      const resolved = new URL(imageUrl, pageUrl);
      imageUrl = resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.toString() : null;
    } catch {
      imageUrl = null;
    }
  }
  return {
    title: clip(pick('og:title', 'twitter:title') ?? (title || null), 300),
    description: clip(pick('og:description', 'twitter:description', 'description'), 1000),
    imageUrl: imageUrl ? imageUrl.slice(0, 2000) : null,
    siteName: clip(pick('og:site_name'), 200),
  };
}

/** Reads up to `limit` bytes of a body, stopping early once the head is over (the card tags are there). */
async function readHead(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (size >= limit || /<\/head>|<body[\s>]/i.test(text)) {
      await reader.cancel();
      break;
    }
  }
  return text.slice(0, limit);
}

/** Names reserved never to resolve on the Internet (RFC 2606, RFC 6761): no lookup is made for them. */
const RESERVED_NAME = /\.(example|test|invalid)\.?$/i;

/** Fetches a page's card now (never throws: a failure is a card with its `errorCode`). */
async function readCard(ctx: CardContext, url: string): Promise<LinkCard> {
  const fetchedAt = new Date(ctx.clock.now());
  const empty = { url, title: null, description: null, imageUrl: null, siteName: null, fetchedAt };
  if (RESERVED_NAME.test(new URL(url).hostname)) return { ...empty, errorCode: 'unreachable' };
  try {
    const response = await safeFetch(url, {
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1', 'user-agent': 'Plaza link preview (self-hosted)' },
      allowPrivate: ctx.config.allowPrivateUrls,
      timeoutMs: 10_000,
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { ...empty, errorCode: `http_${response.status}` };
    }
    const type = (response.headers.get('content-type') ?? '').toLowerCase();
    if (!type.includes('html')) {
      await response.body?.cancel();
      return { ...empty, errorCode: 'link_card_not_html' };
    }
    const html = await readHead(response.body as ReadableStream<Uint8Array> | null, MAX_PAGE_BYTES);
    const card = parseCardHtml(html, response.url || url);
    return { ...empty, ...card, errorCode: card.title ? null : 'link_card_empty' };
  } catch (error) {
    return { ...empty, errorCode: failureCode(error) };
  }
}

/**
 * A page's card: from the cache when read in the last day, else read now and cached (failures too,
 * so a page that refuses is not asked again at every keystroke). `url` must be http(s).
 */
export async function linkCardFor(ctx: CardContext, url: string): Promise<LinkCard> {
  const db = ctx.database.db;
  const cached = await cards.find(db, url);
  if (cached && ctx.clock.now() - cached.fetched_at.getTime() < CARD_TTL_MS)
    return {
      url,
      title: cached.title,
      description: cached.description,
      imageUrl: cached.image_url,
      siteName: cached.site_name,
      errorCode: cached.error_code,
      fetchedAt: cached.fetched_at,
    };
  const card = await readCard(ctx, url);
  await cards.upsert(db, {
    url,
    title: card.title,
    description: card.description,
    image_url: card.imageUrl,
    site_name: card.siteName,
    error_code: card.errorCode,
    fetched_at: card.fetchedAt,
  });
  return card;
}

/** The first http(s) link of a post's text (where a card comes from), or null. */
export function firstLinkIn(text: string): string | null {
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/gi)) {
    // Closing punctuation of the sentence is not part of the link.
    const candidate = match[0].replace(/[).,;:!?»"'\]]+$/, '');
    try {
      const url = new URL(candidate);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
    } catch {
      // not a URL: the next one may be
    }
  }
  return null;
}

/** What a post is sent with: its card, or why it has none (`skipped`, a failure code), or nothing (no link). */
export interface PublishingCard {
  card: LinkCardInput | null;
  skipped: string | null;
}

/**
 * The card a media-less post is sent with: its first link's card from the cache (read now when
 * older than a day), and, when the network uploads the card's image, that image through the safe
 * fetcher, refused beyond `maxImageBytes` or outside `imageTypes`. Never throws: a card that cannot
 * be had is `skipped` with its reason, and the post goes out without it. An image that cannot be had
 * leaves a card without image (`skipped` names why).
 */
export async function cardForPublishing(
  ctx: CardContext,
  text: string,
  image: { maxBytes: number; types: string[] } | null,
): Promise<PublishingCard> {
  const link = firstLinkIn(text);
  if (!link) return { card: null, skipped: null };
  let read: LinkCard;
  try {
    read = await linkCardFor(ctx, link);
  } catch (error) {
    return { card: null, skipped: failureCode(error) };
  }
  if (read.errorCode || !read.title) return { card: null, skipped: read.errorCode ?? 'link_card_empty' };
  const card: LinkCardInput = {
    url: link,
    title: read.title,
    description: read.description,
    siteName: read.siteName,
    imageUrl: read.imageUrl,
  };
  if (!image || !read.imageUrl) return { card, skipped: null };
  const fetched = await fetchCardImage(ctx, read.imageUrl, image.maxBytes, image.types);
  if ('code' in fetched) return { card, skipped: `thumbnail_${fetched.code}` };
  card.image = fetched;
  return { card, skipped: null };
}

/** A card's image, read through the safe fetcher up to `maxBytes` (a longer one is refused while it streams). */
export async function fetchCardImage(
  ctx: CardContext,
  url: string,
  maxBytes: number,
  types: string[],
): Promise<{ bytes: Uint8Array; mimeType: string } | { code: string }> {
  try {
    const response = await safeFetch(url, {
      headers: { accept: types.join(','), 'user-agent': 'Plaza link preview (self-hosted)' },
      allowPrivate: ctx.config.allowPrivateUrls,
      timeoutMs: 10_000,
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { code: `http_${response.status}` };
    }
    const mimeType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!types.includes(mimeType)) {
      await response.body?.cancel();
      return { code: 'unsupported_type' };
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body?.cancel();
      return { code: 'too_large' };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return { code: 'too_large' };
      }
      chunks.push(value);
    }
    if (size === 0) return { code: 'empty' };
    return { bytes: Buffer.concat(chunks), mimeType };
  } catch (error) {
    return { code: failureCode(error) };
  }
}
