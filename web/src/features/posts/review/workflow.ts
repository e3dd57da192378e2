import { api } from '../../../api/client.ts';

/** How far behind now a time may be and still count as "now" (the server allows the same minute). */
const PAST_GRACE_MS = 60_000;

/** True when a planned time is already behind us: approving or scheduling it needs a decision. */
export function isPast(iso: string | null | undefined, now = Date.now()): boolean {
  return Boolean(iso) && Date.parse(iso!) < now - PAST_GRACE_MS;
}

/** The body of POST posts/{id}/approve: a comment, a new time, or the explicit "publish now". */
export interface ApproveBody {
  comment?: string;
  scheduledAt?: string;
  publishNow?: boolean;
}

/** Moves a post through one workflow step (`approve`, `cancel`, `restore`, …). */
export function postStep(workspaceId: string, postId: string, step: string, body: object = {}): Promise<unknown> {
  return api('POST', `/workspaces/${workspaceId}/posts/${postId}/${step}`, body);
}
