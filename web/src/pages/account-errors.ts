import { apiErrorText } from '../api-error-text.ts';

/** An API error in the reader's language, by its code (apiErrors), else the server's text. */
export function useAccountErrorText() {
  return (caught: unknown) => apiErrorText(caught);
}
