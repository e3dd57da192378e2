import i18next from 'i18next';
import { ApiError } from './api.ts';

/**
 * A failed call as the user reads it: the translation of the server's error
 * code when the web app has one (apiErrors.<code>, with the error's details),
 * else the server's message.
 */
export function apiErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return String(error);
  const key = `apiErrors.${error.code}`;
  if (!i18next.exists(key)) return error.message;
  const details = (error.details && typeof error.details === 'object' ? error.details : {}) as Record<string, unknown>;
  const seconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 0;
  return i18next.t(key, { ...details, minutes: Math.max(1, Math.ceil(seconds / 60)) });
}
