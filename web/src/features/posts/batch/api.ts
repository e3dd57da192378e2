import { api } from '../../../api/client.ts';

/** What a batch did (POST /post-batches): undo it with its id until undoUntil. */
export interface BatchResult {
  batchId: string;
  action: 'move' | 'reschedule' | 'queue' | 'delete';
  count: number;
  undoUntil: string;
}

export type BatchOperation =
  | { action: 'move'; days: number }
  | { action: 'reschedule'; scheduledAt: string; spacingMinutes: number }
  | { action: 'queue'; queueId: string }
  | { action: 'delete' };

/** Runs one operation on every selected post (all or none). */
export const runBatch = (workspaceId: string, postIds: string[], operation: BatchOperation) =>
  api<BatchResult>('POST', `/workspaces/${workspaceId}/post-batches`, { postIds, ...operation });

/** Undoes a batch (within its window). */
export const undoBatch = (workspaceId: string, batchId: string) =>
  api('POST', `/workspaces/${workspaceId}/post-batches/${batchId}/undo`, {});

/** Duplicates a post as a new undated draft; answers the copy. */
export const duplicatePost = (workspaceId: string, postId: string) =>
  api<{ id: string }>('POST', `/workspaces/${workspaceId}/posts/${postId}/duplicate`, {});
