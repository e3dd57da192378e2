/**
 * How the API shows what a network can publish (its adapter's `capabilities`), for the networks
 * and channels answers the composer reads, with the reason media-by-URL networks cannot fetch
 * media from this install (PUBLIC_URL missing or not public), when that is so.
 */
import { z } from 'zod';
import type { PlazaConfig } from '../../config.ts';
import { CHAR_COUNTINGS, POST_TYPES, type NetworkAdapter } from '../../networks/types.ts';
import { mediaByUrlProblem } from '../media/signed-urls.ts';

const label = z.object({ en: z.string(), es: z.string() });

export const networkCapabilitiesSchema = z.object({
  postTypes: z.array(z.enum(POST_TYPES)),
  maxCarouselItems: z.number().int(),
  firstComment: z.boolean(),
  video: z
    .object({
      maxBytes: z.number(),
      minDurationSeconds: z.number(),
      maxDurationSeconds: z.number(),
      minAspectRatio: z.number(),
      maxAspectRatio: z.number(),
      containers: z.array(z.string()),
      codecs: z.array(z.string()),
    })
    .optional(),
  maxDocumentBytes: z.number().optional(),
  mediaByUrl: z.boolean(),
  charCounting: z.enum(CHAR_COUNTINGS),
  options: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['select', 'boolean', 'text']),
      values: z.array(z.string()).optional(),
      default: z.union([z.string(), z.boolean()]).optional(),
      label,
      valueLabels: z.record(z.string(), label).optional(),
      postTypes: z.array(z.enum(POST_TYPES)).optional(),
      choicesFromAccount: z.boolean().optional(),
    }),
  ),
});

/** Why a media-by-URL network cannot fetch this install's media: a code the web app words, and English. */
export const mediaByUrlProblemSchema = z.object({ code: z.enum(['public_url_missing', 'public_url_not_public']), message: z.string() });

/** The capabilities fields of a network or channel answer. */
export function presentCapabilities(config: Pick<PlazaConfig, 'publicUrl'>, adapter: NetworkAdapter | null) {
  const capabilities = adapter?.capabilities ?? null;
  return {
    capabilities,
    mediaByUrlProblem: capabilities?.mediaByUrl ? mediaByUrlProblem(config) : null,
  };
}
