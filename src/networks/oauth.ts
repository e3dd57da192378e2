/**
 * Sign in with a network (OAuth 2.0 authorization code, PKCE where the network takes it).
 *
 * A network that connects by sign-in exports an `OAuthProvider` from its folder (`oauth.ts`) and
 * sets it as `adapter.oauth`. The framework (src/modules/integrations, src/modules/channels)
 * owns everything generic: the install's app credentials (sealed), `state` and PKCE, the
 * redirect URL, exchanging the code, the account picker, storing tokens as the channel's sealed
 * credentials, background refresh with one refresh per channel at a time, expiry warnings and
 * "needs reconnect". The provider only says where to go and how this network differs.
 */

/** The install's own developer app on the network (Settings → Integrations or environment). */
export interface OAuthAppCredentials {
  clientId: string;
  /** Absent for public clients (PKCE only). */
  clientSecret?: string;
}

/** Tokens as the framework stores them in the channel's sealed credentials. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string;
  /** ISO instant the access token stops working; absent when the network does not say. */
  expiresAt?: string;
  /** ISO instant the refresh token (or a long-lived token's renewal window) ends, when known. */
  refreshExpiresAt?: string;
  scopes?: string[];
  /** Anything else the network returned that later calls need (e.g. Meta's user id). */
  extra?: Record<string, string>;
}

/** What the provider's HTTP calls need: where the network is (tests), private targets, cancel. */
export interface OAuthCallContext {
  /** PLAZA_NETWORK_ORIGINS override for this network (see endpoints.ts `networkUrl`). */
  origin?: string;
  allowPrivateUrls?: boolean;
  signal?: AbortSignal;
  /** Per-install instance (Mastodon): the server the user signs in on. */
  instanceUrl?: string;
}

/**
 * One thing the signed-in account manages that can become a channel: a Facebook Page, an
 * Instagram professional account, a LinkedIn organization or the member's own profile, the
 * X or Threads account itself, a Pinterest board, a YouTube channel, a Business Profile location.
 */
export interface ConnectableAccount {
  /** Stable id on the network (page id, IG user id, organization URN…). */
  remoteId: string;
  kind: 'account' | 'profile' | 'page' | 'instagram' | 'organization' | 'board' | 'channel' | 'location';
  name: string;
  handle?: string;
  avatarUrl?: string;
  /** Non-secret channel settings (e.g. { pageId }, { organizationUrn }). */
  settings: Record<string, unknown>;
  /**
   * Credentials of this account beyond the user's tokens (e.g. a Page access token). The
   * framework merges them over the stored OAuthTokens fields when it creates the channel.
   */
  credentials?: Record<string, unknown>;
}

export interface OAuthProvider {
  /** Authorization endpoint (official URL; the framework applies the origin override). */
  authorizeUrl(ctx: OAuthCallContext): string;
  /** Token endpoint (official URL). */
  tokenUrl(ctx: OAuthCallContext): string;
  /** Scopes requested, each explained in docs/networks/<name>.md. */
  scopes: readonly string[];
  /** How the network joins scopes in the authorize URL (Meta and LinkedIn: ',' is accepted; most: ' '). */
  scopeSeparator: ' ' | ',';
  /** Send a PKCE S256 challenge (the framework always sends `state`). */
  pkce: boolean;
  /** How the client authenticates at the token endpoint. */
  clientAuth: 'basic' | 'body';
  /** The name the network gives the client id in the authorize URL and token requests; 'client_id' when absent (TikTok: 'client_key'). */
  clientIdParam?: string;
  /** Extra authorize parameters (e.g. { prompt: 'consent' }). */
  extraAuthorizeParams?: Readonly<Record<string, string>>;
  /**
   * After the code exchange: turn the tokens into what the network keeps alive (Meta's
   * long-lived token exchange) and read the user's id. Absent: the tokens are kept as they are.
   */
  afterExchange?(tokens: OAuthTokens, app: OAuthAppCredentials, ctx: OAuthCallContext): Promise<OAuthTokens>;
  /** Everything the signed-in user can connect; the picker lists it. */
  listAccounts(tokens: OAuthTokens, ctx: OAuthCallContext): Promise<ConnectableAccount[]>;
  /**
   * Renews the tokens. Absent: the standard refresh_token grant at tokenUrl. Meta-style
   * networks renew long-lived tokens their own way (fb_exchange_token, th_refresh_token…).
   * Throws NetworkError kind 'auth' with the network's reason when it refuses.
   */
  refresh?(tokens: OAuthTokens, app: OAuthAppCredentials, ctx: OAuthCallContext): Promise<OAuthTokens>;
  /** Refresh this long before `expiresAt` (ms); default one hour, Meta long-lived tokens days. */
  refreshAheadMs?: number;
  /**
   * Federated networks (Mastodon): the user names a server (`ctx.instanceUrl`) and Plaza registers
   * its own app there instead of using Settings → Integrations. The framework caches the answer
   * per server and redirect URL, sealed.
   */
  registerApp?(redirectUrl: string, ctx: OAuthCallContext): Promise<OAuthAppCredentials>;
  /** Revokes the tokens on disconnect, where the network offers it. */
  revoke?(tokens: OAuthTokens, app: OAuthAppCredentials, ctx: OAuthCallContext): Promise<void>;
}

/**
 * Another way to sign in to the same network, offered next to `adapter.oauth` (the network's own
 * login). Instagram: "via Facebook" for professional accounts linked to a Facebook Page, signing
 * in with Facebook Login and the Facebook app. Channels from any way publish the same way: the
 * provider's `ConnectableAccount.settings` tell the adapter which API to use. The framework keeps
 * the way chosen with the sign-in and on the channel (`settings.oauthWay`), so refresh, revoke and
 * reconnect use the same provider and app.
 */
export interface OAuthSignInWay {
  /** Stable id in the API, the stored sign-in and the channel's settings (e.g. 'facebook'). */
  id: string;
  /** The button's words. */
  label: { en: string; es: string };
  /** One line under the button: who should choose this way. */
  hint: { en: string; es: string };
  provider: OAuthProvider;
  /**
   * Sign in with this other network's app (its Settings → Integrations entry or environment), e.g.
   * Facebook Login belongs to the Facebook app. Absent: the network's own app.
   */
  appNetwork?: string;
}
