import { apiErrorText } from '../api-error-text.ts';

/** The message to show for a failed image upload: the server's refusal translated by its code (apiErrors), else its message. */
export function imageUploadError(error: unknown): string {
  return apiErrorText(error);
}
