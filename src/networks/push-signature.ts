/**
 * Checking a network's push (webhook) signature: an HMAC-SHA256 of the raw body with the channel's
 * push secret, sent hex-encoded in a header, compared in constant time. Meta's
 * `X-Hub-Signature-256: sha256=<hex>` has this shape; the sandbox uses it too. Networks that sign
 * nothing but send back a secret Plaza gave them (Telegram's `X-Telegram-Bot-Api-Secret-Token`)
 * use `verifySecretHeader`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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

/**
 * True when `header` carries exactly `secret` (the push secret Plaza registered with the network),
 * compared in constant time: both sides are hashed first, so neither the secret's length nor a
 * common prefix shows in the time taken.
 */
export function verifySecretHeader(headers: PushHeaders, header: string, secret: string): boolean {
  const raw = headers[header.toLowerCase()];
  const presented = Array.isArray(raw) ? raw[0] : raw;
  if (typeof presented !== 'string' || presented === '' || secret === '') return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(secret));
}

/**
 * The verify token a channel's push address answers a subscription check with (Meta's
 * `hub.verify_token`): derived from the channel's push secret, so it needs no storage of its own
 * and changes when the secret does; never the secret itself (it travels in a URL).
 */
export function pushVerifyToken(secret: string): string {
  return createHmac('sha256', secret).update('plaza-push-verify-token').digest('hex').slice(0, 32);
}

/**
 * A WebSub-style subscription check (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`, as
 * Meta's webhooks send it): the challenge to echo when the token is this secret's, else null.
 */
export function answerHubChallenge(query: Record<string, unknown>, secret: string): string | null {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return null;
  if (challenge === '' || challenge.length > 200) return null;
  const expected = Buffer.from(pushVerifyToken(secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected) ? challenge : null;
}
