/**
 * Meta webhooks (Facebook Pages, Instagram and Threads), shared by their inboxes:
 * - the signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>` keyed with the
 *   app secret, which the channel's push secret therefore is (set when the push address is made);
 * - the subscription check: a GET with `hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`,
 *   answered with the challenge when the token is the channel's (`pushVerifyToken`);
 * - the body: `{ object, entry: [{ id, time, changes: [{ field, value }], messaging: [...] }] }`,
 *   read with zod; anything else is `invalid_push`. Threads' webhooks have their own envelope
 *   (`{ app_id, topic, target_id, time, subscription_id, values: { field, value } }`, no `object`):
 *   `parseThreadsWebhook`, with the same signature and subscription check.
 * Meta sends one app's webhooks to one address, so a channel's push only takes the entries of its
 * own Page or Instagram account (`entry.id`); polling reads the others' channels.
 */
import { z } from 'zod';
import { answerHubChallenge, type PushHeaders, verifyHmacHeader } from '../push-signature.ts';
import { NetworkError } from '../types.ts';

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

export function verifyMetaPush(input: { headers: PushHeaders; rawBody: Uint8Array; secret: string }): boolean {
  return verifyHmacHeader(input.headers, META_SIGNATURE_HEADER, input.rawBody, input.secret);
}

export function answerMetaChallenge(query: Record<string, unknown>, secret: string): string | null {
  return answerHubChallenge(query, secret);
}

const id = z.union([z.string(), z.number()]).transform(String);

const messagingSchema = z.object({
  sender: z.object({ id }),
  recipient: z.object({ id }),
  timestamp: z.number(),
  message: z
    .object({
      mid: z.string().max(500),
      text: z.string().max(100_000).optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
    })
    .optional(),
});

const webhookSchema = z.object({
  object: z.string(),
  entry: z
    .array(
      z.object({
        id,
        time: z.number().optional(),
        changes: z.array(z.object({ field: z.string(), value: z.record(z.string(), z.unknown()) })).optional(),
        messaging: z.array(messagingSchema).optional(),
      }),
    )
    .max(1000),
});

export type MetaWebhook = z.infer<typeof webhookSchema>;
export type MetaMessagingEvent = z.infer<typeof messagingSchema>;

/** The webhook body for `object` ('page' or 'instagram'), or `invalid_push`. */
export function parseMetaWebhook(body: unknown, object: 'page' | 'instagram'): MetaWebhook {
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success || parsed.data.object !== object)
    throw new NetworkError('permanent', 'invalid_push', `The push is not a Meta "${object}" webhook`);
  return parsed.data;
}

/** Graph's `created_time` (ISO with +0000, or Unix seconds in webhooks) as ISO 8601. */
export function metaTime(value: unknown, fallback: number): string {
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  if (typeof value === 'string') {
    const parsed = Date.parse(value.replace(/\+0000$/, 'Z'));
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  return new Date(fallback).toISOString();
}

const threadsChangeSchema = z.object({ field: z.string().max(100), value: z.record(z.string(), z.unknown()) });

const threadsWebhookSchema = z.object({
  app_id: id,
  topic: z.string().max(100),
  target_id: id.optional(),
  time: z.number().optional(),
  subscription_id: id.optional(),
  has_uid_field: z.boolean().optional(),
  // The docs show one `{ field, value }`; a list of them is read too.
  values: z.union([threadsChangeSchema, z.array(threadsChangeSchema).min(1).max(1000)]),
});

/** One change of a Threads webhook: its field (`replies`, `mentions`, `publish`, `delete`) and value. */
export type ThreadsWebhookChange = z.infer<typeof threadsChangeSchema>;

/**
 * A Threads webhook body (developers.facebook.com/docs/threads/webhooks) as its changes, with the
 * envelope's `target_id`; anything else is `invalid_push`.
 */
export function parseThreadsWebhook(body: unknown): { topic: string; targetId: string | null; changes: ThreadsWebhookChange[] } {
  const parsed = threadsWebhookSchema.safeParse(body);
  if (!parsed.success) throw new NetworkError('permanent', 'invalid_push', 'The push is not a Threads webhook');
  const { topic, target_id, values } = parsed.data;
  return { topic, targetId: target_id ?? null, changes: Array.isArray(values) ? values : [values] };
}
