import type { AppContext } from '../../server/context.ts';
import type { Role } from '../../db/schema.ts';
import { hashPassword, randomToken } from '../../lib/crypto.ts';
import { AppError, forbidden, notFound, unauthorized } from '../../lib/errors.ts';
import { mailConfigured, sendInstanceMail } from '../../lib/mail.ts';
import { recordEvent } from '../events/events.ts';
import { accountsRepository } from '../accounts/repository.ts';
import { insertUser } from '../accounts/commands/users.ts';
import { assertAcceptablePassword } from '../accounts/password-policy.ts';
import { invitationsRepository } from './repository.ts';
import { workspacesRepository } from '../workspaces/repository.ts';

/** An invitation link works for seven days, once. */
export const INVITATION_TTL_MS = 7 * 86_400_000;

type InvitationRow = NonNullable<Awaited<ReturnType<typeof invitationsRepository.findOpenById>>>;

/** An invitation as the API shows it (never its token). */
export function presentInvitation(row: InvitationRow & { invited_by_name?: string | null }, now: number) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invited_by_name ?? null,
    sentCount: row.sent_count,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    expired: new Date(row.expires_at).getTime() <= now,
  };
}

/** How the invitee learns about the invitation: by e-mail, or (no SMTP) through a link shown once to the inviter. */
export type Delivery = { delivery: 'email' } | { delivery: 'email_failed' } | { delivery: 'link'; acceptUrl: string };

/** The accept page; the token travels in the fragment, which browsers never send to servers. */
export function acceptLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/invite#token=${token}`;
}

const ROLE_TEXT = {
  en: {
    owner: 'owner (everything, including deleting the workspace)',
    manager: 'manager (team, channels and settings)',
    editor: 'editor (writes and schedules posts)',
    approver: 'approver (reviews and approves posts)',
    viewer: 'viewer (reads only)',
  },
  es: {
    owner: 'propietario/a (todo, incluso borrar el espacio)',
    manager: 'gestor/a (equipo, canales y ajustes)',
    editor: 'editor/a (escribe y programa publicaciones)',
    approver: 'aprobador/a (revisa y aprueba publicaciones)',
    viewer: 'lector/a (solo consulta)',
  },
} as const;

const MAIL = {
  en: {
    subject: (inviter: string, workspace: string) => `${inviter} invited you to ${workspace} on Plaza`,
    body: (inviter: string, workspace: string, role: string, link: string) =>
      `Hello,\n\n${inviter} invited you to join "${workspace}" on Plaza as ${role}.\n\nOpen this link within 7 days to accept. You can sign in with your account or create one there:\n\n${link}\n\nThe link works once. If you did not expect this invitation, ignore this e-mail.\n`,
  },
  es: {
    subject: (inviter: string, workspace: string) => `${inviter} te invita a ${workspace} en Plaza`,
    body: (inviter: string, workspace: string, role: string, link: string) =>
      `Hola:\n\n${inviter} te invita a unirte a «${workspace}» en Plaza como ${role}.\n\nAbre este enlace antes de 7 días para aceptar. Allí puedes entrar con tu cuenta o crear una:\n\n${link}\n\nEl enlace sirve una sola vez. Si no esperabas esta invitación, ignora este correo.\n`,
  },
};

/** Sends the invitation e-mail, or hands back the link when the instance has no SMTP server. */
async function deliver(
  ctx: AppContext,
  input: { email: string; role: Role; token: string; inviterName: string; workspaceId: string; requestOrigin: string },
): Promise<Delivery> {
  if (!mailConfigured(ctx.config) || !ctx.config.publicUrl)
    return { delivery: 'link', acceptUrl: acceptLink(ctx.config.publicUrl ?? input.requestOrigin, input.token) };
  const workspace = await workspacesRepository.workspaceNameAndLanguage(ctx.database.db, input.workspaceId);
  const lang = workspace.language === 'es' ? 'es' : 'en';
  const text = MAIL[lang];
  try {
    await sendInstanceMail(ctx.config, {
      to: input.email,
      subject: text.subject(input.inviterName, workspace.name),
      text: text.body(input.inviterName, workspace.name, ROLE_TEXT[lang][input.role], acceptLink(ctx.config.publicUrl, input.token)),
    });
    return { delivery: 'email' };
  } catch (error) {
    ctx.logger.error({ err: { message: (error as Error).message }, workspaceId: input.workspaceId }, 'invitation e-mail failed');
    return { delivery: 'email_failed' };
  }
}

interface Actor {
  id: string;
  name: string;
  role: Role;
}

/**
 * Invites an e-mail address to a workspace with a role. The answer is the same whether an account
 * with that address exists or not. Inviting an address that already has an open invitation renews
 * it (new link, new expiry, the new role); the old link stops working.
 */
export async function inviteMember(
  ctx: AppContext,
  workspaceId: string,
  actor: Actor,
  input: { email: string; role: Role; requestOrigin: string },
) {
  if (input.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can invite another owner', 'owner_only');
  const db = ctx.database.db;
  // Members are listed to whoever may invite, so this tells nothing new.
  if (await workspacesRepository.isMemberByEmail(db, workspaceId, input.email))
    throw new AppError(409, 'already_member', 'This person is already a member; change their role instead');
  const token = randomToken();
  const now = ctx.clock.now();
  let row: InvitationRow;
  try {
    row = await db.transaction().execute(async (trx) => {
      const open = await invitationsRepository.findOpenByEmail(trx, workspaceId, input.email);
      if (open && open.role === 'owner' && actor.role !== 'owner')
        throw forbidden('Only an owner can change an owner invitation', 'owner_only');
      const saved = open
        ? await invitationsRepository.renew(trx, open.id, { role: input.role, token, invitedBy: actor.id, now, ttlMs: INVITATION_TTL_MS })
        : await invitationsRepository.insert(trx, {
            workspaceId,
            email: input.email,
            role: input.role,
            token,
            invitedBy: actor.id,
            now,
            ttlMs: INVITATION_TTL_MS,
          });
      await recordEvent(trx, {
        workspaceId,
        actorUserId: actor.id,
        type: open ? 'invitation.resent' : 'invitation.created',
        subjectType: 'invitation',
        subjectId: saved.id,
        data: { email: saved.email, role: saved.role },
      });
      return saved;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new AppError(409, 'invitation_pending', 'This address was invited a moment ago; resend that invitation instead');
    throw error;
  }
  const delivery = await deliver(ctx, {
    email: row.email,
    role: row.role,
    token,
    inviterName: actor.name,
    workspaceId,
    requestOrigin: input.requestOrigin,
  });
  return { invitation: presentInvitation({ ...row, invited_by_name: actor.name }, now), ...delivery };
}

/** Sends an open invitation again with a new link and a new 7-day expiry. */
export async function resendInvitation(ctx: AppContext, workspaceId: string, actor: Actor, invitationId: string, requestOrigin: string) {
  const token = randomToken();
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction().execute(async (trx) => {
    const open = await invitationsRepository.findOpenById(trx, workspaceId, invitationId);
    if (!open) throw notFound('Invitation');
    if (open.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can resend an owner invitation', 'owner_only');
    const saved = await invitationsRepository.renew(trx, open.id, {
      role: open.role,
      token,
      invitedBy: actor.id,
      now,
      ttlMs: INVITATION_TTL_MS,
    });
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actor.id,
      type: 'invitation.resent',
      subjectType: 'invitation',
      subjectId: saved.id,
      data: { email: saved.email, role: saved.role },
    });
    return saved;
  });
  const delivery = await deliver(ctx, { email: row.email, role: row.role, token, inviterName: actor.name, workspaceId, requestOrigin });
  return { invitation: presentInvitation({ ...row, invited_by_name: actor.name }, now), ...delivery };
}

/** Revokes an open invitation: its link stops working. */
export async function revokeInvitation(ctx: AppContext, workspaceId: string, actor: Actor, invitationId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const open = await invitationsRepository.findOpenById(trx, workspaceId, invitationId);
    if (!open) throw notFound('Invitation');
    if (open.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can revoke an owner invitation', 'owner_only');
    await invitationsRepository.revoke(trx, open.id, ctx.clock.now());
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actor.id,
      type: 'invitation.revoked',
      subjectType: 'invitation',
      subjectId: open.id,
      data: { email: open.email, role: open.role },
    });
  });
}

const invalidInvitation = (): AppError =>
  new AppError(404, 'invitation_invalid', 'This invitation link is invalid, used, revoked or expired; ask for a new one');

/** What the accept page shows about an invitation link. */
export async function previewInvitation(ctx: AppContext, token: string) {
  const row = await invitationsRepository.findByToken(ctx.database.db, token, ctx.clock.now());
  if (!row) throw invalidInvitation();
  return {
    workspaceName: row.workspace_name,
    workspaceLanguage: row.workspace_language,
    // The expiry is shown in the brand's zone, as every other time in the app.
    workspaceTimeZone: row.workspace_time_zone,
    email: row.email,
    role: row.role,
    invitedBy: row.invited_by_name ?? null,
    expiresAt: row.expires_at,
  };
}

/**
 * Accepts an invitation, either as the signed-in user (whose e-mail must be the invited one: the
 * link proves access to that mailbox, not to another account) or by creating the account for the
 * invited address with the invitee's own name and password. One transaction: the token is used up,
 * the account (if new) and the membership are created, and the events are written.
 */
export async function acceptInvitation(
  ctx: AppContext,
  token: string,
  who: { user: { id: string; email: string } | null; newAccount?: { name: string; password: string; locale?: string } },
): Promise<{ workspaceId: string; role: Role; userId: string; createdAccount: boolean }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const preview = await invitationsRepository.findByToken(db, token, now);
  if (!preview) throw invalidInvitation();
  let passwordHash: string | null = null;
  if (who.user) {
    if (who.user.email.toLowerCase() !== preview.email.toLowerCase()) {
      throw new AppError(
        403,
        'invitation_other_email',
        'This invitation is for another e-mail address; sign in with that address to accept it',
      );
    }
  } else {
    if (!who.newAccount) throw unauthorized('Sign in with the invited address, or create an account, to accept');
    if (await accountsRepository.findUserByEmail(db, preview.email))
      throw new AppError(409, 'account_exists', 'An account with this e-mail exists: sign in to accept');
    assertAcceptablePassword(who.newAccount.password, { email: preview.email });
    passwordHash = await hashPassword(who.newAccount.password);
  }
  return db.transaction().execute(async (trx) => {
    const invitation = await invitationsRepository.consume(trx, token, who.user?.id ?? null, now);
    if (!invitation) throw invalidInvitation();
    let userId = who.user?.id;
    if (!userId) {
      const created = await insertUser(trx, {
        email: invitation.email,
        name: who.newAccount!.name,
        passwordHash: passwordHash!,
        locale: who.newAccount!.locale ?? preview.workspace_language,
      });
      userId = created.id;
      await invitationsRepository.setAcceptedBy(trx, invitation.id, userId);
    }
    const added = await workspacesRepository.addMembership(trx, invitation.workspace_id, userId, invitation.role);
    await recordEvent(trx, {
      workspaceId: invitation.workspace_id,
      actorUserId: userId,
      type: 'invitation.accepted',
      subjectType: 'invitation',
      subjectId: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    });
    if (added) {
      await recordEvent(trx, {
        workspaceId: invitation.workspace_id,
        actorUserId: userId,
        type: 'member.added',
        subjectType: 'user',
        subjectId: userId,
        data: { role: invitation.role, email: invitation.email, invitedBy: invitation.invited_by },
      });
    }
    return { workspaceId: invitation.workspace_id, role: invitation.role, userId, createdAccount: !who.user };
  });
}
