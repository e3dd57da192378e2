/**
 * The opaque inbox cursor (InboundPage.cursor) the adapters hand out: a small JSON state,
 * base64url-encoded. A cursor that does not parse (another version) reads as "no state", so the
 * adapter starts again from `since`; items read twice are harmless, the inbox stores each once.
 */
export function encodeInboxCursor(state: object): string | null {
  return Object.keys(state).length > 0 ? Buffer.from(JSON.stringify(state), 'utf8').toString('base64url') : null;
}

export function parseInboxCursor<T extends object>(cursor: string | null): Partial<T> {
  if (!cursor) return {};
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Partial<T>) : {};
  } catch {
    return {};
  }
}
