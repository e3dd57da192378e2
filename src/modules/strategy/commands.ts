import type { AppContext } from '../../server/context.ts';
import { notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { strategyRepository, type StrategyRow, type StrategyTable } from './repository.ts';

/** Which strategy entity a command writes: its table, its event subject ("objective" → objective.created) and its label in errors. */
export interface StrategyKind {
  table: StrategyTable;
  subject: 'objective' | 'segment' | 'pillar' | 'campaign';
  label: string;
}

/** Creates an objective, segment, pillar or campaign and its `<subject>.created` event. */
export function createStrategyItem(
  ctx: AppContext,
  kind: StrategyKind,
  input: { workspaceId: string; actorUserId: string; values: Record<string, unknown> },
): Promise<StrategyRow> {
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    const inserted = await strategyRepository.insert(trx, kind.table, {
      ...input.values,
      workspace_id: input.workspaceId,
      created_at: now,
      updated_at: now,
    });
    await recordEvent(trx, {
      workspaceId: inserted.workspace_id,
      actorUserId: input.actorUserId,
      type: `${kind.subject}.created`,
      subjectType: kind.subject,
      subjectId: inserted.id,
      data: { name: inserted.name },
    });
    return inserted;
  });
}

/** Changes some fields of an item and records `<subject>.updated` with the fields' names. */
export function updateStrategyItem(
  ctx: AppContext,
  kind: StrategyKind,
  input: { existing: StrategyRow; actorUserId: string; changes: Record<string, unknown> },
): Promise<StrategyRow> {
  const { existing, changes } = input;
  return ctx.database.db.transaction().execute(async (trx) => {
    const updated = await strategyRepository.update(trx, kind.table, existing.id, { ...changes, updated_at: new Date(ctx.clock.now()) });
    await recordEvent(trx, {
      workspaceId: existing.workspace_id,
      actorUserId: input.actorUserId,
      type: `${kind.subject}.updated`,
      subjectType: kind.subject,
      subjectId: existing.id,
      data: { fields: Object.keys(changes) },
    });
    return updated;
  });
}

/** Deletes an item (posts keep their history) and records `<subject>.deleted`. */
export async function deleteStrategyItem(
  ctx: AppContext,
  kind: StrategyKind,
  input: { workspaceId: string; actorUserId: string; id: string },
): Promise<void> {
  const existing = await strategyRepository.find(ctx.database.db, kind.table, input.workspaceId, input.id);
  if (!existing) throw notFound(kind.label);
  await ctx.database.db.transaction().execute(async (trx) => {
    await strategyRepository.delete(trx, kind.table, existing.id);
    await recordEvent(trx, {
      workspaceId: existing.workspace_id,
      actorUserId: input.actorUserId,
      type: `${kind.subject}.deleted`,
      subjectType: kind.subject,
      subjectId: existing.id,
      data: { name: existing.name },
    });
  });
}
