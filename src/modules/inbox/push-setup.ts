/**
 * Setting a channel up for pushes (webhooks), beside the push route: the channel's push secret
 * (generated, or the one the network signs with, such as a Meta app's secret, which Plaza cannot
 * choose), the verify token a network's subscription check must present, and that check's answer.
 * Receiving the pushes themselves is `receivePush` (sync.ts).
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { pushVerifyToken } from '../../networks/push-signature.ts';
import { channelRepository } from '../channels/repository.ts';
import { inboxRulesRepository } from './rules-repository.ts';

/**
 * A new push secret for a channel (the previous one stops working), sealed at rest: `given` when
 * the network signs with a secret of its own (Meta: the app secret), else a random one. The clear
 * secret is shown once, with the verify token for networks that check the address first.
 */
export async function setPushSecret(
  ctx: AppContext,
  workspaceId: string,
  channelId: string,
  given?: string,
): Promise<{ secret: string; verifyToken: string | null }> {
  const channel = await channelRepository.find(ctx.database.db, workspaceId, channelId);
  if (!channel) throw notFound('Channel');
  const inbox = ctx.networks.has(channel.network) ? ctx.networks.get(channel.network).inbox : undefined;
  if (!inbox?.parsePush || !inbox.verifyPush) throw new AppError(400, 'inbox_not_supported', 'This network does not push inbox items');
  const secret = given ?? randomBytes(32).toString('base64url');
  await inboxRulesRepository.savePushSecret(ctx.database.db, { channelId, workspaceId, sealed: ctx.secrets.seal(secret) });
  return { secret, verifyToken: inbox.answerPushChallenge ? pushVerifyToken(secret) : null };
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
