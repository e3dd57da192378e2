import i18next from 'i18next';
import { ApiError } from './api.ts';
import { apiErrorText } from './api-error-text.ts';

/** What to show for a failed call: {@link apiErrorText}, for any thrown value. */
export function errorText(caught: unknown): string {
  if (caught instanceof ApiError) return apiErrorText(caught);
  return caught instanceof Error ? caught.message : String(caught);
}

/** The translation of a server error code (stored on a channel, a report…), or `fallback` when the code has none. */
export function codeText(code: string | undefined, fallback: string): string {
  const key = `apiErrors.${code ?? ''}`;
  return code && i18next.exists(key) ? i18next.t(key) : fallback;
}
