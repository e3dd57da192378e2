/** Small text helpers shared by modules. */

/** A URL-safe slug used as utm_campaign. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'campaign';
}

/**
 * A campaign's UTM tag (utm_campaign) as its people typed it: "Navidad Café 2026" stays
 * "Navidad Café 2026" (spaces and accents are percent-encoded in the URL, not dropped), only
 * trimmed, with runs of spaces made one, and cut to 120 characters.
 */
export function campaignTag(typed: string): string {
  return typed.trim().replace(/\s+/g, ' ').slice(0, 120);
}
