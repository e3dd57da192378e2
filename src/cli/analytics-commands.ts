import type { Command } from 'commander';
import Table from 'cli-table3';
import { kpiReasonText } from '../lib/kpi-reasons.ts';
import { action, brandTime, type CliLanguage, cliLanguage, connect, output, workspaceZone } from './shared.ts';

const connection = connect;
const print = output;
const run = action;

function rangeQuery(opts: { from?: string; to?: string }): string {
  const params = new URLSearchParams();
  if (opts.from) params.set('from', opts.from);
  if (opts.to) params.set('to', opts.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}

type Kpi = { name: string; label: { en: string; es?: string }; value: number | null; reason: string | null };

/** Column headings and small words of the analytics tables, in the CLI's two languages. */
const WORDS = {
  en: {
    kpi: 'KPI',
    value: 'value',
    previous: 'vs previous',
    why: 'why missing',
    posts: 'posts',
    objective: 'objective',
    current: 'current',
  },
  es: {
    kpi: 'KPI',
    value: 'valor',
    previous: 'vs. anterior',
    why: 'por qué falta',
    posts: 'publicaciones',
    objective: 'objetivo',
    current: 'actual',
  },
} as const;

function kpiTable(kpis: Kpi[], changes: Record<string, number | null> | null, language: CliLanguage): string {
  const words = WORDS[language];
  const table = new Table({ head: [words.kpi, words.value, words.previous, words.why] });
  for (const k of kpis)
    table.push([
      (language === 'es' ? k.label.es : undefined) ?? k.label.en,
      k.value ?? '—',
      changes?.[k.name] === null || changes?.[k.name] === undefined ? '' : `${changes[k.name]}%`,
      kpiReasonText(k.reason, language),
    ]);
  return table.toString();
}

/** Adds the analytics, strategy, links and ROI commands to the `plaza` CLI. */
export function registerAnalyticsCommands(program: Command): void {
  const analytics = program.command('analytics').description('Dashboards, objectives, best time, backfill and reports');

  analytics
    .command('overview')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('KPIs of a period with the change against the previous period')
    .option('--from <iso>', 'start (ISO with offset)')
    .option('--to <iso>', 'end (ISO with offset)')
    .option('--channel <id>', 'one channel')
    .option('--campaign <id>', 'one campaign')
    .action(
      run(async (opts: { workspace: string; from?: string; to?: string; channel?: string; campaign?: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const path = opts.channel
          ? `analytics/channels/${opts.channel}`
          : opts.campaign
            ? `analytics/campaigns/${opts.campaign}`
            : 'analytics/overview';
        const result = await api.get<{
          current: { kpis: Kpi[]; totals: { posts: number } };
          changes: Record<string, number | null> | null;
        }>(`/api/v1/workspaces/${workspaceId}/${path}${rangeQuery(opts)}`);
        const language = options.json ? 'en' : await cliLanguage(api, workspaceId);
        print(options, result, () => {
          process.stdout.write(`${result.current.totals.posts} ${WORDS[language].posts}\n`);
          process.stdout.write(`${kpiTable(result.current.kpis, result.changes, language)}\n`);
        });
      }),
    );

  analytics
    .command('objectives')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Every objective: progress, forecast and status (off track with suggestions)')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const result = await api.get<{
          items: Array<{
            objective: { name: string; kpi: string; target: number; deadline: string };
            status: string;
            current: number | null;
            forecast: { ewma: number | null } | null;
            reason: string | null;
            suggestions: Array<{ en: string; es: string }>;
          }>;
        }>(`/api/v1/workspaces/${workspaceId}/analytics/objectives`);
        const language = options.json ? 'en' : await cliLanguage(api, workspaceId);
        print(options, result, () => {
          const words = WORDS[language];
          const table = new Table({ head: [words.objective, 'KPI', words.current, 'forecast', 'target', 'deadline', 'status'] });
          for (const item of result.items)
            table.push([
              item.objective.name,
              item.objective.kpi,
              item.current ?? (kpiReasonText(item.reason ?? null, language) || '—'),
              item.forecast?.ewma ?? '—',
              item.objective.target,
              item.objective.deadline.slice(0, 10),
              item.status,
            ]);
          process.stdout.write(`${table.toString()}\n`);
          for (const item of result.items.filter((i) => i.suggestions.length))
            process.stdout.write(`\n${item.objective.name}:\n${item.suggestions.map((s) => `  • ${s[language]}`).join('\n')}\n`);
        });
      }),
    );

  analytics
    .command('best-time')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Best hours to post (7×24 grid, brand time zone)')
    .option('--channel <id>', 'one channel')
    .action(
      run(async (opts: { workspace: string; channel?: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const result = await api.get<{
          timeZone: string;
          method: string;
          samples: number;
          minSample: number;
          best: Array<{ weekday: number; hour: number; posts: number; rate: number }>;
        }>(`/api/v1/workspaces/${workspaceId}/analytics/best-time${opts.channel ? `?channelId=${opts.channel}` : ''}`);
        const language = options.json ? 'en' : await cliLanguage(api, workspaceId);
        const { bestTimeReasonText } = await import('../lib/best-time-reasons.ts');
        print(options, result, () => {
          const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
          process.stdout.write(`${result.samples} posts, ${result.timeZone}\n${result.method}\n`);
          for (const cell of result.best)
            process.stdout.write(
              `  ${days[cell.weekday - 1]} ${String(cell.hour).padStart(2, '0')}:00  ${cell.rate}%  (${cell.posts} posts)\n`,
            );
          if (!result.best.length)
            process.stdout.write(`  ${bestTimeReasonText('not_enough_posts', { minSample: result.minSample }, language)}.\n`);
        });
      }),
    );

  analytics
    .command('backfill')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Snapshot every published post now, with a progress bar (follows the running one if there is one)')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const started = await api.post<{ jobId: string; alreadyRunning?: boolean }>(
          `/api/v1/workspaces/${workspaceId}/analytics/backfill`,
          {},
        );
        if (started.alreadyRunning && !options.json)
          process.stderr.write(`A backfill is already running (${started.jobId}); following it.\n`);
        const { default: cliProgress } = await import('cli-progress');
        const bar = options.json
          ? null
          : new cliProgress.SingleBar(
              { format: 'backfill [{bar}] {value}/{total} posts, {failed} failed' },
              cliProgress.Presets.shades_classic,
            );
        let state: { jobId: string; state: string; total: number; done: number; failed: number; finished: boolean; error: string | null };
        let barStarted = false;
        for (;;) {
          state = await api.get(`/api/v1/workspaces/${workspaceId}/analytics/backfill/${started.jobId}`);
          if (bar && !barStarted && state.total > 0) {
            bar.start(state.total, state.done, { failed: state.failed });
            barStarted = true;
          }
          bar?.update(state.done, { failed: state.failed });
          if (state.finished) break;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        bar?.stop();
        print(options, state, () =>
          process.stdout.write(
            state.state === 'failed'
              ? `Backfill failed: ${state.error ?? 'unknown error'}\n`
              : `Done: ${state.done} posts, ${state.failed} failed\n`,
          ),
        );
        if (state.state === 'failed') process.exitCode = 1;
      }),
    );

  analytics
    .command('backfills')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Recent backfills with their progress or outcome')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const [zone, result] = await Promise.all([
          workspaceZone(api, workspaceId),
          api.get<{
            items: Array<{
              jobId: string;
              state: string;
              total: number;
              done: number;
              failed: number;
              error: string | null;
              startedAt: string;
              finishedAt: string | null;
            }>;
          }>(`/api/v1/workspaces/${workspaceId}/analytics/backfills`),
        ]);
        print(options, result, () => {
          const table = new Table({ head: [`started (${zone})`, 'state', 'posts', 'failed', 'error'] });
          for (const b of result.items)
            table.push([brandTime(b.startedAt, zone), b.state, `${b.done}/${b.total}`, b.failed, b.error ?? '']);
          process.stdout.write(result.items.length ? `${table.toString()}\n` : 'No backfills yet.\n');
        });
      }),
    );

  analytics
    .command('errors')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Recent metric collection errors (newest first), times in the brand time zone')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const [zone, result] = await Promise.all([
          workspaceZone(api, workspaceId),
          api.get<{
            items: Array<{
              createdAt: string;
              network: string | null;
              channelName: string | null;
              postId: string | null;
              code: string;
              message: string;
            }>;
          }>(`/api/v1/workspaces/${workspaceId}/analytics/errors`),
        ]);
        print(options, result, () => {
          const table = new Table({ head: [`when (${zone})`, 'network', 'channel', 'post', 'code', 'reason'] });
          for (const e of result.items)
            table.push([brandTime(e.createdAt, zone), e.network ?? '', e.channelName ?? '', e.postId ?? '', e.code, e.message]);
          process.stdout.write(result.items.length ? `${table.toString()}\n` : 'No collection errors.\n');
        });
      }),
    );

  analytics
    .command('report')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Download a PDF or CSV report')
    .option('--format <format>', 'pdf or csv', 'pdf')
    .option('--language <lang>', 'en or es')
    .option('--from <iso>', 'start (ISO with offset)')
    .option('--to <iso>', 'end (ISO with offset)')
    .option('--campaign <id>', 'one campaign')
    .option('--objective <id>', 'one objective')
    .requiredOption('--out <file>', 'where to write the file')
    .action(
      run(
        async (
          opts: {
            workspace: string;
            format: string;
            language?: string;
            from?: string;
            to?: string;
            campaign?: string;
            objective?: string;
            out: string;
          },
          command: Command,
        ) => {
          const { api, options } = connection(command);
          const workspaceId = opts.workspace;
          const params = new URLSearchParams({ format: opts.format });
          if (opts.language) params.set('language', opts.language);
          if (opts.from) params.set('from', opts.from);
          if (opts.to) params.set('to', opts.to);
          if (opts.campaign) params.set('campaignId', opts.campaign);
          if (opts.objective) params.set('objectiveId', opts.objective);
          const bytes = await api.download(`/api/v1/workspaces/${workspaceId}/analytics/report?${params}`, opts.out);
          print(options, { file: opts.out, bytes }, () => process.stdout.write(`Wrote ${opts.out} (${bytes} bytes)\n`));
        },
      ),
    );

  const objectives = program.command('objectives').description('Strategy: SMART objectives');
  objectives
    .command('list')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const result = await api.get<{
          items: Array<{ id: string; name: string; kpi: string; target: number; deadline: string; status: string }>;
        }>(`/api/v1/workspaces/${workspaceId}/objectives`);
        print(options, result, () => {
          const table = new Table({ head: ['id', 'name', 'KPI', 'target', 'deadline', 'status'] });
          for (const o of result.items) table.push([o.id, o.name, o.kpi, o.target, String(o.deadline).slice(0, 10), o.status]);
          process.stdout.write(`${table.toString()}\n`);
        });
      }),
    );
  objectives
    .command('create')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .requiredOption('--name <name>')
    .requiredOption('--kpi <kpi>', 'e.g. engagement_rate_by_followers, link_clicks, leads, roi')
    .requiredOption('--target <number>')
    .requiredOption('--start <iso>')
    .requiredOption('--deadline <iso>')
    .option('--channel <id>', 'channel (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .action(
      run(
        async (
          opts: { workspace: string; name: string; kpi: string; target: string; start: string; deadline: string; channel?: string[] },
          command: Command,
        ) => {
          const { api, options } = connection(command);
          const workspaceId = opts.workspace;
          const created = await api.post<{ id: string }>(`/api/v1/workspaces/${workspaceId}/objectives`, {
            name: opts.name,
            kpi: opts.kpi,
            target: Number(opts.target),
            startAt: opts.start,
            deadline: opts.deadline,
            channelIds: opts.channel ?? [],
          });
          print(options, created, () => process.stdout.write(`Created objective ${created.id}\n`));
        },
      ),
    );

  const campaigns = program.command('campaigns').description('Strategy: campaigns');
  campaigns
    .command('list')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const result = await api.get<{ items: Array<{ id: string; name: string; slug: string; objectiveId: string | null }> }>(
          `/api/v1/workspaces/${workspaceId}/campaigns`,
        );
        print(options, result, () => {
          for (const c of result.items)
            process.stdout.write(`${c.id}  ${c.name} (${c.slug})${c.objectiveId ? `  → objective ${c.objectiveId}` : ''}\n`);
        });
      }),
    );
  campaigns
    .command('create')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .requiredOption('--name <name>')
    .option('--objective <id>')
    .option('--budget <amount>')
    .action(
      run(async (opts: { workspace: string; name: string; objective?: string; budget?: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const created = await api.post<{ id: string; slug: string }>(`/api/v1/workspaces/${workspaceId}/campaigns`, {
          name: opts.name,
          objectiveId: opts.objective ?? null,
          budget: opts.budget ? Number(opts.budget) : null,
        });
        print(options, created, () => process.stdout.write(`Created campaign ${created.id} (utm_campaign=${created.slug})\n`));
      }),
    );

  const links = program.command('links').description('Tracked short links with UTM');
  links
    .command('create <url>')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .option('--post <id>')
    .option('--channel <id>')
    .option('--campaign <id>')
    .action(
      run(async (url: string, opts: { workspace: string; post?: string; channel?: string; campaign?: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const link = await api.post<{ shortUrl: string; destinationUrl: string }>(`/api/v1/workspaces/${workspaceId}/links`, {
          url,
          postId: opts.post ?? null,
          channelId: opts.channel ?? null,
          campaignId: opts.campaign ?? null,
        });
        print(options, link, () => process.stdout.write(`${link.shortUrl} → ${link.destinationUrl}\n`));
      }),
    );
  links
    .command('list')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const result = await api.get<{ items: Array<{ shortUrl: string; targetUrl: string; clicks: number }> }>(
          `/api/v1/workspaces/${workspaceId}/links`,
        );
        print(options, result, () => {
          for (const l of result.items) process.stdout.write(`${l.shortUrl}  ${String(l.clicks).padStart(6)} clicks  ${l.targetUrl}\n`);
        });
      }),
    );

  program
    .command('costs-add <amount>')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Record a cost (for CPL and ROI)')
    .requiredOption('--on <date>', 'YYYY-MM-DD')
    .option('--campaign <id>')
    .option('--channel <id>')
    .option('--currency <code>', 'ISO 4217', 'EUR')
    .action(
      run(
        async (
          amount: string,
          opts: { workspace: string; on: string; campaign?: string; channel?: string; currency: string },
          command: Command,
        ) => {
          const { api, options } = connection(command);
          const workspaceId = opts.workspace;
          const cost = await api.post<{ id: string }>(`/api/v1/workspaces/${workspaceId}/costs`, {
            amount: Number(amount),
            incurredOn: opts.on,
            campaignId: opts.campaign ?? null,
            channelId: opts.channel ?? null,
            currency: opts.currency,
          });
          print(options, cost, () => process.stdout.write(`Recorded cost ${cost.id}\n`));
        },
      ),
    );

  program
    .command('roi')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Clicks, leads, value, cost, CPL and ROI')
    .option('--by <dimension>', 'campaign, channel or objective', 'campaign')
    .option('--from <iso>')
    .option('--to <iso>')
    .action(
      run(async (opts: { workspace: string; by: string; from?: string; to?: string }, command: Command) => {
        const { api, options } = connection(command);
        const workspaceId = opts.workspace;
        const params = new URLSearchParams({ by: opts.by });
        if (opts.from) params.set('from', opts.from);
        if (opts.to) params.set('to', opts.to);
        const result = await api.get<{ items: Array<Record<string, unknown>> }>(`/api/v1/workspaces/${workspaceId}/roi?${params}`);
        print(options, result, () => {
          const table = new Table({ head: [opts.by, 'clicks', 'leads', 'value', 'cost', 'CPL', 'ROI %'] });
          for (const r of result.items)
            table.push([
              String(r[`${opts.by}Id`] ?? '(none)'),
              String(r.clicks),
              String(r.leads),
              String(r.value),
              String(r.cost),
              String(r.cpl ?? kpiReasonText(typeof r.cplReason === 'string' ? r.cplReason : null)),
              String(r.roi ?? kpiReasonText(typeof r.roiReason === 'string' ? r.roiReason : null)),
            ]);
          process.stdout.write(`${table.toString()}\n`);
        });
      }),
    );
}
