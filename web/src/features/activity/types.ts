/**
 * Activity API shapes. Hand-declared (each marked "until the route has a response schema"): swap each for
 * ApiResponse / ApiItem from api/types.ts once the server declares the route's response schema and
 * `npm run gen:api` regenerates api/schema.d.ts.
 */
// until the route has a response schema
export interface ActivityItem {
  id: string;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  unread?: boolean;
}
