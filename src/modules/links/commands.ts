import type { AppContext } from '../../server/context.ts';
import { notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { assertReferencesInWorkspace } from '../workspaces/references.ts';
import { linksRepository } from './repository.ts';
import { createTrackedLink } from './service.ts';
import { clickRecorderFor } from './short-links.ts';
import { workspaceCurrency } from '../../db/workspace-settings.ts';

/** What a new tracked link points at and is attributed to. */
export type CreateLinkInput = Parameters<typeof createTrackedLink>[3];

/** Creates a tracked short link and its `link.created` event, in one transaction. */
export function createLink(ctx: AppContext, input: { workspaceId: string; actorUserId: string; link: CreateLinkInput }) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const link = await createTrackedLink(ctx, trx, input.workspaceId, input.link, input.actorUserId);
    await recordEvent(trx, {
      workspaceId: link.workspace_id,
      actorUserId: input.actorUserId,
      type: 'link.created',
      subjectType: 'link',
      subjectId: link.id,
      data: { code: link.code, url: link.target_url },
    });
    return link;
  });
}

/** Deletes a link (its short URL stops redirecting, in this process at once). */
export async function deleteLink(ctx: AppContext, input: { workspaceId: string; actorUserId: string; linkId: string }): Promise<void> {
  const link = await linksRepository.findLink(ctx.database.db, input.workspaceId, input.linkId);
  if (!link) throw notFound('Link');
  await ctx.database.db.transaction().execute(async (trx) => {
    await linksRepository.deleteLink(trx, link.id);
    await recordEvent(trx, {
      workspaceId: link.workspace_id,
      actorUserId: input.actorUserId,
      type: 'link.deleted',
      subjectType: 'link',
      subjectId: link.id,
      data: { code: link.code },
    });
  });
  clickRecorderFor(ctx).forget(link.code);
}

/** A cost booked on a calendar day, optionally for a campaign and/or channel. */
export interface CostInput {
  amount: number;
  currency?: string;
  campaignId?: string | null;
  channelId?: string | null;
  incurredOn: string;
  note?: string;
}

/** Records a cost and its `cost.created` event. */
export async function createCost(ctx: AppContext, input: { workspaceId: string; actorUserId: string; cost: CostInput }) {
  const { workspaceId, cost: body } = input;
  await assertReferencesInWorkspace(ctx.database.db, workspaceId, { campaignId: body.campaignId, channelId: body.channelId });
  // Without a currency, a cost is in the workspace's own.
  const currency = body.currency ?? (await workspaceCurrency(ctx.database.db, workspaceId));
  return ctx.database.db.transaction().execute(async (trx) => {
    const cost = await linksRepository.insertCost(trx, {
      workspace_id: workspaceId,
      amount: body.amount,
      currency,
      campaign_id: body.campaignId ?? null,
      channel_id: body.channelId ?? null,
      incurred_on: body.incurredOn,
      note: body.note ?? '',
      created_at: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId: cost.workspace_id,
      actorUserId: input.actorUserId,
      type: 'cost.created',
      subjectType: 'cost',
      subjectId: cost.id,
      data: { amount: cost.amount, campaignId: cost.campaign_id, channelId: cost.channel_id },
    });
    return cost;
  });
}

/** Deletes a cost and records `cost.deleted`. */
export async function deleteCost(ctx: AppContext, input: { workspaceId: string; actorUserId: string; costId: string }): Promise<void> {
  const row = await linksRepository.findCostId(ctx.database.db, input.workspaceId, input.costId);
  if (!row) throw notFound('Cost');
  await ctx.database.db.transaction().execute(async (trx) => {
    await linksRepository.deleteCost(trx, row.id);
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'cost.deleted',
      subjectType: 'cost',
      subjectId: row.id,
    });
  });
}
