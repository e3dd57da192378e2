/**
 * What Plaza posts to Slack, from Slack's chat.postMessage and Block Kit documentation: the text
 * is truncated beyond 40,000 characters, a section holds 3,000 (Plaza splits the text into
 * sections), a message holds 50 blocks; threads are replies with thread_ts.
 */
import { validationIssue } from '../validation.ts';
import type { NetworkCapabilities, NetworkLimits, PublishInput, ValidationIssue } from '../types.ts';

export const SLACK_MAX_CHARS = 40_000;
export const SLACK_MAX_IMAGES = 10;
export const SLACK_MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const SLACK_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'];
export const SLACK_OPTIONS = { noPreview: 'noPreview' } as const;

export const SLACK_LIMITS: NetworkLimits = {
  maxChars: SLACK_MAX_CHARS,
  maxImages: SLACK_MAX_IMAGES,
  maxImageBytes: SLACK_MAX_IMAGE_BYTES,
  acceptedImageTypes: SLACK_IMAGE_TYPES,
  // Block Kit image blocks: alt_text up to 2,000 characters.
  maxAltChars: 2000,
  supportsThreads: true,
  supportsContentWarning: false,
  supportsVisibility: false,
  // chat.postMessage: about one message per second per channel.
  postsPerMinutePerChannel: 60,
};

export const SLACK_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'link', 'image', 'carousel', 'thread'],
  maxCarouselItems: SLACK_MAX_IMAGES,
  firstComment: false,
  mediaByUrl: false,
  charCounting: 'code-points',
  options: [
    { name: SLACK_OPTIONS.noPreview, kind: 'boolean', default: false, label: { en: 'No link preview', es: 'Sin vista previa del enlace' } },
  ],
};

export function validateSlackPost(input: PublishInput): ValidationIssue[] {
  const network = 'Slack';
  const issues: ValidationIssue[] = [];
  const parts = [
    { field: '', text: input.text, media: input.media },
    ...(input.thread ?? []).map((part, i) => ({ field: `thread.${i}.`, ...part })),
  ];
  if (input.postType && !SLACK_CAPABILITIES.postTypes.includes(input.postType))
    issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType: input.postType }));
  if (input.firstComment !== undefined) issues.push(validationIssue('firstComment', 'first_comment_unsupported', { network }));
  for (const part of parts) {
    if (part.text.trim() === '' && part.media.length === 0) issues.push(validationIssue(`${part.field}text`, 'empty_post'));
    const count = [...part.text].length;
    if (count > SLACK_MAX_CHARS)
      issues.push(validationIssue(`${part.field}text`, 'text_too_long', { count, max: SLACK_MAX_CHARS, network }));
    if (part.media.length > SLACK_MAX_IMAGES)
      issues.push(validationIssue(`${part.field}media`, 'too_many_images', { max: SLACK_MAX_IMAGES }));
    for (const [index, media] of part.media.entries()) {
      const field = `${part.field}media.${index}`;
      if ((media.kind ?? 'image') !== 'image' || !SLACK_IMAGE_TYPES.includes(media.mimeType))
        issues.push(validationIssue(field, 'unsupported_media_type', { type: media.mimeType }));
      if (media.size > SLACK_MAX_IMAGE_BYTES)
        issues.push(validationIssue(field, 'image_too_large', { maxMb: SLACK_MAX_IMAGE_BYTES / 1024 / 1024 }));
      if (media.alt && media.alt.length > SLACK_LIMITS.maxAltChars)
        issues.push(validationIssue(field, 'alt_too_long', { max: SLACK_LIMITS.maxAltChars }));
    }
  }
  const preview = input.options?.network?.[SLACK_OPTIONS.noPreview];
  if (preview !== undefined && typeof preview !== 'boolean')
    issues.push(validationIssue(`options.network.${SLACK_OPTIONS.noPreview}`, 'option_invalid', { option: SLACK_OPTIONS.noPreview }));
  return issues;
}
