/**
 * What Pinterest publishes and the checks Plaza makes before saving a pin: a board (the channel's
 * or the pin's own), the description (800), title (100), alt text (500) and link (2,048) limits of
 * `PinCreate` in Pinterest's OpenAPI document, JPEG or PNG images (the only `content_type`s a
 * base64 image source takes), 2 to 5 images in a carousel (`multiple_image_base64`).
 */
import { validationIssue } from '../validation.ts';
import type { NetworkCapabilities, NetworkLimits, PublishInput, ValidationIssue } from '../types.ts';

export const PINTEREST_MAX = { description: 800, title: 100, alt: 500, link: 2048, carousel: 5 } as const;

export const PINTEREST_LIMITS: NetworkLimits = {
  maxChars: PINTEREST_MAX.description,
  maxImages: PINTEREST_MAX.carousel,
  // Pinterest's help centre: images up to 20 MB.
  maxImageBytes: 20 * 1024 * 1024,
  acceptedImageTypes: ['image/jpeg', 'image/png'],
  maxAltChars: PINTEREST_MAX.alt,
  supportsThreads: false,
  supportsContentWarning: false,
  supportsVisibility: false,
  postsPerMinutePerChannel: 10,
  // The slot is taken right before the post's own request, after lookups and uploads (adapter.ts).
  takesPostingSlot: true,
};

export const PINTEREST_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['image', 'carousel', 'video'],
  maxCarouselItems: PINTEREST_MAX.carousel,
  firstComment: false,
  video: {
    // Pinterest's video pin specs: up to 2 GB, 4 s to 15 min, 1:2 to 1.91:1, MP4/MOV/M4V, H.264 or H.265.
    maxBytes: 2 * 1024 * 1024 * 1024,
    minDurationSeconds: 4,
    maxDurationSeconds: 15 * 60,
    minAspectRatio: 1 / 2,
    maxAspectRatio: 1.91,
    containers: ['video/mp4', 'video/quicktime', 'video/x-m4v'],
    codecs: ['avc1', 'hvc1', 'hev1'],
  },
  mediaByUrl: false,
  charCounting: 'code-points',
  options: [
    {
      name: 'link',
      kind: 'text',
      label: { en: 'Destination link (https://…)', es: 'Enlace de destino (https://…)' },
    },
    {
      name: 'board',
      kind: 'text',
      label: { en: 'Another board of this account (board id)', es: 'Otro tablero de esta cuenta (id del tablero)' },
    },
  ],
};

/** The board a pin goes to: the pin's own choice, else the channel's board. */
export function boardOf(input: PublishInput, settings: Record<string, unknown> | undefined): string | undefined {
  const own = input.options?.network?.board;
  if (typeof own === 'string' && own.trim() !== '') return own.trim();
  const channel = settings?.boardId;
  return typeof channel === 'string' && channel.trim() !== '' ? channel.trim() : undefined;
}

export function linkOf(input: PublishInput): string | undefined {
  const link = input.options?.network?.link;
  return typeof link === 'string' && link.trim() !== '' ? link.trim() : undefined;
}

const count = (text: string) => Array.from(text).length;

export function validatePin(input: PublishInput, channel?: { settings: Record<string, unknown> }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (count(input.text) > PINTEREST_MAX.description)
    issues.push(
      validationIssue('text', 'text_too_long', { count: count(input.text), max: PINTEREST_MAX.description, network: 'Pinterest' }),
    );
  if (input.title && count(input.title) > PINTEREST_MAX.title)
    issues.push(validationIssue('title', 'title_too_long', { count: count(input.title), max: PINTEREST_MAX.title, network: 'Pinterest' }));
  if (input.media.length === 0) issues.push(validationIssue('media', 'media_required', { postType: 'pin' }));
  const images = input.media.filter((m) => m.kind !== 'video');
  if (images.length > PINTEREST_MAX.carousel) issues.push(validationIssue('media', 'too_many_images', { max: PINTEREST_MAX.carousel }));
  input.media.forEach((item, index) => {
    if (item.kind === 'video') return; // checked against capabilities.video
    if (!PINTEREST_LIMITS.acceptedImageTypes.includes(item.mimeType))
      issues.push(validationIssue(`media.${index}`, 'unsupported_media_type', { type: item.mimeType }));
    if (item.size > PINTEREST_LIMITS.maxImageBytes)
      issues.push(validationIssue(`media.${index}`, 'image_too_large', { maxMb: PINTEREST_LIMITS.maxImageBytes / 1024 / 1024 }));
    if (item.alt && count(item.alt) > PINTEREST_MAX.alt)
      issues.push(validationIssue(`media.${index}`, 'alt_too_long', { max: PINTEREST_MAX.alt }));
  });
  const link = linkOf(input);
  if (link !== undefined && (!/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(link) || link.length > PINTEREST_MAX.link))
    issues.push(validationIssue('options.network.link', 'link_invalid'));
  const own = input.options?.network?.board;
  if (typeof own === 'string' && own.trim() !== '' && !/^\d+$/.test(own.trim()))
    issues.push(validationIssue('options.network.board', 'option_invalid', { option: 'board' }));
  // Known only for a channel: a pin saved for a channel with no board, and none of its own.
  if (channel && !boardOf(input, channel.settings)) issues.push(validationIssue('options.network.board', 'board_required'));
  return issues;
}
