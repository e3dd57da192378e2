/**
 * Strategy API shapes. Hand-declared (each marked "until the route has a response schema"): swap each for
 * ApiResponse / ApiItem from api/types.ts once the server declares the route's response schema and
 * `npm run gen:api` regenerates api/schema.d.ts.
 */
/** The strategy lists a post can link to. */
export type StrategyKind = 'campaigns' | 'objectives' | 'segments' | 'pillars';

/** The part of a campaign, objective, segment or pillar the pickers need. */
// until the route has a response schema
export interface StrategyItem {
  id: string;
  name: string;
}
