import type { Command } from 'commander';
import { ApiClient, ApiError } from './api-client.ts';
import { DateTime } from 'luxon';

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

/** The API client for a command: --url/--token or $PLAZA_URL/$PLAZA_TOKEN. */
export function connect(command: Command): { api: ApiClient; options: GlobalOptions; baseUrl: string; token: string } {
  const options = command.optsWithGlobals<GlobalOptions>();
  const baseUrl = options.url ?? process.env.PLAZA_URL ?? 'http://localhost:3000';
  const token = options.token ?? process.env.PLAZA_TOKEN;
  if (!token)
    throw new Error('No API token: pass --token or set PLAZA_TOKEN (create one with `plaza token create --email you@example.com`)');
  return { api: new ApiClient(baseUrl, token), options, baseUrl, token };
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
        process.stderr.write(`Error ${error.status}: ${error.message}\n`);
        if (error.details) process.stderr.write(`${JSON.stringify(error.details, null, 2)}\n`);
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
