import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import type { PlazaDatabase } from '../../src/db/database.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ManualClock } from './app.ts';
import { createTestDatabase, type DbKind } from './db.ts';

/**
 * A fresh database with one user and one workspace (Europe/Madrid), and the context the inbox's commands take: a
 * manual clock at `now`, silent logs, no networks.
 */
export async function inboxTestSetup(
  kind: DbKind,
  names: { email: string; user: string; workspace: string },
  now: number,
): Promise<{ database: PlazaDatabase; ctx: AppContext; userId: string; workspaceId: string }> {
  const database = await createTestDatabase(kind);
  const db = database.db;
  const ctx = {
    config: loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
    database,
    clock: new ManualClock(now),
    logger: pino({ level: 'silent' }),
    networks: { has: () => false, list: () => [] },
  } as unknown as AppContext;
  const user = await db
    .insertInto('users')
    .values({ email: names.email, name: names.user, password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const workspace = await db
    .insertInto('workspaces')
    .values({ name: names.workspace, time_zone: 'Europe/Madrid', language: 'es' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { database, ctx, userId: user.id, workspaceId: workspace.id };
}
