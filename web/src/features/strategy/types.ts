/** Strategy API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem } from '../../api/types.ts';

/** The strategy lists a post can link to. */
export type StrategyKind = 'campaigns' | 'objectives' | 'segments' | 'pillars';

/** One campaign, objective, segment or pillar. */
export type StrategyItem =
  | ApiItem<'/api/v1/workspaces/{workspaceId}/campaigns', 'get'>
  | ApiItem<'/api/v1/workspaces/{workspaceId}/objectives', 'get'>
  | ApiItem<'/api/v1/workspaces/{workspaceId}/segments', 'get'>
  | ApiItem<'/api/v1/workspaces/{workspaceId}/pillars', 'get'>;
