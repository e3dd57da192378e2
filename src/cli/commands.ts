import { parseNetworkOptions, uploadFile } from './media-upload.ts';
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { DateTime } from 'luxon';
import type { ServiceName } from '../config.ts';
import { action, cliLanguage, connect, toInstant, output, workspaceZone } from './shared.ts';
import { ApiError } from './api-client.ts';
import { registerAnalyticsCommands } from './analytics-commands.ts';
import { registerListeningCommands } from './listening-commands.ts';
import { registerAccountCommands } from './account-commands.ts';
import { registerIntegrationCommands } from './integration-commands.ts';
import { registerQueueCommands } from './queue-commands.ts';
import { registerRecurringCommands } from './recurring-commands.ts';
import { registerFeedCommands } from './feed-commands.ts';
import { registerMediaCommands } from './media-commands.ts';
import { registerInboxCommands } from './inbox-commands.ts';
import { registerClientLinkCommands } from './client-link-commands.ts';
import { registerIdeaCommands } from './idea-commands.ts';
import { registerPostBatchCommands } from './post-batch-commands.ts';
import { registerContactCommands } from './contacts-commands.ts';
import { localMessage } from '../lib/local-messages.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** config.ts's SERVICE_NAMES, written out so that `plaza --help` does not load config.ts (and zod). */
const SERVICE_NAMES: readonly ServiceName[] = ['web', 'worker', 'scheduler', 'listener'];
// Fails to compile when config.ts gains a service this list lacks.
const everyService: Exclude<ServiceName, (typeof SERVICE_NAMES)[number]> extends never ? true : never = true;
void everyService;

/** Builds the `plaza` command tree. Every command accepts --json. */
export function buildCli(): Command {
  const program = new Command('plaza')
    .description('Plaza: self-hosted social media marketing workbench')
    .option('--json', 'print machine-readable JSON')
    .option('--url <url>', 'Plaza server URL (default $PLAZA_URL or http://localhost:3000)')
    .option('--token <token>', 'personal API token (default $PLAZA_TOKEN)');

  program
    .command('start')
    .description('Start Plaza (all services by default) on the embedded database or $DATABASE_URL')
    .addOption(new Option('--services <list>', `comma-separated: ${SERVICE_NAMES.join(',')}`).default(SERVICE_NAMES.join(',')))
    .option('--port <port>', 'HTTP port (default $PORT or 3000)')
    .action(async (opts: { services: string; port?: string }) => {
      const services = opts.services.split(',').map((s) => s.trim()) as ServiceName[];
      const unknown = services.filter((s) => !SERVICE_NAMES.includes(s));
      if (unknown.length) throw new Error(`Unknown service(s): ${unknown.join(', ')}`);
      const { loadConfig } = await import('../config.ts');
      const { startPlaza } = await import('../server/runtime.ts');
      const { ensureWebBuilt } = await import('./build-web.ts');
      if (services.includes('web')) await ensureWebBuilt();
      const config = loadConfig(process.env, opts.port ? { port: opts.port } : {});
      const runtime = await startPlaza({ config, services });
      if (runtime.url)
        process.stderr.write(`Plaza is running at http://localhost:${config.port} (${runtime.ctx.database.kind} database)\n`);
      const shutdown = async (signal: string) => {
        process.stderr.write(`${signal}: stopping gracefully…\n`);
        await runtime.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });

  program
    .command('migrate')
    .description('Apply database migrations and exit (a running Plaza that owns the data folder applied them at its start)')
    .action(
      action(async (_opts, command: Command) => {
        const { loadConfig } = await import('../config.ts');
        const { openDatabase, migrate } = await import('../db/database.ts');
        const { onDataFolder } = await import('./local-owner.ts');
        const config = loadConfig();
        await onDataFolder(
          async () => {
            const database = await openDatabase({
              databaseUrl: config.databaseUrl,
              dataDir: config.databaseUrl ? undefined : config.dataDir,
            });
            const applied = await migrate(database).finally(() => database.close());
            output(command.optsWithGlobals(), { applied }, () =>
              process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date\n'),
            );
          },
          async (owner) => {
            const { pendingOn } = await import('./local-owner.ts');
            const pending = await pendingOn(owner);
            if (pending.length) throw new Error(localMessage('cliMigrateOlder', { who: owner.who, pending: pending.join(', ') }));
            output(command.optsWithGlobals(), { applied: [], owner: { pid: owner.pid, url: owner.url } }, () =>
              process.stdout.write(`${localMessage('cliUpToDate', { who: owner.who })}\n`),
            );
          },
        );
      }),
    );

  const user = program
    .command('user')
    .description('Users (administration: on the local database, or through the running Plaza that owns it)');
  user
    .command('create')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--password <password>', 'initial password (default $PLAZA_PASSWORD)')
    .option('--locale <locale>', 'en or es', 'en')
    .action(
      action(async (opts: { email: string; name: string; password?: string; locale: string }, command: Command) => {
        const password = opts.password ?? process.env.PLAZA_PASSWORD;
        if (!password || password.length < 12) throw new Error('Give a password of at least 12 characters (--password or $PLAZA_PASSWORD)');
        const { createContext } = await import('../server/runtime.ts');
        const { createUser } = await import('../modules/accounts/commands/users.ts');
        const { onDataFolder } = await import('./local-owner.ts');
        const input = { email: opts.email, name: opts.name, password, locale: opts.locale };
        const created = await onDataFolder(
          async () => {
            const ctx = await createContext({ logger: (await import('pino')).default({ level: 'silent' }) });
            try {
              return await createUser(ctx, input);
            } finally {
              await ctx.database.close();
            }
          },
          (owner) => owner.request<{ id: string; email: string }>('POST', '/users', input),
        );
        output(command.optsWithGlobals(), created, () => process.stdout.write(`Created user ${created.email} (${created.id})\n`));
      }),
    );

  const token = program.command('token').description('Personal API tokens');
  token
    .command('create')
    .description('Create an API token for a user (on the local database, or through the running Plaza that owns it); shown once')
    .requiredOption('--email <email>')
    .option('--name <name>', 'what the token is for', 'cli')
    .action(
      action(async (opts: { email: string; name: string }, command: Command) => {
        const { createContext } = await import('../server/runtime.ts');
        const { createApiTokenForEmail } = await import('../modules/accounts/commands/api-tokens.ts');
        const { onDataFolder } = await import('./local-owner.ts');
        const created = await onDataFolder(
          async () => {
            const ctx = await createContext({ logger: (await import('pino')).default({ level: 'silent' }) });
            try {
              return await createApiTokenForEmail(ctx, opts.email, opts.name);
            } finally {
              await ctx.database.close();
            }
          },
          (owner) => owner.request<{ id: string; name: string; token: string }>('POST', '/tokens', { email: opts.email, name: opts.name }),
        );
        output(command.optsWithGlobals(), created, () => process.stdout.write(`${created.token}\n`));
      }),
    );

  const workspace = program.command('workspace').description('Workspaces (one per brand or client)');
  workspace
    .command('create')
    .requiredOption('--name <name>')
    .requiredOption('--tz <zone>', 'IANA time zone, e.g. Europe/Madrid')
    .option('--lang <lang>', 'es or en', 'es')
    .option('--approval', 'posts need approval before scheduling', false)
    .action(
      action(async (opts: { name: string; tz: string; lang: string; approval: boolean }, command: Command) => {
        const { api, options } = connect(command);
        const created = await api.post<{ id: string; name: string }>('/api/v1/workspaces', {
          name: opts.name,
          timeZone: opts.tz,
          language: opts.lang,
          approvalRequired: opts.approval,
        });
        output(options, created, () => process.stdout.write(`Created workspace ${created.name} (${created.id})\n`));
      }),
    );
  workspace.command('list').action(
    action(async (_opts, command: Command) => {
      const { api, options } = connect(command);
      const result = await api.get<{ items: Array<{ id: string; name: string; timeZone: string; language: string; role: string }> }>(
        '/api/v1/workspaces',
      );
      output(options, result, () =>
        console.table(result.items.map((w) => ({ id: w.id, name: w.name, zone: w.timeZone, lang: w.language, role: w.role }))),
      );
    }),
  );

  const channel = program
    .command('channel')
    .description('Connected accounts')
    .addHelpText(
      'after',
      "\nA channel's push (webhook) address and secret for the inbox (Meta: the app secret, the callback URL and\nverify token for the Meta app dashboard): plaza inbox push-secret -w <workspace> <channelId> --secret-stdin\nTelegram: plaza inbox push-secret -w <workspace> <channelId> sets the bot's webhook; --remove stops it",
    );
  channel
    .command('add')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--network <name>', 'bluesky, mastodon or sandbox')
    .requiredOption('--name <name>')
    .option('-f, --field <key=value>', 'connection field (repeat), e.g. -f identifier=me.bsky.social -f appPassword=…', collect)
    .action(
      action(async (opts: { workspace: string; network: string; name: string; field?: string[] }, command: Command) => {
        const { api, options } = connect(command);
        const fields = Object.fromEntries(
          (opts.field ?? []).map((pair) => {
            const at = pair.indexOf('=');
            if (at < 1) throw new Error(`Expected key=value, got "${pair}"`);
            return [pair.slice(0, at), pair.slice(at + 1)];
          }),
        );
        const created = await api.post<{ id: string; name: string; status: string }>(`/api/v1/workspaces/${opts.workspace}/channels`, {
          network: opts.network,
          name: opts.name,
          fields,
        });
        output(options, created, () => process.stdout.write(`Connected ${created.name} (${created.id}): ${created.status}\n`));
      }),
    );
  channel
    .command('list')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{
          items: Array<{ id: string; network: string; name: string; status: string; simulated: boolean; lastError: string | null }>;
        }>(`/api/v1/workspaces/${opts.workspace}/channels`);
        output(options, result, () =>
          console.table(
            result.items.map((c) => ({
              id: c.id,
              network: c.simulated ? `${c.network} (simulated)` : c.network,
              name: c.name,
              status: c.status,
              error: c.lastError ?? '',
            })),
          ),
        );
      }),
    );
  channel
    .command('show')
    .description(
      'One channel: its status, when its access ends, this month’s API spend on networks that bill per call (X) and today’s quota use (YouTube)',
    )
    .requiredOption('-w, --workspace <id>')
    .argument('<channelId>')
    .action(
      action(async (channelId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const c = await api.get<{
          id: string;
          network: string;
          name: string;
          status: string;
          lastError: string | null;
          connectionExpiresAt: string | null;
          apiCost?: { currency: string; month: string; total: number; publications: number } | null;
          quota: { day: string; resetsAt: string; buckets: Array<{ bucket: string; used: number; limit: number }> } | null;
        }>(`/api/v1/workspaces/${opts.workspace}/channels/${channelId}`);
        // The quota's reset in the brand's time zone (YouTube resets at midnight Pacific time).
        const zone = c.quota ? await workspaceZone(api, opts.workspace) : 'UTC';
        output(options, c, () => {
          process.stdout.write(`${c.name} (${c.id})\nNetwork: ${c.network}\nStatus: ${c.status}\n`);
          if (c.lastError) process.stdout.write(`Last error: ${c.lastError}\n`);
          if (c.connectionExpiresAt) process.stdout.write(`Access ends: ${c.connectionExpiresAt}\n`);
          if (c.apiCost)
            process.stdout.write(
              `API spend ${c.apiCost.month}: ${c.apiCost.total.toFixed(3)} ${c.apiCost.currency} (${c.apiCost.publications} published)\n`,
            );
          if (c.quota) {
            const resets = DateTime.fromISO(c.quota.resetsAt).setZone(zone).toFormat('yyyy-LL-dd HH:mm');
            process.stdout.write(`Daily quota (${c.quota.day}, resets ${resets} ${zone}):\n`);
            for (const b of c.quota.buckets) process.stdout.write(`  ${b.bucket}: ${b.used} of ${b.limit} used\n`);
          }
        });
      }),
    );
  channel
    .command('test')
    .description('Check the connection with the network now (--live: print what the network answered)')
    .requiredOption('-w, --workspace <id>')
    .option('--live', 'print the account and the answer as the network gave them')
    .argument('<channelId>')
    .action(
      action(async (channelId: string, opts: { workspace: string; live?: boolean }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{
          health: {
            ok: boolean;
            account?: { id: string; handle: string; displayName?: string; followers?: number };
            error?: { code: string; message: string; kind?: string };
          };
          channel: { network: string; status: string };
        }>(`/api/v1/workspaces/${opts.workspace}/channels/${channelId}/test`, {});
        output(options, result, () => {
          process.stdout.write(result.health.ok ? 'Connection OK\n' : `Connection failed: ${result.health.error?.message}\n`);
          if (!opts.live) return;
          const { account, error } = result.health;
          process.stdout.write(`Network: ${result.channel.network} (channel status: ${result.channel.status})\n`);
          if (account)
            process.stdout.write(
              `Account as the network sees it: id ${account.id}, ${account.handle}${account.displayName ? ` (${account.displayName})` : ''}${
                account.followers !== undefined ? `, ${account.followers} followers` : ''
              }\n`,
            );
          if (error) process.stdout.write(`The network answered: ${error.code}${error.kind ? ` (${error.kind})` : ''}: ${error.message}\n`);
        });
        if (!result.health.ok) process.exitCode = 1;
      }),
    );

  channel
    .command('choices')
    .description(
      'The values the account offers for an option of its network, most used first (WordPress: --option categories or tags, the site’s own)',
    )
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--option <name>', 'the option, e.g. categories')
    .argument('<channelId>')
    .action(
      action(async (channelId: string, opts: { workspace: string; option: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{ items: Array<{ value: string; count?: number }> }>(
          `/api/v1/workspaces/${opts.workspace}/channels/${channelId}/options/${encodeURIComponent(opts.option)}/choices`,
        );
        output(options, result, () => {
          for (const choice of result.items)
            process.stdout.write(`${choice.value}${choice.count !== undefined ? `\t${choice.count}` : ''}\n`);
        });
      }),
    );

  const post = program.command('post').alias('posts').description('Posts');
  post
    .command('create')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('-c, --channel <id>', 'channel id (repeat for several)', collect)
    .requiredOption('-t, --text <text>')
    .option('--at <iso>', 'when to publish: ISO 8601 with offset, or local "2026-03-29 10:00" in the workspace’s time zone')
    .addOption(
      new Option('--action <action>', 'what to do with it').choices(['draft', 'submit', 'schedule', 'publish_now']).default('draft'),
    )
    .option('--media <file>', 'an image (PNG, JPEG, GIF, WebP) or video (MP4, MOV) to attach; repeat for a carousel, in order', collect, [])
    .option('--alt <text>', 'alt text of the --media file in the same position (repeat)', collect, [])
    .addOption(
      new Option('--post-type <type>', 'kind of post on every channel (each network allows its own)').choices([
        'text',
        'link',
        'image',
        'carousel',
        'video',
        'reel',
        'story',
        'thread',
        'document',
      ]),
    )
    .option('--first-comment <text>', 'published as the first comment right after the post, where the network takes one')
    .option('--title <text>', 'a title, for networks that take one')
    .option('--option <name=value>', 'one of the networks’ own options (see GET /api/v1/networks); repeat', collect, [])
    .option('--queue <queueId>', 'add it to a queue: it is scheduled in the queue’s next free slot (plaza queue list)')
    .option(
      '--repeat <rrule>',
      'repeat it (RFC 5545 RRULE, e.g. "FREQ=WEEKLY;BYDAY=MO;COUNT=10"); --at is the first occurrence, on the brand’s wall clock (plaza recurring)',
    )
    .option('--window-days <n>', 'with --repeat: days of occurrences created ahead (a rule that never ends needs it)', '60')
    .action(
      action(
        async (
          opts: {
            workspace: string;
            channel: string[];
            text: string;
            at?: string;
            queue?: string;
            repeat?: string;
            windowDays: string;
            action: string;
            media: string[];
            alt: string[];
            postType?: string;
            firstComment?: string;
            title?: string;
            option: string[];
          },
          command: Command,
        ) => {
          const { api, options } = connect(command);
          const zone = opts.at ? await workspaceZone(api, opts.workspace) : 'UTC';
          const networkOptions = parseNetworkOptions(opts.option);
          const media: Array<{ mediaId: string; alt?: string }> = [];
          for (const [index, file] of opts.media.entries()) {
            const showProgress = !options.json && process.stderr.isTTY;
            const uploaded = await uploadFile(api, opts.workspace, file, (sent, total) => {
              if (showProgress) process.stderr.write(`\r${file}: ${Math.floor((sent / total) * 100)} %`);
            });
            if (showProgress) process.stderr.write('\n');
            media.push({ mediaId: uploaded.id, ...(opts.alt[index] ? { alt: opts.alt[index] } : {}) });
          }
          if (opts.repeat) {
            if (!opts.at) throw new Error('--repeat needs --at: the first occurrence, e.g. --at "2026-03-09 09:00"');
            if (opts.queue) throw new Error('--repeat and --queue cannot go together');
            const { createRecurringFromCli } = await import('./recurring-commands.ts');
            const explicit = command.getOptionValueSource('action') !== 'default';
            await createRecurringFromCli(api, options, opts.workspace, {
              post: {
                content: opts.text,
                media,
                ...(opts.postType && { postType: opts.postType }),
                ...(opts.firstComment && { firstComment: opts.firstComment }),
                ...(opts.title && { title: opts.title }),
                channels: opts.channel.map((channelId) => ({
                  channelId,
                  ...(Object.keys(networkOptions).length > 0 && { options: { network: networkOptions } }),
                })),
                // Each occurrence is scheduled at its time unless the command says otherwise.
                action: explicit ? opts.action : 'schedule',
              },
              rule: opts.repeat,
              at: opts.at,
              zone,
              windowDays: Number(opts.windowDays),
            });
            return;
          }
          const created = await api.post<{ id: string; state: string; scheduledAt: string | null }>(
            `/api/v1/workspaces/${opts.workspace}/posts`,
            {
              content: opts.text,
              media,
              ...(opts.postType && { postType: opts.postType }),
              ...(opts.firstComment && { firstComment: opts.firstComment }),
              ...(opts.title && { title: opts.title }),
              channels: opts.channel.map((channelId) => ({
                channelId,
                ...(Object.keys(networkOptions).length > 0 && { options: { network: networkOptions } }),
              })),
              scheduledAt: opts.at ? await toInstant(opts.at, zone) : undefined,
              // A queued post is saved as a draft first; the queue then schedules it in its next free slot.
              action: opts.queue ? 'draft' : opts.action,
            },
          );
          if (opts.queue) {
            try {
              const queued = await api.post<{ scheduledAt: string | null }>(
                `/api/v1/workspaces/${opts.workspace}/queues/${opts.queue}/posts`,
                {
                  postId: created.id,
                },
              );
              created.state = queued.scheduledAt ? 'scheduled' : created.state;
              created.scheduledAt = queued.scheduledAt;
            } catch (error) {
              process.stderr.write(`plaza: the post was kept as draft ${created.id}\n`);
              throw error;
            }
          }
          output(options, created, () =>
            process.stdout.write(`Post ${created.id}: ${created.state}${created.scheduledAt ? ` at ${created.scheduledAt}` : ''}\n`),
          );
        },
      ),
    );
  post
    .command('schedule')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--at <iso>', 'ISO 8601 with offset, or local time in the workspace’s zone')
    .argument('<postId>')
    .action(
      action(async (postId: string, opts: { workspace: string; at: string }, command: Command) => {
        const { api, options } = connect(command);
        const zone = await workspaceZone(api, opts.workspace);
        const result = await api.post<{ id: string; state: string; scheduledAt: string }>(
          `/api/v1/workspaces/${opts.workspace}/posts/${postId}/schedule`,
          { scheduledAt: await toInstant(opts.at, zone) },
        );
        output(options, result, () => process.stdout.write(`Post ${result.id}: ${result.state} at ${result.scheduledAt}\n`));
      }),
    );
  post
    .command('approve')
    .description('Approve a post in review: a dated post is scheduled at its time, an undated one waits for a date')
    .requiredOption('-w, --workspace <id>')
    .option('--at <iso>', 'a new time (ISO 8601 with offset, or local time in the workspace’s zone)')
    .option('--publish-now', 'publish at once: needed when the post’s time has already passed')
    .option('-m, --comment <text>', 'a note for the author')
    .argument('<postId>')
    .action(
      action(async (postId: string, opts: { workspace: string; at?: string; publishNow?: boolean; comment?: string }, command: Command) => {
        const { api, options } = connect(command);
        const zone = opts.at ? await workspaceZone(api, opts.workspace) : 'UTC';
        const result = await api
          .post<{ id: string; state: string; scheduledAt: string | null }>(`/api/v1/workspaces/${opts.workspace}/posts/${postId}/approve`, {
            ...(opts.at && { scheduledAt: toInstant(opts.at, zone) }),
            ...(opts.publishNow && { publishNow: true }),
            ...(opts.comment && { comment: opts.comment }),
          })
          .catch((error: unknown) => {
            // Say it in the CLI's own words: which option decides.
            if (error instanceof ApiError && error.body.code === 'scheduled_time_passed')
              throw new Error(
                `The post's time (${String((error.details as { scheduledAt?: string })?.scheduledAt)}) has passed: approve with --at <new time> or --publish-now`,
              );
            throw error;
          });
        output(options, result, () =>
          process.stdout.write(`Post ${result.id}: ${result.state}${result.scheduledAt ? ` at ${result.scheduledAt}` : ''}\n`),
        );
      }),
    );
  post
    .command('cancel')
    .requiredOption('-w, --workspace <id>')
    .argument('<postId>')
    .action(
      action(async (postId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ id: string; state: string }>(`/api/v1/workspaces/${opts.workspace}/posts/${postId}/cancel`, {});
        output(options, result, () => process.stdout.write(`Post ${result.id}: ${result.state}\n`));
      }),
    );
  post
    .command('show')
    .description('A post and each channel’s publication: state, link, error, first comment and link card')
    .requiredOption('-w, --workspace <id>')
    .argument('<postId>')
    .action(
      action(async (postId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{
          id: string;
          state: string;
          scheduledAt: string | null;
          content: string;
          publications: Array<{
            id: string;
            network: string;
            state: string;
            remoteUrl: string | null;
            error: { code: string; message: string | null } | null;
            firstComment: string | null;
            firstCommentStatus: {
              state: string;
              remoteUrl: string | null;
              attempts: number;
              nextTryAt: string | null;
              error: { code: string; message: string | null } | null;
            } | null;
            linkCard: { url: string | null; skipped: string | null } | null;
          }>;
        }>(`/api/v1/workspaces/${opts.workspace}/posts/${postId}`);
        output(options, result, () => {
          process.stdout.write(
            `Post ${result.id}: ${result.state}${result.scheduledAt ? ` at ${result.scheduledAt}` : ''}\n${result.content}\n`,
          );
          for (const p of result.publications) {
            process.stdout.write(`\n${p.network} (${p.id}): ${p.state}${p.remoteUrl ? ` ${p.remoteUrl}` : ''}\n`);
            if (p.error) process.stdout.write(`  error: ${p.error.code}${p.error.message ? ` — ${p.error.message}` : ''}\n`);
            if (p.linkCard?.url) process.stdout.write(`  link card: ${p.linkCard.url}\n`);
            if (p.linkCard?.skipped) process.stdout.write(`  link card not sent: ${p.linkCard.skipped}\n`);
            const c = p.firstCommentStatus;
            if (c) {
              const detail =
                c.state === 'published'
                  ? (c.remoteUrl ?? '')
                  : c.state === 'failed' && c.error
                    ? `${c.error.code}${c.error.message ? ` — ${c.error.message}` : ''} (plaza post retry-comment)`
                    : c.nextTryAt
                      ? `next try ${c.nextTryAt}${c.error ? ` after ${c.error.code}` : ''}`
                      : '';
              process.stdout.write(`  first comment: ${c.state}${detail ? ` ${detail}` : ''}\n    “${p.firstComment}”\n`);
            }
          }
        });
      }),
    );
  post
    .command('retry-comment')
    .description('Try a failed first comment again (only the comment: its post is out and is never sent again)')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--publication <id>', 'the publication whose first comment failed (see plaza post show)')
    .argument('<postId>')
    .action(
      action(async (postId: string, opts: { workspace: string; publication: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ id: string; publications: Array<{ id: string; firstCommentStatus: { state: string } | null }> }>(
          `/api/v1/workspaces/${opts.workspace}/posts/${postId}/publications/${opts.publication}/first-comment/retry`,
          {},
        );
        const state = result.publications.find((p) => p.id === opts.publication)?.firstCommentStatus?.state ?? 'none';
        output(options, result, () => process.stdout.write(`First comment of ${opts.publication}: ${state}\n`));
      }),
    );
  post
    .command('list')
    .description('List posts, newest first, undated drafts included (same filters as the web app’s posts list)')
    .requiredOption('-w, --workspace <id>')
    .option('--state <state>', 'draft, in_review, approved, scheduled, publishing, published, failed or canceled')
    .option('--channel <id>', 'only posts to this channel')
    .option('--campaign <id>', 'only posts of this campaign')
    .option('--author <id>', 'only posts by this user')
    .option('--undated', 'only posts without a date')
    .option('-q, --search <text>', 'only posts whose text contains this')
    .option('--limit <n>', 'how many', '50')
    .option('--cursor <cursor>', 'the next page (printed after a full page)')
    .action(
      action(
        async (
          opts: {
            workspace: string;
            state?: string;
            channel?: string;
            campaign?: string;
            author?: string;
            undated?: boolean;
            search?: string;
            limit: string;
            cursor?: string;
          },
          command: Command,
        ) => {
          const { api, options } = connect(command);
          const query = new URLSearchParams({ limit: opts.limit });
          if (opts.state) query.set('state', opts.state);
          if (opts.channel) query.set('channelId', opts.channel);
          if (opts.campaign) query.set('campaignId', opts.campaign);
          if (opts.author) query.set('authorId', opts.author);
          if (opts.undated) query.set('undated', 'true');
          if (opts.search) query.set('q', opts.search);
          if (opts.cursor) query.set('cursor', opts.cursor);
          const result = await api.get<{
            items: Array<{
              id: string;
              state: string;
              scheduledAt: string | null;
              content: string;
              publications: Array<{ network: string; state: string; error: { message: string } | null }>;
            }>;
            nextCursor: string | null;
          }>(`/api/v1/workspaces/${opts.workspace}/posts?${query}`);
          output(options, result, () => {
            console.table(
              result.items.map((p) => ({
                id: p.id,
                state: p.state,
                at: p.scheduledAt ?? '',
                text: p.content.slice(0, 40),
                channels: p.publications
                  .map((x) => `${x.network}:${x.state}${x.error ? ` (${x.error.message.slice(0, 40)})` : ''}`)
                  .join(' '),
              })),
            );
            if (result.nextCursor) process.stdout.write(`More: --cursor ${result.nextCursor}\n`);
          });
        },
      ),
    );

  program
    .command('import')
    .description('Import posts from CSV (columns: content, channels, scheduled_at, action). All rows or none.')
    .argument('<kind>', 'what to import: posts')
    .argument('<file>', 'CSV file')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (kind: string, file: string, opts: { workspace: string }, command: Command) => {
        if (kind !== 'posts') throw new Error('Only "posts" can be imported for now');
        const { api, options } = connect(command);
        const { importPostsCsv } = await import('./import-posts.ts');
        const language = options.json ? 'en' : await cliLanguage(api, opts.workspace);
        const result = await importPostsCsv(api, opts.workspace, fs.readFileSync(file, 'utf8'), {
          progress: !options.json && process.stderr.isTTY,
          language,
        });
        const es = language === 'es';
        output(options, result, () => {
          if (result.errors.length) {
            process.stderr.write(
              es
                ? `No se ha importado nada: ${result.errors.length} fila(s) con errores\n`
                : `Nothing imported: ${result.errors.length} row(s) have errors\n`,
            );
            for (const error of result.errors) process.stderr.write(`  ${es ? 'fila' : 'row'} ${error.row}: ${error.message}\n`);
          } else process.stdout.write(es ? `Importadas ${result.created} publicación(es)\n` : `Imported ${result.created} post(s)\n`);
        });
        if (result.errors.length) process.exitCode = 1;
      }),
    );

  program
    .command('export')
    .description('Export a workspace as JSON (no secrets)')
    .requiredOption('-w, --workspace <id>')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(
      action(async (opts: { workspace: string; out?: string }, command: Command) => {
        const { api } = connect(command);
        const data = await api.get<unknown>(`/api/v1/workspaces/${opts.workspace}/export`);
        const text = `${JSON.stringify(data, null, 2)}\n`;
        if (opts.out) {
          fs.writeFileSync(opts.out, text);
          process.stderr.write(`Wrote ${opts.out}\n`);
        } else process.stdout.write(text);
      }),
    );

  registerAnalyticsCommands(program);
  registerListeningCommands(program);
  registerAccountCommands(program);
  registerIntegrationCommands(program);
  registerQueueCommands(program);
  registerRecurringCommands(program);
  registerFeedCommands(program);
  registerMediaCommands(program);
  registerInboxCommands(program);
  registerClientLinkCommands(program);
  registerIdeaCommands(program);
  registerPostBatchCommands(program.commands.find((c) => c.name() === 'post')!);
  registerContactCommands(program);
  return program;
}
