import type { AppContext } from '../../server/context.ts';
import { AppError } from '../../lib/errors.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { accountsSecurityRepository } from './security-repository.ts';

/** How long a failed sign-in counts against its account and its address. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failed sign-ins per account (e-mail tried) within the window before further tries wait. */
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 10;
/** Failed sign-ins per client address within the window (several people may share one address). */
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

/** The 429 a throttled sign-in gets: a stable code and the seconds to wait, for the UI to say in es/en. */
export function tooManyAttempts(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(429, 'too_many_attempts', `Too many sign-in attempts; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}

/** A sign-in attempt that counts as failed until `succeeded()` is called. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

/**
 * Starts a sign-in attempt: records it first (as a failure until it succeeds),
 * then counts the recent failures of the same account and of the same address
 * in the database, so the limit holds across processes and against parallel
 * guesses (each attempt counts itself and every attempt recorded before it).
 * Over the limit: the attempt is dropped and a 429 `too_many_attempts` with the
 * retry time is thrown, before any password is checked.
 */
export async function beginLoginAttempt(ctx: AppContext, email: string, address: string): Promise<LoginAttempt> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const since = new Date(now - LOGIN_WINDOW_MS);
  const accountKey = sha256Hex(email.trim().toLowerCase());
  await accountsSecurityRepository.deleteLoginFailuresBefore(db, since);
  const id = await accountsSecurityRepository.insertLoginFailure(db, accountKey, address, new Date(now));
  const counts = await accountsSecurityRepository.countLoginFailures(db, accountKey, address, since);
  const overAccount = counts.account > LOGIN_MAX_FAILURES_PER_ACCOUNT;
  const overAddress = counts.address > LOGIN_MAX_FAILURES_PER_ADDRESS;
  if (overAccount || overAddress) {
    await accountsSecurityRepository.deleteLoginFailure(db, id);
    const waits = await Promise.all([
      overAccount ? secondsUntilBelowLimit(ctx, 'account_key', accountKey, LOGIN_MAX_FAILURES_PER_ACCOUNT, since, now) : 0,
      overAddress ? secondsUntilBelowLimit(ctx, 'address', address, LOGIN_MAX_FAILURES_PER_ADDRESS, since, now) : 0,
    ]);
    throw tooManyAttempts(Math.max(...waits));
  }
  return {
    async succeeded() {
      await accountsSecurityRepository.deleteLoginFailuresOfAccount(db, accountKey);
    },
  };
}

/** Seconds until the key has fewer than `max` failures in the window: when its max-th newest one ages out. */
async function secondsUntilBelowLimit(
  ctx: AppContext,
  column: 'account_key' | 'address',
  key: string,
  max: number,
  since: Date,
  now: number,
): Promise<number> {
  const failedAt = await accountsSecurityRepository.nthNewestLoginFailure(ctx.database.db, column, key, since, max);
  if (!failedAt) return 1;
  return (failedAt.getTime() + LOGIN_WINDOW_MS - now) / 1000;
}
