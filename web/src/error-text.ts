import i18next from 'i18next';
import { ApiError } from './api.ts';

/**
 * What to show for a failed call: the translation of the server's error code when the web
 * app has one (`serverErrors.<code>`), else the server's message.
 */
export function errorText(caught: unknown): string {
  if (caught instanceof ApiError) return codeText(caught.code, caught.message);
  return caught instanceof Error ? caught.message : String(caught);
}

/** The translation of a server error code, or `fallback` when the code has none. */
export function codeText(code: string | undefined, fallback: string): string {
  const key = `serverErrors.${code ?? ''}`;
  return code && i18next.exists(key) ? i18next.t(key) : fallback;
}
