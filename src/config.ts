import path from 'node:path';
import { z } from 'zod';
import { parseNetworkOrigins } from './networks/endpoints.ts';
import { parseTrustProxy, type TrustProxySetting } from './lib/trust-proxy.ts';

/** Services one process can run; `plaza start` runs all of them by default. */
export const SERVICE_NAMES = ['web', 'worker', 'scheduler', 'listener'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(3000),
    host: z.string().default('0.0.0.0'),
    dataDir: z.string().default('./data'),
    databaseUrl: z.string().url().optional(),
    /** Master secret for credential encryption; generated into the data dir when absent. */
    secret: z.string().min(32, 'PLAZA_SECRET must be at least 32 characters').optional(),
    /** Where the generated key is kept when PLAZA_SECRET is not set (default `<dataDir>/secret.key`). */
    secretFile: z.string().min(1).optional(),
    /** Public URL used in links (short links, iCal feeds, webhooks). */
    publicUrl: z.string().url().optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Allow fetching private/loopback URLs (feeds, webhooks). Admin-only switch. */
    allowPrivateUrls: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    secureCookies: z.enum(['true', 'false', '1', '0', 'auto']).default('auto'),
    /** Which reverse proxies' X-Forwarded-* headers to believe (TRUST_PROXY): none unless configured. */
    trustProxy: z
      .string()
      .optional()
      .transform((raw, zctx): TrustProxySetting => {
        const parsed = parseTrustProxy(raw);
        if ('error' in parsed) {
          zctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
          return z.NEVER;
        }
        return parsed.value;
      }),
    /** Instance mail server for invitations and password resets, e.g. smtps://user:pass@mail.example.com:465. */
    smtpUrl: z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//i.test(v), 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
    /** Sender of those e-mails, e.g. "Plaza <plaza@example.com>". */
    mailFrom: z.string().trim().min(3).max(255).optional(),
    /** Largest file a resumable upload may carry, in MB (MEDIA_MAX_UPLOAD_MB; videos). */
    maxUploadMb: z.coerce.number().int().min(1).max(2047).default(1024),
    /**
     * PLAZA_NETWORK_ORIGINS ("facebook=http://127.0.0.1:4100,x=…"): send a network's calls to another origin
     * (local contract servers, proxies); see networks/endpoints.ts. Empty: the official hosts.
     */
    networkOrigins: z
      .string()
      .optional()
      .transform((raw, zctx): Record<string, string> => {
        try {
          return parseNetworkOrigins(raw);
        } catch {
          zctx.addIssue({ code: z.ZodIssueCode.custom, message: 'PLAZA_NETWORK_ORIGINS must be name=origin pairs separated by commas' });
          return z.NEVER;
        }
      }),
    /** PLAZA_<NETWORK>_CLIENT_ID / _CLIENT_SECRET: each network's developer app, by network name. */
    networkApps: z.record(z.string(), z.object({ clientId: z.string().min(1), clientSecret: z.string().optional() })).default({}),
  })
  .superRefine((c, issues) => {
    // Links in e-mails are built from PUBLIC_URL, never from a request's Host header (which a caller chooses).
    if (c.smtpUrl && !c.mailFrom)
      issues.addIssue({ code: 'custom', path: ['mailFrom'], message: 'MAIL_FROM is required when SMTP_URL is set' });
    if (c.smtpUrl && !c.publicUrl)
      issues.addIssue({ code: 'custom', path: ['publicUrl'], message: 'PUBLIC_URL is required when SMTP_URL is set (links in e-mails)' });
  });

export type PlazaConfig = z.infer<typeof configSchema> & { dataDir: string };

/**
 * Reads and validates configuration from the environment. A bad setting stops
 * the program with every problem listed, not just the first.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<string, unknown>> = {}): PlazaConfig {
  const raw = {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL || undefined,
    secret: env.PLAZA_SECRET || undefined,
    secretFile: env.PLAZA_SECRET_FILE || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL,
    allowPrivateUrls: env.PLAZA_ALLOW_PRIVATE_URLS,
    secureCookies: env.PLAZA_SECURE_COOKIES,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    trustProxy: env.TRUST_PROXY,
    maxUploadMb: env.MEDIA_MAX_UPLOAD_MB || undefined,
    networkOrigins: env.PLAZA_NETWORK_ORIGINS || undefined,
    networkApps: networkAppsFrom(env),
    ...overrides,
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || 'config'}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}

/**
 * Developer apps given by environment: PLAZA_<NETWORK>_CLIENT_ID (and _CLIENT_SECRET), e.g.
 * PLAZA_FACEBOOK_CLIENT_ID. The network name is the variable's middle part in lower case, with
 * `_` for `-` (PLAZA_GOOGLE_BUSINESS_CLIENT_ID is google-business).
 */
function networkAppsFrom(env: NodeJS.ProcessEnv): Record<string, { clientId: string; clientSecret?: string }> {
  const apps: Record<string, { clientId: string; clientSecret?: string }> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^PLAZA_([A-Z0-9_]+)_CLIENT_ID$/.exec(key);
    if (!match || !value) continue;
    const secret = env[`PLAZA_${match[1]}_CLIENT_SECRET`];
    apps[match[1].toLowerCase().replace(/_/g, '-')] = { clientId: value, ...(secret && { clientSecret: secret }) };
  }
  return apps;
}

/** Raised when the environment holds invalid settings. */
export class ConfigError extends Error {}

/** The only settings that may reach the browser. */
export function publicConfig(config: PlazaConfig): { publicUrl: string | null } {
  return { publicUrl: config.publicUrl ?? null };
}
