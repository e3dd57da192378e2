import type { ApiResponse } from '../../api/types.ts';
import { workspaceKey } from '../../shared/query-keys.ts';

/** The lifecycle, in board order. */
export const CONTACT_STAGES = ['follower', 'prospect', 'lead', 'customer'] as const;
export type ContactStage = (typeof CONTACT_STAGES)[number];

/** A contact's profile as the API answers it. */
export type Profile = ApiResponse<'/api/v1/workspaces/{workspaceId}/contacts/{contactId}', 'get'>;
/** A contact as lists and the board answer it. */
export type ContactSummary = ApiResponse<'/api/v1/workspaces/{workspaceId}/contacts', 'get'>['items'][number];

/** Query keys of the contacts feature (under the workspace: the live stream refreshes them). */
export const contactKeys = {
  all: (workspaceId: string) => [...workspaceKey(workspaceId), 'contacts'] as const,
  board: (workspaceId: string) => [...workspaceKey(workspaceId), 'contacts', 'board'] as const,
  search: (workspaceId: string, q: string) => [...workspaceKey(workspaceId), 'contacts', 'search', q] as const,
  suggestions: (workspaceId: string) => [...workspaceKey(workspaceId), 'contacts', 'suggestions'] as const,
  profile: (workspaceId: string, id: string) => [...workspaceKey(workspaceId), 'contacts', 'profile', id] as const,
  ofConversation: (workspaceId: string, conversationId: string) =>
    [...workspaceKey(workspaceId), 'contacts', 'conversation', conversationId] as const,
};
