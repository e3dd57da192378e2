/**
 * X's limits, checked before anything is saved or sent: 280 weighted characters per post, up to
 * four images or one video (or one GIF) per post, alt text up to 1,000 characters, videos within
 * X's size, length, ratio and codec rules, and the reply-settings option.
 */
import { validationIssue } from '../validation.ts';
import type { MediaInput, NetworkCapabilities, NetworkLimits, PublishInput, ValidationIssue } from '../types.ts';
import { countXChars, X_MAX_WEIGHTED_LENGTH } from './text.ts';

export const X_LIMITS: NetworkLimits = {
  maxChars: X_MAX_WEIGHTED_LENGTH,
  maxImages: 4,
  maxImageBytes: 5 * 1024 * 1024,
  acceptedImageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  maxAltChars: 1000,
  supportsThreads: true,
  supportsContentWarning: false,
  supportsVisibility: false,
  // POST /2/tweets allows 100 requests per 15 minutes per user; leave room for thread parts and first comments.
  postsPerMinutePerChannel: 5,
  // The slot is taken right before POST /2/tweets, after the reconcile look-up and media uploads (adapter.ts).
  takesPostingSlot: true,
};

/** Who may reply: X's `reply_settings`; 'everyone' sends nothing (X's default). */
export const X_REPLY_SETTINGS = ['everyone', 'following', 'mentionedUsers', 'verified', 'subscribers'] as const;

export const X_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'link', 'image', 'carousel', 'video', 'thread'],
  maxCarouselItems: 4,
  // Published as the account's own reply to the post.
  firstComment: true,
  video: {
    maxBytes: 512 * 1024 * 1024,
    minDurationSeconds: 0.5,
    maxDurationSeconds: 140,
    minAspectRatio: 1 / 3,
    maxAspectRatio: 3,
    containers: ['video/mp4', 'video/quicktime'],
    codecs: ['avc1'],
  },
  mediaByUrl: false,
  charCounting: 'x-weighted',
  countChars: countXChars,
  options: [
    {
      name: 'replySettings',
      kind: 'select',
      values: [...X_REPLY_SETTINGS],
      default: 'everyone',
      label: { en: 'Who can reply', es: 'Quién puede responder' },
      valueLabels: {
        everyone: { en: 'Everyone', es: 'Todo el mundo' },
        following: { en: 'Accounts you follow', es: 'Cuentas que sigues' },
        mentionedUsers: { en: 'Only accounts you mention', es: 'Solo las cuentas que mencionas' },
        verified: { en: 'Verified accounts', es: 'Cuentas verificadas' },
        subscribers: { en: 'Your subscribers', es: 'Tus suscriptores' },
      },
    },
  ],
};

const NETWORK = 'X';

function checkText(field: string, text: string, issues: ValidationIssue[]): void {
  const count = countXChars(text);
  if (count > X_LIMITS.maxChars) issues.push(validationIssue(field, 'text_too_long', { count, max: X_LIMITS.maxChars, network: NETWORK }));
}

function checkMedia(prefix: string, media: MediaInput[], issues: ValidationIssue[]): void {
  const videos = media.filter((m) => m.kind === 'video' || m.mimeType.startsWith('video/'));
  const gifs = media.filter((m) => m.mimeType === 'image/gif');
  if (videos.length > 0 && videos.length < media.length) issues.push(validationIssue(`${prefix}media`, 'mixed_media'));
  else if (videos.length > 1 || (gifs.length > 0 && media.length > 1))
    issues.push(validationIssue(`${prefix}media`, 'too_many_media', { max: 1 }));
  else if (media.length > X_LIMITS.maxImages)
    issues.push(validationIssue(`${prefix}media`, 'too_many_images', { max: X_LIMITS.maxImages }));
  const video = X_CAPABILITIES.video!;
  media.forEach((item, index) => {
    const field = `${prefix}media.${index}`;
    const isVideo = item.kind === 'video' || item.mimeType.startsWith('video/');
    if (item.alt && [...item.alt].length > X_LIMITS.maxAltChars)
      issues.push(validationIssue(field, 'alt_too_long', { max: X_LIMITS.maxAltChars }));
    if (!isVideo) {
      if (!X_LIMITS.acceptedImageTypes.includes(item.mimeType))
        issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
      // Animated GIFs may weigh up to 15 MB.
      const max = item.mimeType === 'image/gif' ? 15 * 1024 * 1024 : X_LIMITS.maxImageBytes;
      if (item.size > max) issues.push(validationIssue(field, 'image_too_large', { maxMb: max / 1024 / 1024 }));
      return;
    }
    if (!video.containers.includes(item.mimeType)) issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
    if (item.size > video.maxBytes) issues.push(validationIssue(field, 'video_too_large', { maxMb: video.maxBytes / 1024 / 1024 }));
    if (item.durationSeconds !== undefined) {
      const seconds = Math.round(item.durationSeconds * 10) / 10;
      if (item.durationSeconds > video.maxDurationSeconds)
        issues.push(validationIssue(field, 'video_too_long', { seconds, maxSeconds: video.maxDurationSeconds }));
      if (item.durationSeconds < video.minDurationSeconds)
        issues.push(validationIssue(field, 'video_too_short', { seconds, minSeconds: video.minDurationSeconds }));
    }
    if (item.codec && !video.codecs.includes(item.codec))
      issues.push(validationIssue(field, 'unsupported_video_codec', { codec: item.codec }));
    if (item.width && item.height) {
      const ratio = item.width / item.height;
      if (ratio < video.minAspectRatio || ratio > video.maxAspectRatio) {
        issues.push(validationIssue(field, 'aspect_ratio_out_of_range', { ratio: ratio.toFixed(2), min: '1:3', max: '3:1' }));
      }
    }
  });
}

/** Everything X would refuse in `input`, by code. */
export function validateXPost(input: PublishInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (input.postType && !X_CAPABILITIES.postTypes.includes(input.postType)) {
    issues.push(validationIssue('postType', 'post_type_unsupported', { network: NETWORK, postType: input.postType }));
  }
  if (input.text.trim() === '' && input.media.length === 0) issues.push(validationIssue('text', 'empty_post'));
  if ((input.postType === 'image' || input.postType === 'carousel' || input.postType === 'video') && input.media.length === 0) {
    issues.push(validationIssue('media', 'media_required', { postType: input.postType }));
  }
  checkText('text', input.text, issues);
  checkMedia('', input.media, issues);
  (input.thread ?? []).forEach((part, index) => {
    if (part.text.trim() === '' && part.media.length === 0) issues.push(validationIssue(`thread.${index}.text`, 'empty_post'));
    checkText(`thread.${index}.text`, part.text, issues);
    checkMedia(`thread.${index}.`, part.media, issues);
  });
  if (input.firstComment !== undefined && countXChars(input.firstComment) > X_LIMITS.maxChars) {
    issues.push(validationIssue('firstComment', 'first_comment_too_long', { max: X_LIMITS.maxChars }));
  }
  const replySettings = input.options?.network?.replySettings;
  if (replySettings !== undefined && !(X_REPLY_SETTINGS as readonly unknown[]).includes(replySettings)) {
    issues.push(validationIssue('options.network.replySettings', 'option_invalid', { option: 'replySettings' }));
  }
  return issues;
}
