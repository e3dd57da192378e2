/**
 * How workspaces, members, the audit log and the export look on the wire (camelCase), with the
 * zod schemas the routes declare as their answers.
 */
import { z } from 'zod';
import { ROLES, type Role } from '../../db/schema.ts';
import { instant } from '../../server/schemas.ts';
import { can, PERMISSIONS, type Permission } from '../../server/permissions.ts';
import { parseEventData, redactEventData } from '../events/redact.ts';

const jsonObject = z.record(z.string(), z.unknown());
const role = z.enum(ROLES);

export const workspaceSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  timeZone: z.string(),
  language: z.string(),
  approvalRequired: z.boolean(),
  missedGraceMinutes: z.number().int(),
  /** ISO 4217 code of budgets, costs and conversion values. */
  currency: z.string(),
  createdAt: instant,
});

/** A workspace with the caller's role in it. */
export const workspaceWithRoleSchema = workspaceSchema.extend({ role });

/** A workspace row as stored. */
export interface WorkspaceRow {
  id: string;
  name: string;
  time_zone: string;
  language: string;
  approval_required: boolean;
  missed_grace_minutes: number;
  currency: string;
  created_at: Date;
}

/** Presents a workspace row to the API. */
export function presentWorkspace(row: WorkspaceRow): z.infer<typeof workspaceSchema> {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    language: row.language,
    approvalRequired: row.approval_required,
    missedGraceMinutes: row.missed_grace_minutes,
    currency: row.currency,
    createdAt: row.created_at,
  };
}

export const memberSchema = z.object({ userId: z.string().uuid(), email: z.string(), name: z.string(), role, joinedAt: instant });

/** One audit log entry; `data` is redacted for the caller's role. */
export const auditEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  data: jsonObject,
  createdAt: instant,
});

interface AuditEventRow {
  id: string | number;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  data: unknown;
  created_at: Date;
}

/** An audit log row as a member of `viewerRole` may see it. */
export function presentAuditEvent(row: AuditEventRow, viewerRole: Role): z.infer<typeof auditEventSchema> {
  return {
    id: String(row.id),
    type: row.type,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    data: redactEventData(row.type, row.subject_type, parseEventData(row.data), viewerRole),
    createdAt: row.created_at,
  };
}

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

/** Every permission a role grants, in the order server/permissions.ts lists them. */
export function permissionsOf(roleName: Role): Permission[] {
  return PERMISSION_NAMES.filter((permission) => can(roleName, permission));
}

/** What each role lets its members do, straight from server/permissions.ts (`GET /roles`). */
export const rolesSchema = z.object({
  items: z.array(z.object({ role, permissions: z.array(z.enum(PERMISSION_NAMES)) })),
  /** Every permission, in the table's order (so a client can also say what a role does not allow). */
  permissions: z.array(z.enum(PERMISSION_NAMES)),
});

/** Every role with its permissions. */
export function presentRoles(): z.infer<typeof rolesSchema> {
  return { items: ROLES.map((roleName) => ({ role: roleName, permissions: permissionsOf(roleName) })), permissions: [...PERMISSION_NAMES] };
}

/** A workspace of the signed-in user, with their role and what it lets them do (`/me`). */
export const myWorkspaceSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  timeZone: z.string(),
  language: z.string(),
  currency: z.string(),
  /** Posts need an approver's go-ahead before they are scheduled (the composer offers "Send to review" only). */
  approvalRequired: z.boolean(),
  role,
  permissions: z.array(z.enum(PERMISSION_NAMES)),
});

const mediaItem = z.object({ mediaId: z.string(), alt: z.string().optional() });

/** The whole-workspace export document (format plaza-workspace-export, version 1). */
export const exportSchema = z.object({
  format: z.literal('plaza-workspace-export'),
  version: z.literal(1),
  exportedAt: instant,
  workspace: workspaceSchema,
  members: z.array(z.object({ id: z.string().uuid(), email: z.string(), name: z.string(), role })),
  channels: z.array(
    z.object({
      id: z.string().uuid(),
      network: z.string(),
      name: z.string(),
      settings: jsonObject,
      status: z.string(),
      account: jsonObject.nullable(),
      createdAt: instant,
    }),
  ),
  posts: z.array(
    z.object({
      id: z.string().uuid(),
      authorId: z.string().nullable(),
      content: z.string(),
      state: z.string(),
      scheduledAt: instant.nullable(),
      campaignId: z.string().nullable(),
      objectiveId: z.string().nullable(),
      segmentId: z.string().nullable(),
      pillarId: z.string().nullable(),
      createdAt: instant,
      updatedAt: instant,
    }),
  ),
  publications: z.array(
    z.object({
      id: z.string().uuid(),
      postId: z.string().uuid(),
      channelId: z.string().uuid(),
      network: z.string(),
      text: z.string(),
      media: z.array(mediaItem),
      thread: z.array(z.object({ text: z.string(), media: z.array(mediaItem) })),
      options: jsonObject,
      state: z.string(),
      dueAt: instant.nullable(),
      attempts: z.number().int(),
      remoteId: z.string().nullable(),
      remoteUrl: z.string().nullable(),
      errorCode: z.string().nullable(),
      errorMessage: z.string().nullable(),
      publishedAt: instant.nullable(),
    }),
  ),
  comments: z.array(
    z.object({
      id: z.string().uuid(),
      postId: z.string().uuid(),
      authorId: z.string(),
      body: z.string(),
      kind: z.string(),
      createdAt: instant,
    }),
  ),
  media: z.array(
    z.object({
      id: z.string().uuid(),
      sha256: z.string(),
      mimeType: z.string(),
      sizeBytes: z.number().int(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
      createdAt: instant,
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      subjectType: z.string().nullable(),
      subjectId: z.string().nullable(),
      actorUserId: z.string().nullable(),
      data: jsonObject,
      createdAt: instant,
    }),
  ),
});

type ExportRows = Awaited<ReturnType<typeof import('./repository.ts').workspacesRepository.readExport>>;

/** The export document from the rows the repository read, in camelCase. */
export function presentExport(rows: ExportRows, exportedAt: Date): z.infer<typeof exportSchema> {
  return {
    format: 'plaza-workspace-export',
    version: 1,
    exportedAt,
    workspace: presentWorkspace(rows.workspace),
    members: rows.members,
    channels: rows.channels.map((c) => ({
      id: c.id,
      network: c.network,
      name: c.name,
      settings: c.settings,
      status: c.status,
      account: c.account,
      createdAt: c.created_at,
    })),
    posts: rows.posts.map((p) => ({
      id: p.id,
      authorId: p.author_id,
      content: p.content,
      state: p.state,
      scheduledAt: p.scheduled_at,
      campaignId: p.campaign_id,
      objectiveId: p.objective_id,
      segmentId: p.segment_id,
      pillarId: p.pillar_id,
      createdAt: p.created_at,
      updatedAt: p.updated_at,
    })),
    publications: rows.publications.map((p) => ({
      id: p.id,
      postId: p.post_id,
      channelId: p.channel_id,
      network: p.network,
      text: p.text,
      media: p.media,
      thread: p.thread,
      options: p.options,
      state: p.state,
      dueAt: p.due_at,
      attempts: p.attempts,
      remoteId: p.remote_id,
      remoteUrl: p.remote_url,
      errorCode: p.error_code,
      errorMessage: p.error_message,
      publishedAt: p.published_at,
    })),
    comments: rows.comments.map((c) => ({
      id: c.id,
      postId: c.post_id,
      authorId: c.author_id,
      body: c.body,
      kind: c.kind,
      createdAt: c.created_at,
    })),
    media: rows.media.map((m) => ({
      id: m.id,
      sha256: m.sha256,
      mimeType: m.mime_type,
      sizeBytes: m.size_bytes,
      width: m.width,
      height: m.height,
      createdAt: m.created_at,
    })),
    events: rows.events.map((e) => ({
      id: String(e.id),
      type: e.type,
      subjectType: e.subject_type,
      subjectId: e.subject_id,
      actorUserId: e.actor_user_id,
      data: parseEventData(e.data),
      createdAt: e.created_at,
    })),
  };
}
