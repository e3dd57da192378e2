import type { Command } from 'commander';
import { ApiClient, ApiError } from './api-client.ts';
import { DateTime } from 'luxon';
import { cliErrorText, cliText, terminalLanguage } from '../lib/local-messages.ts';

// Keep this module light: every command imports it while `plaza --help` is being answered. Anything
// that loads zod, the database or the server is imported inside an action (see ARCHITECTURE.md, CLI).

/** Options every command inherits from `plaza`. */
export interface GlobalOptions {
  json?: boolean;
  url?: string;
  token?: string;
}

/** Prints a result: one JSON document with --json, otherwise a readable table or line. */
export function output(options: GlobalOptions, value: unknown, human: () => void): void {
  if (options.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else human();
}

/** The languages the CLI speaks. */
export type CliLanguage = 'en' | 'es';

/** The language asked for with `plaza --lang es|en <command>` (null: not given). */
let chosenLanguage: CliLanguage | null = null;
const workspaceLanguages = new Map<string, CliLanguage>();

function languageOf(value: string): CliLanguage {
  const lower = value.trim().toLowerCase();
  if (lower.startsWith('es')) return 'es';
  if (lower.startsWith('en')) return 'en';
  throw new Error(`--lang takes es or en, not "${value}"`);
}

/**
 * Takes `--lang es|en` (or `--lang=es`) given before the command's name out of `argv` and remembers it.
 * Read apart from commander because some commands have a `--lang` of their own (`workspace create`, the
 * workspace's language; `listen mentions`, a filter), which a global option would swallow.
 */
export function takeLanguageOption(argv: string[]): string[] {
  const kept = argv.slice(0, 2);
  let index = 2;
  for (; index < argv.length; index++) {
    const arg = argv[index];
    if (!arg.startsWith('-')) break;
    if (arg.startsWith('--lang=')) chosenLanguage = languageOf(arg.slice('--lang='.length));
    else if (arg === '--lang') chosenLanguage = languageOf(argv[++index] ?? '');
    else {
      kept.push(arg);
      if ((arg === '--url' || arg === '--token') && index + 1 < argv.length) kept.push(argv[++index]);
    }
  }
  return [...kept, ...argv.slice(index)];
}

/** The language given explicitly: `--lang`, else $PLAZA_LANG; null when neither says. */
function explicitLanguage(): CliLanguage | null {
  if (chosenLanguage) return chosenLanguage;
  const env = process.env.PLAZA_LANG;
  return env ? (env.toLowerCase().startsWith('es') ? 'es' : 'en') : null;
}

/**
 * The language the CLI prints in: `--lang`, else $PLAZA_LANG, else the workspace's language (when the
 * command names one; asked once), else the terminal's locale (LC_ALL, LC_MESSAGES, LANG), else English.
 */
export async function cliLanguage(api?: ApiClient, workspaceId?: string): Promise<CliLanguage> {
  const explicit = explicitLanguage();
  if (explicit) return explicit;
  if (api && workspaceId) {
    const known = workspaceLanguages.get(workspaceId);
    if (known) return known;
    try {
      const { language } = await api.get<{ language?: string }>(`/api/v1/workspaces/${workspaceId}`);
      if (language === 'es' || language === 'en') {
        workspaceLanguages.set(workspaceId, language);
        return language;
      }
    } catch {
      // No access to the workspace: the terminal's language.
    }
  }
  return terminalLanguage();
}

/** The API client for a command: --url/--token or $PLAZA_URL/$PLAZA_TOKEN. */
export function connect(command: Command): { api: ApiClient; options: GlobalOptions; baseUrl: string; token: string } {
  const options = command.optsWithGlobals<GlobalOptions>();
  const baseUrl = options.url ?? process.env.PLAZA_URL ?? 'http://localhost:3000';
  const token = options.token ?? process.env.PLAZA_TOKEN;
  if (!token) throw new Error(cliText('noToken', explicitLanguage() ?? terminalLanguage()));
  return { api: new ApiClient(baseUrl, token), options, baseUrl, token };
}

type IssueLike = { field?: string; code: string; params?: Record<string, string | number>; message?: string; messageEs?: string };

/** A network's validation issue in `language`, by its code and params (src/networks/validation.ts); its own text for a code not in the table. */
export async function issueText(issue: IssueLike, language: CliLanguage): Promise<string> {
  const { VALIDATION_ISSUE_TEXTS } = await import('../networks/validation.ts');
  type Words = (params: Record<string, string | number>) => string;
  const texts = (VALIDATION_ISSUE_TEXTS as Record<string, { en: Words; es: Words }>)[issue.code];
  const text = texts ? texts[language](issue.params ?? {}) : ((language === 'es' ? issue.messageEs : issue.message) ?? issue.code);
  return issue.field && issue.field !== 'text' ? `${text} [${issue.field}]` : text;
}

/** The lines under an API error: each channel's issues for invalid_for_network, each field for validation_failed, else the details as JSON. */
export async function errorDetailLines(error: ApiError, language: CliLanguage): Promise<string[]> {
  const details = error.details;
  if (!details) return [];
  if (error.body.code === 'invalid_for_network' && Array.isArray(details)) {
    const lines: string[] = [];
    for (const entry of details as Array<{ network?: string; issues?: IssueLike[] }>)
      for (const issue of entry.issues ?? []) lines.push(`${entry.network ?? ''}: ${await issueText(issue, language)}`);
    return lines;
  }
  if (error.body.code === 'validation_failed' && Array.isArray(details))
    return (details as Array<{ path?: string; issue?: string }>).map(
      (entry) => `${cliText('check', language)} ${entry.path ?? ''}${entry.issue ? ` (${entry.issue})` : ''}`,
    );
  if (error.body.code === 'batch_failed' && Array.isArray(details))
    return (details as Array<{ postId: string; code: string; message: string }>).map((d) => `${d.postId}: ${d.code} — ${d.message}`);
  return JSON.stringify(details, null, 2).split('\n');
}

/** An API error as the CLI prints it, in `language`: the text of its code, then its details. */
export async function apiErrorLines(error: ApiError, language: CliLanguage): Promise<string> {
  const details = await errorDetailLines(error, language);
  return [cliErrorText(error.status, error.body.code, language, error.body.message), ...details.map((line) => `  ${line}`)].join('\n');
}

/** Runs a command action, turning API errors into a clear message (or JSON with --json) and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>) {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const command = args[args.length - 1] as Command;
      if (command.optsWithGlobals<GlobalOptions>().json) process.stdout.write(`${JSON.stringify({ error: error.body }, null, 2)}\n`);
      else {
        // In the user's language, by the error's code: never the server's English.
        const opts = args[args.length - 2] as { workspace?: unknown } | undefined;
        const workspaceId = typeof opts?.workspace === 'string' ? opts.workspace : undefined;
        let api: ApiClient | undefined;
        try {
          api = connect(command).api;
        } catch {
          api = undefined;
        }
        process.stderr.write(`${await apiErrorLines(error, await cliLanguage(api, workspaceId))}\n`);
      }
      process.exitCode = 1;
    }
  };
}

/**
 * An instant from user input: ISO with an offset as is, or a local date-time
 * interpreted in the workspace's zone (daylight saving handled by the zone rules).
 */
export async function toInstant(input: string, zone: string): Promise<string> {
  const trimmed = input.trim();
  if (/([zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed)) return trimmed;
  const { zonedWallTimeToInstant } = await import('../lib/timezones.ts');
  try {
    return zonedWallTimeToInstant(trimmed.replace(' ', 'T'), zone).toISOString();
  } catch {
    throw new Error(`Cannot read the date "${input}" (use 2026-03-29 10:00 or ISO 8601)`);
  }
}

/** An instant as wall time in the brand's zone, e.g. "2026-03-29 10:00 CEST". */
export function brandTime(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('yyyy-LL-dd HH:mm ZZZZ');
}

/** The brand's IANA time zone, in which the CLI reads local times and prints instants. */
export async function workspaceZone(api: ApiClient, workspaceId: string): Promise<string> {
  return (await api.get<{ timeZone: string }>(`/api/v1/workspaces/${workspaceId}`)).timeZone;
}
