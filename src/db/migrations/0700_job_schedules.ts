/** 0700_job_schedules: plain SQL, the same on PGlite and Postgres. */
export const up = `
-- One row per periodic background job (src/jobs/registry.ts). A process runs a slot only after
-- claiming it here (next_run_at due and no live lock), so a periodic job runs once per slot
-- across every worker process sharing the database. Times are the database's clock.
CREATE TABLE job_schedules (
  name text PRIMARY KEY,
  every_ms integer NOT NULL,
  next_run_at timestamptz NOT NULL,
  locked_by text,
  locked_until timestamptz,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_error text
);
`;
