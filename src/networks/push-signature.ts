/**
 * Checking a network's push (webhook) signature: an HMAC-SHA256 of the raw body with the channel's
 * push secret, sent hex-encoded in a header, compared in constant time. Meta's
 * `X-Hub-Signature-256: sha256=<hex>` has this shape; the sandbox uses it too.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Request headers as Node gives them (lower-case names). */
export type PushHeaders = Record<string, string | string[] | undefined>;

/** The hex HMAC-SHA256 of `rawBody` with `secret`, prefixed as a header carries it. */
export function signPushBody(rawBody: Uint8Array, secret: string, prefix = 'sha256='): string {
  return `${prefix}${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** True when `header` carries the HMAC-SHA256 of the raw body with `secret` (constant-time). */
export function verifyHmacHeader(headers: PushHeaders, header: string, rawBody: Uint8Array, secret: string, prefix = 'sha256='): boolean {
  const raw = headers[header.toLowerCase()];
  const presented = Array.isArray(raw) ? raw[0] : raw;
  if (!presented?.startsWith(prefix)) return false;
  const expected = Buffer.from(signPushBody(rawBody, secret, prefix));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
