import type { Command } from 'commander';
import { action, connect, output } from './shared.ts';

interface InvitationAnswer {
  invitation: { id: string; email: string; role: string; expiresAt: string };
  delivery: 'email' | 'email_failed' | 'link';
  acceptUrl?: string;
}

/** Tells how the invitee gets the link; without SMTP the link is printed, once. */
function describeDelivery(answer: InvitationAnswer): string {
  if (answer.delivery === 'email')
    return `E-mailed an invitation to ${answer.invitation.email} (${answer.invitation.role}), valid until ${answer.invitation.expiresAt}\n`;
  if (answer.delivery === 'email_failed')
    return `Invitation saved, but the e-mail to ${answer.invitation.email} could not be sent; try \`plaza invite resend\` later\n`;
  return `This Plaza cannot send e-mail: give ${answer.invitation.email} this link (shown once, valid 7 days, single use):\n${answer.acceptUrl}\n`;
}

/** `plaza user reset-password` (local database) and `plaza invite …` (API). */
export function registerAccountCommands(program: Command): void {
  const user = program.commands.find((c) => c.name() === 'user') ?? program.command('user');
  user
    .command('reset-password')
    .description(
      "Reset a user's password (on the local database, or through the running Plaza that owns it): set it (--password or $PLAZA_PASSWORD) or print a one-hour reset link; every session of the user ends",
    )
    .requiredOption('--email <email>')
    .option('--password <password>', 'new password (default $PLAZA_PASSWORD); without one, a reset link is printed')
    .action(async (opts: { email: string; password?: string }, command: Command) => {
      const password = opts.password ?? process.env.PLAZA_PASSWORD;
      const { onDataFolder } = await import('./local-owner.ts');
      const { resetPasswordByEmail } = await import('../server/local-admin.ts');
      let done: Awaited<ReturnType<typeof resetPasswordByEmail>>;
      try {
        done = await onDataFolder(
          async () => {
            const { createContext } = await import('../server/runtime.ts');
            const ctx = await createContext({ logger: (await import('pino')).default({ level: 'silent' }) });
            try {
              return await resetPasswordByEmail(ctx, opts.email, password);
            } finally {
              await ctx.database.close();
            }
          },
          (owner) => owner.request<typeof done>('POST', '/password-resets', { email: opts.email, password }),
        );
      } catch (error) {
        // Policy refusals and unknown addresses: a plain message, not a stack trace.
        throw new Error((error as Error).message);
      }
      output(command.optsWithGlobals(), done, () =>
        process.stdout.write(
          'resetUrl' in done
            ? `Reset link for ${done.email} (valid one hour, single use):\n${done.resetUrl}\n`
            : `New password set for ${done.email}; ${done.endedSessions} session(s) ended\n`,
        ),
      );
    });

  const invite = program.command('invite').description('Invitations to a workspace by e-mail');
  invite
    .command('create')
    .description('Invite an e-mail address with a role (owner, manager, editor, approver, viewer)')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>', 'manager: team, channels, settings; editor: writes and schedules; approver: reviews; viewer: reads')
    .action(
      action(async (opts: { workspace: string; email: string; role: string }, command: Command) => {
        const { api, options } = connect(command);
        const answer = await api.post<InvitationAnswer>(`/api/v1/workspaces/${opts.workspace}/invitations`, {
          email: opts.email,
          role: opts.role,
        });
        output(options, answer, () => process.stdout.write(describeDelivery(answer)));
      }),
    );
  invite
    .command('list')
    .description('Open invitations')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{
          items: Array<{ id: string; email: string; role: string; expiresAt: string; expired: boolean; invitedBy: string | null }>;
        }>(`/api/v1/workspaces/${opts.workspace}/invitations`);
        output(options, result, () =>
          console.table(
            result.items.map((i) => ({
              id: i.id,
              email: i.email,
              role: i.role,
              by: i.invitedBy ?? '',
              expires: i.expiresAt,
              expired: i.expired ? 'yes' : '',
            })),
          ),
        );
      }),
    );
  invite
    .command('resend')
    .description('Send an invitation again (new link, 7 more days; the old link stops working)')
    .requiredOption('-w, --workspace <id>')
    .argument('<invitationId>')
    .action(
      action(async (invitationId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const answer = await api.post<InvitationAnswer>(`/api/v1/workspaces/${opts.workspace}/invitations/${invitationId}/resend`, {});
        output(options, answer, () => process.stdout.write(describeDelivery(answer)));
      }),
    );
  invite
    .command('revoke')
    .description('Revoke an open invitation')
    .requiredOption('-w, --workspace <id>')
    .argument('<invitationId>')
    .action(async (invitationId: string, opts: { workspace: string }, command: Command) => {
      const { options, baseUrl, token } = connect(command);
      const response = await fetch(new URL(`/api/v1/workspaces/${opts.workspace}/invitations/${invitationId}`, baseUrl), {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 204) {
        const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new Error(`Error ${response.status}: ${body.error?.message ?? response.statusText}`);
      }
      output(options, { revoked: invitationId }, () => process.stdout.write(`Revoked invitation ${invitationId}\n`));
    });
}
