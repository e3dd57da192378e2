/**
 * What Plaza publishes to a WordPress blog and the checks made before saving. WordPress itself
 * sets no limit on a post's length; the site's upload limit (upload_max_filesize) is the site's
 * own and not readable over the REST API, so the image limit below is a conservative default.
 */
import { validationIssue } from '../validation.ts';
import type { MediaInput, NetworkCapabilities, NetworkLimits, PostType, PublishInput, ValidationIssue } from '../types.ts';

/** Plaza's own ceiling for one blog post's body (WordPress stores up to 4 GB; editors choke far earlier). */
export const WORDPRESS_MAX_CHARS = 100_000;
export const WORDPRESS_MAX_TITLE_CHARS = 300;
export const WORDPRESS_MAX_EXCERPT_CHARS = 1_000;
/** Images of one post: the first is the featured image, the others go into the body. */
export const WORDPRESS_MAX_IMAGES = 10;
export const WORDPRESS_MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** WordPress 5.8+ accepts WebP uploads. */
export const WORDPRESS_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** The post's own options (capabilities.options names). */
export const WORDPRESS_OPTIONS = { status: 'status', excerpt: 'excerpt', categories: 'categories', tags: 'tags' } as const;
export const WORDPRESS_STATUSES = ['publish', 'draft', 'pending'] as const;

export const WORDPRESS_LIMITS: NetworkLimits = {
  maxChars: WORDPRESS_MAX_CHARS,
  maxImages: WORDPRESS_MAX_IMAGES,
  maxImageBytes: WORDPRESS_MAX_IMAGE_BYTES,
  acceptedImageTypes: WORDPRESS_IMAGE_TYPES,
  // The media library's alt_text has no documented limit; Plaza keeps it readable.
  maxAltChars: 1_000,
  supportsThreads: false,
  supportsContentWarning: false,
  supportsVisibility: false,
  postsPerMinutePerChannel: 10,
  // The slug lookup, image uploads and terms come first: the slot is taken right before the post is created.
  takesPostingSlot: true,
};

export const WORDPRESS_CAPABILITIES: NetworkCapabilities = {
  postTypes: ['text', 'image', 'carousel'],
  maxCarouselItems: WORDPRESS_MAX_IMAGES,
  firstComment: false,
  mediaByUrl: false,
  charCounting: 'graphemes',
  options: [
    {
      name: WORDPRESS_OPTIONS.status,
      kind: 'select',
      values: [...WORDPRESS_STATUSES],
      default: 'publish',
      label: { en: 'WordPress status', es: 'Estado en WordPress' },
      valueLabels: {
        publish: { en: 'Published', es: 'Publicada' },
        draft: { en: 'Draft (to finish in WordPress)', es: 'Borrador (para terminar en WordPress)' },
        pending: { en: 'Pending review', es: 'Pendiente de revisión' },
      },
    },
    { name: WORDPRESS_OPTIONS.excerpt, kind: 'text', label: { en: 'Excerpt', es: 'Extracto' } },
    {
      name: WORDPRESS_OPTIONS.categories,
      kind: 'text',
      label: { en: 'Categories (created when missing)', es: 'Categorías (se crean si faltan)' },
      choicesFromAccount: true,
    },
    {
      name: WORDPRESS_OPTIONS.tags,
      kind: 'text',
      label: { en: 'Tags (created when missing)', es: 'Etiquetas (se crean si faltan)' },
      choicesFromAccount: true,
    },
  ],
};

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Graphemes of `text`, counted without building an array (a body may be 100,000 characters long). */
export function countGraphemes(text: string): number {
  // Plain ASCII: one grapheme per character, except CR LF, which is one.
  if (/^[\x00-\x7f]*$/.test(text)) return text.length - (text.match(/\r\n/g)?.length ?? 0);
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

/** Category or tag names from an option ("News, Releases" → ['News', 'Releases']), unique, in order. */
export function termNames(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of value.split(',')) {
    const name = part.trim().replace(/\s+/g, ' ');
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      names.push(name);
    }
  }
  return names;
}

/** The post's title: the composer's title, else the text's first line. */
export function postTitle(input: PublishInput): string {
  const title = input.title?.trim();
  if (title) return title;
  return (input.text.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, WORDPRESS_MAX_TITLE_CHARS);
}

const isImage = (media: MediaInput) => (media.kind ?? 'image') === 'image';

export function wordpressPostType(input: PublishInput): PostType {
  if (input.postType) return input.postType;
  if (input.media.length > 1) return 'carousel';
  return input.media.length === 1 ? 'image' : 'text';
}

/** Every problem WordPress would refuse (or Plaza could not carry over) in this publication. */
export function validateWordPressPost(input: PublishInput): ValidationIssue[] {
  const network = 'WordPress';
  const issues: ValidationIssue[] = [];
  const postType = wordpressPostType(input);
  if (!WORDPRESS_CAPABILITIES.postTypes.includes(postType))
    issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType }));
  if ((input.thread?.length ?? 0) > 0) issues.push(validationIssue('thread', 'thread_unsupported', { network }));
  if (input.firstComment !== undefined) issues.push(validationIssue('firstComment', 'first_comment_unsupported', { network }));
  if (input.text.trim() === '' && input.media.length === 0) issues.push(validationIssue('text', 'empty_post'));
  const count = countGraphemes(input.text);
  if (count > WORDPRESS_MAX_CHARS) issues.push(validationIssue('text', 'text_too_long', { count, max: WORDPRESS_MAX_CHARS, network }));
  const title = input.title?.trim() ?? '';
  if (countGraphemes(title) > WORDPRESS_MAX_TITLE_CHARS)
    issues.push(validationIssue('title', 'text_too_long', { count: countGraphemes(title), max: WORDPRESS_MAX_TITLE_CHARS, network }));
  if (input.media.length > WORDPRESS_MAX_IMAGES) issues.push(validationIssue('media', 'too_many_images', { max: WORDPRESS_MAX_IMAGES }));
  for (const [index, media] of input.media.entries()) {
    const field = `media.${index}`;
    if (!isImage(media) || !WORDPRESS_IMAGE_TYPES.includes(media.mimeType))
      issues.push(validationIssue(field, 'unsupported_media_type', { type: media.mimeType }));
    if (media.size > WORDPRESS_MAX_IMAGE_BYTES)
      issues.push(validationIssue(field, 'image_too_large', { maxMb: WORDPRESS_MAX_IMAGE_BYTES / 1024 / 1024 }));
    if (media.alt && media.alt.length > WORDPRESS_LIMITS.maxAltChars)
      issues.push(validationIssue(field, 'alt_too_long', { max: WORDPRESS_LIMITS.maxAltChars }));
  }
  if ((postType === 'image' || postType === 'carousel') && input.media.length === 0)
    issues.push(validationIssue('media', 'media_required', { postType }));
  const options = input.options?.network ?? {};
  const status = options[WORDPRESS_OPTIONS.status];
  if (status !== undefined && !(WORDPRESS_STATUSES as readonly unknown[]).includes(status))
    issues.push(validationIssue(`options.network.${WORDPRESS_OPTIONS.status}`, 'option_invalid', { option: WORDPRESS_OPTIONS.status }));
  const excerpt = options[WORDPRESS_OPTIONS.excerpt];
  if (excerpt !== undefined && (typeof excerpt !== 'string' || countGraphemes(excerpt) > WORDPRESS_MAX_EXCERPT_CHARS))
    issues.push(validationIssue(`options.network.${WORDPRESS_OPTIONS.excerpt}`, 'option_invalid', { option: WORDPRESS_OPTIONS.excerpt }));
  for (const name of [WORDPRESS_OPTIONS.categories, WORDPRESS_OPTIONS.tags]) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'string' || termNames(value).some((term) => term.length > 200)))
      issues.push(validationIssue(`options.network.${name}`, 'option_invalid', { option: name }));
  }
  return issues;
}
