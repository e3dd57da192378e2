/**
 * Content checks against Mastodon's limits, without calling the instance.
 */
import type { MediaInput, NetworkLimits, PublishInput, ValidationIssue } from '../types.ts';
import { countGraphemes, countStatusChars, DEFAULT_URL_CHARS } from './text.ts';

/** Limits of a stock Mastodon server (docs: posting, Instance configuration, MediaAttachment model). */
export const MASTODON_DEFAULT_LIMITS: NetworkLimits = {
  maxChars: 500,
  maxImages: 4,
  maxImageBytes: 16 * 1024 * 1024,
  acceptedImageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif', 'image/avif'],
  maxAltChars: 1500,
  supportsThreads: true,
  supportsContentWarning: true,
  supportsVisibility: true,
  // Mastodon allows 300 statuses per 3 hours per account (≈1.7/min, app/lib/rate_limiter.rb);
  // 1 per minute sustained stays under it and leaves room for replies from the inbox.
  postsPerMinutePerChannel: 1,
};

/** Limits plus Mastodon's URL weight, which an instance may configure too. */
export interface MastodonLimits extends NetworkLimits {
  charactersReservedPerUrl: number;
}

const VISIBILITIES = new Set(['public', 'unlisted', 'private', 'direct']);

function issue(field: string, code: string, message: string, messageEs: string): ValidationIssue {
  return { field, code, message, messageEs };
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

function checkMedia(media: MediaInput[], prefix: string, limits: NetworkLimits): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (media.length > limits.maxImages) {
    issues.push(
      issue(
        `${prefix}media`,
        'too_many_images',
        `Mastodon allows at most ${limits.maxImages} images per post (this one has ${media.length}).`,
        `Mastodon admite como máximo ${limits.maxImages} imágenes por publicación (esta tiene ${media.length}).`,
      ),
    );
  }
  // A GIF becomes a soundless video ("gifv") and Mastodon refuses to mix it with other attachments.
  if (media.length > 1 && media.some((item) => item.mimeType === 'image/gif')) {
    issues.push(
      issue(
        `${prefix}media`,
        'gif_not_alone',
        'On Mastodon a GIF must be the only attachment of its post.',
        'En Mastodon un GIF debe ser el único adjunto de su publicación.',
      ),
    );
  }
  media.forEach((item, index) => {
    const field = `${prefix}media[${index}]`;
    if (!limits.acceptedImageTypes.includes(item.mimeType)) {
      issues.push(
        issue(
          field,
          'unsupported_media_type',
          `Mastodon does not accept ${item.mimeType} images (accepted: ${limits.acceptedImageTypes.join(', ')}).`,
          `Mastodon no acepta imágenes ${item.mimeType} (se aceptan: ${limits.acceptedImageTypes.join(', ')}).`,
        ),
      );
    }
    const size = Math.max(item.size, item.bytes.byteLength);
    if (size > limits.maxImageBytes) {
      issues.push(
        issue(
          field,
          'image_too_large',
          `Image is ${formatMegabytes(size)}; Mastodon's limit is ${formatMegabytes(limits.maxImageBytes)}.`,
          `La imagen pesa ${formatMegabytes(size)}; el límite de Mastodon es ${formatMegabytes(limits.maxImageBytes)}.`,
        ),
      );
    }
    const altLength = item.alt ? [...item.alt].length : 0;
    if (altLength > limits.maxAltChars) {
      issues.push(
        issue(
          `${field}.alt`,
          'alt_too_long',
          `Alt text has ${altLength} characters; Mastodon allows ${limits.maxAltChars}.`,
          `El texto alternativo tiene ${altLength} caracteres; Mastodon admite ${limits.maxAltChars}.`,
        ),
      );
    }
  });
  return issues;
}

/**
 * Validates a publication (root and thread parts) against the given limits.
 * The content warning is repeated on every thread part, so it counts in each.
 */
export function validateMastodonPost(
  input: PublishInput,
  limits: MastodonLimits = { ...MASTODON_DEFAULT_LIMITS, charactersReservedPerUrl: DEFAULT_URL_CHARS },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const contentWarning = input.options?.contentWarning ?? '';
  const visibility = input.options?.visibility;
  if (visibility !== undefined && !VISIBILITIES.has(visibility)) {
    issues.push(
      issue(
        'options.visibility',
        'invalid_visibility',
        `Unknown visibility "${String(visibility)}" (public, unlisted, private or direct).`,
        `Visibilidad desconocida "${String(visibility)}" (public, unlisted, private o direct).`,
      ),
    );
  }
  const cwLength = countGraphemes(contentWarning);
  if (cwLength > limits.maxChars) {
    issues.push(
      issue(
        'options.contentWarning',
        'content_warning_too_long',
        `The content warning alone has ${cwLength} characters; Mastodon allows ${limits.maxChars} in total.`,
        `La advertencia de contenido sola tiene ${cwLength} caracteres; Mastodon admite ${limits.maxChars} en total.`,
      ),
    );
  }

  const parts = [{ text: input.text, media: input.media }, ...(input.thread ?? [])];
  parts.forEach((part, index) => {
    const prefix = index === 0 ? '' : `thread[${index - 1}].`;
    if (part.text.trim() === '' && part.media.length === 0) {
      issues.push(
        issue(
          `${prefix}text`,
          'empty',
          index === 0 ? 'The post needs text or an image.' : `Thread post ${index + 1} needs text or an image.`,
          index === 0 ? 'La publicación necesita texto o una imagen.' : `La publicación ${index + 1} del hilo necesita texto o una imagen.`,
        ),
      );
    }
    const used = countStatusChars(part.text, contentWarning, limits.charactersReservedPerUrl);
    if (used > limits.maxChars) {
      const postName = index === 0 ? 'The post' : `Thread post ${index + 1}`;
      const postNameEs = index === 0 ? 'La publicación' : `La publicación ${index + 1} del hilo`;
      issues.push(
        issue(
          `${prefix}text`,
          'too_long',
          `${postName} has ${used} characters counted the Mastodon way (links count ${limits.charactersReservedPerUrl}, content warning included); the limit is ${limits.maxChars}.`,
          `${postNameEs} tiene ${used} caracteres contados como Mastodon (cada enlace cuenta ${limits.charactersReservedPerUrl}, incluida la advertencia de contenido); el límite es ${limits.maxChars}.`,
        ),
      );
    }
    issues.push(...checkMedia(part.media, prefix, limits));
  });
  return issues;
}
