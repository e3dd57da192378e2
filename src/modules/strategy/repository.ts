import type { Kysely } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The strategy tables: objectives, segments, content pillars and campaigns. */
export type StrategyTable = 'objectives' | 'segments' | 'pillars' | 'campaigns';

/** A strategy row: the columns every table shares, the rest per table. */
export type StrategyRow = { id: string; workspace_id: string; created_at: Date; updated_at: Date } & Record<string, unknown>;

type LooseDb = Record<StrategyTable, StrategyRow>;

/** The four tables share their shape for list/get/create/update/delete, so one loosely typed view serves them all. */
const loose = (db: Db) => db as unknown as Kysely<LooseDb>;

/** Objectives, segments, pillars and campaigns: the only code that reads or writes them. */
export const strategyRepository = {
  /** A workspace's rows of one table, oldest first (at most 1,000). */
  async list(db: Db, table: StrategyTable, workspaceId: string): Promise<StrategyRow[]> {
    return (await loose(db)
      .selectFrom(table)
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .limit(1000)
      .execute()) as StrategyRow[];
  },

  /** One row of a workspace, or undefined. */
  async find(db: Db, table: StrategyTable, workspaceId: string, id: string): Promise<StrategyRow | undefined> {
    return (await loose(db)
      .selectFrom(table)
      .selectAll()
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst()) as StrategyRow | undefined;
  },

  async insert(db: Db, table: StrategyTable, values: Record<string, unknown>): Promise<StrategyRow> {
    return (await loose(db)
      .insertInto(table)
      .values(values as StrategyRow)
      .returningAll()
      .executeTakeFirstOrThrow()) as StrategyRow;
  },

  async update(db: Db, table: StrategyTable, id: string, changes: Record<string, unknown>): Promise<StrategyRow> {
    return (await loose(db)
      .updateTable(table)
      .set(changes as Partial<StrategyRow>)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()) as StrategyRow;
  },

  async delete(db: Db, table: StrategyTable, id: string): Promise<void> {
    await loose(db).deleteFrom(table).where('id', '=', id).execute();
  },

  /** How many of these channel ids belong to the workspace. */
  async countChannelsInWorkspace(db: Db, workspaceId: string, channelIds: string[]): Promise<number> {
    const found = await db
      .selectFrom('channels')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', channelIds)
      .execute();
    return found.length;
  },

  /** True when the objective belongs to the workspace. */
  async objectiveExists(db: Db, workspaceId: string, objectiveId: string): Promise<boolean> {
    return Boolean(
      await db
        .selectFrom('objectives')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', objectiveId)
        .executeTakeFirst(),
    );
  },
};
