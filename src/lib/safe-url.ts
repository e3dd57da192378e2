/**
 * Links that come from networks and feeds (a publication's remote URL, a mention's URL) end up
 * in `href`s: only plain http(s) URLs are kept. `javascript:`, `data:`, `vbscript:` and
 * anything that does not parse are dropped (null), and so is a string with leading spaces or
 * control characters, which browsers strip before reading the scheme.
 */
const HTTP_PREFIX = /^https?:\/\//i;

/** The URL itself when it is an absolute http(s) URL, else null. */
export function httpUrlOrNull(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || !HTTP_PREFIX.test(raw)) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return raw;
}
