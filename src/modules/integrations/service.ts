/**
 * The install's developer app per network, as the sign-in flow needs it: from Settings →
 * Integrations (sealed in the database) or, when none is saved, from PLAZA_<NETWORK>_CLIENT_ID /
 * _CLIENT_SECRET. The secret never leaves this module except to the token endpoint.
 */
import type { AppContext } from '../../server/context.ts';
import type { OAuthAppCredentials } from '../../networks/oauth.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import { integrationsRepository } from './repository.ts';

/** The callback URL to register with the network's developer app. */
export function redirectUrlFor(ctx: AppContext, network: string): string {
  return `${baseUrl(ctx)}/api/v1/oauth/${encodeURIComponent(network)}/callback`;
}

/** PUBLIC_URL, or (with a warning shown to the owner) the local address Plaza listens on. */
export function baseUrl(ctx: AppContext): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl.replace(/\/$/, '');
  const host = ctx.config.host === '0.0.0.0' || ctx.config.host === '::' ? 'localhost' : ctx.config.host;
  return `http://${host}:${ctx.config.port}`;
}

/** Networks that connect by signing in with a developer app of the install (not per server). */
export function oauthNetworks(ctx: AppContext) {
  return ctx.networks.list().filter((adapter) => adapter.oauth && !adapter.oauth.registerApp);
}

/** What the API shows of a network's app: never the secret. */
export async function describeIntegrations(ctx: AppContext) {
  const saved = await integrationsRepository.list(ctx.database.db);
  return oauthNetworks(ctx).map((adapter) => {
    const row = saved.find((r) => r.network === adapter.name);
    const env = ctx.config.networkApps[adapter.name];
    return {
      network: adapter.name,
      label: adapter.label,
      clientId: row?.client_id ?? env?.clientId ?? null,
      hasSecret: row ? row.client_secret_sealed !== null : Boolean(env?.clientSecret),
      source: row ? ('settings' as const) : env ? ('environment' as const) : null,
      redirectUrl: redirectUrlFor(ctx, adapter.name),
      alsoUsedBy: ctx.networks
        .list()
        .flatMap((other) =>
          (other.oauthWays ?? [])
            .filter((way) => way.appNetwork === adapter.name)
            .map((way) => ({ network: other.name, label: other.label, way: way.label, redirectUrl: redirectUrlFor(ctx, other.name) })),
        ),
      publicUrlMissing: !ctx.config.publicUrl,
      lastErrorCode: row?.last_error_code ?? null,
      lastErrorAt: row?.last_error_at ? new Date(row.last_error_at).toISOString() : null,
    };
  });
}

/** The app credentials for a network's sign-in; 400 `integration_missing` when none is set up. */
export async function resolveApp(ctx: AppContext, network: string): Promise<OAuthAppCredentials & { source: 'settings' | 'environment' }> {
  const row = await integrationsRepository.find(ctx.database.db, network);
  if (row) {
    const clientSecret = row.client_secret_sealed ? ctx.secrets.open<string>(row.client_secret_sealed) : undefined;
    return { clientId: row.client_id, ...(clientSecret && { clientSecret }), source: 'settings' };
  }
  const env = ctx.config.networkApps[network];
  if (env) return { ...env, source: 'environment' };
  throw badRequest('integration_missing', `No app is set up for ${network}: enter its client ID and secret in Settings → Integrations`, {
    network,
  });
}

/** The network refused the app's credentials (invalid_client): say so on Settings → Integrations. */
export async function recordAppRefused(ctx: AppContext, network: string): Promise<void> {
  await integrationsRepository.markRefused(ctx.database.db, network, 'oauth_invalid_client', new Date(ctx.clock.now()));
}

/**
 * The app Plaza registered on a federated server (Mastodon), registering it the first time; cached
 * sealed per server and redirect URL.
 */
export async function instanceApp(
  ctx: AppContext,
  network: string,
  instanceUrl: string,
  register: (redirectUrl: string) => Promise<OAuthAppCredentials>,
): Promise<OAuthAppCredentials> {
  const redirectUrl = redirectUrlFor(ctx, network);
  const cached = await integrationsRepository.findInstanceApp(ctx.database.db, network, instanceUrl, redirectUrl);
  if (cached) return ctx.secrets.open<OAuthAppCredentials>(cached.app_sealed);
  let app: OAuthAppCredentials;
  try {
    app = await register(redirectUrl);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw badRequest('oauth_app_registration_failed', `Could not register Plaza on ${instanceUrl}: ${(error as Error).message}`, {
      network,
    });
  }
  await integrationsRepository.saveInstanceApp(ctx.database.db, { network, instanceUrl, redirectUrl, appSealed: ctx.secrets.seal(app) });
  return app;
}

/** Forgets a server's registered app (the server refused it: it will be registered again). */
export async function forgetInstanceApp(ctx: AppContext, network: string, instanceUrl: string): Promise<void> {
  await integrationsRepository.forgetInstanceApp(ctx.database.db, network, instanceUrl);
}
