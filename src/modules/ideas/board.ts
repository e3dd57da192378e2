/** The ideas board's columns and where a card stands (pure). */
import type { PostState } from '../../db/schema.ts';

/** idea → draft → in review → scheduled → published, in board order. */
export const BOARD_COLUMNS = ['idea', 'draft', 'in_review', 'scheduled', 'published'] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

/**
 * The column of a card: "idea" until it has a post, then its post's state. Approved, scheduled and
 * publishing posts are "scheduled" (approved and waiting for their time or a date); a failed post
 * stays "scheduled" (it needs attention there); a canceled one goes back to "draft".
 */
export function columnOf(postState: PostState | null): BoardColumn {
  switch (postState) {
    case null:
      return 'idea';
    case 'draft':
    case 'canceled':
      return 'draft';
    case 'in_review':
      return 'in_review';
    case 'published':
      return 'published';
    default:
      return 'scheduled';
  }
}
