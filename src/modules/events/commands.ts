import type { AppContext } from '../../server/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { randomToken } from '../../lib/crypto.ts';
import { assertFetchableUrl, UnsafeUrlError } from '../../lib/safe-fetch.ts';
import { recordEvent } from './events.ts';
import { webhooksRepository } from './repository.ts';

/**
 * Subscribes a URL to events (refused unless Plaza may fetch it). The signing secret is sealed
 * for storage and returned once, with the new webhook.
 */
export async function createWebhook(ctx: AppContext, workspaceId: string, actorUserId: string, input: { url: string; events: string[] }) {
  try {
    assertFetchableUrl(input.url);
  } catch (error) {
    if (error instanceof UnsafeUrlError) throw badRequest('webhook_url_not_allowed', error.message);
    throw error;
  }
  const secret = `whsec_${randomToken(24)}`;
  const row = await ctx.database.db.transaction().execute(async (trx) => {
    const inserted = await webhooksRepository.insertWebhook(trx, {
      workspaceId,
      url: input.url,
      secretSealed: ctx.secrets.seal(secret),
      events: input.events,
    });
    await recordEvent(trx, {
      workspaceId,
      actorUserId,
      type: 'webhook.created',
      subjectType: 'webhook',
      subjectId: inserted.id,
      data: { url: inserted.url },
    });
    return inserted;
  });
  return { ...row, secret };
}

/** Deletes a webhook (its deliveries go with it); 404 when the workspace has no such webhook. */
export async function deleteWebhook(ctx: AppContext, workspaceId: string, actorUserId: string, webhookId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await webhooksRepository.deleteWebhook(trx, workspaceId, webhookId))) throw notFound('Webhook');
    await recordEvent(trx, { workspaceId, actorUserId, type: 'webhook.deleted', subjectType: 'webhook', subjectId: webhookId });
  });
}
