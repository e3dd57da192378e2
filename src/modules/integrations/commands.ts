/** Integration writes: an owner saves or removes a network's developer app (secret sealed). */
import type { AppContext } from '../../server/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { integrationsRepository } from './repository.ts';
import { oauthNetworks } from './service.ts';

interface Actor {
  workspaceId: string;
  actorUserId: string;
}

function requireOAuthNetwork(ctx: AppContext, network: string) {
  if (!ctx.networks.has(network)) throw badRequest('unknown_network', `Unknown network: ${network}`);
  if (!oauthNetworks(ctx).some((a) => a.name === network))
    throw badRequest('network_not_oauth', `${network} does not connect with an app of this install`, { network });
}

/**
 * Saves a network's app. `clientSecret`: a new secret; `null` removes it (public client, PKCE only);
 * absent keeps the saved one. Never logged, never answered.
 */
export async function setIntegration(
  ctx: AppContext,
  input: Actor & { network: string; clientId: string; clientSecret?: string | null },
): Promise<void> {
  requireOAuthNetwork(ctx, input.network);
  const sealed = input.clientSecret === undefined ? undefined : input.clientSecret === null ? null : ctx.secrets.seal(input.clientSecret);
  await ctx.database.db.transaction().execute(async (trx) => {
    await integrationsRepository.upsert(trx, {
      network: input.network,
      clientId: input.clientId,
      clientSecretSealed: sealed,
      updatedBy: input.actorUserId,
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'integration.updated',
      subjectType: 'integration',
      data: { network: input.network, secretChanged: input.clientSecret !== undefined },
    });
  });
}

/** Removes a network's saved app (the environment's, if any, applies again). */
export async function removeIntegration(ctx: AppContext, input: Actor & { network: string }): Promise<void> {
  requireOAuthNetwork(ctx, input.network);
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await integrationsRepository.remove(trx, input.network))) throw notFound('Integration');
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'integration.updated',
      subjectType: 'integration',
      data: { network: input.network, removed: true },
    });
  });
}
