/** Accounts API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem, ApiResponse } from '../../api/types.ts';

/** A member's role (the schema's enum). */
export type Role = WorkspaceSummary['role'];

export const ROLES: Role[] = ['owner', 'manager', 'editor', 'approver', 'viewer'];

/**
 * What a member may do in a workspace, as the server names it (src/server/permissions.ts).
 * The rules (which role grants what) live only on the server: /me sends each workspace's list.
 */
export type Permission = WorkspaceSummary['permissions'][number];

/** One workspace of /me with the caller's role and permissions. */
export type WorkspaceSummary = Me['workspaces'][number];

/** GET /me: the signed-in user, their CSRF token and their workspaces. */
export type Me = ApiResponse<'/api/v1/me', 'get'>;

/** One API token of GET /me/tokens. */
export type ApiToken = ApiItem<'/api/v1/me/tokens', 'get'>;

/** One pending invitation of GET invitations. */
export type Invitation = ApiItem<'/api/v1/workspaces/{workspaceId}/invitations', 'get'>;

/** POST invitations (and resend): the invitation and how it was delivered. */
export type InvitationAnswer = ApiResponse<'/api/v1/workspaces/{workspaceId}/invitations', 'post'>;

/** POST /invitations/preview: what an invitation link offers. */
export type InvitationPreview = ApiResponse<'/api/v1/invitations/preview', 'post'>;
