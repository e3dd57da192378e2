import { z } from 'zod';
import type { ApiModule } from '../../server/api.ts';
import { mentionNetworks, sourceKindForms } from './sources/registry.ts';

const bilingual = z.object({ en: z.string(), es: z.string() });

/** One field of a source kind's form (sources/types.ts SourceFormField). */
const sourceFormFieldSchema = z.object({
  name: z.string(),
  input: z.enum(['url', 'text', 'secret', 'number', 'select', 'channel']),
  required: z.boolean(),
  label: bilingual,
  help: bilingual.optional(),
  default: z.union([z.string(), z.number()]).optional(),
  options: z.array(z.object({ value: z.string(), label: bilingual })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  when: z.object({ field: z.string(), equals: z.array(z.string()) }).optional(),
  stripPrefix: z.string().optional(),
  /** For a channel field: the networks whose channels it accepts. */
  networks: z.array(z.string()).optional(),
});

const sourceKindSchema = z.object({
  kind: z.string(),
  /** The network it reads, or null for generic sources (feeds, a channel's mentions). */
  network: z.string().nullable(),
  label: bilingual,
  fields: z.array(sourceFormFieldSchema),
  /** Settings that pick the stream: changing one starts the source from scratch. */
  targetKeys: z.array(z.string()),
  /** The setting holding the address the source reads, or null. */
  urlField: z.string().nullable(),
});

/** The kinds of listening source and their settings forms, declared by each network (and the generic sources). */
export const sourceKindRoutes: ApiModule = async (app, ctx) => {
  app.get(
    '/listening/source-kinds',
    {
      config: { access: 'user' },
      schema: {
        tags: ['listening'],
        summary: 'Kinds of listening source with the fields of their settings form',
        response: { 200: z.object({ items: z.array(sourceKindSchema) }) },
      },
    },
    async () => ({ items: sourceKindForms(mentionNetworks(ctx)) }),
  );
};
