import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule, type ZodFastify } from '../../server/api.ts';
import { instant, listSchema, noContent } from '../../server/schemas.ts';
import { campaignTag } from '../../lib/text.ts';
import type { AppContext } from '../../server/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { isoInstantSchema } from '../../lib/timezones.ts';
import { KPI_NAMES, KPI_CATALOG } from '../analytics/kpis.ts';
import { createStrategyItem, deleteStrategyItem, updateStrategyItem } from './commands.ts';
import { strategyRepository, type StrategyRow, type StrategyTable } from './repository.ts';

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
    .array(
      z.object({
        weekday: z.number().int().min(1).max(7),
        fromHour: z.number().int().min(0).max(23),
        toHour: z.number().int().min(1).max(24),
      }),
    )
    .max(50)
    .optional(),
});
const pillarBody = z.object({
  name: nameField,
  description,
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
});
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
  subject: 'objective' | 'segment' | 'pillar' | 'campaign';
  label: string;
  body: B;
  /** The answer's shape (OpenAPI and the serializer). */
  schema: z.ZodObject;
  toRow(body: Partial<z.infer<B>>): Record<string, unknown>;
  present(row: StrategyRow): Record<string, unknown>;
  check?(ctx: AppContext, workspaceId: string, body: Partial<z.infer<B>>, existing?: StrategyRow): Promise<void>;
}

const uuid = z.string().uuid();
const common = { id: uuid, workspaceId: uuid, name: z.string(), description: z.string(), createdAt: instant, updatedAt: instant };
const objectiveSchema = z.object({
  ...common,
  kpi: z.string(),
  kpiLabel: z.object({ en: z.string().optional(), es: z.string().optional() }),
  target: z.number(),
  baseline: z.number(),
  startAt: instant,
  deadline: instant,
  channelIds: z.array(uuid),
  status: z.string(),
});
const segmentSchema = z.object({
  ...common,
  networks: z.array(z.string()),
  interests: z.array(z.string()),
  activeHours: z.array(z.object({ weekday: z.number(), fromHour: z.number(), toHour: z.number() })),
});
const pillarSchema = z.object({ ...common, color: z.string() });
const campaignSchema = z.object({
  ...common,
  slug: z.string(),
  objectiveId: uuid.nullable(),
  startAt: instant.nullable(),
  endAt: instant.nullable(),
  budget: z.number().nullable(),
});

const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
const defined = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));

const objectiveSpec: EntitySpec<typeof objectiveBody> = {
  table: 'objectives',
  path: 'objectives',
  subject: 'objective',
  label: 'Objective',
  body: objectiveBody,
  schema: objectiveSchema,
  toRow: (b) => ({
    name: b.name,
    description: b.description,
    kpi: b.kpi,
    target: b.target,
    baseline: b.baseline,
    start_at: b.startAt,
    deadline: b.deadline,
    channel_ids: json(b.channelIds),
  }),
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
    if (start && deadline && deadline <= start) throw badRequest('deadline_before_start', 'The deadline must be after the start');
    if (body.channelIds?.length) {
      const found = await strategyRepository.countChannelsInWorkspace(ctx.database.db, workspaceId, body.channelIds);
      if (found !== new Set(body.channelIds).size) throw badRequest('unknown_channel', 'Unknown channel in channelIds');
    }
  },
};
const segmentSpec: EntitySpec<typeof segmentBody> = {
  table: 'segments',
  path: 'segments',
  subject: 'segment',
  label: 'Segment',
  body: segmentBody,
  schema: segmentSchema,
  toRow: (b) => ({
    name: b.name,
    description: b.description,
    networks: json(b.networks),
    interests: json(b.interests),
    active_hours: json(b.activeHours),
  }),
  present: (r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    description: r.description,
    networks: r.networks,
    interests: r.interests,
    activeHours: r.active_hours,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }),
};
const pillarSpec: EntitySpec<typeof pillarBody> = {
  table: 'pillars',
  path: 'pillars',
  subject: 'pillar',
  label: 'Pillar',
  body: pillarBody,
  schema: pillarSchema,
  toRow: (b) => ({ name: b.name, description: b.description, color: b.color }),
  present: (r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    description: r.description,
    color: r.color,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }),
};
const campaignSpec: EntitySpec<typeof campaignBody> = {
  table: 'campaigns',
  path: 'campaigns',
  subject: 'campaign',
  label: 'Campaign',
  body: campaignBody,
  schema: campaignSchema,
  toRow: (b) => ({
    name: b.name,
    // The UTM tag is the name as typed (see campaignTag), not a lower-cased slug.
    slug: b.name === undefined ? undefined : campaignTag(b.name),
    description: b.description,
    objective_id: b.objectiveId,
    start_at: b.startAt,
    end_at: b.endAt,
    budget: b.budget,
  }),
  present: (r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    objectiveId: r.objective_id,
    startAt: r.start_at,
    endAt: r.end_at,
    budget: r.budget,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }),
  check: async (ctx, workspaceId, body) => {
    if (body.objectiveId) {
      if (!(await strategyRepository.objectiveExists(ctx.database.db, workspaceId, body.objectiveId)))
        throw badRequest('unknown_objective', 'Unknown objectiveId');
    }
  },
};

/** Registers list/create/get/update/delete for one strategy entity. */
function registerCrud<B extends z.ZodObject>(app: ZodFastify, ctx: AppContext, spec: EntitySpec<B>): void {
  const db = ctx.database.db;
  const itemParams = objectParams('itemId');
  const tags = ['strategy'];
  const present = (row: StrategyRow) => spec.present(row);
  // The answers are checked against the entity's schema at run time; statically they are loose rows.
  const schema: z.ZodType = spec.schema;
  const load = async (workspaceId: string, id: string): Promise<StrategyRow> => {
    const row = await strategyRepository.find(db, spec.table, workspaceId, id);
    if (!row) throw notFound(spec.label);
    return row;
  };

  app.get(
    `/workspaces/:workspaceId/${spec.path}`,
    {
      config: { access: 'read' },
      schema: { tags, summary: `List ${spec.path}`, params: workspaceParams, response: { 200: listSchema(schema) } },
    },
    async (request) => ({ items: (await strategyRepository.list(db, spec.table, request.params.workspaceId)).map(present) }),
  );

  app.post(
    `/workspaces/:workspaceId/${spec.path}`,
    {
      config: { access: 'workspace.manage' },
      schema: { tags, summary: `Create a ${spec.subject}`, params: workspaceParams, body: spec.body, response: { 201: schema } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const body = request.body as z.infer<B>;
      await spec.check?.(ctx, workspaceId, body);
      const row = await createStrategyItem(ctx, spec, { workspaceId, actorUserId: user.id, values: defined(spec.toRow(body)) });
      return reply.status(201).send(present(row));
    },
  );

  app.get(
    `/workspaces/:workspaceId/${spec.path}/:itemId`,
    { config: { access: 'read' }, schema: { tags, summary: `Get a ${spec.subject}`, params: itemParams, response: { 200: schema } } },
    async (request) => present(await load(request.params.workspaceId, request.params.itemId)),
  );

  app.patch(
    `/workspaces/:workspaceId/${spec.path}/:itemId`,
    {
      config: { access: 'workspace.manage' },
      schema: { tags, summary: `Update a ${spec.subject}`, params: itemParams, body: spec.body.partial(), response: { 200: schema } },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const existing = await load(workspaceId, request.params.itemId);
      const body = request.body as Partial<z.infer<B>>;
      await spec.check?.(ctx, workspaceId, body, existing);
      return present(await updateStrategyItem(ctx, spec, { existing, actorUserId: user.id, changes: defined(spec.toRow(body)) }));
    },
  );

  app.delete(
    `/workspaces/:workspaceId/${spec.path}/:itemId`,
    {
      config: { access: 'workspace.manage' },
      schema: { tags, summary: `Delete a ${spec.subject} (posts keep their history)`, params: itemParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteStrategyItem(ctx, spec, { workspaceId, actorUserId: user.id, id: request.params.itemId });
      return reply.status(204).send(null);
    },
  );
}

const kpiItemSchema = z.object({
  name: z.enum(KPI_NAMES),
  en: z.string(),
  es: z.string(),
  formula: z.string(),
  formulaEs: z.string(),
  unit: z.enum(['%', 'count', 'per_post', 'money']),
  higherIsBetter: z.boolean(),
});

/** Strategy: objectives (KPI, target, deadline, channels), segments, content pillars and campaigns. */
export const strategyRoutes: ApiModule = async (app, ctx) => {
  registerCrud(app, ctx, objectiveSpec);
  registerCrud(app, ctx, segmentSpec);
  registerCrud(app, ctx, pillarSpec);
  registerCrud(app, ctx, campaignSpec);
  app.get(
    '/kpis',
    {
      config: { access: 'user' },
      schema: {
        tags: ['strategy'],
        summary: 'The KPIs an objective can track, with their formulas (variant named)',
        response: { 200: listSchema(kpiItemSchema) },
      },
    },
    async () => ({ items: KPI_NAMES.map((name) => ({ name, ...KPI_CATALOG[name] })) }),
  );
};
