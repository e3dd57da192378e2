/**
 * Sign in with the network: start (state + PKCE stored server-side, single use, 10 minutes), the
 * callback (code exchange, afterExchange, listAccounts; the result sealed for the picker) and the
 * picker (each chosen account becomes a channel, its credentials the tokens merged with the
 * account's own, sealed). Nothing is stored when the state, the network's answer or the exchange
 * is wrong: the browser lands on the web app's page with an error code it translates.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import type { ErrorCode } from '../../lib/error-codes.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { assertFetchableUrl } from '../../lib/safe-fetch.ts';
import type { ConnectableAccount, OAuthAppCredentials, OAuthCallContext, OAuthProvider, OAuthTokens } from '../../networks/oauth.ts';
import { NetworkError, type NetworkAdapter } from '../../networks/types.ts';
import { recordEvent } from '../events/events.ts';
import { channelRepository, type ChannelRow } from '../channels/repository.ts';
import { networkOrigin } from '../channels/service.ts';
import { instanceApp, recordAppRefused, redirectUrlFor, resolveApp } from '../integrations/service.ts';
import { oauthRepository, type Expiry } from './repository.ts';
import { authorizeUrl, exchangeCode, newPkce } from './tokens.ts';

/** How long a started sign-in and a picker stay usable. */
export const STATE_TTL_MS = 10 * 60_000;
export const PICKER_TTL_MS = 30 * 60_000;

/** A network's sign-in provider for one way of signing in, and whose app (Settings → Integrations) it uses. */
export interface SignInProvider {
  adapter: NetworkAdapter;
  provider: OAuthProvider;
  /** The way's id (NetworkAdapter.oauthWays); null for the network's own login. */
  way: string | null;
  /** The network whose app signs in: the network itself, or e.g. 'facebook' for Instagram via Facebook. */
  appNetwork: string;
}

/**
 * The network's sign-in provider (`way`: one of `adapter.oauthWays`, absent for its own login);
 * 400 when it connects another way or has no such way.
 */
export function providerOf(ctx: AppContext, network: string, way?: string | null): SignInProvider {
  if (!ctx.networks.has(network)) throw badRequest('unknown_network', `Unknown network: ${network}`);
  const adapter = ctx.networks.get(network);
  if (!adapter.oauth) throw badRequest('network_not_oauth', `${network} does not connect by signing in`, { network });
  if (!way) return { adapter, provider: adapter.oauth, way: null, appNetwork: adapter.name };
  const found = adapter.oauthWays?.find((candidate) => candidate.id === way);
  if (!found) throw badRequest('invalid_input', `${network} has no sign-in way "${way}"`, { network, way });
  return { adapter, provider: found.provider, way: found.id, appNetwork: found.appNetwork ?? adapter.name };
}

/** The sign-in way a channel was connected with (settings.oauthWay), null for the network's own. */
export function channelWay(settings: Record<string, unknown>): string | null {
  return typeof settings.oauthWay === 'string' ? settings.oauthWay : null;
}

/** What a provider's calls need: the network's origin override, private targets, the user's server. */
export function oauthCallContext(ctx: AppContext, network: string, instanceUrl?: string | null): OAuthCallContext {
  const origin = networkOrigin(ctx.config, network);
  return {
    allowPrivateUrls: ctx.config.allowPrivateUrls,
    signal: AbortSignal.timeout(30_000),
    ...(origin && { origin }),
    ...(instanceUrl && { instanceUrl }),
  };
}

/** A server address the user typed (Mastodon): https (or http for local tests), no path. */
export function normalizeInstanceUrl(raw: string | undefined | null): string {
  const trimmed = (raw ?? '').trim();
  if (!trimmed) throw badRequest('oauth_instance_required', 'Enter your server address first');
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = assertFetchableUrl(withScheme);
  } catch {
    throw badRequest('invalid_url', 'This is not a server address');
  }
  return url.origin;
}

/** The app to sign in with: the install's (Settings → Integrations or environment) or the one registered on the user's server. */
export async function appFor(ctx: AppContext, signIn: SignInProvider, call: OAuthCallContext) {
  const { adapter, provider } = signIn;
  if (provider.registerApp) {
    if (!call.instanceUrl) throw badRequest('oauth_instance_required', 'Enter your server address first');
    const register = provider.registerApp.bind(provider);
    return instanceApp(ctx, adapter.name, call.instanceUrl, (redirectUrl) => register(redirectUrl, call));
  }
  return resolveApp(ctx, signIn.appNetwork);
}

/** Starts a sign-in: stores state and verifier, returns the network's authorize URL to open. */
export async function startSignIn(
  ctx: AppContext,
  input: { workspaceId: string; userId: string; network: string; instanceUrl?: string; reconnectChannelId?: string; way?: string },
): Promise<{ authorizeUrl: string; redirectUrl: string; expiresAt: string }> {
  let way = input.way ?? null;
  if (input.reconnectChannelId) {
    const channel = await channelRepository.find(ctx.database.db, input.workspaceId, input.reconnectChannelId);
    if (!channel || channel.network !== input.network) throw notFound('Channel');
    // Reconnecting signs in the way the channel was connected, unless another is asked for.
    way ??= channelWay(channel.settings);
  }
  const signIn = providerOf(ctx, input.network, way);
  const { adapter, provider } = signIn;
  const instanceUrl = provider.registerApp ? normalizeInstanceUrl(input.instanceUrl) : null;
  const call = oauthCallContext(ctx, adapter.name, instanceUrl);
  const app = await appFor(ctx, signIn, call);
  const pkce = newPkce();
  const redirectUrl = redirectUrlFor(ctx, adapter.name);
  const expiresAt = new Date(ctx.clock.now() + STATE_TTL_MS);
  await oauthRepository.insertState(ctx.database.db, {
    stateHash: sha256Hex(pkce.state),
    network: adapter.name,
    workspaceId: input.workspaceId,
    userId: input.userId,
    verifierSealed: ctx.secrets.seal(pkce.verifier),
    instanceUrl,
    reconnectChannelId: input.reconnectChannelId ?? null,
    signInWay: signIn.way,
    expiresAt,
  });
  return {
    authorizeUrl: authorizeUrl(provider, app, call, { redirectUrl, state: pkce.state, challenge: pkce.challenge }),
    redirectUrl,
    expiresAt: expiresAt.toISOString(),
  };
}

/** The sealed content of a picker. */
interface PickerContent {
  /** The sign-in way (null: the network's own login); absent in pickers sealed before ways existed. */
  way?: string | null;
  tokens: OAuthTokens;
  accounts: ConnectableAccount[];
  instanceUrl: string | null;
}

/** Where the callback sends the browser: the web app's picker, or its error page (translated by code). */
export type CallbackOutcome =
  | { ok: true; pickerId: string; network: string; workspaceId: string }
  | { ok: false; code: ErrorCode; network: string; detail?: string };

/** A minimal page that sends the browser on to `location` at once (no script needed), never cached. */
export function forwardingPage(location: string): string {
  const href = location.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>Plaza</title></head><body><p><a href="${href}">Plaza</a></p></body></html>`;
}

/** The web app's page for a callback outcome (relative: the browser stays on the host it used). */
export function callbackLocation(outcome: CallbackOutcome): string {
  const query = new URLSearchParams({ network: outcome.network });
  if (outcome.ok) {
    query.set('picker', outcome.pickerId);
    query.set('workspace', outcome.workspaceId);
  } else {
    query.set('error', outcome.code);
    if (outcome.detail) query.set('detail', outcome.detail.slice(0, 80));
  }
  return `/channels/connect?${query}`;
}

/**
 * Handles the network's redirect back. A wrong, expired or reused `state`, an `error=` from the
 * network, or a failed exchange: an error outcome, and nothing stored (the state is used up).
 */
export async function finishSignIn(
  ctx: AppContext,
  input: { network: string; code?: string; state?: string; error?: string; userId: string | null },
): Promise<CallbackOutcome> {
  const network = input.network;
  if (!ctx.networks.has(network) || !ctx.networks.get(network).oauth) return { ok: false, code: 'network_not_oauth', network };
  if (!input.state) return { ok: false, code: 'oauth_state_invalid', network };
  const state = await oauthRepository.consumeState(ctx.database.db, sha256Hex(input.state), network, new Date(ctx.clock.now()));
  if (!state) return { ok: false, code: 'oauth_state_invalid', network };
  // The browser coming back must be the one that started: signed in to Plaza as the same person.
  // Otherwise someone could start a sign-in and have another person's account land in their picker.
  if (state.user_id !== input.userId) return { ok: false, code: 'oauth_state_invalid', network };
  // A network's error code is a short token (RFC 6749 §4.1.2.1); anything else is not shown.
  if (input.error) return { ok: false, code: 'oauth_denied', network, detail: /^[\w.-]{1,60}$/.test(input.error) ? input.error : 'error' };
  if (!input.code) return { ok: false, code: 'oauth_exchange_failed', network };
  const call = oauthCallContext(ctx, network, state.instance_url);
  let content: PickerContent;
  let signIn: SignInProvider | undefined;
  try {
    signIn = providerOf(ctx, network, state.sign_in_way);
    const { provider } = signIn;
    const app: OAuthAppCredentials = await appFor(ctx, signIn, call);
    const verifier = ctx.secrets.open<string>(state.verifier_sealed);
    let tokens = await exchangeCode(
      provider,
      app,
      call,
      { code: input.code, redirectUrl: redirectUrlFor(ctx, network), verifier },
      ctx.clock.now(),
    );
    if (provider.afterExchange) tokens = await provider.afterExchange(tokens, app, call);
    const accounts = await provider.listAccounts(tokens, call);
    if (!accounts.length) return { ok: false, code: 'oauth_no_accounts', network };
    content = { way: signIn.way, tokens, accounts, instanceUrl: state.instance_url };
  } catch (error) {
    if (error instanceof NetworkError && (error.code === 'invalid_client' || error.code === 'unauthorized_client')) {
      if (signIn && !signIn.provider.registerApp) await recordAppRefused(ctx, signIn.appNetwork);
      ctx.logger.warn({ network, code: error.code }, 'the network refused the app credentials');
      return { ok: false, code: 'oauth_invalid_client', network };
    }
    if (error instanceof AppError) return { ok: false, code: error.code as ErrorCode, network };
    ctx.logger.warn({ network, code: (error as NetworkError).code, err: (error as Error).message }, 'sign-in exchange failed');
    return { ok: false, code: 'oauth_exchange_failed', network, detail: error instanceof NetworkError ? error.code : undefined };
  }
  const picker = await oauthRepository.insertPicker(ctx.database.db, {
    network,
    workspaceId: state.workspace_id,
    userId: state.user_id,
    reconnectChannelId: state.reconnect_channel_id,
    sealed: ctx.secrets.seal(content),
    expiresAt: new Date(ctx.clock.now() + PICKER_TTL_MS),
  });
  return { ok: true, pickerId: picker.id, network, workspaceId: state.workspace_id };
}

async function openPicker(ctx: AppContext, input: { workspaceId: string; userId: string; pickerId: string }) {
  const row = await oauthRepository.findPicker(ctx.database.db, input.pickerId, input.workspaceId, input.userId, new Date(ctx.clock.now()));
  if (!row) throw badRequest('oauth_picker_invalid', 'This list of accounts expired or was already used: sign in again');
  return { row, content: ctx.secrets.open<PickerContent>(row.sealed) };
}

/** What the picker shows: the accounts (never their credentials), and which are already channels here. */
export async function describePicker(ctx: AppContext, input: { workspaceId: string; userId: string; pickerId: string }) {
  const { row, content } = await openPicker(ctx, input);
  const accounts = await Promise.all(
    content.accounts.map(async (account) => {
      const existing = await oauthRepository.findChannelByRemote(ctx.database.db, input.workspaceId, row.network, account.remoteId);
      return {
        remoteId: account.remoteId,
        kind: account.kind,
        name: account.name,
        handle: account.handle ?? null,
        avatarUrl: account.avatarUrl ?? null,
        channelId: existing?.id ?? null,
      };
    }),
  );
  return {
    network: row.network,
    reconnectChannelId: row.reconnect_channel_id,
    expiresAt: new Date(row.expires_at).toISOString(),
    accounts,
  };
}

/** When the access token ends, and when the connection ends unless someone reconnects. */
export function expiryOf(tokens: OAuthTokens, provider: OAuthProvider): Expiry {
  const tokenExpiresAt = tokens.expiresAt ? new Date(tokens.expiresAt) : null;
  const refreshable = Boolean(tokens.refreshToken || provider.refresh);
  const connectionExpiresAt = refreshable ? (tokens.refreshExpiresAt ? new Date(tokens.refreshExpiresAt) : null) : tokenExpiresAt;
  return { tokenExpiresAt, connectionExpiresAt };
}

/** The channel credentials of one account: the user's tokens with the account's own over them. */
export function credentialsFor(tokens: OAuthTokens, account: ConnectableAccount): Record<string, unknown> {
  return { ...tokens, ...(account.credentials ?? {}) };
}

/**
 * Connects the chosen accounts, one channel each (an account already connected in this workspace is
 * reconnected with the new tokens instead). The picker is used up.
 */
export async function connectPicked(
  ctx: AppContext,
  input: { workspaceId: string; userId: string; pickerId: string; remoteIds: string[] },
) {
  const { row, content } = await openPicker(ctx, input);
  const { adapter, provider, way } = providerOf(ctx, row.network, content.way);
  const chosen = content.accounts.filter((account) => input.remoteIds.includes(account.remoteId));
  const unknown = input.remoteIds.filter((id) => !content.accounts.some((account) => account.remoteId === id));
  if (!chosen.length || unknown.length) throw badRequest('invalid_input', 'Choose accounts from the list', { unknown });
  const expiry = expiryOf(content.tokens, provider);
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    if (!(await oauthRepository.usePicker(trx, row.id, now)))
      throw badRequest('oauth_picker_invalid', 'This list of accounts was already used: sign in again');
    const channels = [];
    for (const account of chosen) {
      const settings = {
        ...account.settings,
        ...(content.instanceUrl && { instanceUrl: content.instanceUrl }),
        oauthRemoteId: account.remoteId,
        ...(way && { oauthWay: way }),
      };
      const sealed = ctx.secrets.seal(credentialsFor(content.tokens, account));
      const accountInfo = { id: account.remoteId, handle: account.handle ?? account.name, displayName: account.name };
      const existing =
        (row.reconnect_channel_id && chosen.length === 1
          ? await channelRepository.find(trx, input.workspaceId, row.reconnect_channel_id)
          : undefined) ?? (await oauthRepository.findChannelByRemote(trx, input.workspaceId, adapter.name, account.remoteId));
      let channel: ChannelRow;
      if (existing) {
        channel = await channelRepository.update(trx, existing.id, {
          connection: { settings, credentialsSealed: sealed, account: accountInfo },
        });
        await recordEvent(trx, {
          workspaceId: input.workspaceId,
          actorUserId: input.userId,
          type: 'channel.reconnected',
          subjectType: 'channel',
          subjectId: channel.id,
          data: { name: channel.name, network: adapter.name, signIn: true },
        });
      } else {
        channel = await channelRepository.insert(trx, {
          workspaceId: input.workspaceId,
          network: adapter.name,
          name: account.name.slice(0, 120) || adapter.label.en,
          settings,
          credentialsSealed: sealed,
          account: accountInfo,
          lastCheckedAt: now,
        });
        await recordEvent(trx, {
          workspaceId: input.workspaceId,
          actorUserId: input.userId,
          type: 'channel.connected',
          subjectType: 'channel',
          subjectId: channel.id,
          data: { network: adapter.name, name: channel.name, signIn: true },
        });
      }
      await oauthRepository.setTokenExpiry(trx, channel.id, expiry);
      channels.push((await oauthRepository.channel(trx, channel.id))!);
    }
    return channels;
  });
}

/** A random id for a refresh lease's holder. */
export function leaseOwner(): string {
  return `${process.pid}:${randomBytes(6).toString('hex')}`;
}
