/**
 * Signed, expiring media URLs for networks that fetch media by URL (Instagram, Threads:
 * `capabilities.mediaByUrl`). A token is `<payload>.<signature>`: the payload names the media
 * item and when the link stops working; the signature is an HMAC under a key derived from the
 * install's secret (SecretBox.sign), so only this install can mint one and nobody can stretch
 * its expiry. Served at `<PUBLIC_URL>/media/signed/<token>` without a session.
 */
import type { PlazaConfig } from '../../config.ts';
import type { SecretBox } from '../../lib/crypto.ts';
import { isPrivateAddress } from '../../lib/safe-fetch.ts';

/** How long a signed media URL works: long enough for a network's container to fetch it, with retries. */
export const SIGNED_MEDIA_TTL_MS = 6 * 60 * 60_000;
const PURPOSE = 'media-url';

/** Why networks that fetch media by URL cannot reach this install's media (null: they can). */
export interface MediaByUrlProblem {
  code: 'public_url_missing' | 'public_url_not_public';
  message: string;
}

/**
 * Whether PUBLIC_URL lets a network on the internet fetch media from this install: missing,
 * or naming a loopback, private or local-only host (localhost, *.local, *.internal, 10.x…),
 * is a problem the channels page and the composer show.
 */
export function mediaByUrlProblem(config: Pick<PlazaConfig, 'publicUrl'>): MediaByUrlProblem | null {
  if (!config.publicUrl)
    return {
      code: 'public_url_missing',
      message: 'PUBLIC_URL is not set: this network fetches media from a public address, so posts with media cannot be published',
    };
  const host = new URL(config.publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const localName = host === 'localhost' || /\.(localhost|local|internal|lan|home|test|invalid)$/.test(host) || !host.includes('.');
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  if (localName || (isIp && isPrivateAddress(host)))
    return {
      code: 'public_url_not_public',
      message: `PUBLIC_URL (${config.publicUrl}) is not reachable from the internet: this network cannot fetch media from it`,
    };
  return null;
}

/** A signed URL of `mediaId` under PUBLIC_URL, valid until `expiresAtMs`; null when PUBLIC_URL is not set. */
export function signedMediaUrl(
  config: Pick<PlazaConfig, 'publicUrl'>,
  secrets: Pick<SecretBox, 'sign'>,
  mediaId: string,
  expiresAtMs: number,
): string | null {
  if (!config.publicUrl) return null;
  const payload = encodePayload(mediaId, Math.floor(expiresAtMs / 1000));
  const token = `${payload}.${signatureOf(secrets, payload)}`;
  return `${config.publicUrl.replace(/\/+$/, '')}/media/signed/${token}`;
}

/** The media id a token grants, or null when it is forged, garbled or expired at `nowMs`. */
export function verifyMediaToken(secrets: Pick<SecretBox, 'sign'>, token: string, nowMs: number): string | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = signatureOf(secrets, payload);
  if (expected.length !== signature.length || !timingSafeEqualText(expected, signature)) return null;
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== 20) return null;
  if (bytes.readUInt32BE(16) * 1000 < nowMs) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The token's payload, kept short (URL path segments are limited): the media id's 16 bytes and
 * the expiry in seconds (4 bytes), base64url.
 */
function encodePayload(mediaId: string, expiresAtSeconds: number): string {
  const bytes = Buffer.alloc(20);
  Buffer.from(mediaId.replace(/-/g, ''), 'hex').copy(bytes, 0);
  bytes.writeUInt32BE(Math.max(0, Math.min(0xffffffff, expiresAtSeconds)), 16);
  return bytes.toString('base64url');
}

/** The HMAC of a payload, cut to 128 bits (22 characters). */
function signatureOf(secrets: Pick<SecretBox, 'sign'>, payload: string): string {
  return secrets.sign(PURPOSE, payload).slice(0, 22);
}

/** Compares two strings of equal length without an early exit. */
function timingSafeEqualText(a: string, b: string): boolean {
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
