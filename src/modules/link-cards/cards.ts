/**
 * Link cards: a page's Open Graph title, description, image and site name, read through the safe
 * fetcher (no private targets unless allowed, redirects re-checked, a timeout), at most 1 MB of HTML
 * read as it streams (the head is enough), parsed with htmlparser2, and cached for a day by URL.
 */
import { Parser } from 'htmlparser2';
import { failureCode } from '../../lib/failure-code.ts';
import { safeFetch } from '../../lib/safe-fetch.ts';
import type { AppContext } from '../../server/context.ts';
import { linkCardsRepository as cards } from './repository.ts';

/** How long a read card is reused. */
export const CARD_TTL_MS = 24 * 60 * 60_000;
/** The most HTML read from a page. */
const MAX_PAGE_BYTES = 1024 * 1024;

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
async function readCard(ctx: AppContext, url: string): Promise<LinkCard> {
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
export async function linkCardFor(ctx: AppContext, url: string): Promise<LinkCard> {
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
