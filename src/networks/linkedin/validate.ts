/**
 * What LinkedIn accepts in one post, checked before anything is saved or sent. Figures from
 * LinkedIn's Posts, Images, Videos and Documents API pages and its help centre.
 */
import { validationIssue } from '../validation.ts';
import type { MediaInput, NetworkCapabilities, NetworkLimits, PostType, PublishInput, ValidationIssue } from '../types.ts';
import { countLinkedInChars, firstUrl } from './text.ts';

export const LINKEDIN_MAX_CHARS = 3000;
/** A comment's text (the first comment). */
export const LINKEDIN_MAX_COMMENT_CHARS = 1250;
/** A multi-image post takes 2 to 20 images. */
export const LINKEDIN_MAX_IMAGES = 20;
export const LINKEDIN_MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const LINKEDIN_MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;
export const LINKEDIN_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'];
export const LINKEDIN_DOCUMENT_TYPES = ['application/pdf'];

export const LINKEDIN_LIMITS: NetworkLimits = {
  maxChars: LINKEDIN_MAX_CHARS,
  maxImages: LINKEDIN_MAX_IMAGES,
  maxImageBytes: LINKEDIN_MAX_IMAGE_BYTES,
  acceptedImageTypes: LINKEDIN_IMAGE_TYPES,
  // The Posts API takes altText on images (up to 4,086 characters).
  maxAltChars: 4086,
  supportsThreads: false,
  supportsContentWarning: false,
  // Who sees a post is LinkedIn's own option (capabilities.options.visibility), not the generic one.
  supportsVisibility: false,
  // LinkedIn publishes no per-minute posting limit; daily quotas per member and app.
  postsPerMinutePerChannel: 10,
  // The slot is taken right before the post's own request, after lookups and uploads (adapter.ts).
  takesPostingSlot: true,
};

/** LinkedIn's own option: who sees the post (CONNECTIONS only for personal profiles). */
export const VISIBILITY_OPTION = 'visibility';
export const LINKEDIN_VISIBILITIES = ['PUBLIC', 'CONNECTIONS'] as const;

export const LINKEDIN_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'link', 'image', 'carousel', 'video', 'document'],
  maxCarouselItems: LINKEDIN_MAX_IMAGES,
  firstComment: true,
  video: {
    maxBytes: 500 * 1024 * 1024,
    minDurationSeconds: 3,
    maxDurationSeconds: 30 * 60,
    minAspectRatio: 1 / 2.4,
    maxAspectRatio: 2.4,
    containers: ['video/mp4'],
    codecs: ['avc1'],
  },
  maxDocumentBytes: LINKEDIN_MAX_DOCUMENT_BYTES,
  mediaByUrl: false,
  charCounting: 'utf16',
  options: [
    {
      name: VISIBILITY_OPTION,
      kind: 'select',
      values: [...LINKEDIN_VISIBILITIES],
      default: 'PUBLIC',
      label: { en: 'Who can see it', es: 'Quién puede verla' },
      valueLabels: {
        PUBLIC: { en: 'Anyone on or off LinkedIn', es: 'Cualquiera, dentro o fuera de LinkedIn' },
        CONNECTIONS: { en: 'Connections only (personal profiles)', es: 'Solo contactos (perfiles personales)' },
      },
    },
  ],
};

const kindOf = (media: MediaInput): 'image' | 'video' | 'document' =>
  media.kind ?? (media.mimeType.startsWith('video/') ? 'video' : media.mimeType === 'application/pdf' ? 'document' : 'image');

/** The post type a publication is, from what it says or from its media. */
export function linkedInPostType(input: PublishInput): PostType {
  if (input.postType) return input.postType;
  const kinds = input.media.map(kindOf);
  if (kinds.includes('video')) return 'video';
  if (kinds.includes('document')) return 'document';
  if (kinds.length > 1) return 'carousel';
  if (kinds.length === 1) return 'image';
  return 'text';
}

export { kindOf as linkedInMediaKind };

const round = (value: number) => Math.round(value * 100) / 100;

function mediaIssues(media: MediaInput, index: number): ValidationIssue[] {
  const field = `media.${index}`;
  const kind = kindOf(media);
  const issues: ValidationIssue[] = [];
  if (kind === 'image') {
    if (!LINKEDIN_IMAGE_TYPES.includes(media.mimeType))
      issues.push(validationIssue(field, 'unsupported_media_type', { type: media.mimeType }));
    if (media.size > LINKEDIN_MAX_IMAGE_BYTES)
      issues.push(validationIssue(field, 'image_too_large', { maxMb: LINKEDIN_MAX_IMAGE_BYTES / 1024 / 1024 }));
    if (media.alt && media.alt.length > LINKEDIN_LIMITS.maxAltChars)
      issues.push(validationIssue(field, 'alt_too_long', { max: LINKEDIN_LIMITS.maxAltChars }));
    return issues;
  }
  if (kind === 'document') {
    if (!LINKEDIN_DOCUMENT_TYPES.includes(media.mimeType))
      issues.push(validationIssue(field, 'unsupported_media_type', { type: media.mimeType }));
    if (media.size > LINKEDIN_MAX_DOCUMENT_BYTES)
      issues.push(validationIssue(field, 'document_too_large', { maxMb: LINKEDIN_MAX_DOCUMENT_BYTES / 1024 / 1024 }));
    return issues;
  }
  const limits = LINKEDIN_CAPABILITIES.video!;
  if (!limits.containers.includes(media.mimeType)) issues.push(validationIssue(field, 'unsupported_media_type', { type: media.mimeType }));
  if (media.size > limits.maxBytes) issues.push(validationIssue(field, 'video_too_large', { maxMb: limits.maxBytes / 1024 / 1024 }));
  if (media.durationSeconds !== undefined) {
    if (media.durationSeconds > limits.maxDurationSeconds)
      issues.push(
        validationIssue(field, 'video_too_long', { seconds: round(media.durationSeconds), maxSeconds: limits.maxDurationSeconds }),
      );
    if (media.durationSeconds < limits.minDurationSeconds)
      issues.push(
        validationIssue(field, 'video_too_short', { seconds: round(media.durationSeconds), minSeconds: limits.minDurationSeconds }),
      );
  }
  if (media.codec && !limits.codecs.includes(media.codec))
    issues.push(validationIssue(field, 'unsupported_video_codec', { codec: media.codec }));
  if (media.width && media.height) {
    const ratio = media.width / media.height;
    if (ratio < limits.minAspectRatio - 1e-9 || ratio > limits.maxAspectRatio + 1e-9) {
      issues.push(validationIssue(field, 'aspect_ratio_out_of_range', { ratio: round(ratio), min: '1:2.4', max: '2.4:1' }));
    }
  }
  return issues;
}

/** Every problem LinkedIn would refuse this publication for (or silently garble). */
export function validateLinkedInPost(input: PublishInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const network = 'LinkedIn';
  const postType = linkedInPostType(input);
  if (!LINKEDIN_CAPABILITIES.postTypes.includes(postType))
    issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType }));
  if ((input.thread?.length ?? 0) > 0) issues.push(validationIssue('thread', 'thread_unsupported', { network }));
  if (input.text.trim() === '' && input.media.length === 0) issues.push(validationIssue('text', 'empty_post'));
  const count = countLinkedInChars(input.text);
  if (count > LINKEDIN_MAX_CHARS) issues.push(validationIssue('text', 'text_too_long', { count, max: LINKEDIN_MAX_CHARS, network }));

  const kinds = input.media.map(kindOf);
  const images = kinds.filter((k) => k === 'image').length;
  const videos = kinds.filter((k) => k === 'video').length;
  const documents = kinds.filter((k) => k === 'document').length;
  if ([images > 0, videos > 0, documents > 0].filter(Boolean).length > 1) issues.push(validationIssue('media', 'mixed_media'));
  if (images > LINKEDIN_MAX_IMAGES) issues.push(validationIssue('media', 'too_many_images', { max: LINKEDIN_MAX_IMAGES }));
  if (videos > 1 || documents > 1) issues.push(validationIssue('media', 'too_many_media', { max: 1 }));
  for (const [index, media] of input.media.entries()) issues.push(...mediaIssues(media, index));

  if (postType === 'image' && images !== 1 && images <= LINKEDIN_MAX_IMAGES) {
    issues.push(
      images === 0 ? validationIssue('media', 'media_required', { postType }) : validationIssue('media', 'too_many_images', { max: 1 }),
    );
  }
  if (postType === 'carousel' && images < 2) issues.push(validationIssue('media', 'too_few_media', { min: 2 }));
  if (postType === 'video' && videos === 0) issues.push(validationIssue('media', 'media_required', { postType }));
  if (postType === 'document' && documents === 0) issues.push(validationIssue('media', 'media_required', { postType }));
  if (postType === 'link') {
    if (!firstUrl(input.text)) issues.push(validationIssue('text', 'link_required'));
    if (videos > 0 || documents > 0 || images > 1) issues.push(validationIssue('media', 'too_many_media', { max: 1 }));
  }

  const visibility = input.options?.network?.[VISIBILITY_OPTION];
  if (visibility !== undefined && !(LINKEDIN_VISIBILITIES as readonly unknown[]).includes(visibility)) {
    issues.push(validationIssue(`options.network.${VISIBILITY_OPTION}`, 'option_invalid', { option: VISIBILITY_OPTION }));
  }
  if (input.firstComment !== undefined && input.firstComment.length > LINKEDIN_MAX_COMMENT_CHARS) {
    issues.push(validationIssue('firstComment', 'first_comment_too_long', { max: LINKEDIN_MAX_COMMENT_CHARS }));
  }
  return issues;
}
