/**
 * What a bot can post to a Telegram channel, from the Bot API documentation: messages of 1–4,096
 * characters after entity parsing, captions of 0–1,024, photos up to 10 MB, other files up to
 * 50 MB through the public Bot API server, albums of 2–10 photos and videos.
 */
import { validationIssue } from '../validation.ts';
import type { MediaInput, NetworkCapabilities, NetworkLimits, PostType, PublishInput, ValidationIssue } from '../types.ts';

export const TELEGRAM_MAX_TEXT = 4096;
export const TELEGRAM_MAX_CAPTION = 1024;
export const TELEGRAM_MAX_ALBUM = 10;
export const TELEGRAM_MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const TELEGRAM_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const TELEGRAM_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const TELEGRAM_VIDEO_TYPES = ['video/mp4'];

export const TELEGRAM_OPTIONS = { silent: 'silent', noPreview: 'noPreview' } as const;

export const TELEGRAM_LIMITS: NetworkLimits = {
  maxChars: TELEGRAM_MAX_TEXT,
  maxImages: TELEGRAM_MAX_ALBUM,
  maxImageBytes: TELEGRAM_MAX_PHOTO_BYTES,
  acceptedImageTypes: TELEGRAM_IMAGE_TYPES,
  maxAltChars: 0,
  supportsThreads: false,
  supportsContentWarning: false,
  supportsVisibility: false,
  // Telegram's FAQ: no more than 20 messages per minute in one group or channel.
  postsPerMinutePerChannel: 20,
  // A lost send is found by message order (adapter.ts): one in doubt per channel at a time.
  oneSendInDoubtPerChannel: true,
};

export const TELEGRAM_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'link', 'image', 'carousel', 'video'],
  maxCarouselItems: TELEGRAM_MAX_ALBUM,
  firstComment: false,
  video: {
    maxBytes: TELEGRAM_MAX_FILE_BYTES,
    minDurationSeconds: 0,
    maxDurationSeconds: 24 * 60 * 60,
    minAspectRatio: 1 / 20,
    maxAspectRatio: 20,
    containers: TELEGRAM_VIDEO_TYPES,
    codecs: ['avc1', 'hvc1', 'hev1'],
  },
  mediaByUrl: false,
  // The Bot API counts UTF-16 code units of the text after entity parsing.
  charCounting: 'utf16',
  options: [
    {
      name: TELEGRAM_OPTIONS.silent,
      kind: 'boolean',
      default: false,
      label: { en: 'Silent (no notification sound)', es: 'Silenciosa (sin sonido de aviso)' },
    },
    {
      name: TELEGRAM_OPTIONS.noPreview,
      kind: 'boolean',
      default: false,
      label: { en: 'No link preview', es: 'Sin vista previa del enlace' },
      postTypes: ['text', 'link'],
    },
  ],
};

export const telegramMediaKind = (media: MediaInput): 'image' | 'video' | 'other' =>
  media.kind === 'video' || media.mimeType.startsWith('video/') ? 'video' : (media.kind ?? 'image') === 'image' ? 'image' : 'other';

function postTypeOf(input: PublishInput): PostType {
  if (input.postType) return input.postType;
  if (input.media.length > 1) return 'carousel';
  if (input.media.length === 1) return telegramMediaKind(input.media[0]!) === 'video' ? 'video' : 'image';
  return 'text';
}

export function validateTelegramPost(input: PublishInput): ValidationIssue[] {
  const network = 'Telegram';
  const issues: ValidationIssue[] = [];
  const postType = postTypeOf(input);
  if (!TELEGRAM_CAPABILITIES.postTypes.includes(postType))
    issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType }));
  if ((input.thread?.length ?? 0) > 0) issues.push(validationIssue('thread', 'thread_unsupported', { network }));
  if (input.firstComment !== undefined) issues.push(validationIssue('firstComment', 'first_comment_unsupported', { network }));
  const text = input.text.trim();
  if (text === '' && input.media.length === 0) issues.push(validationIssue('text', 'empty_post'));
  // With media the text is the caption: 1,024 characters, not 4,096.
  const max = input.media.length > 0 ? TELEGRAM_MAX_CAPTION : TELEGRAM_MAX_TEXT;
  if (text.length > max) issues.push(validationIssue('text', 'text_too_long', { count: text.length, max, network }));
  if (input.media.length > TELEGRAM_MAX_ALBUM) issues.push(validationIssue('media', 'too_many_media', { max: TELEGRAM_MAX_ALBUM }));
  for (const [index, media] of input.media.entries()) {
    const field = `media.${index}`;
    const kind = telegramMediaKind(media);
    if (kind === 'image') {
      if (!TELEGRAM_IMAGE_TYPES.includes(media.mimeType))
        issues.push(validationIssue(field, 'unsupported_media_type', { type: media.mimeType }));
      if (media.size > TELEGRAM_MAX_PHOTO_BYTES)
        issues.push(validationIssue(field, 'image_too_large', { maxMb: TELEGRAM_MAX_PHOTO_BYTES / 1024 / 1024 }));
    } else if (kind === 'video') {
      if (!TELEGRAM_VIDEO_TYPES.includes(media.mimeType))
        issues.push(validationIssue(field, 'unsupported_media_type', { type: media.mimeType }));
      if (media.size > TELEGRAM_MAX_FILE_BYTES)
        issues.push(validationIssue(field, 'video_too_large', { maxMb: TELEGRAM_MAX_FILE_BYTES / 1024 / 1024 }));
    } else {
      issues.push(validationIssue(field, 'unsupported_media_type', { type: media.mimeType }));
    }
  }
  if ((postType === 'image' || postType === 'video') && input.media.length === 0)
    issues.push(validationIssue('media', 'media_required', { postType }));
  if (postType === 'carousel' && input.media.length < 2) issues.push(validationIssue('media', 'too_few_media', { min: 2 }));
  for (const name of Object.values(TELEGRAM_OPTIONS)) {
    const value = input.options?.network?.[name];
    if (value !== undefined && typeof value !== 'boolean')
      issues.push(validationIssue(`options.network.${name}`, 'option_invalid', { option: name }));
  }
  return issues;
}
