import type PgBoss from 'pg-boss';
import { failureCode } from '../../lib/failure-code.ts';
import type { Db } from '../../db/database.ts';
import type { AppContext } from '../../server/context.ts';
import { hmacSha256Hex } from '../../lib/crypto.ts';
import { safeFetch } from '../../lib/safe-fetch.ts';
import { pgBossExecutor, webhookDeliveryRepository } from './repository.ts';

export const WEBHOOK_QUEUE = 'webhook-deliver';
/** Events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'post.published',
  'post.failed',
  'channel.needs_reconnect',
  'channel.token_expiring',
  'publication.missed',
  'listening.reputation_alert',
  'objective.off_track',
  'objective.on_track',
  'report.sent',
  'report.failed',
  // queues (issue 16 part 12): a post took a slot, a queue paused or resumed, its slots changed
  'queue.post_added',
  'queue.paused',
  'queue.resumed',
  'queue.slots_changed',
  // client approval links (issue 16 part 11): a client approved or rejected a post
  'client_link.approved',
  'client_link.rejected',
  // feeds: a new item became a post; a feed that was fine could not be read
  'feed.item.created',
  'feed.failed',
  // contacts
  'contact.stage_changed',
] as const;

/**
 * Queues one delivery per active webhook of the workspace subscribed to the
 * event. The delivery row is the record of truth; pg-boss carries the retries.
 * Everything runs on `db`: pass the caller's transaction and the delivery rows and
 * their jobs commit (or roll back) with it — on the embedded database, which has one
 * connection, anything else would wait for that transaction forever.
 */
export async function dispatchWebhooks(
  db: Db,
  boss: PgBoss,
  event: { eventId: string; workspaceId: string; type: string },
): Promise<number> {
  const hooks = await webhookDeliveryRepository.activeWebhooks(db, event.workspaceId);
  let queued = 0;
  for (const hook of hooks) {
    if (!hook.events.includes(event.type)) continue;
    const delivery = await webhookDeliveryRepository.insertDelivery(db, {
      webhookId: hook.id,
      eventId: event.eventId,
      eventType: event.type,
    });
    if (!delivery) continue;
    // pg-boss inserts the job through `db` (its `db` option): same transaction as the delivery row.
    await boss.send(
      WEBHOOK_QUEUE,
      { deliveryId: delivery.id },
      { retryLimit: 8, retryDelay: 10, retryBackoff: true, expireInSeconds: 60, db: pgBossExecutor(db) },
    );
    queued++;
  }
  return queued;
}

/**
 * Sends one delivery: JSON body, signed with HMAC-SHA256 over "<timestamp>.<body>"
 * in `X-Plaza-Signature: t=<timestamp>,v1=<hex>`. Throws on failure so the queue retries.
 */
export async function deliverWebhook(ctx: AppContext, deliveryId: string): Promise<void> {
  const db = ctx.database.db;
  const delivery = await webhookDeliveryRepository.deliveryToSend(db, deliveryId);
  if (!delivery || delivery.state === 'delivered' || !delivery.active) return;
  const body = JSON.stringify({
    id: String(delivery.eventId),
    type: delivery.type,
    workspaceId: delivery.workspace_id,
    subject: { type: delivery.subject_type, id: delivery.subject_id },
    data: delivery.data,
    createdAt: delivery.created_at,
  });
  const timestamp = Math.floor(ctx.clock.now() / 1000);
  const secret = ctx.secrets.open<string>(delivery.secret_sealed);
  const signature = hmacSha256Hex(secret, `${timestamp}.${body}`);
  let status: number | null = null;
  let error: string | null = null;
  let errorCode: string | null = null;
  try {
    const response = await safeFetch(delivery.url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Plaza-Webhooks/1',
        'x-plaza-event': delivery.type,
        'x-plaza-delivery': delivery.id,
        'x-plaza-signature': `t=${timestamp},v1=${signature}`,
      },
      allowPrivate: ctx.config.allowPrivateUrls,
      timeoutMs: 10_000,
    });
    status = response.status;
    await response.body?.cancel().catch(() => undefined);
    if (status < 200 || status >= 300) {
      error = `HTTP ${status}`;
      errorCode = `http_${status}`;
    }
  } catch (caught) {
    error = (caught as Error).message;
    errorCode = failureCode(caught);
  }
  await webhookDeliveryRepository.recordAttempt(db, deliveryId, { status, error, errorCode, at: new Date(ctx.clock.now()) });
  if (error) throw new Error(`Webhook delivery failed: ${error}`);
}

/** Checks a delivery's signature (for receivers, and Plaza's own tests). */
export function verifyWebhookSignature(secret: string, header: string, body: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  if (Math.abs(now / 1000 - Number(match[1])) > toleranceSeconds) return false;
  return hmacSha256Hex(secret, `${match[1]}.${body}`) === match[2];
}

/**
 * Follows the events table and queues webhook deliveries for every subscribable
 * event, whichever process wrote it (web, worker, listener). One process at a
 * time advances the cursor (row lock); deliveries are unique per webhook and
 * event, so a replay after a crash queues nothing twice. Run by the
 * `events.webhook-outbox` job (events/jobs.ts); returns how many events it read.
 */
export async function runWebhookOutbox(ctx: AppContext, boss: PgBoss): Promise<number> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const cursor = await webhookDeliveryRepository.lockOutboxCursor(trx);
    if (cursor === null) return 0;
    const events = await webhookDeliveryRepository.subscribableEventsAfter(trx, cursor, WEBHOOK_EVENTS, 500);
    const hooks = new Map<string, boolean>();
    for (const event of events) {
      if (!event.workspace_id) continue;
      if (!hooks.has(event.workspace_id))
        hooks.set(event.workspace_id, await webhookDeliveryRepository.hasActiveWebhook(trx, event.workspace_id));
      if (hooks.get(event.workspace_id))
        await dispatchWebhooks(trx, boss, { eventId: String(event.id), workspaceId: event.workspace_id, type: event.type });
    }
    const last = events.length ? events[events.length - 1].id : null;
    // Without matching events, jump to the newest id so the scan stays short.
    const newest = last ?? (await webhookDeliveryRepository.newestEventId(trx));
    if (newest !== null && newest !== undefined && Number(newest) > cursor)
      await webhookDeliveryRepository.moveOutboxCursor(trx, Number(newest));
    return events.length;
  });
}
