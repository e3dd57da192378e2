/**
 * `plaza inbox rules list|add|test|delete`, `plaza inbox report`, `plaza inbox bulk`,
 * `plaza inbox push-secret` over the API (issue 14 parts 5, 6, 8). Every command takes --json.
 */
import type { Command } from 'commander';
import { action, connect, output } from './shared.ts';

interface CliRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: Record<string, unknown>;
  actions: Record<string, unknown>;
  matchedCount: number;
}

interface ConditionOptions {
  query?: string;
  network?: string[];
  kind?: string[];
  sentiment?: string[];
  language?: string[];
  link?: boolean;
  stage?: string[];
}

const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

function withConditionOptions(command: Command): Command {
  return command
    .option('--query <query>', 'a listening query: pedido AND (roto OR tarde), "mal servicio", NEAR/3, lang:es…')
    .option('--network <networks>', 'only these networks (comma-separated)', list)
    .option('--kind <kinds>', 'comment, reply, mention, quote, direct_message, review (comma-separated)', list)
    .option('--sentiment <sentiments>', 'positive, neutral, negative (comma-separated)', list)
    .option('--language <languages>', 'es, en, other (comma-separated)', list)
    .option('--link', 'only messages with a link')
    .option('--no-link', 'only messages without a link')
    .option('--stage <stages>', "the author's contact stage (follower, prospect, lead, customer)", list);
}

function conditionsOf(opts: ConditionOptions): Record<string, unknown> {
  return {
    ...(opts.query ? { query: opts.query } : {}),
    ...(opts.network?.length ? { networks: opts.network } : {}),
    ...(opts.kind?.length ? { kinds: opts.kind } : {}),
    ...(opts.sentiment?.length ? { sentiments: opts.sentiment } : {}),
    ...(opts.language?.length ? { languages: opts.language } : {}),
    ...(opts.link !== undefined ? { hasLink: opts.link } : {}),
    ...(opts.stage?.length ? { contactStages: opts.stage } : {}),
  };
}

/** Adds the rules, report, bulk and push-secret commands under `plaza inbox`. */
export function registerInboxRuleCommands(inbox: Command): void {
  const rules = inbox.command('rules').description('Rules run on each new message, in order; the first that matches acts');

  rules
    .command('list')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('The rules, in order')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const data = await api.get<{ items: CliRule[] }>(`/api/v1/workspaces/${opts.workspace}/inbox/rules`);
        output(options, data, () => {
          if (data.items.length === 0) process.stdout.write('No rules yet.\n');
          for (const r of data.items)
            process.stdout.write(
              `${r.position}. ${r.id}  ${r.enabled ? 'on ' : 'off'}  ${r.name}  matched ${r.matchedCount}  if ${JSON.stringify(r.conditions)} then ${JSON.stringify(r.actions)}\n`,
            );
        });
      }),
    );

  withConditionOptions(
    rules
      .command('add')
      .requiredOption('-w, --workspace <id>', 'workspace id')
      .requiredOption('--name <name>', 'what the rule is for')
      .option('--assign <userId>', 'assign the conversation to this member')
      .option('--label <labels>', 'add these labels (comma-separated)', list)
      .option('--priority <priority>', 'low, normal, high or urgent')
      .option('--hide', 'hide the message on the network')
      .option('--resolve', 'resolve the conversation')
      .option('--saved-reply <id>', 'reply with this saved reply (only when auto-replies are on)')
      .option('--disabled', 'save it switched off'),
  )
    .description('Add a rule at the end of the order (managers)')
    .action(
      action(
        async (
          opts: ConditionOptions & {
            workspace: string;
            name: string;
            assign?: string;
            label?: string[];
            priority?: string;
            hide?: boolean;
            resolve?: boolean;
            savedReply?: string;
            disabled?: boolean;
          },
          command: Command,
        ) => {
          const { api, options } = connect(command);
          const rule = await api.post<CliRule>(`/api/v1/workspaces/${opts.workspace}/inbox/rules`, {
            name: opts.name,
            enabled: !opts.disabled,
            conditions: conditionsOf(opts),
            actions: {
              ...(opts.assign ? { assignTo: opts.assign } : {}),
              ...(opts.label?.length ? { addLabels: opts.label } : {}),
              ...(opts.priority ? { priority: opts.priority } : {}),
              ...(opts.hide ? { hide: true } : {}),
              ...(opts.resolve ? { resolve: true } : {}),
              ...(opts.savedReply ? { savedReplyId: opts.savedReply } : {}),
            },
          });
          output(options, rule, () => process.stdout.write(`${rule.position}. ${rule.id}  ${rule.name}\n`));
        },
      ),
    );

  withConditionOptions(
    rules
      .command('test')
      .requiredOption('-w, --workspace <id>', 'workspace id')
      .option('--rule <id>', 'a saved rule (its place in the order counts: earlier rules take their matches)'),
  )
    .description('What a rule would have done on the last 30 days')
    .action(
      action(async (opts: ConditionOptions & { workspace: string; rule?: string }, command: Command) => {
        const { api, options } = connect(command);
        let conditions = conditionsOf(opts);
        if (opts.rule && Object.keys(conditions).length === 0) {
          const all = await api.get<{ items: CliRule[] }>(`/api/v1/workspaces/${opts.workspace}/inbox/rules`);
          conditions = all.items.find((r) => r.id === opts.rule)?.conditions ?? {};
        }
        const result = await api.post<{
          scanned: number;
          matched: number;
          wouldAct: number;
          conversations: number;
          matches: Array<{ at: string; authorHandle: string; preview: string; takenByRuleId: string | null }>;
        }>(`/api/v1/workspaces/${opts.workspace}/inbox/rules/test`, { conditions, ...(opts.rule ? { ruleId: opts.rule } : {}) });
        output(options, result, () => {
          process.stdout.write(
            `${result.matched} of ${result.scanned} messages of the last 30 days match; it would act on ${result.wouldAct} (${result.conversations} conversations)\n`,
          );
          for (const m of result.matches.slice(0, 10))
            process.stdout.write(`  ${m.at}  @${m.authorHandle}: ${m.preview}${m.takenByRuleId ? '  (an earlier rule takes it)' : ''}\n`);
        });
      }),
    );

  rules
    .command('delete')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<ruleId>', 'rule id')
    .description('Delete a rule (managers)')
    .action(
      action(async (ruleId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await api.delete(`/api/v1/workspaces/${opts.workspace}/inbox/rules/${ruleId}`);
        output(options, { deleted: ruleId }, () => process.stdout.write(`deleted ${ruleId}\n`));
      }),
    );

  inbox
    .command('report')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .option('--from <day>', 'first brand day (YYYY-MM-DD; default: 30 days ago)')
    .option('--to <day>', 'last brand day (default: today)')
    .option('--csv <file>', 'write the CSV report to this file')
    .description('Service report: first response and reply times, within target, response rate, volume, per teammate')
    .action(
      action(async (opts: { workspace: string; from?: string; to?: string; csv?: string }, command: Command) => {
        const { api, options } = connect(command);
        const query = new URLSearchParams();
        if (opts.from) query.set('from', opts.from);
        if (opts.to) query.set('to', opts.to);
        const path = `/api/v1/workspaces/${opts.workspace}/inbox/reports/service`;
        if (opts.csv) {
          const bytes = await api.download(`${path}.csv?${query.toString()}`, opts.csv);
          output(options, { file: opts.csv, bytes }, () => process.stdout.write(`wrote ${opts.csv} (${bytes} bytes)\n`));
          return;
        }
        type Stats = { count: number; median: number | null; mean: number | null };
        const r = await api.get<{
          firstDay: string;
          lastDay: string;
          timeZone: string;
          firstResponse: { calendar: Stats; business: Stats };
          replyTime: { calendar: Stats; business: Stats };
          withinTarget: { share: number | null; answered: number };
          responseRate: { share: number | null; conversations: number };
          inbound: number;
          replies: number;
          perTeammate: Array<{ name: string; replies: number; resolved: number }>;
        }>(`${path}?${query.toString()}`);
        const m = (v: number | null) => (v === null ? '—' : `${v} min`);
        output(options, r, () => {
          process.stdout.write(`${r.firstDay} – ${r.lastDay} (${r.timeZone}): ${r.inbound} messages in, ${r.replies} answers\n`);
          process.stdout.write(
            `first response  median ${m(r.firstResponse.calendar.median)} (business ${m(r.firstResponse.business.median)}), mean ${m(r.firstResponse.calendar.mean)} (business ${m(r.firstResponse.business.mean)})\n`,
          );
          process.stdout.write(
            `reply time      median ${m(r.replyTime.calendar.median)} (business ${m(r.replyTime.business.median)}), mean ${m(r.replyTime.calendar.mean)} (business ${m(r.replyTime.business.mean)})\n`,
          );
          process.stdout.write(`within target   ${r.withinTarget.share ?? '—'} % of ${r.withinTarget.answered} answers\n`);
          process.stdout.write(`response rate   ${r.responseRate.share ?? '—'} % of ${r.responseRate.conversations} conversations\n`);
          for (const p of r.perTeammate) process.stdout.write(`  ${p.name}: ${p.replies} replies, ${p.resolved} resolved\n`);
        });
      }),
    );

  inbox
    .command('bulk')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<conversationIds...>', 'conversation ids (up to 200)')
    .option('--resolve', 'resolve them')
    .option('--reopen', 'open them again')
    .option('--assign <userId>', 'assign them to this member')
    .option('--unassign', 'assign them to nobody')
    .option('--label <labels>', 'add these labels (comma-separated)', list)
    .option('--priority <priority>', 'low, normal, high or urgent')
    .option('--read', 'mark them read')
    .description('The same change on several conversations at once')
    .action(
      action(
        async (
          ids: string[],
          opts: {
            workspace: string;
            resolve?: boolean;
            reopen?: boolean;
            assign?: string;
            unassign?: boolean;
            label?: string[];
            priority?: string;
            read?: boolean;
          },
          command: Command,
        ) => {
          const { api, options } = connect(command);
          const result = await api.post<{ changed: number }>(`/api/v1/workspaces/${opts.workspace}/inbox/conversations/bulk`, {
            conversationIds: ids,
            ...(opts.resolve ? { state: 'resolved' } : opts.reopen ? { state: 'open' } : {}),
            ...(opts.assign ? { assigneeUserId: opts.assign } : opts.unassign ? { assigneeUserId: null } : {}),
            ...(opts.label?.length ? { addLabels: opts.label } : {}),
            ...(opts.priority ? { priority: opts.priority } : {}),
            ...(opts.read ? { read: true } : {}),
          });
          output(options, result, () => process.stdout.write(`${result.changed} conversations changed\n`));
        },
      ),
    );

  inbox
    .command('push-secret')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .option('--secret-stdin', 'read the secret the network signs with from standard input (Meta: the app secret)')
    .option('--remove', 'stop the channel’s pushes: forget its push secret (Telegram: Plaza deletes the webhook); polling goes on')
    .argument('<channelId>', 'channel id (its network must push)')
    .description(
      'A new push (webhook) address and secret for a channel; the previous secret stops working. Telegram: Plaza sets the webhook itself (PUBLIC_URL must be HTTPS)',
    )
    .action(
      action(async (channelId: string, opts: { workspace: string; secretStdin?: boolean; remove?: boolean }, command: Command) => {
        const { api, options } = connect(command);
        if (opts.remove) {
          await api.delete(`/api/v1/workspaces/${opts.workspace}/inbox/channels/${channelId}/push-secret`);
          output(options, { removed: true }, () => process.stdout.write('pushes stopped; the inbox keeps polling\n'));
          return;
        }
        let body: { secret?: string } = {};
        if (opts.secretStdin) {
          const chunks: Buffer[] = [];
          for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
          body = { secret: Buffer.concat(chunks).toString('utf8').trim() };
        }
        const result = await api.post<{ url: string; secret: string; verifyToken: string | null }>(
          `/api/v1/workspaces/${opts.workspace}/inbox/channels/${channelId}/push-secret`,
          body,
        );
        output(options, result, () =>
          process.stdout.write(
            `address ${result.url}\nsecret  ${result.secret}\n${result.verifyToken ? `verify token ${result.verifyToken}\n` : ''}`,
          ),
        );
      }),
    );
}
