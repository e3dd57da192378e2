/**
 * Sign-in commands: `plaza integrations list|set|remove` (each network's developer app: client ID
 * and secret, sealed by the server, never printed) and `plaza channel connect <network>` (prints
 * the network's sign-in URL to open; the browser then lands on the web app's account picker).
 */
import type { Command } from 'commander';
import { action, connect, output } from './shared.ts';

interface Integration {
  network: string;
  clientId: string | null;
  hasSecret: boolean;
  source: 'settings' | 'environment' | null;
  redirectUrl: string;
  publicUrlMissing: boolean;
  lastErrorCode: string | null;
}

const PUBLIC_URL_WARNING =
  'Warning: PUBLIC_URL is not set, so the redirect URL points at this machine; networks cannot send users back to it. Set PUBLIC_URL first.\n';

export function registerIntegrationCommands(program: Command): void {
  const integrations = program
    .command('integrations')
    .alias('integration')
    .description('Each network’s app (client ID and secret) for signing in');
  integrations
    .command('list')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{ items: Integration[] }>(`/api/v1/workspaces/${opts.workspace}/integrations`);
        output(options, result, () => {
          console.table(
            result.items.map((i) => ({
              network: i.network,
              clientId: i.clientId ?? '',
              secret: i.hasSecret ? 'set' : '',
              source: i.source ?? 'not set up',
              redirectUrl: i.redirectUrl,
              problem: i.lastErrorCode === 'oauth_invalid_client' ? 'the network refused these credentials' : '',
            })),
          );
          if (result.items.some((i) => i.publicUrlMissing)) process.stdout.write(PUBLIC_URL_WARNING);
        });
      }),
    );
  integrations
    .command('set')
    .description('Save a network’s app; the secret is read from --client-secret or $PLAZA_CLIENT_SECRET')
    .requiredOption('-w, --workspace <id>')
    .argument('<network>')
    .requiredOption('--client-id <id>')
    .option('--client-secret <secret>', 'the app’s secret (or set PLAZA_CLIENT_SECRET, which keeps it out of the shell history)')
    .action(
      action(async (network: string, opts: { workspace: string; clientId: string; clientSecret?: string }, command: Command) => {
        const { api, options } = connect(command);
        const secret = opts.clientSecret ?? process.env.PLAZA_CLIENT_SECRET;
        const saved = await api.put<Integration>(`/api/v1/workspaces/${opts.workspace}/integrations/${encodeURIComponent(network)}`, {
          clientId: opts.clientId,
          ...(secret && { clientSecret: secret }),
        });
        output(options, saved, () => {
          process.stdout.write(`Saved the ${saved.network} app. Register this redirect URL with the network:\n  ${saved.redirectUrl}\n`);
          if (saved.publicUrlMissing) process.stdout.write(PUBLIC_URL_WARNING);
        });
      }),
    );
  integrations
    .command('remove')
    .requiredOption('-w, --workspace <id>')
    .argument('<network>')
    .action(
      action(async (network: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await api.delete(`/api/v1/workspaces/${opts.workspace}/integrations/${encodeURIComponent(network)}`);
        output(options, { removed: network }, () => process.stdout.write(`Removed the saved ${network} app.\n`));
      }),
    );

  const channel = program.commands.find((c) => c.name() === 'channel');
  if (!channel) return;
  channel
    .command('connect')
    .description('Sign in with a network: prints the URL to open in your browser (you then choose the accounts in the web app)')
    .requiredOption('-w, --workspace <id>')
    .argument('<network>')
    .option('--instance <url>', 'your server, for Mastodon (e.g. https://mastodon.social)')
    .option('--reconnect <channelId>', 'sign in again for this channel')
    .action(
      action(async (network: string, opts: { workspace: string; instance?: string; reconnect?: string }, command: Command) => {
        const { api, options } = connect(command);
        const started = await api.post<{ authorizeUrl: string; redirectUrl: string; expiresAt: string }>(
          `/api/v1/workspaces/${opts.workspace}/oauth/${encodeURIComponent(network)}/start`,
          { ...(opts.instance && { instanceUrl: opts.instance }), ...(opts.reconnect && { channelId: opts.reconnect }) },
        );
        output(options, started, () =>
          process.stdout.write(
            `Open this URL in your browser, signed in to Plaza, within 10 minutes:\n\n  ${started.authorizeUrl}\n\nAfter you accept, Plaza shows the accounts you can connect.\n`,
          ),
        );
      }),
    );
}
