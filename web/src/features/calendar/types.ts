/**
 * Calendar API shapes. Hand-declared (each marked "until the route has a response schema"): swap each for
 * ApiResponse / ApiItem from api/types.ts once the server declares the route's response schema and
 * `npm run gen:api` regenerates api/schema.d.ts.
 */
import type { PostState } from '../posts/types.ts';
// until the route has a response schema
export interface CalendarEntry {
  id: string;
  content: string;
  state: PostState;
  scheduledAt: string;
  authorId: string | null;
  campaignId: string | null;
  channels: Array<{ channelId: string; state: string }>;
}
