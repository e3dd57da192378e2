import PgBoss from 'pg-boss';
import type { PlazaDatabase } from '../db/database.ts';

/**
 * Plaza's background job queue: pg-boss on the same database, embedded or server.
 * On PGlite it runs through pg-boss's `db.executeSql` hook; multi-statement SQL
 * (pg-boss's own schema migrations) goes through `exec`, which PGlite requires.
 */
export async function startQueue(database: PlazaDatabase, options: { supervise?: boolean; schedule?: boolean } = {}): Promise<PgBoss> {
  const base = {
    schema: 'pgboss',
    supervise: options.supervise ?? true,
    schedule: options.schedule ?? true,
    migrate: true,
  };
  let boss: PgBoss;
  if (database.kind === 'postgres') {
    boss = new PgBoss({
      ...base,
      db: {
        executeSql: async (text: string, values?: unknown[]) => database.raw.query(text, values),
      },
    });
  } else {
    boss = new PgBoss({
      ...base,
      db: {
        executeSql: async (text: string, values?: unknown[]) => {
          if (!values || values.length === 0) {
            // pg-boss sends its schema migrations as one multi-statement string.
            if (
              text.includes(';') &&
              text
                .trim()
                .split(';')
                .filter((s) => s.trim()).length > 1
            ) {
              await database.raw.exec(text);
              return { rows: [] };
            }
          }
          return database.raw.query(text, values);
        },
      },
    });
  }
  boss.on('error', () => {
    /* surfaced through job states; kept out of the crash path */
  });
  await boss.start();
  return boss;
}
