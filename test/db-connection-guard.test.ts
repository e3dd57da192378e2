import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type PlazaDatabase } from '../src/db/database.ts';
import { EmbeddedConnectionTimeoutError, EmbeddedDeadlockError, outsideTransactionFlow } from '../src/db/connection-guard.ts';

/**
 * The embedded database has one connection. A query on the shared handle from inside
 * a transaction's own flow must fail (strict: at once; bounded: after a short wait)
 * instead of hanging the process; queries from other flows wait their turn and never
 * land inside someone else's transaction.
 */
describe('embedded connection guard', () => {
  let strict: PlazaDatabase;
  let bounded: PlazaDatabase;

  beforeAll(async () => {
    strict = await openDatabase({ connectionGuard: { mode: 'strict', maxWaitMs: 1_500 } });
    bounded = await openDatabase({ connectionGuard: { mode: 'bounded', deadlockWaitMs: 300 } });
    for (const database of [strict, bounded]) await database.raw.exec('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
  }, 60_000);
  afterAll(async () => {
    await strict?.close();
    await bounded?.close();
  });

  const count = async (database: PlazaDatabase) =>
    (await database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM notes')).rows[0].n;
  const withTimeout = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([
      promise,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still waiting after ${ms} ms: the database hangs`)), ms).unref(),
      ),
    ]);

  it('strict: a pool query inside a transaction fails at once, names the problem, and the database stays usable', async () => {
    const before = strict.connectionGate!.violations.length;
    const started = Date.now();
    const attempt = strict.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notes' as never)
        .values({ body: 'inside' } as never)
        .execute();
      await sql`SELECT 1`.execute(strict.db); // the shared handle, not trx
    });
    const error = await withTimeout(attempt, 5_000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbeddedDeadlockError);
    expect((error as Error).message).toMatch(/deadlock.*inside an open transaction/s);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(strict.connectionGate!.violations.length).toBe(before + 1);
    // Rolled back, and the next query runs.
    expect(await withTimeout(count(strict), 2_000)).toBe(0);
  });

  it('strict: raw SQL (pg-boss path) and a nested transaction on the pool inside a transaction fail too', async () => {
    const raw = strict.db.transaction().execute(async () => {
      await strict.raw.query('SELECT 1');
    });
    await expect(withTimeout(raw, 5_000)).rejects.toBeInstanceOf(EmbeddedDeadlockError);
    const nested = strict.db.transaction().execute(async () => {
      await strict.db.transaction().execute(async (inner) => sql`SELECT 1`.execute(inner));
    });
    await expect(withTimeout(nested, 5_000)).rejects.toBeInstanceOf(EmbeddedDeadlockError);
    const inSession = strict.raw.withSession(async () => strict.raw.query('SELECT 1'));
    await expect(withTimeout(inSession, 5_000)).rejects.toBeInstanceOf(EmbeddedDeadlockError);
  });

  it('queries from other flows wait for the transaction and never run inside it', async () => {
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    let inTransaction!: () => void;
    const opened = new Promise<void>((resolve) => (inTransaction = resolve));
    const transaction = strict.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('notes' as never)
          .values({ body: 'rolled back' } as never)
          .execute();
        inTransaction();
        await gate;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await opened;
    // Another flow writes through raw SQL and Kysely while the transaction is open.
    const rawInsert = strict.raw.query("INSERT INTO notes (body) VALUES ('raw, other flow')");
    const poolInsert = strict.db
      .insertInto('notes' as never)
      .values({ body: 'pool, other flow' } as never)
      .execute();
    await new Promise((r) => setTimeout(r, 50));
    letGo();
    expect(await transaction).toBe('rolled back');
    await Promise.all([rawInsert, poolInsert]);
    const bodies = (await strict.raw.query<{ body: string }>('SELECT body FROM notes ORDER BY id')).rows.map((r) => r.body);
    // Before the gate, the raw insert ran inside the open transaction and was rolled back with it.
    expect(bodies).toEqual(['raw, other flow', 'pool, other flow']);
    await strict.raw.exec('DELETE FROM notes');
  });

  it('work merely started inside a transaction (event listeners) waits for the commit instead of failing', async () => {
    let listenerResult: Promise<number> | null = null;
    await strict.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notes' as never)
        .values({ body: 'committed' } as never)
        .execute();
      listenerResult = outsideTransactionFlow(() => count(strict));
    });
    expect(await withTimeout(listenerResult!, 2_000)).toBe(1);
    await strict.raw.exec('DELETE FROM notes');
  });

  it('a wait longer than the bound fails with the holder named, instead of hanging', async () => {
    let letGo!: () => void;
    const held = strict.raw.withSession(() => new Promise<void>((resolve) => (letGo = resolve)));
    const error = await withTimeout(count(strict), 5_000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbeddedConnectionTimeoutError);
    expect((error as Error).message).toMatch(/raw session has held/);
    letGo();
    await held;
    expect(await count(strict)).toBe(0);
  });

  it('bounded (production): the same-flow query fails after a short wait, and a late detached query still runs', async () => {
    const started = Date.now();
    const attempt = bounded.db.transaction().execute(async () => {
      await sql`SELECT 1`.execute(bounded.db);
    });
    await expect(withTimeout(attempt, 5_000)).rejects.toBeInstanceOf(EmbeddedDeadlockError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(bounded.connectionGate!.violations).toHaveLength(1);

    // A task spawned inside the transaction that only queries after the commit is not a deadlock.
    let late: Promise<number> | null = null;
    await bounded.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notes' as never)
        .values({ body: 'x' } as never)
        .execute();
      late = new Promise<void>((r) => setTimeout(r, 20)).then(() => count(bounded));
    });
    expect(await withTimeout(late!, 2_000)).toBe(1);
    expect(bounded.connectionGate!.violations).toHaveLength(1);
  });
});
