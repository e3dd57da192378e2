/**
 * Rules a listening source's config meets before it is stored (the same on create and on edit),
 * beyond the shape each kind declares in its definition (sources/registry.ts): URLs that may not
 * point inside the network, and secrets stored sealed.
 */
import net from 'node:net';
import { assertFetchableUrl, isPrivateAddress, UnsafeUrlError } from '../../lib/safe-fetch.ts';

/** Secrets in a source's config (a Mastodon access token) are stored sealed, never in clear. */
export function sealSourceSecrets(
  ctx: { secrets: { seal(value: unknown): string } },
  config: Record<string, unknown>,
): Record<string, unknown> {
  const { accessToken, ...rest } = config;
  return typeof accessToken === 'string' && accessToken ? { ...rest, accessTokenSealed: ctx.secrets.seal(accessToken) } : rest;
}

/**
 * Why a source URL is refused when saved, or null: http(s) only (ws(s) too for streams), no
 * credentials, and no loopback or private address unless PLAZA_ALLOW_PRIVATE_URLS. Host names
 * are resolved when the source connects (safeFetch, assertPublicStreamUrl), which also stops DNS rebinding.
 */
export function sourceUrlProblem(raw: string, stream: boolean, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = assertFetchableUrl(stream ? raw.replace(/^ws(s?):/i, 'http$1:') : raw);
  } catch (error) {
    return error instanceof UnsafeUrlError ? error.message : 'Not a valid URL';
  }
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is a loopback address`;
  if (net.isIP(host) && isPrivateAddress(host)) return `${host} is a private address`;
  return null;
}
