/**
 * Workspaces API shapes. Hand-declared (each marked "until the route has a response schema"): swap each for
 * ApiResponse / ApiItem from api/types.ts once the server declares the route's response schema and
 * `npm run gen:api` regenerates api/schema.d.ts.
 */
import type { Role } from '../accounts/types.ts';
// until the route has a response schema
export interface Workspace {
  id: string;
  name: string;
  timeZone: string;
  language: string;
  approvalRequired: boolean;
  missedGraceMinutes: number;
}

// until the route has a response schema
export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}
