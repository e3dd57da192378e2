import { z } from 'zod';

export const startBodySchema = z.object({
  /** Federated networks (Mastodon): the user's server, e.g. https://mastodon.social. */
  instanceUrl: z.string().trim().max(300).optional(),
  /** Reconnect this channel (the picker then updates it instead of adding one). */
  channelId: z.string().uuid().optional(),
  /** Another way to sign in that the network offers (GET /networks `signInWays`, e.g. Instagram 'facebook'); absent: its own login. */
  way: z
    .string()
    .max(40)
    .regex(/^[a-z0-9-]+$/)
    .optional(),
});

export const startSchema = z.object({
  /** Open this in the browser: the network's sign-in page. */
  authorizeUrl: z.string(),
  /** The callback URL the network sends the browser back to (registered with the app). */
  redirectUrl: z.string(),
  expiresAt: z.string(),
});

export const callbackQuerySchema = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

export const pickerSchema = z.object({
  network: z.string(),
  reconnectChannelId: z.string().nullable(),
  expiresAt: z.string(),
  accounts: z.array(
    z.object({
      remoteId: z.string(),
      kind: z.enum(['account', 'profile', 'page', 'instagram', 'organization', 'board', 'channel', 'location']),
      name: z.string(),
      handle: z.string().nullable(),
      avatarUrl: z.string().nullable(),
      /** Already a channel of this workspace: choosing it reconnects that channel. */
      channelId: z.string().nullable(),
    }),
  ),
});

export const pickBodySchema = z.object({ remoteIds: z.array(z.string().min(1).max(300)).min(1).max(100) });
