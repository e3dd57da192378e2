/**
 * Checks one channel's variant against what its network declares it can publish (the adapter's
 * `capabilities`), before anything is saved: the post type, the media it needs, the carousel's
 * size, each video's size, length, aspect ratio, codec and container, the first comment and the
 * network's own options. Adapters without `capabilities` keep today's checks (their `validate`),
 * plus a refusal of what they cannot do at all (a post type beyond text and images, a first comment).
 */
import { validationIssue } from '../../networks/validation.ts';
import type { MediaInput, NetworkAdapter, NetworkCapabilities, PostType, PublishInput, ValidationIssue } from '../../networks/types.ts';

/** The post type a variant has when none was chosen: by its media. */
export function inferPostType(input: Pick<PublishInput, 'media' | 'postType'>): PostType {
  if (input.postType) return input.postType;
  if (input.media.some((m) => m.kind === 'video')) return 'video';
  if (input.media.length > 0) return 'image';
  return 'text';
}

/** Post types an adapter without capabilities publishes (today's behaviour). */
function legacyPostTypes(adapter: NetworkAdapter): PostType[] {
  return adapter.limits.supportsThreads ? ['text', 'link', 'image', 'thread'] : ['text', 'link', 'image'];
}

/**
 * Length of `text` counted the way the network counts it: the adapter's own counter where its rule is
 * the network's own (X's weights, Threads' emoji bytes), else the declared unit.
 */
export function countChars(text: string, caps: NetworkCapabilities): number {
  if (caps.countChars) return caps.countChars(text);
  switch (caps.charCounting) {
    case 'utf16':
      return text.length;
    case 'graphemes':
      return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)).length;
    default:
      return Array.from(text).length;
  }
}

/** Two decimals, for ratios in messages. */
const twoDecimals = (n: number) => Math.round(n * 100) / 100;

/** Problems of one video against the network's video limits. */
function videoIssues(field: string, item: MediaInput, caps: NetworkCapabilities): ValidationIssue[] {
  const limits = caps.video;
  if (!limits) return [validationIssue(field, 'unsupported_media_type', { type: item.mimeType })];
  const issues: ValidationIssue[] = [];
  if (!limits.containers.includes(item.mimeType)) issues.push(validationIssue(field, 'unsupported_media_type', { type: item.mimeType }));
  if (item.size > limits.maxBytes)
    issues.push(validationIssue(field, 'video_too_large', { maxMb: Math.floor(limits.maxBytes / 1024 / 1024) }));
  if (item.durationSeconds !== undefined) {
    const seconds = twoDecimals(item.durationSeconds);
    if (item.durationSeconds > limits.maxDurationSeconds)
      issues.push(validationIssue(field, 'video_too_long', { seconds, maxSeconds: limits.maxDurationSeconds }));
    if (item.durationSeconds < limits.minDurationSeconds)
      issues.push(validationIssue(field, 'video_too_short', { seconds, minSeconds: limits.minDurationSeconds }));
  }
  if (item.width && item.height) {
    const ratio = item.width / item.height;
    // A hair of tolerance: 1080×1920 is 0.5625 exactly, 9/16 in floating point too, but encoders round sizes.
    if (ratio < limits.minAspectRatio - 0.005 || ratio > limits.maxAspectRatio + 0.005)
      issues.push(
        validationIssue(field, 'aspect_ratio_out_of_range', {
          ratio: twoDecimals(ratio),
          min: twoDecimals(limits.minAspectRatio),
          max: twoDecimals(limits.maxAspectRatio),
        }),
      );
  }
  if (item.codec && !limits.codecs.includes(item.codec))
    issues.push(validationIssue(field, 'unsupported_video_codec', { codec: item.codec }));
  return issues;
}

/** Problems of the media for the post type: how many items, which kinds. */
function mediaIssues(type: PostType, media: MediaInput[], caps: NetworkCapabilities, maxImages: number): ValidationIssue[] {
  const videos = media.filter((m) => m.kind === 'video').length;
  const images = media.length - videos;
  const issues: ValidationIssue[] = [];
  switch (type) {
    case 'carousel':
      if (media.length < 2) issues.push(validationIssue('media', 'too_few_media', { min: 2 }));
      if (media.length > caps.maxCarouselItems) issues.push(validationIssue('media', 'too_many_media', { max: caps.maxCarouselItems }));
      break;
    case 'video':
    case 'reel':
      if (videos === 0) issues.push(validationIssue('media', 'media_required', { postType: type }));
      if (images > 0) issues.push(validationIssue('media', 'mixed_media'));
      if (media.length > 1) issues.push(validationIssue('media', 'too_many_media', { max: 1 }));
      break;
    case 'story':
      if (media.length === 0) issues.push(validationIssue('media', 'media_required', { postType: type }));
      if (media.length > 1) issues.push(validationIssue('media', 'too_many_media', { max: 1 }));
      break;
    case 'image':
      if (images === 0) issues.push(validationIssue('media', 'media_required', { postType: type }));
      if (videos > 0) issues.push(validationIssue('media', 'mixed_media'));
      if (images > maxImages) issues.push(validationIssue('media', 'too_many_images', { max: maxImages }));
      break;
    case 'document':
      if (media.length === 0) issues.push(validationIssue('media', 'media_required', { postType: type }));
      break;
    default:
      // text, link and thread posts may carry images (as the network's limits allow), never a video.
      if (videos > 0) issues.push(validationIssue('media', 'mixed_media'));
  }
  return issues;
}

/** Problems of the network's own options: unknown names, values outside a select, wrong kinds. */
function optionIssues(type: PostType, values: Record<string, string | boolean>, caps: NetworkCapabilities): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(values)) {
    const option = caps.options.find((o) => o.name === name);
    const field = `options.network.${name}`;
    const fits =
      option !== undefined &&
      (!option.postTypes || option.postTypes.includes(type)) &&
      (option.kind === 'boolean'
        ? typeof value === 'boolean'
        : option.kind === 'select'
          ? typeof value === 'string' && (option.values ?? []).includes(value)
          : typeof value === 'string');
    if (!fits) issues.push(validationIssue(field, 'option_invalid', { option: name }));
  }
  return issues;
}

/**
 * Every problem of `input` against `adapter.capabilities` (an empty list when it fits). Issues are
 * built with `validationIssue`, so each has a code the web app and the CLI word in es and en.
 */
export function capabilityIssues(adapter: NetworkAdapter, input: PublishInput): ValidationIssue[] {
  const caps = adapter.capabilities;
  const network = adapter.label.en;
  const type = inferPostType(input);
  if (!caps) {
    const issues: ValidationIssue[] = [];
    if (input.postType && !legacyPostTypes(adapter).includes(input.postType))
      issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType: input.postType }));
    if (input.firstComment) issues.push(validationIssue('firstComment', 'first_comment_unsupported', { network }));
    if (input.options?.network && Object.keys(input.options.network).length > 0)
      for (const name of Object.keys(input.options.network))
        issues.push(validationIssue(`options.network.${name}`, 'option_invalid', { option: name }));
    return issues;
  }
  const issues: ValidationIssue[] = [];
  if (!caps.postTypes.includes(type)) issues.push(validationIssue('postType', 'post_type_unsupported', { network, postType: type }));
  if ((input.thread ?? []).length > 0 && !caps.postTypes.includes('thread'))
    issues.push(validationIssue('thread', 'thread_unsupported', { network }));
  issues.push(...mediaIssues(type, input.media, caps, adapter.limits.maxImages));
  input.media.forEach((item, index) => {
    if (item.kind === 'video') issues.push(...videoIssues(`media.${index}`, item, caps));
  });
  for (const [partIndex, part] of (input.thread ?? []).entries())
    part.media.forEach((item, index) => {
      if (item.kind === 'video') issues.push(...videoIssues(`thread.${partIndex}.media.${index}`, item, caps));
    });
  if (input.firstComment) {
    if (!caps.firstComment) issues.push(validationIssue('firstComment', 'first_comment_unsupported', { network }));
    else if (countChars(input.firstComment, caps) > adapter.limits.maxChars)
      issues.push(validationIssue('firstComment', 'first_comment_too_long', { max: adapter.limits.maxChars }));
  }
  issues.push(...optionIssues(type, input.options?.network ?? {}, caps));
  return issues;
}
