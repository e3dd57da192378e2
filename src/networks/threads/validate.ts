/**
 * Threads limits, checked before anything is saved or sent. Facts from the Threads API docs
 * (posts, media specifications, reply management, rate limits):
 * - text: 500 characters counted the Threads way (text.ts), at most 5 distinct links;
 * - images: JPEG or PNG, 8 MB; video: MP4 or MOV, H.264 or HEVC, up to 1 GB and 5 minutes, aspect
 *   ratio between 0.01:1 and 10:1; carousels: 2 to 20 images and/or videos;
 * - alt text on images and videos: up to 1,000 characters;
 * - who may reply (`reply_control`): everyone, accounts_you_follow, mentioned_only,
 *   parent_post_author_only, followers_only.
 */
import type { NetworkCapabilities, NetworkLimits, NetworkOption, PostType, PublishInput, ValidationIssue, VideoLimits } from '../types.ts';
import { validationIssue } from '../validation.ts';
import { THREADS_MAX_CHARS, THREADS_MAX_LINKS, countThreadsChars, linksIn } from './text.ts';

export const THREADS_IMAGE_TYPES = ['image/jpeg', 'image/png'];
export const THREADS_MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const THREADS_MAX_CAROUSEL_ITEMS = 20;
export const THREADS_MIN_CAROUSEL_ITEMS = 2;
export const THREADS_MAX_ALT_CHARS = 1000;
export const REPLY_CONTROL_VALUES = ['everyone', 'accounts_you_follow', 'mentioned_only', 'parent_post_author_only', 'followers_only'];

export const THREADS_VIDEO_LIMITS: VideoLimits = {
  maxBytes: 1024 * 1024 * 1024,
  minDurationSeconds: 0,
  maxDurationSeconds: 300,
  minAspectRatio: 0.01,
  maxAspectRatio: 10,
  containers: ['video/mp4', 'video/quicktime'],
  codecs: ['avc1', 'hvc1', 'hev1'],
};

export const THREADS_LIMITS: NetworkLimits = {
  maxChars: THREADS_MAX_CHARS,
  maxImages: THREADS_MAX_CAROUSEL_ITEMS,
  maxImageBytes: THREADS_MAX_IMAGE_BYTES,
  acceptedImageTypes: THREADS_IMAGE_TYPES,
  maxAltChars: THREADS_MAX_ALT_CHARS,
  supportsThreads: true,
  supportsContentWarning: false,
  supportsVisibility: false,
  // 250 posts per rolling 24 hours (plus 1,000 replies): a few a minute is plenty.
  postsPerMinutePerChannel: 5,
  // The slot is taken right before the publish call, once the container is ready (adapter.ts).
  takesPostingSlot: true,
};

const REPLY_CONTROL: NetworkOption = {
  name: 'reply_control',
  kind: 'select',
  values: REPLY_CONTROL_VALUES,
  default: 'everyone',
  label: { en: 'Who can reply', es: 'Quién puede responder' },
  valueLabels: {
    everyone: { en: 'Everyone', es: 'Todo el mundo' },
    accounts_you_follow: { en: 'Profiles you follow', es: 'Perfiles que sigues' },
    mentioned_only: { en: 'Mentioned profiles only', es: 'Solo perfiles mencionados' },
    parent_post_author_only: { en: 'Only you', es: 'Solo tú' },
    followers_only: { en: 'Your followers', es: 'Tus seguidores' },
  },
};

export const THREADS_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'link', 'image', 'carousel', 'video', 'thread'],
  maxCarouselItems: THREADS_MAX_CAROUSEL_ITEMS,
  firstComment: true,
  video: THREADS_VIDEO_LIMITS,
  mediaByUrl: true,
  charCounting: 'utf8-emoji',
  countChars: countThreadsChars,
  options: [REPLY_CONTROL],
};

const NETWORK = 'Threads';
const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));
const mediaKind = (media: { kind?: string; mimeType: string }) =>
  media.kind ?? (media.mimeType.startsWith('video/') ? 'video' : media.mimeType.startsWith('image/') ? 'image' : 'document');

/** The post type of a publication: as given, else from its media and thread. */
export function postTypeOf(input: PublishInput): PostType {
  if (input.postType) return input.postType;
  if ((input.thread ?? []).length > 0) return 'thread';
  if (input.media.length > 1) return 'carousel';
  if (input.media.length === 1) return mediaKind(input.media[0]!) === 'video' ? 'video' : 'image';
  return 'text';
}

function checkText(text: string, field: string, issues: ValidationIssue[]): void {
  const count = countThreadsChars(text);
  if (count > THREADS_MAX_CHARS) issues.push(validationIssue(field, 'text_too_long', { count, max: THREADS_MAX_CHARS, network: NETWORK }));
  const links = linksIn(text).length;
  if (links > THREADS_MAX_LINKS)
    issues.push(validationIssue(field, 'too_many_links', { count: links, max: THREADS_MAX_LINKS, network: NETWORK }));
}

function checkMedia(media: PublishInput['media'], prefix: string, issues: ValidationIssue[]): void {
  if (media.length > THREADS_MAX_CAROUSEL_ITEMS) {
    issues.push(validationIssue(`${prefix}media`, 'too_many_media', { max: THREADS_MAX_CAROUSEL_ITEMS }));
  }
  media.forEach((item, index) => {
    const field = `${prefix}media.${index}`;
    const kind = mediaKind(item);
    const size = Math.max(item.size, item.bytes.byteLength);
    if (kind === 'image') {
      if (!THREADS_IMAGE_TYPES.includes(item.mimeType))
        issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
      if (size > THREADS_MAX_IMAGE_BYTES)
        issues.push(validationIssue(field, 'image_too_large', { maxMb: megabytes(THREADS_MAX_IMAGE_BYTES) }));
    } else if (kind === 'video') {
      const limits = THREADS_VIDEO_LIMITS;
      if (!limits.containers.includes(item.mimeType))
        issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
      if (size > limits.maxBytes) issues.push(validationIssue(field, 'video_too_large', { maxMb: megabytes(limits.maxBytes) }));
      if (item.durationSeconds !== undefined && item.durationSeconds > limits.maxDurationSeconds) {
        issues.push(
          validationIssue(field, 'video_too_long', { seconds: Math.round(item.durationSeconds), maxSeconds: limits.maxDurationSeconds }),
        );
      }
      if (item.codec !== undefined && !limits.codecs.includes(item.codec))
        issues.push(validationIssue(field, 'unsupported_video_codec', { codec: item.codec }));
      if (item.width && item.height) {
        const ratio = item.width / item.height;
        if (ratio < limits.minAspectRatio || ratio > limits.maxAspectRatio) {
          issues.push(
            validationIssue(field, 'aspect_ratio_out_of_range', {
              ratio: ratio.toFixed(2),
              min: limits.minAspectRatio,
              max: limits.maxAspectRatio,
            }),
          );
        }
      }
    } else {
      issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
    }
    if (item.alt && [...item.alt].length > THREADS_MAX_ALT_CHARS) {
      issues.push(validationIssue(`${field}.alt`, 'alt_too_long', { max: THREADS_MAX_ALT_CHARS }));
    }
  });
}

/** Checks a publication (root, thread parts, first comment, options) against Threads' limits. */
export function validateThreadsPost(input: PublishInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const type = postTypeOf(input);
  if (!THREADS_CAPABILITIES.postTypes.includes(type))
    issues.push(validationIssue('postType', 'post_type_unsupported', { network: NETWORK, postType: type }));
  if ((type === 'image' || type === 'video' || type === 'carousel') && input.media.length === 0) {
    issues.push(validationIssue('media', 'media_required', { postType: type }));
  }
  if (type === 'carousel' && input.media.length > 0 && input.media.length < THREADS_MIN_CAROUSEL_ITEMS) {
    issues.push(validationIssue('media', 'too_few_media', { min: THREADS_MIN_CAROUSEL_ITEMS }));
  }
  const parts = [{ text: input.text, media: input.media }, ...(input.thread ?? [])];
  parts.forEach((part, index) => {
    const prefix = index === 0 ? '' : `thread.${index - 1}.`;
    if (part.text.trim() === '' && part.media.length === 0) issues.push(validationIssue(`${prefix}text`, 'empty_post'));
    checkText(part.text, `${prefix}text`, issues);
    checkMedia(part.media, prefix, issues);
  });
  if (input.firstComment !== undefined && countThreadsChars(input.firstComment) > THREADS_MAX_CHARS) {
    issues.push(validationIssue('firstComment', 'first_comment_too_long', { max: THREADS_MAX_CHARS }));
  }
  const replyControl = input.options?.network?.reply_control;
  if (replyControl !== undefined && !REPLY_CONTROL_VALUES.includes(String(replyControl))) {
    issues.push(validationIssue('options.network.reply_control', 'option_invalid', { option: 'reply_control' }));
  }
  return issues;
}
