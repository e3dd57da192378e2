import type { Db } from '../../db/database.ts';
import { outsideTransactionFlow } from '../../db/connection-guard.ts';


export interface EventInput {
  workspaceId: string | null;
  actorUserId: string | null;
  type: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
}

type EventListener = (event: EventInput & { id: string }) => void;
const listeners = new Set<EventListener>();

/**
 * Records that something changed (who, what, when). Every change writes one, in
 * the same transaction as the change, so the audit log cannot miss or invent one.
 * Listeners (live activity, webhooks) are told after the row exists.
 */
export async function recordEvent(db: Db, input: EventInput): Promise<string> {
  const row = await db
    .insertInto('events')
    .values({
      workspace_id: input.workspaceId,
      actor_user_id: input.actorUserId,
      type: input.type,
      subject_type: input.subjectType ?? null,
      subject_id: input.subjectId ?? null,
      data: JSON.stringify(input.data ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = String(row.id);
  // Tell in-process listeners once the current tick is over (after the commit in practice),
  // outside the transaction's async flow: their queries wait for the commit, not for themselves.
  setImmediate(() =>
    outsideTransactionFlow(() => {
      for (const listener of listeners) {
        try {
          listener({ ...input, id });
        } catch {
          /* a broken listener must not break the change */
        }
      }
    }),
  );
  return id;
}

/** Subscribes to events recorded in this process; returns the unsubscribe function. */
export function onEvent(listener: EventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The audit history of one object, newest first. */
export async function listEventsFor(db: Db, workspaceId: string, subjectType: string, subjectId: string) {
  return db
    .selectFrom('events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}
