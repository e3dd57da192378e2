import fs from 'node:fs';
import { AppError } from '../../lib/errors.ts';

/** Shortest password Plaza accepts for a new or changed password (existing shorter ones still sign in). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

let common: Set<string> | null = null;

/** The 10,000 most common passwords (data/common-passwords.txt, generated from @zxcvbn-ts/language-common), read once. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return common;
}

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_too_common';

/**
 * Why a new password is refused, or null when it is acceptable: at least 12 characters, at most 200,
 * and neither a common password nor a common password padded with digits or symbols
 * ("password123456", "!!dragon2024!!") nor one character repeated.
 */
export function passwordProblem(password: string, context: { email?: string } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  const lower = password.toLowerCase();
  const list = commonPasswords();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (list.has(lower) || list.has(lower.trim()) || (core.length > 0 && list.has(core)) || /^(.)\1*$/su.test(password))
    return 'password_too_common';
  // Digits and symbols only and a simple run of them ("123456789012", "111222333444") are as guessable.
  if (core.length === 0 && (new Set(lower).size <= 4 || isRun(lower))) return 'password_too_common';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.replace(/[\d\W_]+/gu, '') === local.replace(/[\d\W_]+/gu, '')) return 'password_too_common';
  return null;
}

const RUNS = '0123456789'.repeat(30);
/** "123456789012", "987654321098": a run of consecutive digits. */
function isRun(value: string): boolean {
  return RUNS.includes(value) || RUNS.includes([...value].reverse().join(''));
}

const MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  password_too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
  password_too_common: 'This password is too common or too easy to guess; choose another',
};

/** Throws a 400 with the problem's code (the web app translates by code) when the password is refused. */
export function assertAcceptablePassword(password: string, context: { email?: string } = {}): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new AppError(400, problem, MESSAGES[problem]);
}
