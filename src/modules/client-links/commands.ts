/**
 * The client-links module's writes: a manager creates and revokes links; a client (no account)
 * approves or rejects a post through one. Each command owns its transaction and its events.
 */
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { daysBetween } from '../../lib/brand-days.ts';
import { recordEvent } from '../events/events.ts';
import { clientLinksRepository as links, type ClientLinkRow } from './repository.ts';
import { linkPeriod, openClientLink } from './queries.ts';

/** The longest period a link may show, in days, and the longest it may stay valid. */
export const MAX_PERIOD_DAYS = 93;
export const MAX_VALID_DAYS = 90;

export interface ClientLinkInput {
  clientName: string;
  language: 'es' | 'en';
  /** First and last brand-zone day of the posts shown (YYYY-MM-DD, inclusive). */
  firstDay: string;
  lastDay: string;
  /** How many days the link keeps working (1–90). */
  validDays: number;
}

/**
 * Creates a link and returns it with its token, the only time the token exists outside the
 * client's hands (only its SHA-256 is stored).
 */
export async function createClientLink(
  ctx: AppContext,
  workspaceId: string,
  actorId: string,
  input: ClientLinkInput,
): Promise<{ link: ClientLinkRow; token: string }> {
  const span = daysBetween(input.firstDay, input.lastDay);
  if (span < 0 || span >= MAX_PERIOD_DAYS)
    throw badRequest('client_link_period_invalid', `The period must run forward and span at most ${MAX_PERIOD_DAYS} days`, {
      maxDays: MAX_PERIOD_DAYS,
    });
  const token = randomToken(32);
  const expiresAt = new Date(ctx.clock.now() + input.validDays * 86_400_000);
  return ctx.database.db.transaction().execute(async (trx) => {
    const link = await links.insert(trx, {
      workspaceId,
      tokenHash: sha256Hex(token),
      clientName: input.clientName,
      language: input.language,
      firstDay: input.firstDay,
      lastDay: input.lastDay,
      expiresAt,
      createdBy: actorId,
    });
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'client_link.created',
      subjectType: 'client_link',
      subjectId: link.id,
      data: { clientName: input.clientName, firstDay: input.firstDay, lastDay: input.lastDay, expiresAt },
    });
    return { link, token };
  });
}

/** Revokes a link at once (404 when it is not this workspace's); revoking twice keeps the first time. */
export async function revokeClientLink(ctx: AppContext, workspaceId: string, actorId: string, linkId: string): Promise<ClientLinkRow> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const before = await links.find(trx, workspaceId, linkId);
    if (!before) throw notFound('Client link');
    const link = await links.revoke(trx, workspaceId, linkId, new Date(ctx.clock.now()));
    if (!link) throw notFound('Client link');
    if (!before.revoked_at)
      await recordEvent(trx, {
        workspaceId,
        actorUserId: actorId,
        type: 'client_link.revoked',
        subjectType: 'client_link',
        subjectId: linkId,
        data: { clientName: link.client_name },
      });
    return link;
  });
}

/**
 * The client's verdict on one post of the link's period, recorded as the client (the name the link
 * was made for) in the post's history and the audit log. A rejection needs a comment; a post that is
 * already out (publishing or published) takes no verdict (409 `client_decision_closed`). The verdict is
 * advice to the team: the post's own workflow (review, approval, schedule) is left to its members.
 */
export async function decideAsClient(
  ctx: AppContext,
  token: string,
  input: { postId: string; decision: 'approved' | 'rejected'; comment: string },
) {
  const link = await openClientLink(ctx, token);
  const comment = input.comment.trim();
  if (input.decision === 'rejected' && !comment) throw badRequest('reject_comment_required', 'Say why in a comment when rejecting');
  const { from, to } = linkPeriod(link);
  return ctx.database.db.transaction().execute(async (trx) => {
    const post = await links.lockPostBetween(trx, link.workspace_id, input.postId, from, to);
    if (!post) throw notFound('Post');
    if (post.state === 'published' || post.state === 'publishing')
      throw new AppError(409, 'client_decision_closed', 'This post is already out: it can no longer be approved or rejected', {
        state: post.state,
      });
    const at = new Date(ctx.clock.now());
    const row = await links.upsertDecision(trx, {
      linkId: link.id,
      postId: post.id,
      workspaceId: link.workspace_id,
      decision: input.decision,
      comment,
      at,
    });
    await recordEvent(trx, {
      workspaceId: link.workspace_id,
      actorUserId: null,
      type: input.decision === 'approved' ? 'client_link.approved' : 'client_link.rejected',
      subjectType: 'post',
      subjectId: post.id,
      data: { clientName: link.client_name, clientLinkId: link.id, comment: comment || null },
    });
    return row;
  });
}
