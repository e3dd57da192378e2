/**
 * Content checks against the Instagram API's publishing limits, without calling Instagram.
 */
import type { MediaInput, NetworkCapabilities, NetworkLimits, PostType, PublishInput, ValidationIssue } from '../types.ts';
import { validationIssue } from '../validation.ts';

/** Captions up to 2,200 characters; JPEG images up to 8 MB; carousels of 2 to 10 items. */
export const INSTAGRAM_LIMITS: NetworkLimits = {
  maxChars: 2200,
  maxImages: 10,
  maxImageBytes: 8 * 1024 * 1024,
  acceptedImageTypes: ['image/jpeg'],
  maxAltChars: 1000,
  supportsThreads: false,
  supportsContentWarning: false,
  supportsVisibility: false,
  // The API allows 100 published posts per 24 hours per account (content_publishing_limit).
  postsPerMinutePerChannel: 1,
  // The slot is taken right before the publish call, once the container is ready (adapter.ts).
  takesPostingSlot: true,
};

/** Reels: MP4 or MOV, H.264 or HEVC, 3 s to 15 min, up to 300 MB. */
export const INSTAGRAM_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['image', 'carousel', 'reel', 'story'],
  maxCarouselItems: 10,
  firstComment: true,
  video: {
    maxBytes: 300 * 1024 * 1024,
    minDurationSeconds: 3,
    maxDurationSeconds: 15 * 60,
    minAspectRatio: 0.01,
    maxAspectRatio: 10,
    containers: ['video/mp4', 'video/quicktime'],
    codecs: ['avc1', 'hvc1', 'hev1'],
  },
  mediaByUrl: true,
  charCounting: 'code-points',
  options: [
    {
      name: 'shareToFeed',
      kind: 'boolean',
      default: true,
      label: { en: 'Also show the reel in the feed', es: 'Mostrar también el reel en el feed' },
      postTypes: ['reel'],
    },
  ],
};

/** Feed images: aspect ratio between 4:5 and 1.91:1. Stories: videos up to 60 s. Carousel videos up to 60 s. */
export const INSTAGRAM_IMAGE_ASPECT = { min: 4 / 5, max: 1.91 } as const;
export const INSTAGRAM_STORY_MAX_SECONDS = 60;
export const INSTAGRAM_CAROUSEL_VIDEO_MAX_SECONDS = 60;
/** Comments take up to 2,200 characters, like captions. */
export const INSTAGRAM_COMMENT_MAX_CHARS = 2200;

/** True for a video item. */
export const isVideo = (item: MediaInput) => item.kind === 'video' || item.mimeType.startsWith('video/');

/** The post type a publication is published as: declared, or read from its media (a lone video is a reel). */
export function instagramPostType(input: PublishInput): PostType {
  if (input.postType) return input.postType;
  if (input.media.length > 1) return 'carousel';
  if (input.media.length === 1 && isVideo(input.media[0]!)) return 'reel';
  return 'image';
}

const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
const round = (value: number) => Math.round(value * 100) / 100;

function checkItem(item: MediaInput, field: string, postType: PostType): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const size = Math.max(item.size, item.bytes.byteLength);
  if (isVideo(item)) {
    const limits = INSTAGRAM_CAPABILITIES.video!;
    if (!limits.containers.includes(item.mimeType)) issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
    if (size > limits.maxBytes) issues.push(validationIssue(field, 'video_too_large', { maxMb: mb(limits.maxBytes) }));
    if (item.codec && !limits.codecs.includes(item.codec))
      issues.push(validationIssue(field, 'unsupported_video_codec', { codec: item.codec }));
    const maxSeconds =
      postType === 'story'
        ? INSTAGRAM_STORY_MAX_SECONDS
        : postType === 'carousel'
          ? INSTAGRAM_CAROUSEL_VIDEO_MAX_SECONDS
          : limits.maxDurationSeconds;
    if (item.durationSeconds !== undefined) {
      const seconds = Math.round(item.durationSeconds);
      if (item.durationSeconds > maxSeconds) issues.push(validationIssue(field, 'video_too_long', { seconds, maxSeconds }));
      if (item.durationSeconds < limits.minDurationSeconds)
        issues.push(validationIssue(field, 'video_too_short', { seconds, minSeconds: limits.minDurationSeconds }));
    }
    return issues;
  }
  if (!INSTAGRAM_LIMITS.acceptedImageTypes.includes(item.mimeType))
    issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
  if (size > INSTAGRAM_LIMITS.maxImageBytes)
    issues.push(validationIssue(field, 'image_too_large', { maxMb: mb(INSTAGRAM_LIMITS.maxImageBytes) }));
  if (item.alt && [...item.alt].length > INSTAGRAM_LIMITS.maxAltChars)
    issues.push(validationIssue(`${field}.alt`, 'alt_too_long', { max: INSTAGRAM_LIMITS.maxAltChars }));
  if (postType !== 'story' && item.width && item.height) {
    const ratio = item.width / item.height;
    if (ratio < INSTAGRAM_IMAGE_ASPECT.min || ratio > INSTAGRAM_IMAGE_ASPECT.max) {
      issues.push(
        validationIssue(field, 'aspect_ratio_out_of_range', {
          ratio: round(ratio),
          min: round(INSTAGRAM_IMAGE_ASPECT.min),
          max: INSTAGRAM_IMAGE_ASPECT.max,
        }),
      );
    }
  }
  return issues;
}

/** Validates a publication against Instagram's post types and limits. */
export function validateInstagramPost(input: PublishInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const network = 'Instagram';
  const postType = instagramPostType(input);
  if (!INSTAGRAM_CAPABILITIES.postTypes.includes(postType))
    issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType }));
  if ((input.thread ?? []).length > 0) issues.push(validationIssue('thread', 'thread_unsupported', { network }));
  const count = [...input.text].length;
  if (count > INSTAGRAM_LIMITS.maxChars)
    issues.push(validationIssue('text', 'text_too_long', { count, max: INSTAGRAM_LIMITS.maxChars, network }));
  if (input.media.length === 0) issues.push(validationIssue('media', 'media_required', { postType }));
  const videos = input.media.filter(isVideo);
  if (postType === 'carousel') {
    if (input.media.length > INSTAGRAM_CAPABILITIES.maxCarouselItems)
      issues.push(validationIssue('media', 'too_many_media', { max: INSTAGRAM_CAPABILITIES.maxCarouselItems }));
    if (input.media.length === 1) issues.push(validationIssue('media', 'too_few_media', { min: 2 }));
  } else if (input.media.length > 1) {
    issues.push(validationIssue('media', 'too_many_media', { max: 1 }));
  }
  if (postType === 'reel' && input.media.length > 0 && videos.length === 0)
    issues.push(validationIssue('media', 'media_required', { postType }));
  if (postType === 'image' && videos.length > 0)
    issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType: 'video' }));
  for (const [index, item] of input.media.entries()) issues.push(...checkItem(item, `media.${index}`, postType));
  if (input.firstComment !== undefined) {
    if (postType === 'story') issues.push(validationIssue('firstComment', 'first_comment_unsupported', { network: 'Instagram Stories' }));
    else if ([...input.firstComment].length > INSTAGRAM_COMMENT_MAX_CHARS)
      issues.push(validationIssue('firstComment', 'first_comment_too_long', { max: INSTAGRAM_COMMENT_MAX_CHARS }));
  }
  const shareToFeed = input.options?.network?.shareToFeed;
  if (shareToFeed !== undefined && typeof shareToFeed !== 'boolean')
    issues.push(validationIssue('options.network.shareToFeed', 'option_invalid', { option: 'shareToFeed' }));
  return issues;
}
