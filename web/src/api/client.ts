/** A failed API call: the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token the server gave (sign-in, sign-up, /me) for cookie-authenticated writes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Calls the Plaza API (same origin, session cookie); throws ApiError on 4xx/5xx. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'error', error?.message ?? response.statusText, error?.details ?? null);
  }
  return data as T;
}

export type PostState = 'draft' | 'in_review' | 'approved' | 'scheduled' | 'publishing' | 'published' | 'failed' | 'canceled';
export const POST_STATES: PostState[] = ['draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'canceled'];
export type Role = 'owner' | 'manager' | 'editor' | 'approver' | 'viewer';
export const ROLES: Role[] = ['owner', 'manager', 'editor', 'approver', 'viewer'];

export interface WorkspaceSummary {
  id: string;
  name: string;
  time_zone: string;
  language: string;
  role: Role;
}

export interface Me {
  user: { id: string; email: string; name: string; locale: string };
  csrfToken: string | null;
  workspaces: WorkspaceSummary[];
}

export interface Workspace {
  id: string;
  name: string;
  timeZone: string;
  language: string;
  approvalRequired: boolean;
  missedGraceMinutes: number;
}

export interface NetworkLimits {
  maxChars: number;
  maxImages: number;
  maxImageBytes: number;
  acceptedImageTypes: string[];
  maxAltChars: number;
  supportsThreads: boolean;
  supportsVisibility?: boolean;
  supportsContentWarning?: boolean;
}

export interface NetworkInfo {
  name: string;
  label: { en: string; es: string };
  simulated: boolean;
  limits: NetworkLimits;
  connectionFields: Array<{ name: string; secret: boolean; required: boolean; label: { en: string; es: string } }>;
}

export interface Channel {
  id: string;
  network: string;
  networkLabel: { en: string; es: string };
  simulated: boolean;
  name: string;
  settings: Record<string, unknown>;
  status: 'active' | 'needs_reconnect' | 'disconnected';
  account: { handle?: string; displayName?: string; followers?: number } | null;
  lastError: string | null;
  lastCheckedAt: string | null;
  limits: NetworkLimits | null;
}

export interface ValidationIssue {
  field: string;
  code: string;
  message: string;
  messageEs?: string;
}

export interface ChannelIssues {
  channelId: string;
  network: string;
  issues: ValidationIssue[];
}

export interface Publication {
  id: string;
  channelId: string;
  network: string;
  text: string;
  state: string;
  dueAt: string | null;
  attempts: number;
  remoteId: string | null;
  remoteUrl: string | null;
  error: { code: string; message: string } | null;
  publishedAt: string | null;
  media?: Array<{ mediaId: string; alt?: string }>;
  thread?: Array<{ text: string; media: Array<{ mediaId: string; alt?: string }> }>;
  options?: PublicationOptions;
}

/** Per-channel options a network may support. */
export interface PublicationOptions {
  visibility?: Visibility;
  contentWarning?: string;
  language?: string;
}

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';
export const VISIBILITIES: Visibility[] = ['public', 'unlisted', 'private', 'direct'];

/** The strategy lists a post can link to. */
export type StrategyKind = 'campaigns' | 'objectives' | 'segments' | 'pillars';

/** The part of a campaign, objective, segment or pillar the pickers need. */
export interface StrategyItem {
  id: string;
  name: string;
}

/** GET analytics/suggest-time: the next best hour to post, or why there is none. */
export interface TimeSuggestion {
  suggestion: string | null;
  localTime?: string;
  timeZone?: string;
  reason: string | null;
}

export interface Post {
  id: string;
  authorId: string | null;
  content: string;
  state: PostState;
  scheduledAt: string | null;
  campaignId: string | null;
  objectiveId?: string | null;
  segmentId?: string | null;
  pillarId?: string | null;
  createdAt: string;
  updatedAt: string;
  publications: Publication[];
}

export interface PostDetail extends Post {
  attempts: Array<{ id: string; publication_id: string; started_at: string; finished_at: string | null; outcome: string; error_kind: string | null; error_code: string | null; error_message: string | null }>;
  comments: Array<{ id: string; body: string; kind: string; created_at: string; authorName: string | null }>;
  history: Array<{ id: string; type: string; actor_user_id: string | null; created_at: string; data: Record<string, unknown> }>;
}

export interface CalendarEntry {
  id: string;
  content: string;
  state: PostState;
  scheduledAt: string;
  authorId: string | null;
  campaignId: string | null;
  channels: Array<{ channelId: string; state: string }>;
}

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

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}
