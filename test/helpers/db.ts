import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, migrate, type PlazaDatabase } from '../../src/db/database.ts';

/** Postgres server the suite uses (trust auth on these machines and in CI). */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type DbKind = 'embedded' | 'postgres';

/** Both storage engines: repository and integration tests run on each. */
export const DB_KINDS: DbKind[] = ['embedded', 'postgres'];

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new
 * throw-away database on the local Postgres server (dropped on close).
 */
export async function createTestDatabase(kind: DbKind): Promise<PlazaDatabase & { url?: string }> {
  if (kind === 'embedded') {
    const database = await openDatabase({});
    await migrate(database);
    return database;
  }
  const name = `plaza_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`);
  const database = await openDatabase({ databaseUrl: url });
  await migrate(database);
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** An empty throw-away database on the local Postgres server, for tests that start whole runtimes. */
export async function createPostgresDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `plaza_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
