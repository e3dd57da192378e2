import type { AppContext } from '../../../server/context.ts';
import { hashPassword, randomToken, verifyPassword } from '../../../lib/crypto.ts';
import { AppError } from '../../../lib/errors.ts';
import { mailConfigured, sendInstanceMail } from '../../../lib/mail.ts';
import { recordEvent } from '../../events/events.ts';
import { accountsRepository } from '../repository.ts';
import { accountsSecurityRepository } from '../security-repository.ts';
import { assertAcceptablePassword } from '../password-policy.ts';

/** A reset link works for one hour, once. */
export const RESET_TTL_MS = 60 * 60_000;
/** At most this many reset e-mails per account per hour; further requests get the same answer and no e-mail. */
export const RESET_MAX_PER_HOUR = 3;

const invalidReset = (): AppError =>
  new AppError(400, 'reset_token_invalid', 'This reset link is invalid, used or expired; ask for a new one');

/**
 * Changes the signed-in user's password: the current one is required, the new one must pass the
 * policy. Every other session of the user ends (the one making the change stays signed in) and open
 * reset links are voided; API tokens stay (they are revoked one by one, or with "sign out everywhere").
 */
export async function changePassword(
  ctx: AppContext,
  userId: string,
  input: { currentPassword: string; newPassword: string; keepSessionToken?: string },
) {
  const db = ctx.database.db;
  const user = await accountsSecurityRepository.findUserWithHash(db, userId);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash)))
    throw new AppError(400, 'current_password_wrong', 'The current password is not right');
  assertAcceptablePassword(input.newPassword, { email: user.email });
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    await accountsSecurityRepository.setPasswordHash(trx, userId, passwordHash, now);
    const endedSessions = await accountsSecurityRepository.deleteSessions(trx, userId, input.keepSessionToken);
    await accountsSecurityRepository.voidPasswordResets(trx, userId, now);
    await recordEvent(trx, {
      workspaceId: null,
      actorUserId: userId,
      type: 'user.password_changed',
      subjectType: 'user',
      subjectId: userId,
      data: { endedSessions },
    });
    return { endedSessions };
  });
}

/** Ends every session of the user (this one included) and, if asked, revokes every API token. */
export async function signOutEverywhere(ctx: AppContext, userId: string, options: { revokeApiTokens: boolean }) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const endedSessions = await accountsSecurityRepository.deleteSessions(trx, userId);
    const revokedTokens = options.revokeApiTokens ? await accountsSecurityRepository.revokeAllApiTokens(trx, userId, now) : 0;
    await recordEvent(trx, {
      workspaceId: null,
      actorUserId: userId,
      type: 'user.signed_out_everywhere',
      subjectType: 'user',
      subjectId: userId,
      data: { endedSessions, revokedTokens },
    });
    return { endedSessions, revokedTokens };
  });
}

/** Creates a one-hour, single-use reset token for the user and returns it (only its hash is stored). */
export async function createResetToken(ctx: AppContext, userId: string, actorUserId: string | null, via: 'email' | 'cli'): Promise<string> {
  const token = randomToken();
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await accountsSecurityRepository.insertPasswordReset(trx, userId, token, now, RESET_TTL_MS);
    await recordEvent(trx, {
      workspaceId: null,
      actorUserId,
      type: 'user.password_reset_requested',
      subjectType: 'user',
      subjectId: userId,
      data: { via },
    });
  });
  return token;
}

/** The page that sets a new password; the token travels in the fragment, which browsers never send to servers. */
export function resetLink(baseUrl: string, token: string): string {
  return `${baseUrl}/reset-password#token=${token}`;
}

const RESET_MAIL = {
  en: {
    subject: 'Reset your Plaza password',
    body: (name: string, link: string) =>
      `Hello ${name},\n\nSomebody (hopefully you) asked to reset the password of your Plaza account. Open this link within one hour to choose a new one:\n\n${link}\n\nThe link works once. Setting a new password signs you out everywhere.\nIf you did not ask for this, ignore this e-mail: your password stays as it is.\n`,
  },
  es: {
    subject: 'Restablece tu contraseña de Plaza',
    body: (name: string, link: string) =>
      `Hola, ${name}:\n\nAlguien (esperamos que tú) ha pedido restablecer la contraseña de tu cuenta de Plaza. Abre este enlace antes de una hora para elegir una nueva:\n\n${link}\n\nEl enlace sirve una sola vez. Al poner una contraseña nueva se cierran todas tus sesiones.\nSi no lo has pedido tú, ignora este correo: tu contraseña no cambia.\n`,
  },
};

/**
 * Asks for a reset e-mail. The answer does not depend on whether the account exists, nor on the
 * throttle; the e-mail is sent after answering, so the answer's timing does not tell either.
 * Returns whether the instance can send e-mail at all (an instance setting, the same for everybody).
 */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<{ mailConfigured: boolean }> {
  const configured = mailConfigured(ctx.config) && Boolean(ctx.config.publicUrl);
  if (!configured) return { mailConfigured: false };
  const work = async () => {
    const db = ctx.database.db;
    const user = await accountsRepository.findUserByEmail(db, email);
    if (!user) return;
    const now = ctx.clock.now();
    if ((await accountsSecurityRepository.countPasswordResetsSince(db, user.id, now - 60 * 60_000)) >= RESET_MAX_PER_HOUR) {
      ctx.logger.warn({ userId: user.id }, 'password reset throttled');
      return;
    }
    const token = await createResetToken(ctx, user.id, null, 'email');
    const text = RESET_MAIL[user.locale === 'es' ? 'es' : 'en'];
    await sendInstanceMail(ctx.config, {
      to: user.email,
      subject: text.subject,
      text: text.body(user.name, resetLink(ctx.config.publicUrl!.replace(/\/+$/, ''), token)),
    });
  };
  pendingResetMail = work().catch((error: Error) => ctx.logger.error({ err: { message: error.message } }, 'password reset e-mail failed'));
  return { mailConfigured: true };
}

/** The last reset e-mail being sent in the background (tests wait for it). */
export let pendingResetMail: Promise<unknown> = Promise.resolve();

/** Whether a reset token can still be used (the reset page checks before asking for a password). */
export async function resetTokenUsable(ctx: AppContext, token: string): Promise<boolean> {
  return accountsSecurityRepository.passwordResetUsable(ctx.database.db, token, ctx.clock.now());
}

/**
 * Sets a new password with a reset token: the token is used up in the same transaction (two
 * simultaneous uses cannot both pass), every session of the user ends and other reset links die.
 */
export async function resetPassword(ctx: AppContext, token: string, newPassword: string) {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  // Hash first (slow), then do everything else in one short transaction.
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    const userId = await accountsSecurityRepository.consumePasswordReset(trx, token, now);
    if (!userId) throw invalidReset();
    const user = await accountsSecurityRepository.findUserWithHash(trx, userId);
    if (!user) throw invalidReset();
    assertAcceptablePassword(newPassword, { email: user.email });
    await accountsSecurityRepository.setPasswordHash(trx, userId, passwordHash, now);
    const endedSessions = await accountsSecurityRepository.deleteSessions(trx, userId);
    await accountsSecurityRepository.voidPasswordResets(trx, userId, now);
    await recordEvent(trx, {
      workspaceId: null,
      actorUserId: userId,
      type: 'user.password_reset',
      subjectType: 'user',
      subjectId: userId,
      data: { endedSessions },
    });
    return { email: user.email };
  });
}

/** Administration (CLI, on the server): sets a user's password directly and ends their sessions. */
export async function adminSetPassword(ctx: AppContext, email: string, newPassword: string) {
  const db = ctx.database.db;
  const user = await accountsRepository.findUserByEmail(db, email);
  if (!user) throw new AppError(404, 'not_found', `No user with e-mail ${email}`);
  assertAcceptablePassword(newPassword, { email: user.email });
  const passwordHash = await hashPassword(newPassword);
  const now = ctx.clock.now();
  return db.transaction().execute(async (trx) => {
    await accountsSecurityRepository.setPasswordHash(trx, user.id, passwordHash, now);
    const endedSessions = await accountsSecurityRepository.deleteSessions(trx, user.id);
    await accountsSecurityRepository.voidPasswordResets(trx, user.id, now);
    await recordEvent(trx, {
      workspaceId: null,
      actorUserId: null,
      type: 'user.password_reset',
      subjectType: 'user',
      subjectId: user.id,
      data: { endedSessions, via: 'cli' },
    });
    return { userId: user.id, email: user.email, endedSessions };
  });
}
