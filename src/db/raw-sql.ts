/** SQL text on either engine (PGlite or pg), beside Kysely: migrations, pg-boss, session locks. */
export interface RawSql {
  /** Runs one parameterised statement. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs `fn` on one dedicated connection (session-level locks, multi-step transactions). */
  withSession<T>(fn: (session: RawSql) => Promise<T>): Promise<T>;
}
