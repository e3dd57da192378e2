import type { Role } from '../../db/schema.ts';
import { can } from '../../server/permissions.ts';

/** Keys whose values are secrets wherever they appear in event data. */
const SECRET_KEY = /(secret|password|passwd|token|credential|authorization|api_?key|private_?key|signing)/i;
/** Keys that hold a URL (a webhook's URL can carry its own credentials). */
const URL_KEY = /(^|_)url$|Url$/;

/**
 * Event data as a member of `role` may see it: for roles without the webhook
 * permission, webhook events lose their URLs and every event loses secret-like
 * fields (values become null, the keys stay so the shape does not change).
 */
export function redactEventData(
  type: string,
  subjectType: string | null,
  data: Record<string, unknown>,
  role: Role,
): Record<string, unknown> {
  if (can(role, 'webhook.manage')) return data;
  const isWebhook = subjectType === 'webhook' || type.startsWith('webhook.');
  return redactValue(data, isWebhook) as Record<string, unknown>;
}

function redactValue(value: unknown, isWebhook: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, isWebhook));
  if (value === null || typeof value !== 'object')
    return isWebhook && typeof value === 'string' && /^https?:\/\//i.test(value) ? null : value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) || (isWebhook && URL_KEY.test(key)) ? null : redactValue(inner, isWebhook);
  }
  return out;
}

/** Event data as read from either engine (jsonb may come back as an object or as text). */
export function parseEventData(data: unknown): Record<string, unknown> {
  if (typeof data === 'string') {
    try {
      return JSON.parse(data) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}
