import type { TFunction } from 'i18next';
import { ApiError } from '../api.ts';
import type { mediaErrorsEn } from '../i18n/media-en.ts';

const IMAGE_ERROR_CODES: ReadonlyArray<keyof typeof mediaErrorsEn> = ['too_large', 'unsupported_media_type', 'image_too_large', 'image_undecodable'];

/** The message to show for a failed image upload: the server's refusal translated by its code, else its message. */
export function imageUploadError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return String(error);
  const code = IMAGE_ERROR_CODES.find((known) => known === error.code);
  if (!code) return error.message;
  const details = (error.details ?? {}) as { width?: number; height?: number; maxSide?: number; maxPixels?: number };
  return t(`mediaErrors.${code}`, { width: details.width ?? '?', height: details.height ?? '?', maxSide: details.maxSide ?? 16384, megapixels: Math.round((details.maxPixels ?? 50_000_000) / 1_000_000) });
}
