import i18next from 'i18next';
import { ApiError } from '../api/client.ts';

/**
 * A failed call as the user reads it: the translation of the server's error
 * code when the web app has one (apiErrors.<code>, with the error's details),
 * else the server's message. The one place the web app turns an API error into text.
 */
export function apiErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const known = i18next.exists(`apiErrors.${error.code}`);
  // A 429 whose code the app does not know still reads as "too many attempts", never as the server's English.
  const code = known ? error.code : error.status === 429 ? 'rate_limited' : null;
  if (!code) return error.message;
  const details = (error.details && typeof error.details === 'object' ? error.details : {}) as Record<string, unknown>;
  const seconds = typeof details.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 0;
  const maxPixels = typeof details.maxPixels === 'number' ? details.maxPixels : null;
  return i18next.t(`apiErrors.${code}`, {
    ...details,
    minutes: Math.max(1, Math.ceil(seconds / 60)),
    ...(maxPixels !== null ? { megapixels: Math.round(maxPixels / 1_000_000) } : {}),
  });
}

/** The translation of a server error code stored on an object (a channel's health, a report…), or `fallback` when the code has none. */
export function codeText(code: string | undefined, fallback: string): string {
  const key = `apiErrors.${code ?? ''}`;
  return code && i18next.exists(key) ? i18next.t(key) : fallback;
}
