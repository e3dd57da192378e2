/** Test helpers shared by the networks' inbox tests. */
import { expect } from 'vitest';
import type { InboundItem, InboxTarget } from '../inbox.ts';
import { NetworkError } from '../types.ts';

/** The target the inbox module would pass for a stored item. */
export function inboxTargetOf(item: InboundItem): InboxTarget {
  return {
    remoteId: item.remoteId,
    kind: item.kind,
    threadRemoteId: item.threadRemoteId,
    authorId: item.author.id,
    authorHandle: item.author.handle,
    ...(item.inReplyToRemoteId ? { inReplyToRemoteId: item.inReplyToRemoteId } : {}),
  };
}

/** The NetworkError `work` fails with (the test fails when it succeeds or throws something else). */
export async function networkRejection(work: Promise<unknown>): Promise<NetworkError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NetworkError);
  return error as NetworkError;
}
