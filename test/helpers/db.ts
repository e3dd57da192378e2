import pg from 'pg';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, migrate, type PlazaDatabase } from '../../src/db/database.ts';

/** Postgres server the suite uses (trust auth on these machines and in CI). */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type DbKind = 'embedded' | 'postgres';

/** Both storage engines: repository and integration tests run on each. */
export const DB_KINDS: DbKind[] = ['embedded', 'postgres'];

/** Where test/setup/db-templates.ts put the migrated templates (unset outside Vitest's run). */
const embeddedTemplate = () => process.env.PLAZA_TEST_EMBEDDED_TEMPLATE;
const postgresTemplate = () => process.env.PLAZA_TEST_POSTGRES_TEMPLATE;

let embeddedDump: Blob | undefined;

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new
 * throw-away database on the local Postgres server (dropped on close). Both start
 * as copies of the run's migrated template when there is one.
 */
export async function createTestDatabase(kind: DbKind): Promise<PlazaDatabase & { url?: string }> {
  if (kind === 'embedded') {
    const template = embeddedTemplate();
    if (template && !embeddedDump) embeddedDump = new Blob([fs.readFileSync(path.join(template, 'dump.tar'))]);
    const database = await openDatabase(template ? { startFrom: embeddedDump } : {});
    await migrate(database);
    return database;
  }
  const name = `plaza_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  const template = postgresTemplate();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
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

/**
 * Puts the run's migrated embedded database into `dataDir` (as `<dataDir>/pglite`), for tests that
 * start Plaza on a data folder: it opens at once instead of running initdb and every migration.
 * A folder that already has a database, or a run without a template, is left alone.
 */
export function seedDataDir(dataDir: string): void {
  const template = embeddedTemplate();
  const target = path.join(dataDir, 'pglite');
  if (!template || fs.existsSync(target)) return;
  fs.cpSync(path.join(template, 'pglite'), target, { recursive: true });
}
