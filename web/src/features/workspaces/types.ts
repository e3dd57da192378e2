/** Workspaces API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem, ApiResponse } from '../../api/types.ts';

/** GET /workspaces/{workspaceId}: the workspace's settings. */
export type Workspace = ApiResponse<'/api/v1/workspaces/{workspaceId}', 'get'>;

/** One member of GET /workspaces/{workspaceId}/members. */
export type Member = ApiItem<'/api/v1/workspaces/{workspaceId}/members', 'get'>;
