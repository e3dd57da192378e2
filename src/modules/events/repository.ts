import type PgBoss from 'pg-boss';
import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

const WEBHOOK_COLUMNS = ['id', 'url', 'events', 'active', 'created_at'] as const;

/** Webhook subscriptions and their deliveries as the API lists them . */
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

/** The webhook outbox and deliveries (events/webhooks.ts): the delivery loop's statements. */
export const webhookDeliveryRepository = {
  activeWebhooks(db: Db, workspaceId: string) {
    return db.selectFrom('webhooks').select(['id', 'events']).where('workspace_id', '=', workspaceId).where('active', '=', true).execute();
  },

  async hasActiveWebhook(db: Db, workspaceId: string): Promise<boolean> {
    return Boolean(
      await db.selectFrom('webhooks').select('id').where('workspace_id', '=', workspaceId).where('active', '=', true).executeTakeFirst(),
    );
  },

  /** One delivery per webhook and event: a second insert for the same pair is a no-op (undefined). */
  insertDelivery(db: Db, input: { webhookId: string; eventId: string; eventType: string }) {
    return db
      .insertInto('webhook_deliveries')
      .values({ webhook_id: input.webhookId, event_id: input.eventId, event_type: input.eventType })
      .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
  },

  /** A delivery with its webhook (URL, sealed secret) and its event, ready to send. */
  deliveryToSend(db: Db, deliveryId: string) {
    return db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
      .innerJoin('events', 'events.id', 'webhook_deliveries.event_id')
      .select([
        'webhook_deliveries.id',
        'webhook_deliveries.state',
        'webhook_deliveries.attempts',
        'webhooks.url',
        'webhooks.secret_sealed',
        'webhooks.active',
        'events.id as eventId',
        'events.type',
        'events.subject_type',
        'events.subject_id',
        'events.data',
        'events.created_at',
        'events.workspace_id',
      ])
      .where('webhook_deliveries.id', '=', deliveryId)
      .executeTakeFirst();
  },

  recordAttempt(db: Db, deliveryId: string, outcome: { status: number | null; error: string | null; errorCode: string | null; at: Date }) {
    return db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_status: outcome.status,
        last_error: outcome.error,
        last_error_code: outcome.errorCode,
        state: outcome.error ? 'pending' : 'delivered',
        delivered_at: outcome.error ? null : outcome.at,
      }))
      .where('id', '=', deliveryId)
      .execute();
  },

  /** The outbox cursor, locked for this transaction; null while another process holds it. */
  async lockOutboxCursor(trx: Db): Promise<number | null> {
    const row = await trx
      .selectFrom('webhook_outbox_cursor')
      .select('last_event_id')
      .where('id', '=', 1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    return row ? Number(row.last_event_id) : null;
  },

  subscribableEventsAfter(db: Db, afterId: number, types: readonly string[], limit: number) {
    return db
      .selectFrom('events')
      .select(['id', 'workspace_id', 'type'])
      .where('id', '>', String(afterId))
      .where('type', 'in', [...types])
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  async newestEventId(db: Db) {
    return (
      await db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst()
    )?.max;
  },

  moveOutboxCursor(db: Db, lastEventId: number) {
    return db.updateTable('webhook_outbox_cursor').set({ last_event_id: lastEventId }).where('id', '=', 1).execute();
  },
};

/** pg-boss's `db` option over a Kysely handle (pool or transaction): its job inserts join that transaction. */
export function pgBossExecutor(db: Db): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}

/** One event to write: who did what to which object, in which workspace. */
export interface EventInput {
  workspaceId: string | null;
  actorUserId: string | null;
  type: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
}

/** The events table (audit log, live activity, webhook outbox all read it). */
export const eventsRepository = {
  /** One event; returns its id. */
  async insert(db: Db, input: EventInput): Promise<string> {
    const [id] = await eventsRepository.insertMany(db, [input]);
    return id!;
  },

  /** Several events in one statement, in the order given (ids ascending); returns their ids in that order. */
  async insertMany(db: Db, inputs: ReadonlyArray<EventInput>): Promise<string[]> {
    if (inputs.length === 0) return [];
    const { rows } = await eventsRepository.insertManyStatement(inputs).execute(db);
    return rows.map((r) => String(r.id)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  },

  /**
   * The statement insertMany runs (one JSON parameter, rows in the order given, RETURNING id), for a command that writes
   * its events inside a larger statement of its own (as a data-modifying WITH).
   */
  insertManyStatement(inputs: ReadonlyArray<EventInput>) {
    const rows = inputs.map((input) => ({
      workspace_id: input.workspaceId,
      actor_user_id: input.actorUserId,
      type: input.type,
      subject_type: input.subjectType ?? null,
      subject_id: input.subjectId ?? null,
      data: input.data ?? {},
    }));
    return sql<{ id: string }>`
      INSERT INTO events (workspace_id, actor_user_id, type, subject_type, subject_id, data)
      SELECT (e->>'workspace_id')::uuid, (e->>'actor_user_id')::uuid, e->>'type', e->>'subject_type', e->>'subject_id', e->'data'
        FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS x(e, n)
       ORDER BY n
      RETURNING id`;
  },

  /** The audit history of one object, newest first (at most 200). */
  listFor(db: Db, workspaceId: string, subjectType: string, subjectId: string) {
    return (
      db
        .selectFrom('events')
        .leftJoin('users', 'users.id', 'events.actor_user_id')
        .selectAll('events')
        // Who did it, by name: the history reads "Ana approved a post".
        .select('users.name as actor_name')
        .where('events.workspace_id', '=', workspaceId)
        .where('events.subject_type', '=', subjectType)
        .where('events.subject_id', '=', subjectId)
        .orderBy('events.id', 'desc')
        .limit(200)
        .execute()
    );
  },
};
