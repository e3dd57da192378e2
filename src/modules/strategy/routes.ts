import { z } from 'zod';
import type { Kysely } from 'kysely';
import { workspaceParams, type ApiModule } from '../../server/api.ts';
import { slugify } from '../../lib/text.ts';
import type { AppContext } from '../../server/context.ts';
import { requireRole } from '../../server/auth.ts';
import { badRequest, notFound, unauthorized } from '../../lib/errors.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { recordEvent } from '../events/events.ts';
import { KPI_NAMES, KPI_CATALOG } from '../analytics/kpis.ts';

type StrategyTable = 'objectives' | 'segments' | 'pillars' | 'campaigns';
type LooseRow = { id: string; workspace_id: string; created_at: Date; updated_at: Date } & Record<string, unknown>;
type LooseDb = Record<StrategyTable, LooseRow>;

const uuidList = z.array(z.string().uuid()).max(100);
const nameField = z.string().trim().min(1).max(160);
const description = z.string().max(4000).optional();

const objectiveBody = z.object({
  name: nameField,
  description,
  kpi: z.enum(KPI_NAMES),
  target: z.number().finite(),
  baseline: z.number().finite().optional(),
  startAt: isoInstantSchema,
  deadline: isoInstantSchema,
  channelIds: uuidList.optional(),
});
const segmentBody = z.object({
  name: nameField,
  description,
  networks: z.array(z.string().min(1).max(40)).max(20).optional(),
  interests: z.array(z.string().min(1).max(80)).max(50).optional(),
  activeHours: z
    .array(z.object({ weekday: z.number().int().min(1).max(7), fromHour: z.number().int().min(0).max(23), toHour: z.number().int().min(1).max(24) }))
    .max(50)
    .optional(),
});
const pillarBody = z.object({ name: nameField, description, color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional() });
const campaignBody = z.object({
  name: nameField,
  description,
  objectiveId: z.string().uuid().nullable().optional(),
  startAt: isoInstantSchema.nullable().optional(),
  endAt: isoInstantSchema.nullable().optional(),
  budget: z.number().finite().min(0).nullable().optional(),
});


interface EntitySpec<B extends z.ZodObject> {
  table: StrategyTable;
  path: string;
  subject: string;
  label: string;
  body: B;
  toRow(body: Partial<z.infer<B>>): Record<string, unknown>;
  present(row: LooseRow): Record<string, unknown>;
  check?(ctx: AppContext, workspaceId: string, body: Partial<z.infer<B>>, existing?: LooseRow): Promise<void>;
}

const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
const defined = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));

const objectiveSpec: EntitySpec<typeof objectiveBody> = {
  table: 'objectives',
  path: 'objectives',
  subject: 'objective',
  label: 'Objective',
  body: objectiveBody,
  toRow: (b) => ({ name: b.name, description: b.description, kpi: b.kpi, target: b.target, baseline: b.baseline, start_at: b.startAt, deadline: b.deadline, channel_ids: json(b.channelIds) }),
  present: (r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    description: r.description,
    kpi: r.kpi,
    kpiLabel: { en: KPI_CATALOG[r.kpi as keyof typeof KPI_CATALOG]?.en, es: KPI_CATALOG[r.kpi as keyof typeof KPI_CATALOG]?.es },
    target: r.target,
    baseline: r.baseline,
    startAt: r.start_at,
    deadline: r.deadline,
    channelIds: r.channel_ids,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }),
  check: async (ctx, workspaceId, body, existing) => {
    const start = body.startAt ?? (existing?.start_at as Date | undefined);
    const deadline = body.deadline ?? (existing?.deadline as Date | undefined);
    if (start && deadline && deadline <= start) throw badRequest('The deadline must be after the start');
    if (body.channelIds?.length) {
      const found = await ctx.database.db.selectFrom('channels').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', body.channelIds).execute();
      if (found.length !== new Set(body.channelIds).size) throw badRequest('Unknown channel in channelIds');
    }
  },
};
const segmentSpec: EntitySpec<typeof segmentBody> = {
  table: 'segments',
  path: 'segments',
  subject: 'segment',
  label: 'Segment',
  body: segmentBody,
  toRow: (b) => ({ name: b.name, description: b.description, networks: json(b.networks), interests: json(b.interests), active_hours: json(b.activeHours) }),
  present: (r) => ({ id: r.id, workspaceId: r.workspace_id, name: r.name, description: r.description, networks: r.networks, interests: r.interests, activeHours: r.active_hours, createdAt: r.created_at, updatedAt: r.updated_at }),
};
const pillarSpec: EntitySpec<typeof pillarBody> = {
  table: 'pillars',
  path: 'pillars',
  subject: 'pillar',
  label: 'Pillar',
  body: pillarBody,
  toRow: (b) => ({ name: b.name, description: b.description, color: b.color }),
  present: (r) => ({ id: r.id, workspaceId: r.workspace_id, name: r.name, description: r.description, color: r.color, createdAt: r.created_at, updatedAt: r.updated_at }),
};
const campaignSpec: EntitySpec<typeof campaignBody> = {
  table: 'campaigns',
  path: 'campaigns',
  subject: 'campaign',
  label: 'Campaign',
  body: campaignBody,
  toRow: (b) => ({ name: b.name, slug: b.name === undefined ? undefined : slugify(b.name), description: b.description, objective_id: b.objectiveId, start_at: b.startAt, end_at: b.endAt, budget: b.budget }),
  present: (r) => ({ id: r.id, workspaceId: r.workspace_id, name: r.name, slug: r.slug, description: r.description, objectiveId: r.objective_id, startAt: r.start_at, endAt: r.end_at, budget: r.budget, createdAt: r.created_at, updatedAt: r.updated_at }),
  check: async (ctx, workspaceId, body) => {
    if (body.objectiveId) {
      const found = await ctx.database.db.selectFrom('objectives').select('id').where('workspace_id', '=', workspaceId).where('id', '=', body.objectiveId).executeTakeFirst();
      if (!found) throw badRequest('Unknown objectiveId');
    }
  },
};

/** Registers list/create/get/update/delete for one strategy entity. */
function registerCrud<B extends z.ZodObject>(app: Parameters<ApiModule>[0], ctx: AppContext, spec: EntitySpec<B>): void {
  const db = ctx.database.db as unknown as Kysely<LooseDb>;
  const itemParams = workspaceParams.extend({ itemId: z.string().uuid() });
  const tags = ['strategy'];
  const load = async (workspaceId: string, id: string): Promise<LooseRow> => {
    const row = await db.selectFrom(spec.table).selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) throw notFound(spec.label);
    return row as LooseRow;
  };

  app.get(`/workspaces/:workspaceId/${spec.path}`, { schema: { tags, summary: `List ${spec.path}`, params: workspaceParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    const rows = await db.selectFrom(spec.table).selectAll().where('workspace_id', '=', request.params.workspaceId).orderBy('created_at').limit(1000).execute();
    return { items: (rows as LooseRow[]).map(spec.present) };
  });

  app.post(`/workspaces/:workspaceId/${spec.path}`, { schema: { tags, summary: `Create a ${spec.subject}`, params: workspaceParams, body: spec.body } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const body = request.body as z.infer<B>;
    await spec.check?.(ctx, request.params.workspaceId, body);
    const now = new Date(ctx.clock.now());
    const row = await db.transaction().execute(async (trx) => {
      const inserted = (await trx
        .insertInto(spec.table)
        .values(defined({ ...spec.toRow(body), workspace_id: request.params.workspaceId, created_at: now, updated_at: now }) as LooseRow)
        .returningAll()
        .executeTakeFirstOrThrow()) as LooseRow;
      await recordEvent(trx as never, { workspaceId: inserted.workspace_id, actorUserId: user.id, type: `${spec.subject}.created`, subjectType: spec.subject, subjectId: inserted.id, data: { name: inserted.name } });
      return inserted;
    });
    return reply.status(201).send(spec.present(row));
  });

  app.get(`/workspaces/:workspaceId/${spec.path}/:itemId`, { schema: { tags, summary: `Get a ${spec.subject}`, params: itemParams } }, async (request) => {
    await requireRole(ctx, request, request.params.workspaceId, 'read');
    return spec.present(await load(request.params.workspaceId, request.params.itemId));
  });

  app.patch(`/workspaces/:workspaceId/${spec.path}/:itemId`, { schema: { tags, summary: `Update a ${spec.subject}`, params: itemParams, body: spec.body.partial() } }, async (request) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const existing = await load(request.params.workspaceId, request.params.itemId);
    const body = request.body as Partial<z.infer<B>>;
    await spec.check?.(ctx, request.params.workspaceId, body, existing);
    const changes = defined(spec.toRow(body));
    const row = await db.transaction().execute(async (trx) => {
      const updated = (await trx
        .updateTable(spec.table)
        .set({ ...changes, updated_at: new Date(ctx.clock.now()) } as Partial<LooseRow>)
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow()) as LooseRow;
      await recordEvent(trx as never, { workspaceId: existing.workspace_id, actorUserId: user.id, type: `${spec.subject}.updated`, subjectType: spec.subject, subjectId: existing.id, data: { fields: Object.keys(changes) } });
      return updated;
    });
    return spec.present(row);
  });

  app.delete(`/workspaces/:workspaceId/${spec.path}/:itemId`, { schema: { tags, summary: `Delete a ${spec.subject} (posts keep their history)`, params: itemParams } }, async (request, reply) => {
    const { user } = await requireRole(ctx, request, request.params.workspaceId, 'workspace.manage');
    const existing = await load(request.params.workspaceId, request.params.itemId);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom(spec.table).where('id', '=', existing.id).execute();
      await recordEvent(trx as never, { workspaceId: existing.workspace_id, actorUserId: user.id, type: `${spec.subject}.deleted`, subjectType: spec.subject, subjectId: existing.id, data: { name: existing.name } });
    });
    return reply.status(204).send();
  });
}

/** Strategy: objectives (KPI, target, deadline, channels), segments, content pillars and campaigns. */
export const strategyRoutes: ApiModule = async (app, ctx) => {
  registerCrud(app, ctx, objectiveSpec);
  registerCrud(app, ctx, segmentSpec);
  registerCrud(app, ctx, pillarSpec);
  registerCrud(app, ctx, campaignSpec);
  app.get('/kpis', { schema: { tags: ['strategy'], summary: 'The KPIs an objective can track, with their formulas (variant named)' } }, async (request) => {
    if (!request.user) throw unauthorized();
    return { items: KPI_NAMES.map((name) => ({ name, ...KPI_CATALOG[name] })) };
  });
};
