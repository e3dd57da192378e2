/**
 * The creator info TikTok's Content Posting API answers (creator_info/query) and what a channel
 * keeps of it: the privacy levels on offer (`optionChoices`), the interactions the creator turned
 * off (`lockedOptions`), the longest video, and whether direct posting is possible. The composer
 * offers only those choices; validate refuses others before saving.
 */
export const PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;

export interface CreatorInfo {
  creator_username?: string;
  creator_nickname?: string;
  privacy_level_options?: string[];
  comment_disabled?: boolean;
  duet_disabled?: boolean;
  stitch_disabled?: boolean;
  max_video_post_duration_sec?: number;
}

/** What the channel keeps of the creator's info (read at sign-in): the composer offers only these. */
export function creatorSettings(creator: CreatorInfo, directPost: boolean): Record<string, unknown> {
  const locked: Record<string, boolean | string> = {};
  if (creator.comment_disabled) locked.allowComments = false;
  if (creator.duet_disabled) locked.allowDuet = false;
  if (creator.stitch_disabled) locked.allowStitch = false;
  if (!directPost) locked.postMode = 'inbox';
  return {
    optionChoices: { privacy: (creator.privacy_level_options ?? []).filter((p) => (PRIVACY_LEVELS as readonly string[]).includes(p)) },
    lockedOptions: locked,
    ...(creator.max_video_post_duration_sec ? { maxVideoSeconds: creator.max_video_post_duration_sec } : {}),
    directPost,
  };
}
