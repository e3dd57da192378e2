import type { RawSql } from '../db/database.ts';

/**
 * The named queries of the job registry over `job_schedules` (one row per periodic job).
 * Every time here is the database's clock (`now()`): one clock for every process that
 * shares the database, whatever the skew between their machines.
 */

/** A slot this process claimed: the instant it was due, and when the next one falls due. */
export interface ClaimedSlot {
  slot: Date;
  /** Milliseconds from the claim (database clock) to the next slot. */
  nextInMs: number;
}

/** Where a job's schedule stands, seen from the database's clock. */
export interface SlotState {
  /** Milliseconds until the next slot (≤ 0: due now). */
  dueInMs: number;
  /** Milliseconds until another process's lock on it expires (≤ 0: not locked). */
  lockedForMs: number;
}

/** Adds the job's row (first slot due now); an existing row keeps its slot, pulled in when the interval got shorter. */
export async function ensureJobSchedule(raw: RawSql, name: string, everyMs: number): Promise<void> {
  await raw.query(
    `INSERT INTO job_schedules (name, every_ms, next_run_at) VALUES ($1, $2, now())
     ON CONFLICT (name) DO UPDATE
       SET every_ms = EXCLUDED.every_ms,
           next_run_at = LEAST(job_schedules.next_run_at, now() + make_interval(secs => EXCLUDED.every_ms / 1000.0))`,
    [name, everyMs],
  );
}

/**
 * Claims the job's due slot for `owner`, or nothing when it is not due yet or another process
 * holds it. One statement: the row lock (SKIP LOCKED) and the re-checked condition let exactly one
 * of several concurrent claimers win; the winner moves the next slot one interval on and holds a
 * lock (`leaseMs`, renewed while it runs) so no other process starts the job meanwhile.
 */
export async function claimJobSlot(
  raw: RawSql,
  name: string,
  owner: string,
  everyMs: number,
  leaseMs: number,
): Promise<ClaimedSlot | null> {
  const { rows } = await raw.query<{ slot: Date | string; next_in_ms: number | string }>(
    `WITH due AS (
       SELECT name, next_run_at FROM job_schedules
        WHERE name = $1 AND next_run_at <= now() AND (locked_until IS NULL OR locked_until <= now())
        FOR UPDATE SKIP LOCKED
     )
     UPDATE job_schedules j
        SET next_run_at = now() + make_interval(secs => $3::int / 1000.0), every_ms = $3::int,
            locked_by = $2, locked_until = now() + make_interval(secs => $4::int / 1000.0), last_started_at = now()
       FROM due
      WHERE j.name = due.name
     RETURNING due.next_run_at AS slot, $3::integer AS next_in_ms`,
    [name, owner, everyMs, leaseMs],
  );
  const row = rows[0];
  return row ? { slot: new Date(row.slot), nextInMs: Number(row.next_in_ms) } : null;
}

/** How long until the job's next slot and until another process's lock on it ends. */
export async function jobSlotState(raw: RawSql, name: string): Promise<SlotState | null> {
  const { rows } = await raw.query<{ due_in_ms: number | string; locked_for_ms: number | string }>(
    `SELECT (extract(epoch FROM next_run_at - now()) * 1000)::float8 AS due_in_ms,
            COALESCE((extract(epoch FROM locked_until - now()) * 1000)::float8, 0) AS locked_for_ms
       FROM job_schedules WHERE name = $1`,
    [name],
  );
  const row = rows[0];
  return row ? { dueInMs: Number(row.due_in_ms), lockedForMs: Number(row.locked_for_ms) } : null;
}

/** Extends `owner`'s lock on a running job. */
export async function renewJobLock(raw: RawSql, name: string, owner: string, leaseMs: number): Promise<void> {
  await raw.query(
    `UPDATE job_schedules SET locked_until = now() + make_interval(secs => $3::int / 1000.0) WHERE name = $1 AND locked_by = $2`,
    [name, owner, leaseMs],
  );
}

/** Ends `owner`'s run of the job: the lock is released and the outcome kept on the row. */
export async function finishJobRun(raw: RawSql, name: string, owner: string, error: string | null): Promise<void> {
  await raw.query(
    `UPDATE job_schedules SET locked_by = NULL, locked_until = NULL, last_finished_at = now(), last_error = $3 WHERE name = $1 AND locked_by = $2`,
    [name, owner, error],
  );
}

/** Releases every lock (the embedded database has a single owner process: a lock found at its start is stale). */
export async function releaseAllJobLocks(raw: RawSql): Promise<void> {
  await raw.query(`UPDATE job_schedules SET locked_by = NULL, locked_until = NULL WHERE locked_by IS NOT NULL`);
}
