import { z } from 'zod';

const labelSchema = z.object({ en: z.string(), es: z.string() });

/** A network's app as the API shows it: never the secret. */
export const integrationSchema = z.object({
  network: z.string(),
  label: labelSchema,
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
  /** Where the app comes from: Settings → Integrations, PLAZA_<NETWORK>_CLIENT_ID, or nowhere yet. */
  source: z.enum(['settings', 'environment']).nullable(),
  /** The exact callback URL to register with the network. */
  redirectUrl: z.string(),
  /**
   * Other networks that sign in with this app (Instagram via a Facebook Page uses the Facebook app):
   * their callback URLs must be registered with this app too.
   */
  alsoUsedBy: z.array(z.object({ network: z.string(), label: labelSchema, way: labelSchema, redirectUrl: z.string() })),
  /** PUBLIC_URL is unset: the redirect URL points at this machine and no network will reach it. */
  publicUrlMissing: z.boolean(),
  /** The network refused these credentials at the last sign-in (oauth_invalid_client). */
  lastErrorCode: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
});

export const integrationBodySchema = z.object({
  clientId: z.string().trim().min(1).max(500),
  /** New secret; null removes it; absent keeps the saved one. */
  clientSecret: z.string().trim().min(1).max(2000).nullable().optional(),
});
