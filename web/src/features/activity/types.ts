/** Activity API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem } from '../../api/types.ts';

/** One notification (an activity item with its unread flag). */
export type NotificationItem = ApiItem<'/api/v1/workspaces/{workspaceId}/notifications', 'get'>;

/** One audit log event (GET events; the activity stream sends the same shape). */
export type AuditEvent = ApiItem<'/api/v1/workspaces/{workspaceId}/events', 'get'>;

/** An activity item: an audit event, with its unread flag when it comes from the notifications. */
export type ActivityItem = AuditEvent & Partial<Pick<NotificationItem, 'unread'>>;
