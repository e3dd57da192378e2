/**
 * Listening commands: `plaza classify` (local, no server: language and sentiment per text)
 * and `plaza listen …` (saved queries, query tester, sources, CSV import of mentions, alerts) over the API.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import type { ApiClient } from './api-client.ts';
import { DateTime } from 'luxon';
import { action, brandTime, connect, toInstant, workspaceZone } from './shared.ts';
// The sentiment models, the language detector, csv-parse and cli-progress load inside the commands
// that use them, so that `plaza --help` and the other commands do not pay for them.

/** One classified text. */
export interface Classification {
  lang: string;
  sentiment: 'positive' | 'neutral' | 'negative';
  score: number;
}

/** Classifies texts from an async source, writing one JSON line per text. Returns how many were written. */
export async function classifyTexts(texts: AsyncIterable<string>, out: Writable, options: { includeText?: boolean } = {}): Promise<number> {
  const { createDefaultSentiment, detectLanguage, loadLanguageModel } = await import('../modules/listening/core/index.ts');
  const sentiment = createDefaultSentiment();
  await loadLanguageModel();
  let count = 0;
  for await (const text of texts) {
    const lang = detectLanguage(text);
    const result = sentiment.analyze(text, lang);
    const line: Classification & { text?: string } = { lang, sentiment: result.label, score: Math.round(result.score * 10_000) / 10_000 };
    if (options.includeText) line.text = text;
    if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise((resolve) => out.once('drain', resolve));
    count++;
  }
  return count;
}

/** Texts of stdin, one per line (empty lines kept as empty texts so output lines align with input lines). */
export async function* linesOf(input: Readable): AsyncGenerator<string> {
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of reader) yield line;
}

/** Texts of one CSV column (by header name). */
export async function* csvColumn(input: Readable, column: string): AsyncGenerator<string> {
  const { parse } = await import('csv-parse');
  const parser = input.pipe(parse({ bom: true, columns: true, relax_column_count: true, skip_empty_lines: true }));
  let checked = false;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    if (!checked) {
      if (!(column in record)) throw new Error(`No column "${column}" in the CSV (columns: ${Object.keys(record).join(', ')})`);
      checked = true;
    }
    yield record[column] ?? '';
  }
}

const client = connect;
const run = action;

export interface SourceEditOptions {
  name?: string;
  /** Not `--url`: that global option is the Plaza server's address. */
  sourceUrl?: string;
  mode?: string;
  timeline?: string;
  hashtag?: string;
  search?: string;
  accessToken?: string;
  channel?: string;
  interval?: string;
  pause?: boolean;
  resume?: boolean;
}

/**
 * The PATCH body for `listen edit-source`, from the options given and the source's kind;
 * `urlField` is the config key holding the address the kind reads (GET /listening/source-kinds).
 */
export function sourcePatchOf(kind: string, opts: SourceEditOptions, urlField: string | null = null): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (opts.sourceUrl !== undefined) {
    const key = urlField;
    if (!key) throw new Error(`A ${kind} source has no URL; use --channel for a channel's mentions`);
    config[key] = opts.sourceUrl;
  }
  if (opts.mode !== undefined) config.mode = opts.mode;
  if (opts.timeline !== undefined) config.timeline = opts.timeline;
  if (opts.hashtag !== undefined) config.hashtag = opts.hashtag.replace(/^#/, '');
  if (opts.search !== undefined) config.q = opts.search;
  if (opts.accessToken !== undefined) config.accessToken = opts.accessToken;
  if (opts.channel !== undefined) config.channelId = opts.channel;
  if (opts.interval !== undefined) config.intervalMinutes = Number(opts.interval);
  if (opts.pause && opts.resume) throw new Error('Use --pause or --resume, not both');
  return {
    ...(opts.name !== undefined && { name: opts.name }),
    ...(opts.pause && { active: false }),
    ...(opts.resume && { active: true }),
    ...(Object.keys(config).length > 0 && { config }),
  };
}

interface CliSource {
  id: string;
  kind: string;
  name: string;
  active: boolean;
  status: string;
  config: Record<string, unknown>;
  cursor: unknown;
  itemsIngested: number;
  lastError: string | null;
}

/** Adds `classify` and `listen` to the CLI. */
export function registerListeningCommands(program: Command): void {
  program
    .command('classify')
    .description(
      'Language and sentiment of texts, locally (no server): one per line on stdin, or a CSV column; writes one JSON line per text',
    )
    .option('--csv <file>', 'read texts from this CSV file')
    .option('--column <name>', 'CSV column with the texts', 'text')
    .option('--with-text', 'include the text in each output line')
    .action(async (opts: { csv?: string; column: string; withText?: boolean }) => {
      const texts = opts.csv ? csvColumn(fs.createReadStream(opts.csv), opts.column) : linesOf(process.stdin);
      const count = await classifyTexts(texts, process.stdout, { includeText: opts.withText });
      if (opts.csv) process.stderr.write(`Classified ${count} texts\n`);
    });

  const listen = program.command('listen').description('Listening: saved queries, query tester, CSV import, alerts');

  listen
    .command('queries')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('List saved queries')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api } = client(command);
        const data = await api.get<{
          items: Array<{ id: string; name: string; kind: string; competitorName: string | null; query: string }>;
        }>(`/api/v1/workspaces/${opts.workspace}/listening/queries`);
        for (const q of data.items)
          process.stdout.write(`${q.id}  ${q.kind.padEnd(10)} ${q.name}${q.competitorName ? ` (${q.competitorName})` : ''}: ${q.query}\n`);
      }),
    );

  listen
    .command('add-query')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .requiredOption('--name <name>', 'name')
    .requiredOption('--query <query>', 'boolean query')
    .option('--kind <kind>', 'brand, competitor or topic', 'brand')
    .option('--competitor <name>', 'competitor name (for --kind competitor)')
    .description('Save a query')
    .action(
      run(async (opts: { workspace: string; name: string; query: string; kind: string; competitor?: string }, command: Command) => {
        const { api } = client(command);
        const created = await api.post<{ id: string }>(`/api/v1/workspaces/${opts.workspace}/listening/queries`, {
          name: opts.name,
          query: opts.query,
          kind: opts.kind,
          competitorName: opts.competitor,
        });
        process.stdout.write(`${created.id}\n`);
      }),
    );

  listen
    .command('test')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<query>', 'boolean query')
    .description('Run a query against stored mentions')
    .action(
      run(async (query: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = client(command);
        const result = await api.post<{
          scanned: number;
          matched: number;
          items: Array<{ text: string; url: string | null; sentiment: string }>;
        }>(`/api/v1/workspaces/${opts.workspace}/listening/queries/test`, { query });
        if (options.json) return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        process.stdout.write(`${result.matched} of ${result.scanned} mentions match\n`);
        for (const m of result.items)
          process.stdout.write(`- [${m.sentiment}] ${m.text.replace(/\s+/g, ' ').slice(0, 120)} ${m.url ?? ''}\n`);
      }),
    );

  listen
    .command('sources')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('List listening sources with their settings and status')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = client(command);
        const data = await api.get<{ items: CliSource[] }>(`/api/v1/workspaces/${opts.workspace}/listening/sources`);
        if (options.json) return void process.stdout.write(`${JSON.stringify(data.items, null, 2)}\n`);
        for (const s of data.items)
          process.stdout.write(
            `${s.id}  ${s.kind.padEnd(18)} ${s.name} [${s.active ? s.status : 'paused'}, ${s.itemsIngested} items] ${JSON.stringify(s.config)}${s.lastError ? ` — ${s.lastError}` : ''}\n`,
          );
      }),
    );

  listen
    .command('edit-source')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<sourceId>', 'source id (see `plaza listen sources`)')
    .option('--name <name>', 'new name')
    .option('--source-url <url>', 'feed URL (RSS/Atom), instance URL (Mastodon) or stream URL (Bluesky firehose/Jetstream)')
    .option('--mode <mode>', 'Mastodon: stream or search')
    .option('--timeline <timeline>', 'Mastodon stream: public, local or hashtag')
    .option('--hashtag <tag>', 'Mastodon hashtag timeline')
    .option('--search <q>', 'Mastodon search terms')
    .option('--access-token <token>', 'Mastodon access token (stored sealed, never shown)')
    .option('--channel <id>', "channel whose mentions to read (channel's mentions source)")
    .option('--interval <minutes>', 'polling interval in minutes')
    .option('--pause', 'stop reading')
    .option('--resume', 'read again')
    .description('Change a source: name, settings, pause or resume (a new target starts it from scratch)')
    .action(
      run(async (sourceId: string, opts: SourceEditOptions & { workspace: string }, command: Command) => {
        const { api, options } = client(command);
        const path = `/api/v1/workspaces/${opts.workspace}/listening/sources/${sourceId}`;
        const current = await api.get<CliSource>(path);
        // Which setting holds the address is declared by the kind (its network), served by the API.
        const kinds =
          opts.sourceUrl !== undefined
            ? (await api.get<{ items: Array<{ kind: string; urlField: string | null }> }>('/api/v1/listening/source-kinds')).items
            : [];
        const body = sourcePatchOf(current.kind, opts, kinds.find((k) => k.kind === current.kind)?.urlField ?? null);
        if (Object.keys(body).length === 0) throw new Error('Nothing to change: pass --name, --source-url, --pause, … (see --help)');
        const updated = await api.patch<CliSource>(path, body);
        if (options.json) return void process.stdout.write(`${JSON.stringify(updated, null, 2)}\n`);
        process.stdout.write(
          `${updated.id}  ${updated.name} ${JSON.stringify(updated.config)}${updated.cursor === null && current.cursor !== null ? ' (cursor reset: reading the new target from its start)' : ''}\n`,
        );
      }),
    );

  listen
    .command('import')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<file>', 'CSV file of mentions exported from another tool')
    .option('--text-column <name>', 'column with the text')
    .option('--network <name>', 'network for rows without one')
    .description('Import mentions from a CSV (all rows or none; errors per row)')
    .action(
      run(async (file: string, opts: { workspace: string; textColumn?: string; network?: string }, command: Command) => {
        const { api } = client(command);
        const csv = fs.readFileSync(file, 'utf8');
        const { default: cliProgress } = await import('cli-progress');
        const bar = new cliProgress.SingleBar({ format: 'Importing |{bar}| {value}/{total} steps' }, cliProgress.Presets.shades_classic);
        bar.start(2, 1);
        try {
          const result = await api.post<{ rows: number; stored: number; duplicates: number; matched: number }>(
            `/api/v1/workspaces/${opts.workspace}/listening/import`,
            { csv, textColumn: opts.textColumn, defaultNetwork: opts.network },
          );
          bar.update(2);
          bar.stop();
          process.stdout.write(
            `${result.rows} rows: ${result.stored} stored, ${result.duplicates} duplicates, ${result.matched} matching a query\n`,
          );
        } catch (error) {
          bar.stop();
          throw error;
        }
      }),
    );

  listen
    .command('alerts')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Reputation alerts, newest first, times in the brand time zone')
    .action(
      run(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = client(command);
        const zone = await workspaceZone(api, opts.workspace);
        const data = await api.get<{ items: CliAlert[] }>(`/api/v1/workspaces/${opts.workspace}/listening/alerts`);
        if (options.json) return void process.stdout.write(`${JSON.stringify(data.items, null, 2)}\n`);
        if (data.items.length === 0) process.stdout.write('No reputation alerts.\n');
        for (const a of data.items) {
          process.stdout.write(
            `${a.id}  ${brandTime(a.windowStart, zone)}  ${a.scope}: ${a.count} negative (usually ${a.expected}, z ${a.z})${a.acknowledgedAt ? ' [seen]' : ''}\n`,
          );
        }
      }),
    );

  listen
    .command('ack')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<alertId>', 'alert id (see `plaza listen alerts`)')
    .description('Mark a reputation alert as seen')
    .action(
      run(async (alertId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = client(command);
        const alert = await api.post<CliAlert>(`/api/v1/workspaces/${opts.workspace}/listening/alerts/${alertId}/acknowledge`, {});
        if (options.json) return void process.stdout.write(`${JSON.stringify(alert, null, 2)}\n`);
        process.stdout.write(`Alert ${alert.id} marked as seen.\n`);
      }),
    );

  listen
    .command('mentions')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .option('--query <id>', 'only mentions matching this saved query')
    .option('--sentiment <label>', 'positive, neutral or negative')
    .option('--lang <code>', 'language (es, en, …)')
    .option('--network <name>', 'bluesky, mastodon, rss, …')
    .option('--search <text>', 'text contains')
    .option('--from <time>', 'from (ISO 8601, or local "2026-03-29 10:00" in the brand time zone)')
    .option('--to <time>', 'to, exclusive (same formats)')
    .option('--limit <n>', 'how many to show, newest first (1–200)', '20')
    .option('--csv <file>', 'write every mention that passes the filters to a CSV file instead (up to 100,000)')
    .description('The mention stream with filters, or (--csv) its export')
    .action(
      run(async (opts: MentionListOptions & { workspace: string }, command: Command) => {
        const { api, options } = client(command);
        const zone = await workspaceZone(api, opts.workspace);
        const filters = await mentionFilterParams(opts, zone);
        const path = `/api/v1/workspaces/${opts.workspace}/listening/mentions`;
        if (opts.csv) {
          const rows = await downloadCsv(api, `${path}/export?${filters}`, opts.csv);
          return void process.stdout.write(
            options.json ? `${JSON.stringify({ file: opts.csv, mentions: rows })}\n` : `${rows} mentions written to ${opts.csv}\n`,
          );
        }
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new Error('--limit must be a whole number from 1 to 200');
        filters.set('limit', String(limit));
        const data = await api.get<{ items: CliMention[] }>(`${path}?${filters}`);
        if (options.json) return void process.stdout.write(`${JSON.stringify(data.items, null, 2)}\n`);
        if (data.items.length === 0) process.stdout.write('No mentions.\n');
        for (const m of data.items) {
          const text = m.text.replace(/\s+/g, ' ');
          process.stdout.write(
            `${brandTime(m.publishedAt, zone)}  ${m.network.padEnd(9)} @${m.author.handle || '?'}  ${m.sentiment ?? '-'}${m.corrected ? '*' : ''}  ${text.length > 100 ? `${text.slice(0, 99)}…` : text}${m.url ? `  ${m.url}` : ''}\n`,
          );
        }
      }),
    );

  listen
    .command('report')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .option('--days <n>', 'the last N days (1–365)', '7')
    .option('--from <time>', 'from (ISO 8601, or local time in the brand time zone); overrides --days')
    .option('--to <time>', 'to, exclusive (default now)')
    .description('Listening summary: volume per query, share of voice, net sentiment, top authors and terms, trending now')
    .action(
      run(async (opts: { workspace: string; days: string; from?: string; to?: string }, command: Command) => {
        const { api, options } = client(command);
        const zone = await workspaceZone(api, opts.workspace);
        const range = await reportRange(opts, zone, Date.now());
        const base = `/api/v1/workspaces/${opts.workspace}/listening`;
        const query = `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
        const [volume, shareOfVoice, sentiment, authors, terms, trending] = await Promise.all([
          api.get<{ series: Array<{ name: string; kind: string; points: Array<{ count: number }> }> }>(
            `${base}/analysis/volume?${query}&interval=day`,
          ),
          api.get<{
            brand: { mentions: number; share: number };
            competitors: Array<{ name: string; mentions: number; share: number }>;
            total: number;
          }>(`${base}/analysis/share-of-voice?${query}`),
          api.get<{ counts: Record<'positive' | 'neutral' | 'negative', number>; total: number; netSentiment: number | null }>(
            `${base}/analysis/sentiment?${query}`,
          ),
          api.get<{ items: Array<{ handle: string; network: string; mentions: number; reach: number | null }> }>(
            `${base}/analysis/authors?${query}&limit=5`,
          ),
          api.get<{ terms: Array<{ term: string; count: number }>; phrases: Array<{ phrase?: string; term?: string; count: number }> }>(
            `${base}/analysis/terms?${query}`,
          ),
          api.get<{ items: Array<{ label: string; kind: string; count: number; z: number }> }>(`${base}/trending`),
        ]);
        const report = {
          range: { ...range, timeZone: zone },
          volume: volume.series.map((s) => ({ query: s.name, kind: s.kind, mentions: s.points.reduce((sum, p) => sum + p.count, 0) })),
          shareOfVoice,
          sentiment,
          topAuthors: authors.items,
          topTerms: terms.terms.slice(0, 10),
          trending: trending.items.slice(0, 10),
        };
        if (options.json) return void process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 10) / 10} %`);
        const lines = [
          `Listening, ${brandTime(range.from, zone)} → ${brandTime(range.to, zone)}`,
          '',
          'Mentions per query:',
          ...(report.volume.length ? report.volume.map((v) => `  ${v.query} (${v.kind}): ${v.mentions}`) : ['  no saved queries']),
          '',
          `Share of voice (brand / (brand + competitors)): brand ${pct(shareOfVoice.brand.share)} of ${shareOfVoice.total}`,
          ...shareOfVoice.competitors.map((c) => `  ${c.name}: ${pct(c.share)} (${c.mentions})`),
          '',
          `Net sentiment ((positive − negative) / all × 100): ${sentiment.netSentiment === null ? 'n/a' : Math.round(sentiment.netSentiment * 10) / 10} — ${sentiment.counts.positive} positive, ${sentiment.counts.neutral} neutral, ${sentiment.counts.negative} negative`,
          '',
          'Top authors:',
          ...(authors.items.length
            ? authors.items.map((a) => `  @${a.handle} (${a.network}): ${a.mentions} mentions, reach ${a.reach ?? 'unknown'}`)
            : ['  none']),
          '',
          `Top terms: ${report.topTerms.map((t) => `${t.term} (${t.count})`).join(', ') || 'none'}`,
          `Trending now: ${report.trending.map((t) => `${t.label} (${t.count}, z ${Math.round(t.z * 10) / 10})`).join(', ') || 'nothing above its usual level'}`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );

  listen
    .command('alert-settings')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .option('--enable', 'raise reputation alerts')
    .option('--disable', 'stop raising reputation alerts')
    .option('--window-minutes <n>', 'window length in minutes (5–1440)')
    .option('--history <n>', 'baseline windows before the one checked (4–672)')
    .option('--threshold <z>', 'how far above its baseline (z-score, 1–20) a window must be')
    .option('--min-count <n>', 'fewest negative mentions in the window (1–100000)')
    .option('--notify <emails>', 'comma-separated addresses that get an e-mail per alert (up to 10; uses the SMTP settings of reports)')
    .option('--no-notify', 'send no alert e-mails')
    .description('Show, or change with options, how sensitive reputation alerts are')
    .action(
      run(async (opts: AlertSettingsOptions & { workspace: string }, command: Command) => {
        const { api, options } = client(command);
        const path = `/api/v1/workspaces/${opts.workspace}/listening/alert-settings`;
        const body = alertSettingsPatchOf(opts);
        const settings =
          Object.keys(body).length === 0 ? await api.get<CliAlertSettings>(path) : await api.put<CliAlertSettings>(path, body);
        if (options.json) return void process.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
        process.stdout.write(
          `${settings.enabled ? 'on' : 'off'}: alert when negative mentions in a ${settings.windowMinutes}-minute window reach ${settings.minCount} and z >= ${settings.threshold} against the previous ${settings.historyWindows} windows\n` +
            `e-mail: ${settings.notifyEmails.length ? settings.notifyEmails.join(', ') : 'nobody'}\n`,
        );
      }),
    );
}

interface CliAlertSettings {
  enabled: boolean;
  windowMinutes: number;
  historyWindows: number;
  threshold: number;
  minCount: number;
  notifyEmails: string[];
}

/** `notify` is the list from --notify, false from --no-notify, and true (commander's default) when neither is given. */
export interface AlertSettingsOptions {
  enable?: boolean;
  disable?: boolean;
  windowMinutes?: string;
  history?: string;
  threshold?: string;
  minCount?: string;
  notify?: string | boolean;
}

/** The PUT body for `plaza listen alert-settings` options; the server checks the ranges. */
export function alertSettingsPatchOf(opts: AlertSettingsOptions): Partial<CliAlertSettings> {
  if (opts.enable && opts.disable) throw new Error('Pass --enable or --disable, not both');
  const number = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw new Error(`${flag} must be a number, not "${value}"`);
    return parsed;
  };
  const body: Partial<CliAlertSettings> = {
    enabled: opts.enable ? true : opts.disable ? false : undefined,
    windowMinutes: number('--window-minutes', opts.windowMinutes),
    historyWindows: number('--history', opts.history),
    threshold: number('--threshold', opts.threshold),
    minCount: number('--min-count', opts.minCount),
    notifyEmails:
      typeof opts.notify === 'string'
        ? opts.notify
            .split(',')
            .map((address) => address.trim())
            .filter(Boolean)
        : opts.notify === false
          ? []
          : undefined,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

interface CliAlert {
  id: string;
  windowStart: string;
  scope: string;
  count: number;
  expected: number;
  z: number;
  acknowledgedAt: string | null;
}
interface CliMention {
  publishedAt: string;
  network: string;
  author: { handle: string };
  sentiment: string | null;
  corrected: boolean;
  text: string;
  url: string | null;
}

export interface MentionListOptions {
  query?: string;
  sentiment?: string;
  lang?: string;
  network?: string;
  search?: string;
  from?: string;
  to?: string;
  limit: string;
  csv?: string;
}

/** The API filters of `plaza listen mentions`; local times are read in the brand's zone. */
export async function mentionFilterParams(opts: MentionListOptions, zone: string): Promise<URLSearchParams> {
  const params = new URLSearchParams();
  if (opts.query) params.set('queryId', opts.query);
  if (opts.sentiment) params.set('sentiment', opts.sentiment);
  if (opts.lang) params.set('lang', opts.lang);
  if (opts.network) params.set('network', opts.network);
  if (opts.search) params.set('q', opts.search);
  if (opts.from) params.set('from', await toInstant(opts.from, zone));
  if (opts.to) params.set('to', await toInstant(opts.to, zone));
  return params;
}

/** The range of `plaza listen report`: --from/--to, or the last --days days up to now. */
export async function reportRange(
  opts: { days: string; from?: string; to?: string },
  zone: string,
  now: number,
): Promise<{ from: string; to: string }> {
  const to = opts.to ? await toInstant(opts.to, zone) : new Date(now).toISOString();
  if (opts.from) return { from: await toInstant(opts.from, zone), to };
  const days = Number(opts.days);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new Error('--days must be a whole number from 1 to 365');
  return { from: DateTime.fromISO(to, { zone }).minus({ days }).toUTC().toISO()!, to };
}

/** Downloads a CSV export to a file; returns its data rows. */
async function downloadCsv(api: ApiClient, path: string, file: string): Promise<number> {
  await api.download(path, file);
  // Records, not lines: a mention's text may hold quoted line breaks.
  let records = 0;
  const { parse } = await import('csv-parse');
  for await (const _record of fs.createReadStream(file).pipe(parse({ bom: true }))) records++;
  return Math.max(0, records - 1);
}
