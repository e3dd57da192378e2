import type { Db } from '../../db/database.ts';
import { outsideTransactionFlow } from '../../db/connection-guard.ts';
import type { EventType } from '../../lib/event-types.ts';
import { eventsRepository } from './repository.ts';

export interface EventInput {
  workspaceId: string | null;
  actorUserId: string | null;
  /** A registered type (lib/event-types.ts): people read it translated in the history and activity pages. */
  type: EventType;
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
  const id = await eventsRepository.insert(db, input);
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

/** Records several events at once (one statement), in order; listeners are told of each, as recordEvent does. */
export async function recordEvents(db: Db, inputs: readonly EventInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const ids = await eventsRepository.insertMany(db, inputs);
  announceEvents(inputs, ids);
  return ids;
}

/**
 * Tells in-process listeners of events written, in order, as `ids` (after the current tick, outside
 * the transaction's async flow, as recordEvent does): for a command whose one statement wrote its
 * events with the change (the queues module's add to a slot).
 */
export function announceEvents(inputs: readonly EventInput[], ids: readonly string[]): void {
  setImmediate(() =>
    outsideTransactionFlow(() => {
      for (const [index, input] of inputs.entries())
        for (const listener of listeners) {
          try {
            listener({ ...input, id: ids[index] });
          } catch {
            /* a broken listener must not break the change */
          }
        }
    }),
  );
}

/** Subscribes to events recorded in this process; returns the unsubscribe function. */
export function onEvent(listener: EventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The audit history of one object, newest first. */
export async function listEventsFor(db: Db, workspaceId: string, subjectType: string, subjectId: string) {
  return eventsRepository.listFor(db, workspaceId, subjectType, subjectId);
}
