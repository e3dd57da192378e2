/**
 * `plaza feed list|show|add|set|check|pause|resume|delete`: RSS and Atom feeds whose new items
 * become drafts, posts sent for review or posts in a queue (each item once).
 */
import type { Command } from 'commander';
import { action, brandTime, cliLanguage, connect, output, workspaceZone } from './shared.ts';

interface Feed {
  id: string;
  name: string;
  url: string;
  channelIds: string[];
  template: string;
  destination: 'draft' | 'review' | 'queue';
  queueId: string | null;
  trackLinks: boolean;
  paused: boolean;
  intervalMinutes: number;
  lastPolledAt: string | null;
  nextPollAt: string;
  lastErrorCode: string | null;
  itemsPosted: number;
  itemsFailed: number;
  items?: Array<{ title: string; status: string; postId: string | null; postState: string | null; errorCode: string | null }>;
  poll?: Poll;
}
interface Poll {
  status: 'read' | 'not_modified' | 'failed';
  created: number;
  skipped: number;
  failed: number;
  errorCode: string | null;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Failure texts, loaded inside an action (`plaza --help` loads only the command files). */
let failureText: (code: string, language: 'en' | 'es') => string = (code) => code;
async function loadTexts(): Promise<void> {
  ({ failureText } = await import('../lib/failure-code.ts'));
}

function pollLine(poll: Poll, language: 'en' | 'es'): string {
  if (poll.status === 'failed') return `Read failed: ${failureText(poll.errorCode ?? 'unexpected', language)}\n`;
  if (poll.status === 'not_modified') return 'Nothing new since the last read.\n';
  return `Read: ${poll.created} new post(s)${poll.skipped ? `, ${poll.skipped} older item(s) left out` : ''}${poll.failed ? `, ${poll.failed} not posted` : ''}.\n`;
}

function printFeed(feed: Feed, zone: string, language: 'en' | 'es'): void {
  const lines = [
    `${feed.id}  ${feed.name}${feed.paused ? '  [paused]' : ''}`,
    `  ${feed.url}`,
    `  new items → ${feed.destination}${feed.queueId ? ` (queue ${feed.queueId})` : ''} on ${feed.channelIds.length} channel(s); text "${feed.template}"${feed.trackLinks ? '; tracked links' : ''}`,
    `  every ${feed.intervalMinutes} min; last read ${feed.lastPolledAt ? brandTime(feed.lastPolledAt, zone) : 'never'}; ${feed.itemsPosted} post(s) made${feed.itemsFailed ? `, ${feed.itemsFailed} item(s) not posted` : ''}`,
  ];
  if (feed.lastErrorCode) lines.push(`  PROBLEM: ${failureText(feed.lastErrorCode, language)}`);
  for (const item of feed.items ?? [])
    lines.push(
      `  - [${item.status}${item.postState ? `: ${item.postState}` : ''}] ${item.title.slice(0, 60)}${item.postId ? `  post ${item.postId}` : ''}${item.errorCode ? `  (${item.errorCode})` : ''}`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Registers `plaza feed …`. */
export function registerFeedCommands(program: Command): void {
  const feed = program
    .command('feed')
    .alias('feeds')
    .description('RSS/Atom feeds: each new item becomes a post (draft, review or a queue), once');
  const path = (workspace: string, rest = '') => `/api/v1/workspaces/${workspace}/feeds${rest}`;
  const settingsOptions = (command: Command) =>
    command
      .option('-c, --channel <id>', 'a channel its posts go to (repeat)', collect, [])
      .option('--template <text>', 'the post text: {title} {link} {summary} {author} {feed}')
      .option('--to <destination>', 'new items become: draft | review | queue')
      .option('--queue <queueId>', 'the queue (with --to queue)')
      .option('--no-track-links', 'keep the article’s own link (no short link, no UTM)')
      .option('--campaign <campaignId>', 'campaign for UTM and results')
      .option('--every <minutes>', 'check every so many minutes (5–1440)')
      .option('--name <name>', 'a name (the feed’s own title when left out)');
  type SettingsOpts = {
    workspace: string;
    channel: string[];
    template?: string;
    to?: string;
    queue?: string;
    trackLinks: boolean;
    campaign?: string;
    every?: string;
    name?: string;
  };
  const settingsBody = (opts: SettingsOpts, creating: boolean) => ({
    ...(opts.channel.length || creating ? { channelIds: opts.channel } : {}),
    ...(opts.template !== undefined ? { template: opts.template } : {}),
    ...(opts.to !== undefined ? { destination: opts.to } : {}),
    ...(opts.queue !== undefined ? { queueId: opts.queue } : {}),
    ...(creating || opts.trackLinks === false ? { trackLinks: opts.trackLinks } : {}),
    ...(opts.campaign !== undefined ? { campaignId: opts.campaign } : {}),
    ...(opts.every !== undefined ? { intervalMinutes: Number(opts.every) } : {}),
    ...(opts.name !== undefined ? { name: opts.name } : {}),
  });

  feed
    .command('list')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await loadTexts();
        await loadTexts();
        const result = await api.get<{ items: Feed[] }>(path(opts.workspace));
        const zone = await workspaceZone(api, opts.workspace);
        const language = await cliLanguage(api, opts.workspace);
        output(options, result, () => {
          if (!result.items.length) process.stdout.write('No feeds yet: plaza feed add -w <workspace> <url> -c <channel>\n');
          for (const f of result.items) printFeed(f, zone, language);
        });
      }),
    );
  feed
    .command('show')
    .description('A feed with its latest items and the post each became')
    .requiredOption('-w, --workspace <id>')
    .argument('<feedId>')
    .action(
      action(async (feedId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await loadTexts();
        await loadTexts();
        const result = await api.get<Feed>(path(opts.workspace, `/${feedId}`));
        const zone = await workspaceZone(api, opts.workspace);
        const language = await cliLanguage(api, opts.workspace);
        output(options, result, () => printFeed(result, zone, language));
      }),
    );
  settingsOptions(
    feed
      .command('add')
      .description('Follow a feed: it is read at once and its newest items become posts')
      .requiredOption('-w, --workspace <id>')
      .argument('<url>'),
  ).action(
    action(async (url: string, opts: SettingsOpts, command: Command) => {
      const { api, options } = connect(command);
      await loadTexts();
      const created = await api.post<Feed>(path(opts.workspace), { url, ...settingsBody(opts, true) });
      const zone = await workspaceZone(api, opts.workspace);
      const language = await cliLanguage(api, opts.workspace);
      output(options, created, () => {
        printFeed(created, zone, language);
        if (created.poll) process.stdout.write(pollLine(created.poll, language));
      });
    }),
  );
  settingsOptions(
    feed.command('set').description('Change a feed’s settings').requiredOption('-w, --workspace <id>').argument('<feedId>'),
  ).action(
    action(async (feedId: string, opts: SettingsOpts, command: Command) => {
      const { api, options } = connect(command);
      await loadTexts();
      const updated = await api.patch<Feed>(path(opts.workspace, `/${feedId}`), settingsBody(opts, false));
      const zone = await workspaceZone(api, opts.workspace);
      const language = await cliLanguage(api, opts.workspace);
      output(options, updated, () => printFeed(updated, zone, language));
    }),
  );
  feed
    .command('check')
    .description('Read the feed now (conditional GET) and turn its new items into posts')
    .requiredOption('-w, --workspace <id>')
    .argument('<feedId>')
    .action(
      action(async (feedId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await loadTexts();
        await loadTexts();
        const poll = await api.post<Poll>(path(opts.workspace, `/${feedId}/check`), {});
        const language = await cliLanguage(api, opts.workspace);
        output(options, poll, () => process.stdout.write(pollLine(poll, language)));
        if (poll.status === 'failed') process.exitCode = 1;
      }),
    );
  for (const [name, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const)
    feed
      .command(name)
      .requiredOption('-w, --workspace <id>')
      .argument('<feedId>')
      .action(
        action(async (feedId: string, opts: { workspace: string }, command: Command) => {
          const { api, options } = connect(command);
          await loadTexts();
          await loadTexts();
          await loadTexts();
          const updated = await api.patch<Feed>(path(opts.workspace, `/${feedId}`), { paused });
          output(options, updated, () => process.stdout.write(`${updated.name}: ${paused ? 'paused' : 'active'}\n`));
        }),
      );
  feed
    .command('delete')
    .description('Stop following a feed (the posts it made stay)')
    .requiredOption('-w, --workspace <id>')
    .argument('<feedId>')
    .action(
      action(async (feedId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await loadTexts();
        await loadTexts();
        await api.delete(path(opts.workspace, `/${feedId}`));
        output(options, { deleted: feedId }, () => process.stdout.write(`Stopped following ${feedId}.\n`));
      }),
    );
}
