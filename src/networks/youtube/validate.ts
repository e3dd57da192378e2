/**
 * What YouTube accepts in one upload, checked before anything is saved or sent. Figures from the
 * YouTube Data API reference (videos resource: snippet.title ≤ 100 characters, snippet.description
 * ≤ 5,000 bytes, neither with < or >, tags ≤ 500 characters in all; thumbnails.set: JPEG or PNG
 * up to 2 MB; videos.insert: up to 256 GB) and YouTube's help centre (12 hours at most for verified
 * accounts; Shorts vertical or square, at most 3 minutes).
 */
import type { MediaInput, NetworkCapabilities, NetworkLimits, PostType, PublishInput, ValidationIssue } from '../types.ts';
import { validationIssue } from '../validation.ts';

export const YOUTUBE_MAX_TITLE_CHARS = 100;
export const YOUTUBE_MAX_DESCRIPTION_BYTES = 5000;
export const YOUTUBE_MAX_TAGS_CHARS = 500;
export const YOUTUBE_MAX_THUMBNAIL_BYTES = 2 * 1024 * 1024;
export const YOUTUBE_THUMBNAIL_TYPES = ['image/jpeg', 'image/png'];
export const YOUTUBE_MAX_SHORT_SECONDS = 180;
const NETWORK = 'YouTube';

export const YOUTUBE_LIMITS: NetworkLimits = {
  maxChars: YOUTUBE_MAX_DESCRIPTION_BYTES,
  // The one image a video takes is its custom thumbnail.
  maxImages: 1,
  maxImageBytes: YOUTUBE_MAX_THUMBNAIL_BYTES,
  acceptedImageTypes: YOUTUBE_THUMBNAIL_TYPES,
  maxAltChars: 0,
  supportsThreads: false,
  supportsContentWarning: false,
  // Public, unlisted or private is YouTube's own option (capabilities.options.privacy).
  supportsVisibility: false,
  // Uploads are bounded by the daily quota (100 videos.insert calls per project), not per minute.
  postsPerMinutePerChannel: 5,
};

/** Video categories (videoCategories.list for most regions): id → label. */
export const YOUTUBE_CATEGORIES: Record<string, { en: string; es: string }> = {
  '22': { en: 'People & Blogs', es: 'Gente y blogs' },
  '1': { en: 'Film & Animation', es: 'Cine y animación' },
  '2': { en: 'Autos & Vehicles', es: 'Motor' },
  '10': { en: 'Music', es: 'Música' },
  '15': { en: 'Pets & Animals', es: 'Mascotas y animales' },
  '17': { en: 'Sports', es: 'Deportes' },
  '19': { en: 'Travel & Events', es: 'Viajes y eventos' },
  '20': { en: 'Gaming', es: 'Videojuegos' },
  '23': { en: 'Comedy', es: 'Humor' },
  '24': { en: 'Entertainment', es: 'Entretenimiento' },
  '25': { en: 'News & Politics', es: 'Noticias y política' },
  '26': { en: 'Howto & Style', es: 'Consejos y estilo' },
  '27': { en: 'Education', es: 'Educación' },
  '28': { en: 'Science & Technology', es: 'Ciencia y tecnología' },
  '29': { en: 'Nonprofits & Activism', es: 'ONG y activismo' },
};

export const PRIVACY_OPTION = 'privacy';
export const YOUTUBE_PRIVACIES = ['public', 'unlisted', 'private'] as const;

export const YOUTUBE_CAPABILITIES: NetworkCapabilities = {
  // 'reel' is a YouTube Short.
  postTypes: ['video', 'reel'],
  maxCarouselItems: 1,
  firstComment: false,
  video: {
    maxBytes: 256 * 1024 ** 3,
    minDurationSeconds: 1,
    maxDurationSeconds: 12 * 3600,
    minAspectRatio: 1 / 4,
    maxAspectRatio: 4,
    containers: ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-msvideo', 'video/mpeg'],
    codecs: ['avc1', 'hvc1', 'hev1', 'vp09', 'av01'],
  },
  mediaByUrl: false,
  charCounting: 'code-points',
  options: [
    {
      name: PRIVACY_OPTION,
      kind: 'select',
      values: [...YOUTUBE_PRIVACIES],
      default: 'public',
      label: { en: 'Who can watch it', es: 'Quién puede verlo' },
      valueLabels: {
        public: { en: 'Public', es: 'Público' },
        unlisted: { en: 'Unlisted (anyone with the link)', es: 'Oculto (quien tenga el enlace)' },
        private: { en: 'Private', es: 'Privado' },
      },
    },
    {
      name: 'category',
      kind: 'select',
      values: Object.keys(YOUTUBE_CATEGORIES),
      default: '22',
      label: { en: 'Category', es: 'Categoría' },
      valueLabels: YOUTUBE_CATEGORIES,
    },
    { name: 'tags', kind: 'text', label: { en: 'Tags (comma-separated)', es: 'Etiquetas (separadas por comas)' } },
    {
      name: 'madeForKids',
      kind: 'boolean',
      default: false,
      label: { en: 'Made for kids', es: 'Creado para niños' },
    },
    {
      name: 'notifySubscribers',
      kind: 'boolean',
      default: true,
      label: { en: 'Notify subscribers', es: 'Avisar a los suscriptores' },
    },
  ],
};

const kindOf = (media: MediaInput): 'image' | 'video' | 'document' =>
  media.kind ?? (media.mimeType.startsWith('video/') ? 'video' : media.mimeType === 'application/pdf' ? 'document' : 'image');

/** The video of a publication (its one video) and the thumbnail (its one image), if any. */
export function youtubeMedia(input: PublishInput): { video?: MediaInput; thumbnail?: MediaInput } {
  return { video: input.media.find((m) => kindOf(m) === 'video'), thumbnail: input.media.find((m) => kindOf(m) === 'image') };
}

/** The video's title: the publication's title, else the text's first line (cut to 100 characters). */
export function youtubeTitle(input: PublishInput): string {
  const explicit = input.title?.trim();
  if (explicit) return explicit;
  const line =
    input.text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  return [...line].slice(0, YOUTUBE_MAX_TITLE_CHARS).join('') || 'Video';
}

/** A Short: the post type 'reel'; YouTube classifies vertical videos up to 3 minutes as Shorts. */
export function isShort(input: PublishInput): boolean {
  return input.postType === 'reel';
}

/** The description as sent: the text, with #Shorts added for a Short that does not say it yet. */
export function youtubeDescription(input: PublishInput): string {
  if (isShort(input) && !/#shorts\b/i.test(input.text)) return input.text ? `${input.text}\n\n#Shorts` : '#Shorts';
  return input.text;
}

/** Tags from the option: comma-separated, trimmed, empty ones dropped. */
export function youtubeTags(input: PublishInput): string[] {
  const raw = input.options?.network?.tags;
  if (typeof raw !== 'string') return [];
  return raw
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** YouTube counts a tag with a space as if it were quoted (two more characters). */
export function tagsLength(tags: string[]): number {
  return tags.reduce((sum, tag) => sum + [...tag].length + (tag.includes(' ') ? 2 : 0), 0) + Math.max(0, tags.length - 1);
}

export function youtubePostType(input: PublishInput): PostType {
  return input.postType ?? 'video';
}

export function validateYouTubePost(input: PublishInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const postType = youtubePostType(input);
  if (!YOUTUBE_CAPABILITIES.postTypes.includes(postType))
    issues.push(validationIssue('postType', 'post_type_unsupported', { network: NETWORK, postType }));
  if (input.thread?.length) issues.push(validationIssue('thread', 'thread_unsupported', { network: NETWORK }));
  if (input.firstComment) issues.push(validationIssue('firstComment', 'first_comment_unsupported', { network: NETWORK }));
  const title = youtubeTitle(input);
  const titleChars = [...title].length;
  if (titleChars > YOUTUBE_MAX_TITLE_CHARS)
    issues.push(validationIssue('title', 'title_too_long', { network: NETWORK, count: titleChars, max: YOUTUBE_MAX_TITLE_CHARS }));
  if (/[<>]/.test(title)) issues.push(validationIssue('title', 'angle_brackets_not_allowed', { network: NETWORK, part: 'title' }));
  const description = youtubeDescription(input);
  const bytes = Buffer.byteLength(description, 'utf8');
  if (bytes > YOUTUBE_MAX_DESCRIPTION_BYTES) {
    const count = [...description].length;
    issues.push(
      count > YOUTUBE_MAX_DESCRIPTION_BYTES
        ? validationIssue('text', 'text_too_long', { network: NETWORK, count, max: YOUTUBE_MAX_DESCRIPTION_BYTES })
        : validationIssue('text', 'text_too_many_bytes', { maxBytes: YOUTUBE_MAX_DESCRIPTION_BYTES }),
    );
  }
  if (/[<>]/.test(description))
    issues.push(validationIssue('text', 'angle_brackets_not_allowed', { network: NETWORK, part: 'description' }));
  const tags = youtubeTags(input);
  const tagChars = tagsLength(tags);
  if (tagChars > YOUTUBE_MAX_TAGS_CHARS)
    issues.push(validationIssue('options.tags', 'tags_too_long', { count: tagChars, max: YOUTUBE_MAX_TAGS_CHARS }));
  if (tags.some((t) => /[<>]/.test(t)))
    issues.push(validationIssue('options.tags', 'angle_brackets_not_allowed', { network: NETWORK, part: 'tags' }));
  const privacy = input.options?.network?.[PRIVACY_OPTION];
  if (privacy !== undefined && !(YOUTUBE_PRIVACIES as readonly unknown[]).includes(privacy))
    issues.push(validationIssue(`options.${PRIVACY_OPTION}`, 'option_invalid', { option: PRIVACY_OPTION }));
  const category = input.options?.network?.category;
  if (category !== undefined && !(typeof category === 'string' && category in YOUTUBE_CATEGORIES))
    issues.push(validationIssue('options.category', 'option_invalid', { option: 'category' }));

  const videos = input.media.filter((m) => kindOf(m) === 'video');
  const images = input.media.filter((m) => kindOf(m) === 'image');
  input.media.forEach((media, index) => {
    const kind = kindOf(media);
    if (kind === 'document') issues.push(validationIssue(`media.${index}`, 'unsupported_media_type', { type: media.mimeType }));
    if (kind === 'image') {
      if (!YOUTUBE_THUMBNAIL_TYPES.includes(media.mimeType))
        issues.push(validationIssue(`media.${index}`, 'unsupported_media_type', { type: media.mimeType }));
      if (media.size > YOUTUBE_MAX_THUMBNAIL_BYTES)
        issues.push(validationIssue(`media.${index}`, 'image_too_large', { maxMb: YOUTUBE_MAX_THUMBNAIL_BYTES / 1024 / 1024 }));
    }
  });
  if (images.length > YOUTUBE_LIMITS.maxImages) issues.push(validationIssue('media', 'too_many_images', { max: YOUTUBE_LIMITS.maxImages }));
  if (videos.length > 1) issues.push(validationIssue('media', 'too_many_media', { max: 2 }));
  if (videos.length === 0) issues.push(validationIssue('media', 'media_required', { postType }));
  const video = videos[0];
  if (video && isShort(input)) {
    if (video.durationSeconds !== undefined && video.durationSeconds > YOUTUBE_MAX_SHORT_SECONDS)
      issues.push(
        validationIssue('media.0', 'video_too_long', { seconds: Math.round(video.durationSeconds), maxSeconds: YOUTUBE_MAX_SHORT_SECONDS }),
      );
    if (video.width && video.height && video.width > video.height) issues.push(validationIssue('media.0', 'short_not_vertical'));
  }
  return issues;
}
