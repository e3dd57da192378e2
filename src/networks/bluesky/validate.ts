/**
 * Bluesky content rules, checked before calling the network.
 */
import type { MediaInput, NetworkLimits, PublishInput, ValidationIssue } from '../types.ts';

export const BLUESKY_LIMITS: NetworkLimits = {
  maxChars: 300,
  maxImages: 4,
  // Bluesky's documented image blob limit (app.bsky.embed.images: maxSize 1,000,000).
  maxImageBytes: 1_000_000,
  acceptedImageTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  maxAltChars: 2000,
  supportsThreads: true,
  // Bluesky only has fixed self-labels, not free-text content warnings.
  supportsContentWarning: false,
  // Every Bluesky post is public.
  supportsVisibility: false,
  // bsky.social allows ~1,666 record creations per hour; stay well below.
  postsPerMinutePerChannel: 20,
};

/** The lexicon's byte ceiling for app.bsky.feed.post#text. */
export const MAX_TEXT_BYTES = 3000;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Counts user-perceived characters (what Bluesky's 300 limit counts). */
export function countGraphemes(text: string): number {
  let count = 0;
  for (const _segment of segmenter.segment(text)) count += 1;
  return count;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function issue(field: string, code: string, message: string, messageEs: string): ValidationIssue {
  return { field, code, message, messageEs };
}

function validatePart(text: string, media: MediaInput[], prefix: string, label: { en: string; es: string }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);

  const graphemes = countGraphemes(text);
  if (graphemes > BLUESKY_LIMITS.maxChars) {
    issues.push(
      issue(
        field('text'),
        'text_too_long',
        `${label.en} has ${graphemes} characters; Bluesky allows ${BLUESKY_LIMITS.maxChars}.`,
        `${label.es} tiene ${graphemes} caracteres; Bluesky admite ${BLUESKY_LIMITS.maxChars}.`,
      ),
    );
  } else if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) {
    issues.push(
      issue(
        field('text'),
        'text_too_many_bytes',
        `${label.en} is longer than ${MAX_TEXT_BYTES} bytes (too many combined symbols).`,
        `${label.es} ocupa más de ${MAX_TEXT_BYTES} bytes (demasiados símbolos combinados).`,
      ),
    );
  }
  if (text.trim() === '' && media.length === 0) {
    issues.push(issue(field('text'), 'empty_post', `${label.en} has neither text nor images.`, `${label.es} no tiene texto ni imágenes.`));
  }

  if (media.length > BLUESKY_LIMITS.maxImages) {
    issues.push(
      issue(
        field('media'),
        'too_many_images',
        `${label.en} has ${media.length} images; Bluesky allows ${BLUESKY_LIMITS.maxImages}.`,
        `${label.es} tiene ${media.length} imágenes; Bluesky admite ${BLUESKY_LIMITS.maxImages}.`,
      ),
    );
  }
  media.forEach((item, index) => {
    const mediaField = field(`media[${index}]`);
    const image = { en: `image ${index + 1} of ${label.en.toLowerCase()}`, es: `la imagen ${index + 1} de ${label.es.toLowerCase()}` };
    const position = { en: capitalize(image.en), es: capitalize(image.es) };
    if (!BLUESKY_LIMITS.acceptedImageTypes.includes(item.mimeType)) {
      issues.push(
        issue(
          mediaField,
          'unsupported_media_type',
          `${position.en} is ${item.mimeType}; Bluesky accepts JPEG, PNG, WebP and GIF images.`,
          `${position.es} es ${item.mimeType}; Bluesky acepta imágenes JPEG, PNG, WebP y GIF.`,
        ),
      );
    }
    const size = Math.max(item.size, item.bytes.byteLength);
    if (size > BLUESKY_LIMITS.maxImageBytes) {
      issues.push(
        issue(
          mediaField,
          'image_too_large',
          `${position.en} weighs ${size} bytes; Bluesky allows ${BLUESKY_LIMITS.maxImageBytes}.`,
          `${position.es} pesa ${size} bytes; Bluesky admite ${BLUESKY_LIMITS.maxImageBytes}.`,
        ),
      );
    }
    const altLength = item.alt ? countGraphemes(item.alt) : 0;
    if (altLength > BLUESKY_LIMITS.maxAltChars) {
      issues.push(
        issue(
          `${mediaField}.alt`,
          'alt_too_long',
          `The alt text of ${image.en} has ${altLength} characters; Bluesky allows ${BLUESKY_LIMITS.maxAltChars}.`,
          `El texto alternativo de ${image.es} tiene ${altLength} caracteres; Bluesky admite ${BLUESKY_LIMITS.maxAltChars}.`,
        ),
      );
    }
  });
  return issues;
}

/** Checks a publication (root post and thread) against Bluesky's limits; messages in English and Spanish. */
export function validateBlueskyPost(input: PublishInput): ValidationIssue[] {
  const issues = validatePart(input.text, input.media, '', { en: 'The post', es: 'La publicación' });
  (input.thread ?? []).forEach((part, index) => {
    issues.push(
      ...validatePart(part.text, part.media, `thread[${index}]`, {
        en: `Thread post ${index + 2}`,
        es: `La publicación ${index + 2} del hilo`,
      }),
    );
  });
  const visibility = input.options?.visibility;
  if (visibility !== undefined && visibility !== 'public') {
    issues.push(
      issue(
        'options.visibility',
        'visibility_unsupported',
        `Bluesky posts are always public; "${visibility}" is not available.`,
        `En Bluesky todas las publicaciones son públicas; "${visibility}" no está disponible.`,
      ),
    );
  }
  return issues;
}
