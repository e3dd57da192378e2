import { toLocalInput } from '../../../shared/format.ts';
import type { PostDetail, PublicationOptions } from '../types.ts';

/** A kind of post (the networks' capabilities say which each publishes). */
export type PostType = NonNullable<PostDetail['publications'][number]['postType']>;

/** The strategy links a post carries; null = none. */
export interface StrategyLinks {
  campaignId: string | null;
  objectiveId: string | null;
  segmentId: string | null;
  pillarId: string | null;
}

export const NO_STRATEGY: StrategyLinks = { campaignId: null, objectiveId: null, segmentId: null, pillarId: null };

/** An image or video uploaded for the post, with its alt text. */
export interface UploadedImage {
  mediaId: string;
  url: string;
  alt: string;
  /** 'image' when absent. */
  kind?: 'image' | 'video';
}

/** Everything the composer's form holds: one object, changed only through `draftReducer`. */
export interface ComposerDraft {
  /** Channel ids the post goes to. */
  selected: string[];
  /** The text for every channel that has no variant. */
  content: string;
  /** Per-channel texts that replace `content`. */
  variants: Record<string, string>;
  options: Record<string, PublicationOptions>;
  strategy: StrategyLinks;
  threadMode: boolean;
  /** The thread's parts after the first (used when `threadMode`). */
  thread: string[];
  images: UploadedImage[];
  /** `datetime-local` value in the brand's time zone; empty for none. */
  when: string;
  /** Per channel: the post type chosen (absent: by the media). */
  postTypes: Record<string, PostType>;
  /** Per channel: the first comment (absent or empty: none). */
  firstComments: Record<string, string>;
}

export type DraftAction =
  | { type: 'set'; patch: Partial<ComposerDraft> }
  | { type: 'customize'; channelId: string; on: boolean }
  | { type: 'variant'; channelId: string; text: string }
  | { type: 'options'; channelId: string; options: PublicationOptions }
  | { type: 'threadPart'; index: number; text: string }
  | { type: 'addThreadPart' }
  | { type: 'removeThreadPart'; index: number }
  | { type: 'addImage'; image: UploadedImage }
  | { type: 'imageAlt'; index: number; alt: string }
  | { type: 'removeImage'; index: number }
  | { type: 'moveImage'; index: number; by: -1 | 1 }
  | { type: 'postType'; channelId: string; postType: PostType | null }
  | { type: 'firstComment'; channelId: string; text: string }
  | { type: 'load'; draft: ComposerDraft };

/** A new post; the calendar may open the composer on a day (`?date=YYYY-MM-DD`): 09:00 that day. */
export function emptyDraft(day: string | null): ComposerDraft {
  return {
    selected: [],
    content: '',
    variants: {},
    options: {},
    strategy: NO_STRATEGY,
    threadMode: false,
    thread: [''],
    images: [],
    // `?date=` is a day (09:00) or a day and time (a free queue slot clicked in the calendar's week view).
    when: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T09:00` : day && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(day) ? day : '',
    postTypes: {},
    firstComments: {},
  };
}

/** The URL of an uploaded image. */
export function mediaUrl(workspaceId: string, mediaId: string): string {
  return `/api/v1/workspaces/${workspaceId}/media/${mediaId}`;
}

/** The draft of an existing post (edit mode), from its publications. */
export function draftFromPost(post: PostDetail, workspaceId: string, zone: string): ComposerDraft {
  const first = post.publications[0];
  const parts = (first?.thread ?? []).map((part) => part.text);
  return {
    selected: post.publications.map((p) => p.channelId),
    content: post.content,
    variants: Object.fromEntries(post.publications.filter((p) => p.text !== post.content).map((p) => [p.channelId, p.text])),
    options: Object.fromEntries(post.publications.map((p) => [p.channelId, p.options ?? {}])),
    strategy: {
      campaignId: post.campaignId,
      objectiveId: post.objectiveId ?? null,
      segmentId: post.segmentId ?? null,
      pillarId: post.pillarId ?? null,
    },
    threadMode: parts.length > 0,
    thread: parts.length ? parts : [''],
    images: (first?.media ?? []).map((m) => ({ mediaId: m.mediaId, url: mediaUrl(workspaceId, m.mediaId), alt: m.alt ?? '' })),
    when: post.scheduledAt ? toLocalInput(post.scheduledAt, zone) : '',
    postTypes: Object.fromEntries(post.publications.filter((p) => p.postType).map((p) => [p.channelId, p.postType as PostType])),
    firstComments: Object.fromEntries(post.publications.filter((p) => p.firstComment).map((p) => [p.channelId, p.firstComment as string])),
  };
}

/** The one place the composer's draft changes. */
export function draftReducer(draft: ComposerDraft, action: DraftAction): ComposerDraft {
  switch (action.type) {
    case 'set':
      return { ...draft, ...action.patch };
    case 'load':
      return action.draft;
    case 'customize': {
      const variants = { ...draft.variants };
      if (action.on) variants[action.channelId] = draft.content;
      else delete variants[action.channelId];
      return { ...draft, variants };
    }
    case 'variant':
      return { ...draft, variants: { ...draft.variants, [action.channelId]: action.text } };
    case 'options':
      return { ...draft, options: { ...draft.options, [action.channelId]: action.options } };
    case 'threadPart':
      return { ...draft, thread: draft.thread.map((part, i) => (i === action.index ? action.text : part)) };
    case 'addThreadPart':
      return { ...draft, thread: [...draft.thread, ''] };
    case 'removeThreadPart':
      return { ...draft, thread: draft.thread.filter((_, i) => i !== action.index) };
    case 'addImage':
      return { ...draft, images: [...draft.images, action.image] };
    case 'imageAlt':
      return { ...draft, images: draft.images.map((image, i) => (i === action.index ? { ...image, alt: action.alt } : image)) };
    case 'removeImage':
      return { ...draft, images: draft.images.filter((_, i) => i !== action.index) };
    case 'moveImage': {
      const target = action.index + action.by;
      if (target < 0 || target >= draft.images.length) return draft;
      const images = [...draft.images];
      [images[action.index], images[target]] = [images[target], images[action.index]];
      return { ...draft, images };
    }
    case 'postType': {
      const postTypes = { ...draft.postTypes };
      if (action.postType) postTypes[action.channelId] = action.postType;
      else delete postTypes[action.channelId];
      return { ...draft, postTypes };
    }
    case 'firstComment':
      return { ...draft, firstComments: { ...draft.firstComments, [action.channelId]: action.text } };
  }
}

/** The text a channel gets: its variant, else the common text. */
export function textFor(draft: ComposerDraft, channelId: string): string {
  return draft.variants[channelId] ?? draft.content;
}

/** The post body the API validates and saves (without strategy links and date). */
export function draftBody(draft: ComposerDraft) {
  const media = draft.images.map((image) => ({ mediaId: image.mediaId, ...(image.alt ? { alt: image.alt } : {}) }));
  const thread = draft.threadMode ? draft.thread.filter((part) => part.trim()).map((text) => ({ text, media: [] })) : [];
  return {
    content: draft.content,
    media,
    thread,
    channels: draft.selected.map((channelId) => ({
      channelId,
      ...(draft.variants[channelId] !== undefined ? { text: draft.variants[channelId] } : {}),
      options: draft.options[channelId] ?? {},
      ...(draft.postTypes[channelId] ? { postType: draft.postTypes[channelId] } : {}),
      ...(draft.firstComments[channelId]?.trim() ? { firstComment: draft.firstComments[channelId] } : {}),
    })),
  };
}
