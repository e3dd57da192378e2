import path from 'node:path';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { guardedEmbedded, type ConnectionGate, type ConnectionGuardOptions } from './connection-guard.ts';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { probeWritable } from '../lib/data-dir-health.ts';

// Return int8 (bigserial ids, counts) as JS numbers when they fit; ids stay exact below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

/** Raw SQL access for code that needs it (migrations, pg-boss, bulk claims). */
/** A connection or a transaction: what repositories and commands take. */
export type Db = Kysely<Database> | Transaction<Database>;

export type { RawSql } from './raw-sql.ts';
import type { RawSql } from './raw-sql.ts';

export interface PlazaDatabase {
  db: Kysely<Database>;
  raw: RawSql;
  kind: 'embedded' | 'postgres';
  /** Embedded only: the gate over PGlite's single connection (deadlocks detected so far, for tests). */
  connectionGate?: ConnectionGate;
  /** The embedded data folder's exclusive lock, held while open (absent in memory and on Postgres). */
  dataDirLock?: DataDirLock;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… to use a real server; absent for the embedded database. */
  databaseUrl?: string;
  /** Folder for the embedded database; absent means in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Embedded only: how a query that would deadlock on the single connection fails. */
  connectionGuard?: ConnectionGuardOptions;
  /**
   * Embedded, in memory only: a PGlite data folder dump to start from instead of an empty cluster
   * (the test suite starts each database from one migrated dump: initdb costs seconds each time).
   */
  startFrom?: Blob;
}

/**
 * Opens Plaza's database: a Postgres server when `databaseUrl` is given, otherwise
 * PGlite (Postgres compiled to WebAssembly) in `<dataDir>/pglite` or in memory.
 */
export async function openDatabase(options: DatabaseOptions): Promise<PlazaDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {
      /* idle client errors (server restart) are reported on next use */
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const onClient = (client: pg.Pool | pg.PoolClient): RawSql => ({
      query: async (text, params) => {
        const result = await client.query(text, params as unknown[] | undefined);
        return { rows: result.rows };
      },
      exec: async (text) => {
        await client.query(text);
      },
      withSession: async (fn) => {
        if (client !== pool) return fn(onClient(client));
        const dedicated = await pool.connect();
        // A long-held session (a publishing worker's heartbeat) must not crash the
        // process when the server drops it: its queries fail instead.
        const ignore = () => undefined;
        dedicated.on('error', ignore);
        try {
          return await fn(onClient(dedicated));
        } finally {
          dedicated.removeListener('error', ignore);
          dedicated.release();
        }
      },
    });
    const raw = onClient(pool);
    return { db, raw, kind: 'postgres', close: () => db.destroy() };
  }
  let dir: string | undefined;
  // One process per embedded folder: a second one is refused (see data-dir-lock.ts).
  const dataDirLock = options.dataDir ? acquireDataDirLock(options.dataDir) : undefined;
  let lite: PGlite;
  try {
    if (options.dataDir) {
      dir = path.join(options.dataDir, 'pglite');
      probeWritable(dir); // creates it; a read-only or full folder stops here with a clear message
    }
    // unaccent (1260): the inbox's text search configurations remove accents; an extension is loaded on every open.
    const extensions = { unaccent };
    lite = await PGlite.create(
      dir ? { dataDir: dir, extensions } : options.startFrom ? { loadDataDir: options.startFrom, extensions } : { extensions },
    );
  } catch (error) {
    dataDirLock?.release();
    throw error;
  }
  // One connection: every use goes through one gate that turns a self-deadlock into an error.
  const { db, raw, gate } = guardedEmbedded<Database>(lite, options.connectionGuard);
  return {
    db,
    raw,
    kind: 'embedded',
    connectionGate: gate,
    dataDirLock,
    close: async () => {
      try {
        await db.destroy().catch(() => undefined);
        if (!lite.closed) await lite.close();
      } finally {
        dataDirLock?.release();
      }
    },
  };
}

/**
 * Applies pending migrations in order, each in its own transaction. On Postgres an
 * advisory lock makes concurrent starts of several processes safe.
 */
export async function migrate(database: PlazaDatabase): Promise<string[]> {
  return database.raw.withSession((raw) => migrateOn(raw));
}

async function migrateOn(raw: RawSql): Promise<string[]> {
  const applied: string[] = [];
  await raw.exec('SELECT pg_advisory_lock(727274)');
  await raw.exec(`CREATE TABLE IF NOT EXISTS plaza_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  try {
    const done = new Set((await raw.query<{ name: string }>('SELECT name FROM plaza_migrations')).rows.map((r) => r.name));
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      const escapedName = migration.name.replace(/'/g, "''");
      await raw.exec(`BEGIN;\n${migration.up}\nINSERT INTO plaza_migrations (name) VALUES ('${escapedName}');\nCOMMIT;`);
      applied.push(migration.name);
    }
  } catch (error) {
    await raw.exec('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await raw.exec('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
  }
  return applied;
}

/** Cheap readiness probe used by /api/health. */
export async function pingDatabase(database: PlazaDatabase): Promise<void> {
  await sql`SELECT 1`.execute(database.db);
}
