import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DefaultQueryExecutor,
  Kysely,
  type ConnectionProvider,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { RawSql } from './raw-sql.ts';

/**
 * The embedded database (PGlite) has exactly one connection. A transaction holds it
 * from BEGIN to COMMIT; any other query waits behind it. That is fine when the
 * transaction does not wait for that query — but a query issued on the shared handle
 * (`ctx.database.db`, `database.raw`, pg-boss) *from inside the transaction's own async
 * flow* waits for a connection that its own caller holds: a deadlock that hangs the
 * whole process, `/api/health` included.
 *
 * This gate serialises every use of the connection (Kysely queries and transactions,
 * raw SQL, pg-boss) in one FIFO queue, and remembers with AsyncLocalStorage which
 * async flow holds it. A request for the connection from the holder's own flow is a
 * deadlock by construction: in `strict` mode (tests, development) it fails at once
 * with {@link EmbeddedDeadlockError}; in `bounded` mode (production) it waits at most
 * `deadlockWaitMs` (a detached task spawned inside a transaction may legitimately run
 * after the commit) and then fails with the same error. Any other wait longer than
 * `maxWaitMs` fails too, naming what holds the connection, so nothing hangs silently.
 */
export type ConnectionGuardMode = 'strict' | 'bounded';

export interface ConnectionGuardOptions {
  mode?: ConnectionGuardMode;
  /** bounded mode: how long a same-flow request waits before failing (default 5 s). */
  deadlockWaitMs?: number;
  /** Any request: the longest wait for the connection before failing (default 60 s). */
  maxWaitMs?: number;
}

/** A query asked for the embedded connection from inside the flow of the transaction holding it. */
export class EmbeddedDeadlockError extends Error {
  readonly code = 'embedded_db_deadlock';
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDeadlockError';
  }
}

/** A query waited longer than the bound for the embedded connection. */
export class EmbeddedConnectionTimeoutError extends Error {
  readonly code = 'embedded_db_busy';
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedConnectionTimeoutError';
  }
}

interface Lease {
  gate: ConnectionGate;
  /** What holds the connection: "query", "transaction", "raw session"… */
  label: string;
  held: boolean;
  since: number;
  /** Strict mode only (stacks cost time): who asked for the connection, and so where a transaction was opened. */
  origin?: string;
  openedAt?: string;
}

interface Waiter {
  lease: Lease;
  grant(): void;
}

const flow = new AsyncLocalStorage<Lease>();

/** The mode used when none is given: strict under tests and in development, bounded otherwise. */
export function defaultGuardMode(env: NodeJS.ProcessEnv = process.env): ConnectionGuardMode {
  if (env.PLAZA_DB_GUARD === 'strict' || env.PLAZA_DB_GUARD === 'bounded') return env.PLAZA_DB_GUARD;
  return env.NODE_ENV === 'test' || env.NODE_ENV === 'development' || env.VITEST ? 'strict' : 'bounded';
}

/**
 * Runs `fn` outside any transaction's async flow (for work that is merely *started*
 * inside one, like event listeners): its queries then wait behind the transaction
 * instead of being taken for a deadlock.
 */
export function outsideTransactionFlow<T>(fn: () => T): T {
  return flow.exit(fn);
}

/** The application frames of a stack (without Kysely's, the gate's and Node's own). */
function callerFrames(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .slice(1)
    .filter((line) => !/node_modules[\\/]kysely|connection-guard\.ts|node:internal/.test(line))
    .slice(0, 8)
    .join('\n');
}

/** One FIFO lock over the single embedded connection, aware of which async flow holds it. */
export class ConnectionGate {
  readonly mode: ConnectionGuardMode;
  /** The deadlocks detected (the last 100, also the ones a caller caught and swallowed); tests assert it stays empty. */
  readonly violations: EmbeddedDeadlockError[] = [];
  private holder: Lease | null = null;
  private readonly queue: Waiter[] = [];
  private readonly deadlockWaitMs: number;
  private readonly maxWaitMs: number;
  private readonly listeners = new Set<(error: EmbeddedDeadlockError) => void>();

  constructor(options: ConnectionGuardOptions = {}) {
    this.mode = options.mode ?? defaultGuardMode();
    this.deadlockWaitMs = options.deadlockWaitMs ?? 5_000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Tells `listener` about every deadlock detected (e.g. to log it); returns the unsubscribe function. */
  onViolation(listener: (error: EmbeddedDeadlockError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `fn` holding the connection; `fn` and everything it starts belong to the lease's flow. */
  async run<T>(label: string, fn: (lease: Lease) => Promise<T>): Promise<T> {
    const origin = this.mode === 'strict' ? callerFrames(new Error().stack) : undefined;
    const lease = await this.acquire(label);
    lease.origin = origin;
    try {
      return await flow.run(lease, () => fn(lease));
    } finally {
      this.release(lease);
    }
  }

  /** Names the current holder as a transaction (called at BEGIN, inside the holder's flow). */
  markTransaction(): void {
    const lease = flow.getStore();
    if (!lease || lease.gate !== this) return;
    lease.label = 'transaction';
    lease.openedAt = lease.origin;
  }

  private acquire(label: string): Promise<Lease> {
    const lease: Lease = { gate: this, label, held: false, since: 0 };
    const mine = flow.getStore();
    let deadlock: EmbeddedDeadlockError | null = null;
    if (mine && mine.gate === this && mine.held) {
      deadlock = new EmbeddedDeadlockError(
        `Embedded database deadlock: a ${label} was issued on the shared database handle (ctx.database.db, database.raw or pg-boss) ` +
          `from inside an open ${mine.label} that holds the only PGlite connection, so it would wait for itself forever. ` +
          `Run it on the transaction's handle (trx; pg-boss: send(…, { db })) or after the commit.` +
          (mine.openedAt ? `\nThe ${mine.label} was opened at:\n${mine.openedAt}` : ''),
      );
      if (this.mode === 'strict') {
        this.report(deadlock);
        return Promise.reject(deadlock);
      }
      // bounded: a task merely started inside the transaction may run once it commits; wait a little,
      // and report it only if the connection never comes.
    }
    if (!this.holder) {
      this.grant(lease);
      return Promise.resolve(lease);
    }
    return new Promise<Lease>((resolve, reject) => {
      const waiter: Waiter = {
        lease,
        grant: () => {
          clearTimeout(timer);
          resolve(lease);
        },
      };
      const waitMs = deadlock ? this.deadlockWaitMs : this.maxWaitMs;
      const timer = setTimeout(() => {
        const index = this.queue.indexOf(waiter);
        if (index < 0) return;
        this.queue.splice(index, 1);
        const holder = this.holder;
        if (deadlock) this.report(deadlock);
        reject(
          deadlock ??
            new EmbeddedConnectionTimeoutError(
              `The embedded database stayed busy for ${Math.round(waitMs / 1000)} s: a ${holder?.label ?? 'query'} has held its only connection for ${holder ? Math.round((Date.now() - holder.since) / 1000) : '?'} s.` +
                (holder?.openedAt ? `\nIt was opened at:\n${holder.openedAt}` : ''),
            ),
        );
      }, waitMs); // not unref'd: a process whose every flow waits must still get the error, not exit quietly
      this.queue.push(waiter);
    });
  }

  private report(deadlock: EmbeddedDeadlockError): void {
    this.violations.push(deadlock);
    if (this.violations.length > 100) this.violations.shift(); // the latest ones; a long-running process must not grow
    for (const listener of this.listeners) {
      try {
        listener(deadlock);
      } catch {
        /* a broken listener must not hide the error */
      }
    }
  }

  private grant(lease: Lease): void {
    lease.held = true;
    lease.since = Date.now();
    this.holder = lease;
  }

  private release(lease: Lease): void {
    lease.held = false;
    if (this.holder !== lease) return;
    this.holder = null;
    const next = this.queue.shift();
    if (next) {
      this.grant(next.lease);
      next.grant();
    }
  }
}

/** Hands out the one PGlite connection through the gate (pool queries, transactions, `connection()`). */
class GatedConnectionProvider implements ConnectionProvider {
  constructor(
    private readonly gate: ConnectionGate,
    private readonly driver: Driver,
  ) {}

  provideConnection<T>(consumer: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
    return this.gate.run('query', async () => {
      const connection = await this.driver.acquireConnection();
      try {
        return await consumer(connection);
      } finally {
        await this.driver.releaseConnection(connection);
      }
    });
  }
}

/** Kysely and raw SQL over one PGlite instance, every use of its connection going through one gate. */
export function guardedEmbedded<DB>(
  lite: PGlite,
  options: ConnectionGuardOptions = {},
): { db: Kysely<DB>; raw: RawSql; gate: ConnectionGate } {
  const gate = new ConnectionGate(options);
  const dialect = new PGliteDialect(lite);
  const inner = dialect.createDriver();
  const driver: Driver = {
    init: () => inner.init(),
    acquireConnection: () => inner.acquireConnection(),
    releaseConnection: (connection) => inner.releaseConnection(connection),
    beginTransaction: (connection: DatabaseConnection, settings: TransactionSettings) => {
      gate.markTransaction();
      return inner.beginTransaction(connection, settings);
    },
    commitTransaction: (connection) => inner.commitTransaction(connection),
    rollbackTransaction: (connection) => inner.rollbackTransaction(connection),
    destroy: () => inner.destroy(),
  };
  const executor = new DefaultQueryExecutor(
    dialect.createQueryCompiler(),
    dialect.createAdapter(),
    new GatedConnectionProvider(gate, driver),
    [],
  );
  const db = new Kysely<DB>({ config: { dialect }, dialect, driver, executor });

  // Inside a session the connection is already ours: run straight on PGlite.
  const session: RawSql = {
    query: async (text, params) => ({ rows: (await lite.query(text, params as unknown[] | undefined)).rows as never[] }),
    exec: async (text) => {
      await lite.exec(text);
    },
    withSession: (fn) => fn(session),
  };
  const describe = (text: string) => `query (${text.replace(/\s+/g, ' ').trim().slice(0, 60)})`;
  const raw: RawSql = {
    query: (text, params) => gate.run(describe(text), () => session.query(text, params)),
    exec: (text) => gate.run(describe(text), () => session.exec(text)),
    withSession: (fn) => gate.run('raw session', () => fn(session)),
  };
  return { db, raw, gate };
}
