import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { workspacesRepository, type WorkspaceValues } from './repository.ts';

/** Who is acting: the signed-in member and their role in the workspace. */
export interface WorkspaceActor {
  userId: string;
  role: Role;
}

/** Creates a workspace with the user as its owner, in one transaction with its event. */
export async function createWorkspace(ctx: AppContext, userId: string, values: WorkspaceValues) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const workspace = await workspacesRepository.insertWorkspace(trx, values);
    await workspacesRepository.addMember(trx, workspace.id, userId, 'owner');
    await recordEvent(trx, {
      workspaceId: workspace.id,
      actorUserId: userId,
      type: 'workspace.created',
      subjectType: 'workspace',
      subjectId: workspace.id,
      data: { name: values.name },
    });
    return workspace;
  });
}

/** Changes a workspace's settings; the event carries what was asked. */
export async function updateWorkspace(ctx: AppContext, workspaceId: string, userId: string, values: Partial<WorkspaceValues>) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const updated = await workspacesRepository.updateWorkspace(trx, workspaceId, values);
    await recordEvent(trx, {
      workspaceId: updated.id,
      actorUserId: userId,
      type: 'workspace.updated',
      subjectType: 'workspace',
      subjectId: updated.id,
      data: values,
    });
    return updated;
  });
}

/** Deletes a workspace and everything in it; the event stays (without a workspace). */
export async function deleteWorkspace(ctx: AppContext, workspaceId: string, userId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    await workspacesRepository.deleteWorkspace(trx, workspaceId);
    await recordEvent(trx, {
      workspaceId: null,
      actorUserId: userId,
      type: 'workspace.deleted',
      subjectType: 'workspace',
      subjectId: workspaceId,
    });
  });
}

/** 409 when the leaving owner is the workspace's last one. */
async function assertAnotherOwner(trx: Db, workspaceId: string, leavingUserId: string): Promise<void> {
  if ((await workspacesRepository.countOtherOwners(trx, workspaceId, leavingUserId)) === 0)
    throw conflict('last_owner', 'A workspace needs at least one owner');
}

/** Changes a member's role. Only owners touch owners; a workspace keeps at least one owner. */
export async function changeMemberRole(ctx: AppContext, workspaceId: string, actor: WorkspaceActor, userId: string, role: Role) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const current = await workspacesRepository.lockMemberRole(trx, workspaceId, userId);
    if (!current) throw notFound('Member');
    if ((current === 'owner' || role === 'owner') && actor.role !== 'owner')
      throw forbidden('Only an owner can change owners', 'owner_only');
    if (current === 'owner' && role !== 'owner') await assertAnotherOwner(trx, workspaceId, userId);
    await workspacesRepository.setMemberRole(trx, workspaceId, userId, role);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actor.userId,
      type: 'member.role_changed',
      subjectType: 'user',
      subjectId: userId,
      data: { from: current, to: role },
    });
    return { userId, role };
  });
}

/** Removes a member. Only owners remove owners; a workspace keeps at least one owner. */
export async function removeMember(ctx: AppContext, workspaceId: string, actor: WorkspaceActor, userId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const current = await workspacesRepository.lockMemberRole(trx, workspaceId, userId);
    if (!current) throw notFound('Member');
    if (current === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can remove an owner', 'owner_only');
    if (current === 'owner') await assertAnotherOwner(trx, workspaceId, userId);
    await workspacesRepository.removeMember(trx, workspaceId, userId);
    await recordEvent(trx, { workspaceId, actorUserId: actor.userId, type: 'member.removed', subjectType: 'user', subjectId: userId });
  });
}

/** Records that the workspace was exported, then reads everything it holds (see `presentExport`). */
export async function exportWorkspace(ctx: AppContext, workspaceId: string, userId: string) {
  const db = ctx.database.db;
  await recordEvent(db, { workspaceId, actorUserId: userId, type: 'workspace.exported', subjectType: 'workspace', subjectId: workspaceId });
  return workspacesRepository.readExport(db, workspaceId);
}
