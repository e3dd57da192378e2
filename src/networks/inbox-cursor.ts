import type { InboundItem } from './inbox.ts';

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

/**
 * For networks whose times are whole seconds: a cursor keeps the newest instant read and the ids read
 * at it, so the next read starts at that instant (nothing written in the same second is missed) and
 * drops only those ids.
 *
 * The newest instant among `items` and the ids at it, carried over from `previous` when nothing newer came. */
export function newestMark(items: InboundItem[], previous: { at?: number; ids?: string[] }, floor: number): { at: number; ids: string[] } {
  let at = previous.at ?? floor;
  let ids = previous.ids ?? [];
  for (const item of items) {
    const when = Date.parse(item.createdAt);
    if (when > at) {
      at = when;
      ids = [item.remoteId];
    } else if (when === at && !ids.includes(item.remoteId)) ids = [...ids, item.remoteId];
  }
  return { at, ids: ids.slice(-200) };
}

/** Drops what the cursor says was read already (at its instant). */
export const unseenSince = (items: InboundItem[], at: number | undefined, ids: string[] | undefined) =>
  items.filter((item) => at === undefined || Date.parse(item.createdAt) > at || !(ids ?? []).includes(item.remoteId));
