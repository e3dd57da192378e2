/**
 * Vitest global set-up: one migrated database to copy, made once per run instead of once per test.
 *
 * A new embedded database costs an initdb in WebAssembly plus every migration (10–30 s on a loaded
 * 2-core machine), and a new Postgres database every migration; the suite makes hundreds. Here:
 *
 * - embedded: a migrated PGlite data folder on disk (`<dir>/pglite`, copied into a test's DATA_DIR)
 *   and its dump (`<dir>/dump.tar`, loaded by in-memory databases);
 * - Postgres: a migrated database `plaza_template_<hash>` that test databases are created FROM.
 *
 * Both are named after a hash of the migrations and PGlite's version, so an edited migration makes
 * new ones; a later run reuses them. Tests still call `migrate`, which finds nothing to do.
 * The helpers in test/helpers/db.ts read where they are from the environment set here, and fall
 * back to the slow way without it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { migrate, openDatabase } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { TEST_POSTGRES_URL } from '../helpers/db.ts';

export const EMBEDDED_TEMPLATE_ENV = 'PLAZA_TEST_EMBEDDED_TEMPLATE';
export const POSTGRES_TEMPLATE_ENV = 'PLAZA_TEST_POSTGRES_TEMPLATE';

function templateHash(): string {
  const manifest = path.join(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json');
  const pgliteVersion = JSON.parse(fs.readFileSync(manifest, 'utf8')).version as string;
  const hash = createHash('sha256').update(pgliteVersion);
  for (const m of migrations) hash.update(m.name).update('\0').update(m.up).update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function embeddedTemplate(hash: string): Promise<string> {
  const dir = path.join(os.tmpdir(), `plaza-test-template-${hash}`);
  if (fs.existsSync(path.join(dir, 'dump.tar'))) return dir;
  const building = fs.mkdtempSync(path.join(os.tmpdir(), `plaza-test-template-${hash}-building-`));
  const database = await openDatabase({ dataDir: building });
  await migrate(database);
  await database.close();
  // The dump for in-memory databases, read from the closed folder.
  const lite = await PGlite.create({ dataDir: path.join(building, 'pglite'), extensions: { unaccent } });
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  fs.writeFileSync(path.join(building, 'dump.tar'), Buffer.from(await dump.arrayBuffer()));
  fs.rmSync(path.join(building, 'plaza.lock'), { force: true });
  try {
    fs.renameSync(building, dir);
  } catch {
    // Another run made it meanwhile.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

async function postgresTemplate(hash: string): Promise<string> {
  const name = `plaza_template_${hash}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT datistemplate FROM pg_database WHERE datname = $1', [name]);
    if (rows[0]?.datistemplate) return name;
    // Half made by an interrupted run: start again.
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const database = await openDatabase({ databaseUrl: TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`) });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    return name;
  } finally {
    await admin.end();
  }
}

export default async function setup(): Promise<void> {
  const started = Date.now();
  const hash = templateHash();
  const [embedded, postgres] = await Promise.all([embeddedTemplate(hash), postgresTemplate(hash)]);
  process.env[EMBEDDED_TEMPLATE_ENV] = embedded;
  process.env[POSTGRES_TEMPLATE_ENV] = postgres;
  console.log(`database templates ready in ${Date.now() - started} ms: ${embedded}, ${postgres}`);
}
