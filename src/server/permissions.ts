import type { Role } from '../db/schema.ts';

/** What a role may do. Checked on every workspace route. */
export const PERMISSIONS = {
  read: ['owner', 'manager', 'editor', 'approver', 'viewer'],
  comment: ['owner', 'manager', 'editor', 'approver'],
  'post.write': ['owner', 'manager', 'editor'],
  'post.approve': ['owner', 'manager', 'approver'],
  /** Scheduling past the approval step, publishing now, cancelling, retrying. */
  'post.publish': ['owner', 'manager', 'editor'],
  'channel.manage': ['owner', 'manager'],
  'member.manage': ['owner', 'manager'],
  'workspace.manage': ['owner', 'manager'],
  'workspace.delete': ['owner'],
  'webhook.manage': ['owner', 'manager'],
  /** The install's developer apps per network (client id and secret, Settings → Integrations). */
  'integration.manage': ['owner'],
  /** Listening: saved queries, sentiment label corrections, acknowledging alerts, CSV imports. */
  'listening.write': ['owner', 'manager', 'editor'],
  /** Listening: sources (they reach out to other servers) and alert thresholds. */
  'listening.manage': ['owner', 'manager'],
  /** Inbox: reply, assign, label, resolve, notes, actions on messages. */
  'inbox.reply': ['owner', 'manager', 'editor'],
  /** Inbox: saved replies, syncing channels now (and, later, rules and service levels). */
  'inbox.manage': ['owner', 'manager'],
  /** Client approval links: create, list and revoke links that let a client without an account approve posts. */
  'client_link.manage': ['owner', 'manager'],
  /** Contacts: edit, move on the board, merge and split identities. */
  'contacts.write': ['owner', 'manager', 'editor'],
  /** Contacts: CSV import, a person's data export, erasure on request. */
  'contacts.manage': ['owner', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** True when `role` grants `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
