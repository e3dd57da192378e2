import { sql } from 'kysely';
import type { PlazaDatabase } from './database.ts';

/** True when the database already holds something sealed with the master key (credentials, secrets, salts). */
export async function holdsSealedData(database: PlazaDatabase): Promise<boolean> {
  const { rows } = await sql<{
    sealed: boolean;
  }>`SELECT (EXISTS (SELECT 1 FROM channels) OR EXISTS (SELECT 1 FROM webhooks) OR EXISTS (SELECT 1 FROM analytics_settings) OR EXISTS (SELECT 1 FROM engager_salts)) AS sealed`.execute(
    database.db,
  );
  return Boolean(rows[0]?.sealed);
}
