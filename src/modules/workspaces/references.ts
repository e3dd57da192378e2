import type { Db } from '../../db/database.ts';
import { AppError } from '../../lib/errors.ts';
import { workspacesRepository } from './repository.ts';

/** The workspace-owned tables a request body may point into, by the body field that names them. */
const REFERENCE_TABLES = {
  campaignId: 'campaigns',
  objectiveId: 'objectives',
  segmentId: 'segments',
  pillarId: 'pillars',
  channelId: 'channels',
  postId: 'posts',
} as const;

/** Ids a body refers to, by field; null or undefined means "none". */
export type WorkspaceReferences = Partial<Record<keyof typeof REFERENCE_TABLES, string | null | undefined>>;

/**
 * Checks, in one query, that every id a request names (campaign, objective,
 * segment, pillar, channel, post) belongs to the workspace. Another workspace's
 * object does not exist for this one: 422 `unknown_reference` naming the fields.
 */
export async function assertReferencesInWorkspace(db: Db, workspaceId: string, refs: WorkspaceReferences): Promise<void> {
  const wanted = (Object.entries(refs) as Array<[keyof typeof REFERENCE_TABLES, string | null | undefined]>).filter(
    (entry): entry is [keyof typeof REFERENCE_TABLES, string] => typeof entry[1] === 'string',
  );
  if (wanted.length === 0) return;
  const found = await workspacesRepository.findReferencesInWorkspace(
    db,
    workspaceId,
    wanted.map(([field, id]) => ({ field, table: REFERENCE_TABLES[field], id })),
  );
  const missing = wanted.map(([field]) => field).filter((field) => !found.has(field));
  if (missing.length > 0) {
    throw new AppError(422, 'unknown_reference', `Unknown ${missing.join(', ')} in this workspace`, { fields: missing });
  }
}
