/**
 * Content checks against Mastodon's limits, without calling the instance.
 */
import type { MediaInput, NetworkLimits, PublishInput, ValidationIssue } from '../types.ts';
import { countGraphemes, countStatusChars, DEFAULT_URL_CHARS } from './text.ts';
import { validationIssue } from '../validation.ts';

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

const NETWORK = 'Mastodon';

/** Megabytes with at most one decimal (16 MB, 7.5 MB). */
function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

function checkMedia(media: MediaInput[], prefix: string, limits: NetworkLimits): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (media.length > limits.maxImages) {
    issues.push(validationIssue(`${prefix}media`, 'too_many_images', { max: limits.maxImages, count: media.length }));
  }
  // A GIF becomes a soundless video ("gifv") and Mastodon refuses to mix it with other attachments.
  if (media.length > 1 && media.some((item) => item.mimeType === 'image/gif')) {
    issues.push(validationIssue(`${prefix}media`, 'gif_not_alone', { network: NETWORK }));
  }
  media.forEach((item, index) => {
    const field = `${prefix}media[${index}]`;
    if (!limits.acceptedImageTypes.includes(item.mimeType)) {
      issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
    }
    const size = Math.max(item.size, item.bytes.byteLength);
    if (size > limits.maxImageBytes) {
      issues.push(validationIssue(field, 'image_too_large', { maxMb: megabytes(limits.maxImageBytes), sizeMb: megabytes(size) }));
    }
    const altLength = item.alt ? [...item.alt].length : 0;
    if (altLength > limits.maxAltChars) {
      issues.push(validationIssue(`${field}.alt`, 'alt_too_long', { max: limits.maxAltChars, count: altLength }));
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
      validationIssue('options.visibility', 'invalid_visibility', {
        visibility: String(visibility),
        allowed: [...VISIBILITIES].join(', '),
      }),
    );
  }
  const cwLength = countGraphemes(contentWarning);
  if (cwLength > limits.maxChars) {
    issues.push(validationIssue('options.contentWarning', 'content_warning_too_long', { count: cwLength, max: limits.maxChars }));
  }

  const parts = [{ text: input.text, media: input.media }, ...(input.thread ?? [])];
  parts.forEach((part, index) => {
    const prefix = index === 0 ? '' : `thread[${index - 1}].`;
    if (part.text.trim() === '' && part.media.length === 0) issues.push(validationIssue(`${prefix}text`, 'empty_post'));
    // Counted the Mastodon way: every link weighs charactersReservedPerUrl, the content warning included.
    const used = countStatusChars(part.text, contentWarning, limits.charactersReservedPerUrl);
    if (used > limits.maxChars) {
      issues.push(
        validationIssue(`${prefix}text`, 'text_too_long', {
          count: used,
          network: NETWORK,
          max: limits.maxChars,
          urlChars: limits.charactersReservedPerUrl,
        }),
      );
    }
    issues.push(...checkMedia(part.media, prefix, limits));
  });
  return issues;
}
