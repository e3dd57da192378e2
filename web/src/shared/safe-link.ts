/**
 * hrefs built from data (a publication's remote URL, a mention's URL, links typed in a post)
 * must be plain http(s) links: `javascript:`, `data:` and the like would run or load on click.
 * The server already drops them when storing; this is the browser's own check, used by every
 * link whose address comes from data (see ExternalLink).
 */
const HTTP_PREFIX = /^https?:\/\//i;

/** The URL when it is an absolute http(s) URL, else null (render no link). */
export function safeHref(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || !HTTP_PREFIX.test(raw)) return null;
  try {
    const parsed = new URL(raw);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? raw : null;
  } catch {
    return null;
  }
}
