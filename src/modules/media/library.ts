/**
 * The media library's pure rules: how search text is folded into a query, how a tag is written,
 * and the rectangle of a crop to a network aspect ratio.
 */
import { badRequest } from '../../lib/errors.ts';

/** The aspect ratios networks crop to, by name: width over height. */
export const CROP_ASPECTS = {
  /** 1:1 — Instagram and Facebook feed squares. */
  square: { ratio: 1, label: '1:1' },
  /** 4:5 — the tallest feed image on Instagram and Facebook. */
  portrait: { ratio: 4 / 5, label: '4:5' },
  /** 1.91:1 — link cards and landscape feed images (Facebook, LinkedIn, X). */
  landscape: { ratio: 1.91, label: '1.91:1' },
  /** 9:16 — stories, reels, Shorts and TikTok. */
  vertical: { ratio: 9 / 16, label: '9:16' },
} as const;
export type CropAspect = keyof typeof CROP_ASPECTS;
export const CROP_ASPECT_NAMES = Object.keys(CROP_ASPECTS) as [CropAspect, ...CropAspect[]];

/** Folds text the way the database's `media_search_fold` does: lower case, accents off, words of letters and digits. */
export function foldSearchText(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A `to_tsquery('simple', …)` text matching every word of `text` as a word prefix, or null when it has no words. */
export function searchQuery(text: string | undefined): string | null {
  const words = foldSearchText(text ?? '').slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** A tag as stored: trimmed, lower case, inner spaces single; empty when nothing is left. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 50);
}

export interface CropRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The rectangle of a crop of a `width`×`height` picture to `aspect`: the largest one, centred, when
 * no position is given; otherwise from `left`, `top` and `width` (the height follows from the ratio).
 * A rectangle that does not fit inside the picture is a 400 `crop_outside_image`.
 */
export function cropRect(
  picture: { width: number; height: number },
  aspect: CropAspect,
  asked: { left?: number; top?: number; width?: number } = {},
): CropRect {
  const { ratio } = CROP_ASPECTS[aspect];
  if (asked.width === undefined) {
    const width = Math.min(picture.width, Math.floor(picture.height * ratio));
    const height = Math.min(picture.height, Math.round(width / ratio));
    const left = asked.left ?? Math.floor((picture.width - width) / 2);
    const top = asked.top ?? Math.floor((picture.height - height) / 2);
    return checkInside(picture, { left, top, width, height });
  }
  const width = asked.width;
  const height = Math.round(width / ratio);
  return checkInside(picture, { left: asked.left ?? 0, top: asked.top ?? 0, width, height });
}

function checkInside(picture: { width: number; height: number }, rect: CropRect): CropRect {
  if (
    rect.width < 1 ||
    rect.height < 1 ||
    rect.left < 0 ||
    rect.top < 0 ||
    rect.left + rect.width > picture.width ||
    rect.top + rect.height > picture.height
  )
    throw badRequest(
      'crop_outside_image',
      `The crop (${rect.width}×${rect.height} at ${rect.left},${rect.top}) does not fit inside the ${picture.width}×${picture.height} picture`,
      { rect, picture },
    );
  return rect;
}
