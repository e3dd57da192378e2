/**
 * Content checks against Facebook Pages' limits, without calling Facebook.
 */
import type { MediaInput, NetworkCapabilities, NetworkLimits, PostType, PublishInput, ValidationIssue } from '../types.ts';
import { validationIssue } from '../validation.ts';

/** Facebook Page posts: 63,206 characters (UTF-16 code units), photos up to 10 MB, 10 in a multi-photo post. */
export const FACEBOOK_LIMITS: NetworkLimits = {
  maxChars: 63_206,
  maxImages: 10,
  maxImageBytes: 10 * 1024 * 1024,
  acceptedImageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/tiff'],
  maxAltChars: 1000,
  supportsThreads: false,
  supportsContentWarning: false,
  supportsVisibility: false,
  // Pages may publish far more, but a community page posting more than one a minute looks like spam
  // and Page-level throttling (code 32) counts every call of the page token.
  postsPerMinutePerChannel: 1,
  // The slot is taken right before the request that makes the post, after photo and video uploads (adapter.ts).
  takesPostingSlot: true,
};

/** Page videos: up to 10 GB and 240 minutes (resumable upload); MP4 or MOV, H.264 or HEVC. */
export const FACEBOOK_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'link', 'image', 'carousel', 'video', 'reel'],
  maxCarouselItems: 10,
  firstComment: true,
  video: {
    maxBytes: 10 * 1024 * 1024 * 1024,
    minDurationSeconds: 1,
    maxDurationSeconds: 240 * 60,
    minAspectRatio: 9 / 16,
    maxAspectRatio: 16 / 9,
    containers: ['video/mp4', 'video/quicktime'],
    codecs: ['avc1', 'hvc1', 'hev1'],
  },
  mediaByUrl: false,
  charCounting: 'utf16',
  options: [],
};

/** Reels on Pages: 3 to 90 seconds, vertical 9:16. */
export const FACEBOOK_REEL_LIMITS = { minDurationSeconds: 3, maxDurationSeconds: 90, aspectRatio: 9 / 16, tolerance: 0.02 } as const;

/** Comments on Facebook take up to 8,000 characters. */
export const FACEBOOK_COMMENT_MAX_CHARS = 8000;

const LINK = /https?:\/\/[^\s]+/i;

/** The first http(s) link in the text, which a link post shares. */
export function firstLink(text: string): string | undefined {
  return LINK.exec(text)?.[0];
}

const isVideo = (item: MediaInput) => item.kind === 'video' || item.mimeType.startsWith('video/');

/** The post type a publication is published as: declared, or read from its media and text. */
export function facebookPostType(input: PublishInput): PostType {
  if (input.postType) return input.postType;
  if (input.media.some(isVideo)) return 'video';
  if (input.media.length > 1) return 'carousel';
  if (input.media.length === 1) return 'image';
  return 'text';
}

const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
const ratio = (value: number) => Math.round(value * 100) / 100;

function checkVideo(item: MediaInput, field: string, postType: PostType): ValidationIssue[] {
  const limits = FACEBOOK_CAPABILITIES.video!;
  const issues: ValidationIssue[] = [];
  if (!limits.containers.includes(item.mimeType)) issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
  if (Math.max(item.size, item.bytes.byteLength) > limits.maxBytes)
    issues.push(validationIssue(field, 'video_too_large', { maxMb: mb(limits.maxBytes) }));
  if (item.codec && !limits.codecs.includes(item.codec))
    issues.push(validationIssue(field, 'unsupported_video_codec', { codec: item.codec }));
  const [minSeconds, maxSeconds] =
    postType === 'reel'
      ? [FACEBOOK_REEL_LIMITS.minDurationSeconds, FACEBOOK_REEL_LIMITS.maxDurationSeconds]
      : [limits.minDurationSeconds, limits.maxDurationSeconds];
  if (item.durationSeconds !== undefined) {
    const seconds = Math.round(item.durationSeconds);
    if (item.durationSeconds > maxSeconds) issues.push(validationIssue(field, 'video_too_long', { seconds, maxSeconds }));
    if (item.durationSeconds < minSeconds) issues.push(validationIssue(field, 'video_too_short', { seconds, minSeconds }));
  }
  if (item.width && item.height) {
    const actual = item.width / item.height;
    const [min, max] =
      postType === 'reel'
        ? [
            FACEBOOK_REEL_LIMITS.aspectRatio - FACEBOOK_REEL_LIMITS.tolerance,
            FACEBOOK_REEL_LIMITS.aspectRatio + FACEBOOK_REEL_LIMITS.tolerance,
          ]
        : [limits.minAspectRatio, limits.maxAspectRatio];
    if (actual < min || actual > max)
      issues.push(validationIssue(field, 'aspect_ratio_out_of_range', { ratio: ratio(actual), min: ratio(min), max: ratio(max) }));
  }
  return issues;
}

/** Validates a publication against Facebook Pages' limits and post types. */
export function validateFacebookPost(input: PublishInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const postType = facebookPostType(input);
  const network = 'Facebook';
  if (!FACEBOOK_CAPABILITIES.postTypes.includes(postType))
    issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType }));
  if ((input.thread ?? []).length > 0) issues.push(validationIssue('thread', 'thread_unsupported', { network }));
  if (input.text.trim() === '' && input.media.length === 0) issues.push(validationIssue('text', 'empty_post'));
  // Facebook counts UTF-16 code units (JavaScript's length).
  if (input.text.length > FACEBOOK_LIMITS.maxChars)
    issues.push(validationIssue('text', 'text_too_long', { count: input.text.length, max: FACEBOOK_LIMITS.maxChars, network }));
  if (postType === 'link' && !firstLink(input.text)) issues.push(validationIssue('text', 'link_required'));
  if ((postType === 'image' || postType === 'carousel' || postType === 'video' || postType === 'reel') && input.media.length === 0) {
    issues.push(validationIssue('media', 'media_required', { postType }));
  }
  const videos = input.media.filter(isVideo);
  if (videos.length > 0 && videos.length < input.media.length) issues.push(validationIssue('media', 'mixed_media'));
  if (videos.length > 1) issues.push(validationIssue('media', 'too_many_media', { max: 1 }));
  if (videos.length > 0 && postType !== 'video' && postType !== 'reel')
    issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType }));
  if ((postType === 'video' || postType === 'reel') && input.media.length > 0 && videos.length === 0)
    issues.push(validationIssue('media', 'media_required', { postType }));
  if (videos.length === 0 && input.media.length > FACEBOOK_LIMITS.maxImages)
    issues.push(validationIssue('media', 'too_many_images', { max: FACEBOOK_LIMITS.maxImages }));
  input.media.forEach((item, index) => {
    const field = `media.${index}`;
    if (isVideo(item)) {
      issues.push(...checkVideo(item, field, postType));
      return;
    }
    if (!FACEBOOK_LIMITS.acceptedImageTypes.includes(item.mimeType))
      issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
    if (Math.max(item.size, item.bytes.byteLength) > FACEBOOK_LIMITS.maxImageBytes)
      issues.push(validationIssue(field, 'image_too_large', { maxMb: mb(FACEBOOK_LIMITS.maxImageBytes) }));
    if (item.alt && item.alt.length > FACEBOOK_LIMITS.maxAltChars)
      issues.push(validationIssue(`${field}.alt`, 'alt_too_long', { max: FACEBOOK_LIMITS.maxAltChars }));
  });
  if (input.firstComment !== undefined && input.firstComment.length > FACEBOOK_COMMENT_MAX_CHARS) {
    issues.push(validationIssue('firstComment', 'first_comment_too_long', { max: FACEBOOK_COMMENT_MAX_CHARS }));
  }
  return issues;
}
