import type { AppContext } from '../../../server/context.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import { recordEvent } from '../../events/events.ts';
import { accountsRepository } from '../repository.ts';

/**
 * Creates a personal API token for the user with this e-mail (administration: `plaza token create`,
 * locally or through the running server), in one transaction with its event. The secret is returned once.
 */
export async function createApiTokenForEmail(ctx: AppContext, email: string, name: string) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const user = await accountsRepository.findUserByEmail(trx, email);
    if (!user) throw new AppError(404, 'user_not_found', `No user with e-mail ${email}`);
    const token = await accountsRepository.createApiToken(trx, user.id, name);
    await recordEvent(trx, {
      workspaceId: null,
      actorUserId: user.id,
      type: 'api_token.created',
      subjectType: 'api_token',
      subjectId: token.id,
      data: { name: token.name, via: 'cli' },
    });
    return token;
  });
}

/** Creates a personal API token for the signed-in user, with its event. The secret is returned once. */
export async function createApiToken(ctx: AppContext, userId: string, name: string) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const token = await accountsRepository.createApiToken(trx, userId, name);
    await recordEvent(trx, {
      workspaceId: null,
      actorUserId: userId,
      type: 'api_token.created',
      subjectType: 'api_token',
      subjectId: token.id,
      data: { name: token.name },
    });
    return token;
  });
}

/** Revokes one of the user's own API tokens, with its event; 404 when it is not theirs or already revoked. */
export async function revokeApiToken(ctx: AppContext, userId: string, tokenId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await accountsRepository.revokeApiToken(trx, userId, tokenId, ctx.clock.now()))) throw notFound('Token');
    await recordEvent(trx, {
      workspaceId: null,
      actorUserId: userId,
      type: 'api_token.revoked',
      subjectType: 'api_token',
      subjectId: tokenId,
    });
  });
}
