/**
 * A real OAuth 2.0 / OpenID Connect authorization server for tests (`oidc-provider`, in process on
 * 127.0.0.1): authorization code with PKCE S256 required, a confidential client, refresh-token
 * rotation, revocation and introspection. Login and consent finish on their own (no browser forms),
 * so a test plays the browser by following redirects with a cookie jar (`followToCallback`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface AuthServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Raw provider (tests reach its stores: AccessToken.find, etc.). */
  provider: any;
  /** When set, the next sign-ins end with this error instead of a code (`access_denied`). */
  denyWith: string | null;
  close(): Promise<void>;
}

export async function startAuthServer(options: {
  redirectUri: string;
  clientId?: string;
  clientSecret?: string;
  accountId?: string;
  accessTokenTtl?: number;
}): Promise<AuthServer> {
  const clientId = options.clientId ?? 'plaza-test-app';
  const clientSecret = options.clientSecret ?? 'plaza-test-secret';
  const accountId = options.accountId ?? 'user-1';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true, methods: ['S256'] },
    rotateRefreshToken: true,
    features: { devInteractions: { enabled: false }, revocation: { enabled: true }, introspection: { enabled: true } },
    cookies: { keys: ['plaza-test-cookie-key'] },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: options.accessTokenTtl ?? 3600,
      IdToken: 3600,
      RefreshToken: 86400,
      AuthorizationCode: 60,
    },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@example.test`, name: 'Café Aroma', preferred_username: 'cafearoma' }),
    }),
    claims: { openid: ['sub'], email: ['email'], profile: ['name', 'preferred_username'] },
  });
  const state: AuthServer = {
    issuer,
    clientId,
    clientSecret,
    provider,
    denyWith: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  // Login and consent, finished as if the user accepted (or refused, with denyWith).
  provider.use(async (ctx: any, next: () => Promise<void>) => {
    if (ctx.method !== 'GET' || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
    const { prompt, params, session, grantId } = await provider.interactionDetails(ctx.req, ctx.res);
    let result: Record<string, unknown>;
    if (state.denyWith) result = { error: state.denyWith, error_description: 'The user said no' };
    else if (prompt.name === 'login') result = { login: { accountId } };
    else if (prompt.name === 'consent') {
      const grant = grantId
        ? await provider.Grant.find(grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {}))
        grant.addResourceScope(indicator, (scopes as string[]).join(' '));
      result = { consent: { grantId: await grant.save() } };
    } else result = { error: 'access_denied', error_description: `unhandled prompt ${prompt.name}` };
    ctx.status = 303;
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
  });
  server.on('request', provider.callback());
  return state;
}

/**
 * Plays the browser: follows the redirects from `url` (keeping cookies) until the address starts with
 * `stopAt`, and returns that address (the network's redirect back to Plaza).
 */
export async function followToCallback(url: string, stopAt: string): Promise<URL> {
  const jar = new Map<string, string>();
  let next = url;
  for (let hop = 0; hop < 20 && !next.startsWith(stopAt); hop++) {
    const response = await fetch(next, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`The sign-in stopped at ${next} (${response.status}): ${(await response.text()).slice(0, 300)}`);
    next = new URL(location, next).href;
  }
  if (!next.startsWith(stopAt)) throw new Error('Too many redirects');
  return new URL(next);
}
