/**
 * `plaza client-link create|list|show|revoke`: approval links for a client without an account. The
 * client opens the link, sees the posts of its period (brand-zone days) and approves or rejects each.
 */
import type { Command } from 'commander';
import { action, connect, output } from './shared.ts';

interface ClientLink {
  id: string;
  clientName: string;
  language: 'es' | 'en';
  firstDay: string;
  lastDay: string;
  expiresAt: string;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
  createdByName: string | null;
  approved?: number;
  rejected?: number;
}

function printLink(link: ClientLink): void {
  const counts = link.approved !== undefined ? `  approved ${link.approved}, rejected ${link.rejected}` : '';
  process.stdout.write(
    `${link.id}  ${link.clientName}  [${link.status}]  ${link.firstDay} → ${link.lastDay}  (${link.language})  until ${link.expiresAt}${counts}\n`,
  );
}

export function registerClientLinkCommands(program: Command): void {
  const clientLink = program
    .command('client-link')
    .alias('client-links')
    .description('Approval links for clients without an account: they see a period’s posts and approve or reject each');
  const path = (workspace: string, rest = '') => `/api/v1/workspaces/${workspace}/client-links${rest}`;

  clientLink
    .command('create')
    .description('Create a link; its URL is printed once (only a hash of its token is kept)')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--client <name>', 'the client’s name, as the audit log will show their decisions')
    .requiredOption('--from <day>', 'first day of the posts shown, YYYY-MM-DD in the brand’s time zone')
    .requiredOption('--to <day>', 'last day of the posts shown, YYYY-MM-DD (inclusive)')
    .option('--lang <language>', 'the page’s language: es or en', 'es')
    .option('--days <n>', 'how many days the link keeps working (1–90)', '14')
    .action(
      action(
        async (opts: { workspace: string; client: string; from: string; to: string; lang: string; days: string }, command: Command) => {
          const { api, options } = connect(command);
          const validDays = Number(opts.days);
          if (!Number.isInteger(validDays)) throw new Error(`--days must be a whole number of days, not "${opts.days}"`);
          const created = await api.post<ClientLink & { url: string; urlWarning: { message: string } | null }>(path(opts.workspace), {
            clientName: opts.client,
            language: opts.lang,
            firstDay: opts.from,
            lastDay: opts.to,
            validDays,
          });
          output(options, created, () => {
            printLink(created);
            process.stdout.write(`Link (shown once, send it to ${created.clientName}):\n${created.url}\n`);
            if (created.urlWarning) process.stderr.write(`Warning: ${created.urlWarning.message}\n`);
          });
        },
      ),
    );

  clientLink
    .command('list')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{ items: ClientLink[] }>(path(opts.workspace));
        output(options, result, () => {
          if (!result.items.length)
            process.stdout.write('No client links yet: plaza client-link create -w <workspace> --client … --from … --to …\n');
          for (const link of result.items) printLink(link);
        });
      }),
    );

  clientLink
    .command('show')
    .description('A link with the client’s decisions, newest first')
    .requiredOption('-w, --workspace <id>')
    .argument('<linkId>')
    .action(
      action(async (linkId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const link = await api.get<
          ClientLink & { decisions: Array<{ postId: string; decision: string; comment: string; decidedAt: string; postContent: string }> }
        >(path(opts.workspace, `/${linkId}`));
        output(options, link, () => {
          printLink(link);
          for (const d of link.decisions)
            process.stdout.write(
              `  ${d.decidedAt}  ${d.decision.padEnd(8)}  ${d.postId}  ${d.postContent.slice(0, 50).replace(/\s+/g, ' ')}${d.comment ? `  “${d.comment}”` : ''}\n`,
            );
        });
      }),
    );

  clientLink
    .command('revoke')
    .description('Revoke a link at once: the client sees that it was withdrawn')
    .requiredOption('-w, --workspace <id>')
    .argument('<linkId>')
    .action(
      action(async (linkId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await api.delete(path(opts.workspace, `/${linkId}`));
        output(options, { revoked: linkId }, () => process.stdout.write(`Revoked ${linkId}\n`));
      }),
    );
}
