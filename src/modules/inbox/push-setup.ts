/**
 * Setting a channel up for pushes (webhooks), beside the push route: the channel's push secret
 * (generated, or the one the network signs with, such as a Meta app's secret, which Plaza cannot
 * choose), the verify token a network's subscription check must present, and that check's answer.
 * Networks that Plaza itself must tell where to push (InboxAdapter.registerPush: Telegram's
 * setWebhook) are told here, before the secret is kept; removing the secret stops them.
 * Receiving the pushes themselves is `receivePush` (sync.ts).
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { publicBaseUrl } from '../../lib/public-url.ts';
import { pushVerifyToken } from '../../networks/push-signature.ts';
import { NetworkError } from '../../networks/types.ts';
import { channelRepository } from '../channels/repository.ts';
import { channelContext } from '../channels/service.ts';
import { inboxRulesRepository } from './rules-repository.ts';
import { pushUrl } from './sync.ts';

/** The network's refusal to start or stop pushes, as a 4xx with the network's reason code. */
function registrationFailed(error: unknown, network: string): never {
  if (!(error instanceof NetworkError)) throw error;
  throw new AppError(422, 'inbox_push_register_failed', `The network refused the push address: ${error.message}`, {
    network,
    code: error.code,
  });
}

async function pushingChannel(ctx: AppContext, workspaceId: string, channelId: string) {
  const channel = await channelRepository.find(ctx.database.db, workspaceId, channelId);
  if (!channel) throw notFound('Channel');
  const inbox = ctx.networks.has(channel.network) ? ctx.networks.get(channel.network).inbox : undefined;
  if (!inbox?.parsePush || !inbox.verifyPush) throw new AppError(400, 'inbox_not_supported', 'This network does not push inbox items');
  return { channel, inbox };
}

/**
 * A new push secret for a channel (the previous one stops working), sealed at rest: `given` when
 * the network signs with a secret of its own (Meta: the app secret), else a random one (32 random
 * bytes in base64url: 43 characters of A-Z a-z 0-9 _ -, which Telegram's secret_token accepts).
 * A network that Plaza registers with is told the push address and secret first; when it refuses
 * (an address it cannot reach), nothing is kept. The clear secret is shown once, with the address
 * and the verify token for networks that check the address first.
 */
export async function setPushSecret(
  ctx: AppContext,
  workspaceId: string,
  channelId: string,
  given?: string,
): Promise<{ url: string; secret: string; verifyToken: string | null }> {
  const { channel, inbox } = await pushingChannel(ctx, workspaceId, channelId);
  const url = pushUrl(publicBaseUrl(ctx.config), channelId);
  if (inbox.registerPush) {
    if (given !== undefined)
      throw new AppError(400, 'invalid_input', 'Plaza makes this network’s push secret itself: send no secret', { field: 'secret' });
    // The network calls this address from the internet: PUBLIC_URL must be Plaza's public HTTPS address.
    if (!ctx.config.publicUrl || !url.startsWith('https://'))
      throw new AppError(400, 'inbox_push_public_url_required', 'Set PUBLIC_URL to Plaza’s public HTTPS address first', { url });
  }
  const secret = given ?? randomBytes(32).toString('base64url');
  if (inbox.registerPush)
    await inbox.registerPush(channelContext(ctx, channel), { url, secret }).catch((error) => registrationFailed(error, channel.network));
  await inboxRulesRepository.savePushSecret(ctx.database.db, { channelId, workspaceId, sealed: ctx.secrets.seal(secret) });
  return { url, secret, verifyToken: inbox.answerPushChallenge ? pushVerifyToken(secret) : null };
}

/**
 * Stops a channel's pushes: the network is told first when Plaza registered them (Telegram:
 * deleteWebhook, keeping the updates it had not delivered, so polling reads them), then the push
 * secret is forgotten and pushes to the address are refused. 404 when the channel had none; a
 * refusal by the network is a 422 with nothing changed, except refused credentials (a revoked bot
 * token), which cannot be told anything: the secret goes anyway.
 */
export async function removePushSecret(ctx: AppContext, workspaceId: string, channelId: string): Promise<void> {
  const { channel, inbox } = await pushingChannel(ctx, workspaceId, channelId);
  const stored = await inboxRulesRepository.pushSecret(ctx.database.db, channelId);
  if (!stored || stored.workspace_id !== workspaceId) throw new AppError(404, 'inbox_push_not_configured', 'This channel takes no pushes');
  if (inbox.unregisterPush)
    await inbox.unregisterPush(channelContext(ctx, channel)).catch((error: unknown) => {
      // Credentials that no longer work cannot tell the network anything: the secret goes anyway (pushes are then
      // refused, and a read with renewed credentials turns off the channel's own leftover registration).
      if (error instanceof NetworkError && error.kind === 'auth') return;
      registrationFailed(error, channel.network);
    });
  await inboxRulesRepository.clearPushSecret(ctx.database.db, workspaceId, channelId);
}

/**
 * A network's subscription check on a channel's push address (Meta: GET with `hub.mode`,
 * `hub.verify_token`, `hub.challenge`): the challenge to echo, or a 403 with a code.
 */
export async function answerPushChallenge(ctx: AppContext, channelId: string, query: Record<string, unknown>): Promise<string> {
  const stored = await inboxRulesRepository.pushSecret(ctx.database.db, channelId);
  if (!stored) throw new AppError(404, 'inbox_push_not_configured', 'This channel takes no pushes');
  const channel = await channelRepository.find(ctx.database.db, stored.workspace_id, channelId);
  if (!channel) throw notFound('Channel');
  const inbox = ctx.networks.has(channel.network) ? ctx.networks.get(channel.network).inbox : undefined;
  if (!inbox?.answerPushChallenge) throw new AppError(400, 'inbox_not_supported', 'This network does not check push addresses');
  const challenge = inbox.answerPushChallenge(query, ctx.secrets.open<string>(stored.sealed));
  if (challenge === null) throw new AppError(403, 'inbox_push_verify_token_invalid', 'The verify token does not match this channel’s');
  return challenge;
}
