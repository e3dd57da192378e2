import type { Db } from '../../db/database.ts';

const WEBHOOK_COLUMNS = ['id', 'url', 'events', 'active', 'created_at'] as const;

/** Webhook subscriptions and their deliveries as the API lists them (the delivery loop keeps its own SQL in webhooks.ts). */
export const webhooksRepository = {
  async listWebhooks(db: Db, workspaceId: string) {
    return db.selectFrom('webhooks').select(WEBHOOK_COLUMNS).where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
  },

  async insertWebhook(db: Db, input: { workspaceId: string; url: string; secretSealed: string; events: string[] }) {
    return db
      .insertInto('webhooks')
      .values({ workspace_id: input.workspaceId, url: input.url, secret_sealed: input.secretSealed, events: JSON.stringify(input.events) })
      .returning(WEBHOOK_COLUMNS)
      .executeTakeFirstOrThrow();
  },

  /** Deletes the workspace's webhook; false when there is none with that id. */
  async deleteWebhook(db: Db, workspaceId: string, webhookId: string): Promise<boolean> {
    const deleted = await db.deleteFrom('webhooks').where('id', '=', webhookId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  },

  async webhookExists(db: Db, workspaceId: string, webhookId: string): Promise<boolean> {
    return Boolean(
      await db.selectFrom('webhooks').select('id').where('id', '=', webhookId).where('workspace_id', '=', workspaceId).executeTakeFirst(),
    );
  },

  /** The webhook's latest 100 deliveries, newest first. */
  async listDeliveries(db: Db, webhookId: string) {
    return db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
  },
};
