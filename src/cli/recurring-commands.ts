/**
 * `plaza recurring list|show|edit|stop` and `plaza evergreen mark|unmark|list|queue|fill`: recurring
 * posts (RRULE on the brand's wall clock; `plaza post create --repeat` creates one) and evergreen recycling.
 */
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import type { ApiClient } from './api-client.ts';
import { action, brandTime, connect, output, type GlobalOptions } from './shared.ts';

interface Recurring {
  id: string;
  rule: string;
  startsLocal: string;
  timeZone: string;
  windowDays: number;
  content: string;
  channelIds: string[];
  finished: boolean;
  stoppedAt: string | null;
  occurrences: { total: number; published: number; upcoming: number };
  nextAt: string | null;
  items?: Array<{ postId: string; state: string; scheduledAt: string | null; local: string; detached: boolean }>;
}

/** The first occurrence as the API takes it (yyyy-MM-ddTHH:mm on the brand's wall clock) from "2026-03-09 09:00" or an ISO instant. */
export function startsLocalOf(at: string, zone: string): string {
  const text = at.trim().replace(' ', 'T');
  const withOffset = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text);
  const parsed = withOffset ? DateTime.fromISO(text, { setZone: true }).setZone(zone) : DateTime.fromISO(text, { zone: 'utc' });
  if (!parsed.isValid) throw new Error(`Cannot read the time "${at}" (use "2026-03-09 09:00" on the brand’s clock, or ISO 8601)`);
  // A local time is passed through as written: the server says when it does not exist (daylight-saving gap).
  return withOffset ? parsed.toFormat("yyyy-LL-dd'T'HH:mm") : text.slice(0, 16);
}

function printRecurring(rule: Recurring): void {
  const status = rule.stoppedAt ? '  [stopped]' : rule.finished ? '  [all created]' : '';
  process.stdout.write(
    `${rule.id}  ${rule.rule}${status}\n  from ${rule.startsLocal.replace('T', ' ')} (${rule.timeZone}), ${rule.windowDays} days ahead\n` +
      `  ${rule.content.slice(0, 70).replace(/\s+/g, ' ')}\n` +
      `  occurrences: ${rule.occurrences.total} (${rule.occurrences.published} published, ${rule.occurrences.upcoming} to come)` +
      `${rule.nextAt ? `, next ${brandTime(rule.nextAt, rule.timeZone)}` : ''}\n`,
  );
  for (const o of rule.items ?? [])
    process.stdout.write(
      `  ${o.scheduledAt ? brandTime(o.scheduledAt, rule.timeZone) : o.local}  ${o.state.padEnd(10)} ${o.postId}${o.detached ? '  (edited on its own)' : ''}\n`,
    );
}

/** `plaza post create --repeat`: creates the recurring post and prints it. */
export async function createRecurringFromCli(
  api: ApiClient,
  options: GlobalOptions,
  workspace: string,
  input: { post: Record<string, unknown>; rule: string; at: string; zone: string; windowDays: number },
): Promise<void> {
  const created = await api.post<Recurring>(`/api/v1/workspaces/${workspace}/recurring`, {
    post: input.post,
    rule: input.rule,
    startsLocal: startsLocalOf(input.at, input.zone),
    windowDays: input.windowDays,
  });
  output(options, created, () => printRecurring(created));
}

export function registerRecurringCommands(program: Command): void {
  const recurring = program
    .command('recurring')
    .description('Recurring posts: a repeat rule on the brand’s clock; each occurrence is a post (create with plaza post create --repeat)');
  const path = (workspace: string, rest = '') => `/api/v1/workspaces/${workspace}/recurring${rest}`;

  recurring
    .command('list')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{ items: Recurring[] }>(path(opts.workspace));
        output(options, result, () => {
          if (!result.items.length)
            process.stdout.write('No recurring posts yet: plaza post create … --at "2026-03-09 09:00" --repeat "FREQ=WEEKLY;BYDAY=MO"\n');
          for (const rule of result.items) printRecurring(rule);
        });
      }),
    );
  recurring
    .command('show')
    .requiredOption('-w, --workspace <id>')
    .argument('<ruleId>')
    .action(
      action(async (ruleId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<Recurring>(path(opts.workspace, `/${ruleId}`));
        output(options, result, () => printRecurring(result));
      }),
    );
  recurring
    .command('edit')
    .description('Change every future occurrence (occurrences edited on their own stay): the rule, the first time, the window')
    .requiredOption('-w, --workspace <id>')
    .option('--repeat <rrule>', 'the new rule')
    .option('--at <time>', 'the new first occurrence, "2026-03-09 09:00" on the brand’s clock')
    .option('--window-days <n>', 'days of occurrences created ahead')
    .argument('<ruleId>')
    .action(
      action(async (ruleId: string, opts: { workspace: string; repeat?: string; at?: string; windowDays?: string }, command: Command) => {
        const { api, options } = connect(command);
        const zone = opts.at ? (await api.get<{ timeZone: string }>(`/api/v1/workspaces/${opts.workspace}`)).timeZone : 'UTC';
        const result = await api.patch<Recurring & { removed: number; created: number }>(path(opts.workspace, `/${ruleId}`), {
          ...(opts.repeat && { rule: opts.repeat }),
          ...(opts.at && { startsLocal: startsLocalOf(opts.at, zone) }),
          ...(opts.windowDays && { windowDays: Number(opts.windowDays) }),
        });
        output(options, result, () => {
          printRecurring(result);
          process.stdout.write(`Replaced ${result.removed} future occurrence(s) with ${result.created}.\n`);
        });
      }),
    );
  recurring
    .command('stop')
    .description('Stop repeating: future occurrences not yet publishing (and not edited on their own) are deleted')
    .requiredOption('-w, --workspace <id>')
    .argument('<ruleId>')
    .action(
      action(async (ruleId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<Recurring & { removed: number }>(path(opts.workspace, `/${ruleId}/stop`), {});
        output(options, result, () => {
          printRecurring(result);
          process.stdout.write(`Stopped; ${result.removed} future occurrence(s) deleted.\n`);
        });
      }),
    );

  const evergreen = program
    .command('evergreen')
    .description('Evergreen posts: queues that recycle share them again, days apart, with varied texts');
  const ws = (workspace: string, rest: string) => `/api/v1/workspaces/${workspace}${rest}`;
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  evergreen
    .command('mark')
    .requiredOption('-w, --workspace <id>')
    .option('--variant <text>', 'an alternative text for re-shares (repeat)', collect, [])
    .argument('<postId>')
    .action(
      action(async (postId: string, opts: { workspace: string; variant: string[] }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.put<{ evergreen: boolean; variants: string[] }>(ws(opts.workspace, `/posts/${postId}/evergreen`), {
          evergreen: true,
          ...(opts.variant.length && { variants: opts.variant }),
        });
        output(options, result, () =>
          process.stdout.write(`Post ${postId} is evergreen (${result.variants.length} alternative text(s)).\n`),
        );
      }),
    );
  evergreen
    .command('unmark')
    .requiredOption('-w, --workspace <id>')
    .argument('<postId>')
    .action(
      action(async (postId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.put(ws(opts.workspace, `/posts/${postId}/evergreen`), { evergreen: false });
        output(options, result, () => process.stdout.write(`Post ${postId} is no longer evergreen.\n`));
      }),
    );
  evergreen
    .command('list')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{ items: Array<{ id: string; content: string; variants: string[] }> }>(
          ws(opts.workspace, '/evergreen'),
        );
        output(options, result, () => {
          if (!result.items.length) process.stdout.write('No evergreen posts yet: plaza evergreen mark -w <workspace> <postId>\n');
          for (const p of result.items)
            process.stdout.write(`${p.id}  ${p.content.slice(0, 60).replace(/\s+/g, ' ')}  (+${p.variants.length} variant(s))\n`);
        });
      }),
    );
  evergreen
    .command('show')
    .description('One post’s evergreen status: its texts, the queues that recycle it and their gap, last and next re-share')
    .requiredOption('-w, --workspace <id>')
    .argument('<postId>')
    .action(
      action(async (postId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{
          evergreen: boolean;
          variants: string[];
          published: boolean;
          queues: Array<{ id: string; name: string; gapDays: number | null; paused: boolean }>;
          refusesDuplicates: string[];
          lastSharedAt: string | null;
          nextShareAt: string | null;
          earliestNextAt: string | null;
        }>(ws(opts.workspace, `/posts/${postId}/evergreen`));
        output(options, result, () => {
          process.stdout.write(`${result.evergreen ? 'Evergreen' : 'Not evergreen'}; ${result.variants.length} alternative text(s).\n`);
          for (const v of result.variants) process.stdout.write(`  · ${v.slice(0, 70).replace(/\s+/g, ' ')}\n`);
          if (!result.queues.length) process.stdout.write('No queue has all of its channels.\n');
          for (const q of result.queues)
            process.stdout.write(
              q.gapDays === null
                ? `Queue ${q.name} (${q.id}) has its channels but does not recycle.\n`
                : `Recycled by ${q.name} (${q.id}), at least ${q.gapDays} days apart${q.paused ? ' (paused)' : ''}.\n`,
            );
          if (!result.published) process.stdout.write('It is re-shared once it has been published.\n');
          process.stdout.write(`Last shared: ${result.lastSharedAt ?? '—'}\n`);
          process.stdout.write(`Next: ${result.nextShareAt ?? (result.earliestNextAt ? `not before ${result.earliestNextAt}` : '—')}\n`);
          if (result.refusesDuplicates.length)
            process.stdout.write(
              `Refuse a repeated text: ${result.refusesDuplicates.join(', ')} (skipped there when no other text differs).\n`,
            );
        });
      }),
    );
  evergreen
    .command('queue')
    .description('Let a queue recycle evergreen posts into its free slots, --gap-days apart per post (--off to stop)')
    .requiredOption('-w, --workspace <id>')
    .option('--gap-days <n>', 'minimum days between two shares of one post', '30')
    .option('--off', 'stop recycling')
    .argument('<queueId>')
    .action(
      action(async (queueId: string, opts: { workspace: string; gapDays: string; off?: boolean }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.put<{ evergreenGapDays: number | null }>(ws(opts.workspace, `/queues/${queueId}/evergreen`), {
          gapDays: opts.off ? null : Number(opts.gapDays),
        });
        output(options, result, () =>
          process.stdout.write(
            result.evergreenGapDays === null
              ? 'The queue no longer recycles.\n'
              : `The queue recycles, ${result.evergreenGapDays} days apart.\n`,
          ),
        );
      }),
    );
  evergreen
    .command('fill')
    .description('Fill the queue’s free slots of the coming week with evergreen re-shares now')
    .requiredOption('-w, --workspace <id>')
    .argument('<queueId>')
    .action(
      action(async (queueId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ items: Array<{ postId: string; scheduledAt: string; text: string }> }>(
          ws(opts.workspace, `/queues/${queueId}/evergreen/fill`),
          {},
        );
        output(options, result, () => {
          process.stdout.write(`${result.items.length} re-share(s).\n`);
          for (const x of result.items) process.stdout.write(`${x.scheduledAt}  ${x.postId}  ${x.text.slice(0, 60)}\n`);
        });
      }),
    );
}
