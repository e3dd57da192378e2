import { describe, it, expect } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, DB_KINDS } from './helpers/db.ts';
import { migrate } from '../src/db/database.ts';

describe.each(DB_KINDS)('database on %s', (kind) => {
  it('migrates once and is idempotent on a second run', async () => {
    const database = await createTestDatabase(kind);
    try {
      expect(await migrate(database)).toEqual([]);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM plaza_migrations`.execute(database.db);
      expect(rows[0].n).toBeGreaterThan(0);
      const inserted = await database.db
        .insertInto('workspaces')
        .values({ name: 'Café Plaza', time_zone: 'Europe/Madrid', language: 'es' })
        .returning(['id', 'approval_required'])
        .executeTakeFirstOrThrow();
      expect(inserted.approval_required).toBe(false);
    } finally {
      await database.close();
    }
  });
});
