/**
 * Text ↔ WordPress: the post body Plaza sends (its plain text as paragraphs, links made
 * clickable, extra images as figures), the slug derived from the publication id (the lookup key
 * that makes retries safe), and the plain text of what WordPress renders (comments, titles).
 */
import { createHash } from 'node:crypto';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'’]/g;

/** One paragraph of plain text as HTML: escaped, line breaks kept, links clickable. */
function paragraph(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    html += escapeHtml(text.slice(last, match.index));
    const url = escapeHtml(match[0]);
    html += `<a href="${url}">${url}</a>`;
    last = (match.index ?? 0) + match[0].length;
  }
  html += escapeHtml(text.slice(last));
  return `<p>${html.replace(/\r?\n/g, '<br />\n')}</p>`;
}

/** The post's body: paragraphs (blank lines separate them), then the extra images as figures. */
export function postBodyHtml(text: string, figures: Array<{ url: string; alt?: string }> = []): string {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(paragraph);
  const images = figures.map(
    (figure) => `<figure class="wp-block-image"><img src="${escapeHtml(figure.url)}" alt="${escapeHtml(figure.alt ?? '')}" /></figure>`,
  );
  return [...paragraphs, ...images].join('\n\n');
}

/** A slug part from a title: ASCII letters and digits, hyphens, as WordPress's sanitize_title would keep. */
function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * The post's slug: the title's words and a marker derived from the publication id
 * (`mi-articulo-pz3f9a1c2b7e`). WordPress keeps a slug unique on the site, so the marker is how a
 * retry finds the post an earlier attempt created (GET /wp/v2/posts?slug=…) instead of posting twice.
 */
export function slugFor(publicationId: string, title: string): string {
  const marker = `pz${createHash('sha256').update(publicationId).digest('hex').slice(0, 10)}`;
  const words = slugify(title);
  return words ? `${words}-${marker}` : marker;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  ndash: '–',
  mdash: '—',
};

/** Decodes HTML entities (WordPress's texturize emits numeric ones: &#8217; &#8220;). */
export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (/^#x/i.test(entity)) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** Plain text of rendered HTML (a comment's content.rendered). */
export function htmlToText(html: string): string {
  const breaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p[^>]*>/gi, '\n\n');
  return decodeEntities(breaks.replace(/<[^>]*>/g, ''))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
