import { describe, expect, it } from 'vitest';
import { openDatabase, migrate } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { createPostgresDatabaseUrl, DB_KINDS } from './helpers/db.ts';

/** Upgrading an installation that already has users: sign-up stays closed after 0600_accounts. */
describe.each(DB_KINDS)('migration 0600_accounts (%s)', (kind) => {
  it('marks an installation with users as set up, and one without as open', async () => {
    for (const withUsers of [true, false]) {
      const pg = kind === 'postgres' ? await createPostgresDatabaseUrl() : null;
      const database = await openDatabase(pg ? { databaseUrl: pg.url } : {});
      try {
        await database.raw.exec('CREATE TABLE plaza_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
        for (const migration of migrations.filter((m) => m.name < '0600')) {
          await database.raw.exec(`BEGIN;\n${migration.up}\nINSERT INTO plaza_migrations (name) VALUES ('${migration.name}');\nCOMMIT;`);
        }
        if (withUsers) {
          await database.raw.exec(
            `INSERT INTO users (email, name, password_hash, created_at) VALUES ('second@example.test', 'Second', 'x', now()), ('first@example.test', 'First', 'x', now() - interval '1 day')`,
          );
        }
        expect(await migrate(database)).toContain('0600_accounts');
        const rows = (
          await database.raw.query<{ email: string | null }>(
            'SELECT u.email FROM installation_setup s LEFT JOIN users u ON u.id = s.first_user_id',
          )
        ).rows;
        expect(rows).toEqual(withUsers ? [{ email: 'first@example.test' }] : []);
      } finally {
        await database.close();
        await pg?.drop();
      }
    }
  });
});
