/**
 * Reading an RSS 2.0, RSS 1.0 (RDF) or Atom document into the items a feed can turn into posts,
 * with fast-xml-parser. Pure: no fetching, no database.
 */
import { XMLParser } from 'fast-xml-parser';
import { CodedError } from '../../lib/failure-code.ts';

/** One entry of a feed, as the template sees it. */
export interface FeedEntry {
  /** The item's stable identity: RSS guid, Atom id, else its link, else its title. */
  guid: string;
  title: string;
  link: string | null;
  /** The description or summary as plain text. */
  summary: string;
  author: string;
  publishedAt: Date | null;
}

/** A parsed feed: its own title and its entries in document order (usually newest first). */
export interface ParsedFeed {
  title: string;
  entries: FeedEntry[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  // Element names only: an HTML page parsed as XML still shows its root.
  parseTagValue: false,
});

type XmlNode = Record<string, unknown>;
const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object' && '#text' in (value as XmlNode)) return String((value as XmlNode)['#text']);
  return '';
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Markup in a description (RSS often carries escaped HTML) as one line of plain text. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
      if (entity[0] === '#') {
        const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

function dateOf(...values: unknown[]): Date | null {
  for (const value of values) {
    const parsed = Date.parse(textOf(value));
    if (!Number.isNaN(parsed)) return new Date(parsed);
  }
  return null;
}

/** An absolute http(s) link, or null (relative links are resolved against the feed's address). */
function absoluteLink(raw: string, base: string | undefined): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function entry(guid: string, title: string, link: string | null, summary: string, author: string, publishedAt: Date | null): FeedEntry[] {
  const id = guid.trim() || link || title;
  if (!id || (!title && !link)) return [];
  return [
    {
      guid: id.slice(0, 2000),
      title: title.slice(0, 1000),
      link,
      summary: summary.slice(0, 5000),
      author: author.slice(0, 200),
      publishedAt,
    },
  ];
}

/**
 * Parses `xml` as RSS 2.0, RSS 1.0 or Atom. Throws CodedError `feed_is_html` for a web page and
 * `feed_unreadable` for anything else that is not a feed.
 */
export function parseFeedDocument(xml: string, baseUrl?: string): ParsedFeed {
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch {
    throw new CodedError(/<html[\s>]/i.test(xml.slice(0, 4096)) ? 'feed_is_html' : 'feed_unreadable', 'Not an RSS or Atom feed');
  }
  if (doc.html || doc.HTML || /^\s*<!doctype html/i.test(xml))
    throw new CodedError('feed_is_html', 'The address answers a web page, not a feed');
  const rss = doc.rss as XmlNode | undefined;
  const rdf = doc['rdf:RDF'] as XmlNode | undefined;
  if (rss || rdf) {
    const channel = (asArray(rss?.channel ?? rdf?.channel)[0] ?? {}) as XmlNode;
    const items = asArray((channel.item ?? rdf?.item) as XmlNode | XmlNode[] | undefined);
    const entries = items.flatMap((item) =>
      entry(
        textOf(item.guid),
        plainText(textOf(item.title)),
        absoluteLink(textOf(item.link), baseUrl),
        plainText(textOf(item.description ?? item['content:encoded'])),
        plainText(textOf(item['dc:creator'] ?? item.author)),
        dateOf(item.pubDate, item['dc:date']),
      ),
    );
    return { title: plainText(textOf(channel.title)), entries };
  }
  const feed = doc.feed as XmlNode | undefined;
  if (feed) {
    const entries = asArray(feed.entry as XmlNode | XmlNode[] | undefined).flatMap((item) => {
      const links = asArray(item.link as XmlNode | XmlNode[] | undefined);
      const alternate = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
      const author = asArray(item.author as XmlNode | XmlNode[] | undefined)[0];
      return entry(
        textOf(item.id),
        plainText(textOf(item.title)),
        alternate ? absoluteLink(String(alternate['@_href'] ?? ''), baseUrl) : null,
        plainText(textOf(item.summary ?? item.content)),
        plainText(textOf(author?.name)),
        dateOf(item.published, item.updated),
      );
    });
    return { title: plainText(textOf(feed.title)), entries };
  }
  throw new CodedError('feed_unreadable', 'Not an RSS or Atom feed');
}

/** The variables a template may use, each with what it holds. */
export const TEMPLATE_VARIABLES = ['title', 'link', 'summary', 'author', 'feed'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** The `{name}` variables of a template that Plaza does not know. */
export function unknownTemplateVariables(template: string): string[] {
  const names = [...template.matchAll(/\{([a-zA-Z_]+)\}/g)].map((m) => m[1]);
  return [...new Set(names.filter((name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name)))];
}

/** Fills a template: `{title} {link}` → "New menu https://…"; blank lines left by empty variables are removed. */
export function renderTemplate(template: string, values: Record<TemplateVariable, string>): string {
  return template
    .replace(/\{([a-zA-Z_]+)\}/g, (whole, name: string) =>
      (TEMPLATE_VARIABLES as readonly string[]).includes(name) ? values[name as TemplateVariable] : whole,
    )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
