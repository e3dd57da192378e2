/**
 * The simulated accounts behind a sandbox post's counts: one author per like,
 * repost and quote (drawn from the simulated audience, so the same people
 * come back across posts) plus the authors of the simulated replies. Whether
 * an author follows the account is a fixed property of the pair. Pure, like
 * the rest of the audience model.
 */
import { metricsAt, repliesToPost, simulatedAuthor, type AudiencePost } from './audience.ts';
import { unitHash } from './prng.ts';

/** Share of the simulated audience following any given account. */
const FOLLOWER_SHARE = 0.7;

export interface SimulatedEngagers {
  accounts: Array<{ handle: string; follower: boolean }>;
  truncated: boolean;
}

/** Whether the simulated `authorHandle` follows `accountHandle` (stable over time). */
export function simulatedFollows(seed: number, accountHandle: string, authorHandle: string): boolean {
  return unitHash(seed, 'follows', accountHandle, authorHandle) < FOLLOWER_SHARE;
}

/** Distinct engaging accounts of a post at `nowMs`, consistent with `metricsAt` and `repliesToPost`; at most `cap`. */
export function engagersAt(seed: number, post: AudiencePost, nowMs: number, cap: number): SimulatedEngagers {
  const counts = metricsAt(seed, post, nowMs);
  const handles = new Set<string>();
  let truncated = false;
  const add = (handle: string) => {
    if (handles.has(handle)) return;
    if (handles.size >= cap) truncated = true;
    else handles.add(handle);
  };
  for (const kind of ['like', 'repost', 'quote'] as const) {
    const count = kind === 'like' ? counts.likes : kind === 'repost' ? counts.reposts : counts.quotes;
    for (let index = 0; index < count && !truncated; index++) add(simulatedAuthor(seed, `${post.id}:${kind}:${index}`).handle);
  }
  for (const reply of repliesToPost(seed, post, nowMs)) add(reply.authorHandle);
  return { accounts: [...handles].map((handle) => ({ handle, follower: simulatedFollows(seed, post.accountHandle, handle) })), truncated };
}
