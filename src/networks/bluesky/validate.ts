/**
 * Bluesky content rules, checked before calling the network.
 */
import type { MediaInput, NetworkLimits, PublishInput, ValidationIssue } from '../types.ts';
import { validationIssue } from '../validation.ts';

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

const NETWORK = 'Bluesky';

function validatePart(text: string, media: MediaInput[], prefix: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);

  const graphemes = countGraphemes(text);
  if (graphemes > BLUESKY_LIMITS.maxChars) {
    issues.push(validationIssue(field('text'), 'text_too_long', { count: graphemes, network: NETWORK, max: BLUESKY_LIMITS.maxChars }));
  } else if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) {
    issues.push(validationIssue(field('text'), 'text_too_many_bytes', { maxBytes: MAX_TEXT_BYTES }));
  }
  if (text.trim() === '' && media.length === 0) issues.push(validationIssue(field('text'), 'empty_post'));

  if (media.length > BLUESKY_LIMITS.maxImages) {
    issues.push(validationIssue(field('media'), 'too_many_images', { max: BLUESKY_LIMITS.maxImages, count: media.length }));
  }
  media.forEach((item, index) => {
    const mediaField = field(`media[${index}]`);
    if (!BLUESKY_LIMITS.acceptedImageTypes.includes(item.mimeType)) {
      issues.push(validationIssue(mediaField, 'unsupported_media_type', { type: item.mimeType }));
    }
    const size = Math.max(item.size, item.bytes.byteLength);
    if (size > BLUESKY_LIMITS.maxImageBytes) {
      issues.push(validationIssue(mediaField, 'image_too_large', { maxMb: BLUESKY_LIMITS.maxImageBytes / 1_000_000, size }));
    }
    const altLength = item.alt ? countGraphemes(item.alt) : 0;
    if (altLength > BLUESKY_LIMITS.maxAltChars) {
      issues.push(validationIssue(`${mediaField}.alt`, 'alt_too_long', { max: BLUESKY_LIMITS.maxAltChars, count: altLength }));
    }
  });
  return issues;
}

/** Checks a publication (root post and thread) against Bluesky's limits; each issue by code and params (texts in ../validation.ts). */
export function validateBlueskyPost(input: PublishInput): ValidationIssue[] {
  const issues = validatePart(input.text, input.media, '');
  (input.thread ?? []).forEach((part, index) => {
    issues.push(...validatePart(part.text, part.media, `thread[${index}]`));
  });
  const visibility = input.options?.visibility;
  if (visibility !== undefined && visibility !== 'public') {
    issues.push(validationIssue('options.visibility', 'visibility_unsupported', { network: NETWORK, visibility: String(visibility) }));
  }
  return issues;
}
