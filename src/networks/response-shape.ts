/**
 * Checks that a network's answer has the documented shape before Plaza trusts it: a server
 * that answers `ok` (or anything else) where an account is expected is not a network.
 */
import { z } from 'zod';
import { NetworkError } from './types.ts';

/** Parses `body` with `schema`, or throws a permanent NetworkError `unexpected_response` (no body echoed). */
export function parseNetworkAnswer<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(body)');
  throw new NetworkError('permanent', 'unexpected_response', `Unexpected answer to ${what}`, { body: { invalidFields: paths } });
}

/** Mastodon Account entity, as answered by GET /api/v1/accounts/verify_credentials (the fields Plaza reads). */
export const mastodonAccountShape = z
  .object({
    id: z.string().min(1),
    username: z.string().min(1),
    acct: z.string().min(1),
    display_name: z.string().optional().nullable(),
    followers_count: z.number().int().nonnegative().optional(),
  })
  .passthrough();

/** The sandbox's account view (GET /api/accounts/:handle). */
export const sandboxAccountShape = z.object({
  id: z.string().min(1),
  handle: z.string().min(1),
  displayName: z.string(),
  followers: z.number().int().nonnegative(),
});

/** com.atproto.server.getSession / createSession: at least a DID and a handle. */
export const blueskySessionShape = z
  .object({
    did: z.string().regex(/^did:[a-z]+:\S+$/),
    handle: z.string().min(1),
  })
  .passthrough();
