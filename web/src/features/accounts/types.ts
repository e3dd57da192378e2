/**
 * Accounts API shapes. Hand-declared (each marked "until the route has a response schema"): swap each for
 * ApiResponse / ApiItem from api/types.ts once the server declares the route's response schema and
 * `npm run gen:api` regenerates api/schema.d.ts.
 */
export type Role = 'owner' | 'manager' | 'editor' | 'approver' | 'viewer';

export const ROLES: Role[] = ['owner', 'manager', 'editor', 'approver', 'viewer'];

/**
 * What a member may do in a workspace, as the server names it (src/server/permissions.ts).
 * The rules (which role grants what) live only on the server: /me sends each workspace's list.
 */
export type Permission =
  | 'read'
  | 'comment'
  | 'post.write'
  | 'post.approve'
  | 'post.publish'
  | 'channel.manage'
  | 'member.manage'
  | 'workspace.manage'
  | 'workspace.delete'
  | 'webhook.manage'
  | 'listening.write'
  | 'listening.manage';

// until the route has a response schema
export interface WorkspaceSummary {
  id: string;
  name: string;
  timeZone: string;
  language: string;
  role: Role;
  /** The caller's permissions in this workspace. */
  permissions: Permission[];
}

// until the route has a response schema
export interface Me {
  user: { id: string; email: string; name: string; locale: string };
  csrfToken: string | null;
  workspaces: WorkspaceSummary[];
}

// until the route has a response schema
export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
