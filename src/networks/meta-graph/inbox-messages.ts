/**
 * The direct-message half of a Meta inbox read (Facebook Messenger, Instagram messages), shared by
 * both adapters: messages since the cursor's mark, never one already read; without the messaging
 * permission the page says so (`unavailable`) and the mark stays where it was.
 */
import type { InboundItem, InboundPage } from '../inbox.ts';
import { newestMark, unseenSince } from '../inbox-cursor.ts';
import { NetworkError } from '../types.ts';

/** The messages' part of the cursor: the newest message read (ms) and the ids read at that instant. */
export interface MessageMark {
  m?: number;
  mi?: string[];
}

export async function addDirectMessages(
  page: InboundPage,
  read: { state: MessageMark; next: MessageMark; start: number },
  messagesSince: (since: number) => Promise<InboundItem[]>,
  missingPermissionCode: string,
): Promise<void> {
  const { state, next, start } = read;
  try {
    const messages = unseenSince(await messagesSince(state.m ?? start), state.m, state.mi);
    const mark = newestMark(messages, { at: state.m, ids: state.mi }, start);
    next.m = mark.at;
    next.mi = mark.ids;
    page.items.push(...messages);
  } catch (error) {
    if (!(error instanceof NetworkError) || error.code !== 'missing_permission') throw error;
    page.unavailable = [{ kinds: ['direct_message'], code: missingPermissionCode }];
    if (state.m !== undefined) {
      next.m = state.m;
      next.mi = state.mi ?? [];
    }
  }
}
