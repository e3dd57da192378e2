/** Text rules of the inbox: search folding, previews, saved-reply variables, @mentions in notes. */

/**
 * A search as typed: composed characters (NFC: an accent typed as a separate mark joins its letter, so the database's
 * word parser keeps the word whole) in lower case. Accents stay: the database's text search configurations (1260:
 * plaza_es, plaza_simple) remove them, on both engines.
 */
export function searchText(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** Lower case without accents (á → a, ñ → n): items' stored search text, and how handles and @mentions are compared. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Bidirectional controls (LRE, RLO, isolates…): a preview must not flip the rest of the list. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The list's one-line preview: no line breaks, no direction overrides, at most `max` characters. */
export function previewOf(text: string, max = 200): string {
  const flat = text.replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

/** Values of a saved reply's variables. */
export interface ReplyVariables {
  nombre?: string;
  marca?: string;
  enlace?: string;
}

/**
 * Fills `{nombre}`, `{marca}` and `{enlace}` (and their English aliases `{name}`, `{brand}`,
 * `{link}`); a variable without a value is left as written, so the person sees what is missing.
 */
export function fillVariables(template: string, values: ReplyVariables): string {
  const aliases: Record<string, keyof ReplyVariables> = {
    nombre: 'nombre',
    name: 'nombre',
    marca: 'marca',
    brand: 'marca',
    enlace: 'enlace',
    link: 'enlace',
  };
  return template.replace(/\{(nombre|name|marca|brand|enlace|link)\}/g, (whole, key: string) => values[aliases[key]] ?? whole);
}

/** Members named in a note as @Name or @email (case and accents ignored); each once. */
export function mentionedMembers<M extends { id: string; name: string; email: string }>(text: string, members: readonly M[]): M[] {
  const folded = foldForSearch(text);
  return members.filter((member) => {
    const names = [member.email, member.name, member.name.split(/\s+/)[0]].filter((n) => n && n.length > 1).map(foldForSearch);
    return names.some((name) => {
      const at = folded.indexOf(`@${name}`);
      if (at < 0) return false;
      const next = folded.charAt(at + name.length + 1);
      return next === '' || !/[\p{L}\p{N}_]/u.test(next);
    });
  });
}
