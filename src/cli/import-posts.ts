import { parse as parseCsv } from 'csv-parse/sync';
import cliProgress from 'cli-progress';
import { type CliLanguage, issueText, toInstant } from './shared.ts';
import { cliErrorText } from '../lib/local-messages.ts';
import { ApiError, type ApiClient } from './api-client.ts';

export interface ImportResult {
  rows: number;
  created: number;
  errors: Array<{ row: number; message: string; details?: unknown }>;
}

interface CsvRow {
  content?: string;
  channels?: string;
  scheduled_at?: string;
  action?: string;
}

/**
 * Imports posts from CSV. Every row is checked first (with a progress bar) against
 * its channels' rules; then all rows are created in one transaction, so a file with
 * any bad row imports nothing, and the report lists every bad row.
 * Columns: content, channels (ids or names, separated by ; or |), scheduled_at
 * (ISO with offset, or local time in the workspace's zone), action (draft, submit, schedule).
 */
export async function importPostsCsv(
  api: ApiClient,
  workspaceId: string,
  csv: string,
  options: { progress?: boolean; language?: CliLanguage } = {},
): Promise<ImportResult> {
  const language = options.language ?? 'en';
  let records: CsvRow[];
  try {
    records = parseCsv(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    return { rows: 0, created: 0, errors: [{ row: 0, message: `Unreadable CSV: ${(error as Error).message}` }] };
  }
  const workspace = await api.get<{ timeZone: string }>(`/api/v1/workspaces/${workspaceId}`);
  const channels = (await api.get<{ items: Array<{ id: string; name: string }> }>(`/api/v1/workspaces/${workspaceId}/channels`)).items;
  const errors: ImportResult['errors'] = [];
  const bodies: unknown[] = [];
  const bar = options.progress
    ? new cliProgress.SingleBar(
        { format: 'Checking rows [{bar}] {value}/{total}', clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(records.length, 0);
  for (const [index, record] of records.entries()) {
    const row = index + 1;
    try {
      const names = (record.channels ?? '')
        .split(/[;|]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.length === 0) throw new Error('No channels');
      const channelIds = names.map((name) => {
        const found = channels.find((c) => c.id === name || c.name.toLowerCase() === name.toLowerCase());
        if (!found) throw new Error(`Unknown channel "${name}"`);
        return found.id;
      });
      const action = record.action?.trim() || (record.scheduled_at ? 'schedule' : 'draft');
      if (!['draft', 'submit', 'schedule'].includes(action)) throw new Error(`Unknown action "${action}"`);
      const body = {
        content: record.content ?? '',
        channels: channelIds.map((channelId) => ({ channelId })),
        scheduledAt: record.scheduled_at ? await toInstant(record.scheduled_at, workspace.timeZone) : undefined,
        action,
      };
      const check = await api.post<{
        ok: boolean;
        channels: Array<{
          network: string;
          issues: Array<{ field: string; code: string; params?: Record<string, string | number>; message: string; messageEs: string }>;
        }>;
      }>(`/api/v1/workspaces/${workspaceId}/posts/validate`, {
        content: body.content,
        channels: body.channels,
      });
      if (!check.ok && action !== 'draft') {
        // Each issue by its code, in the user's language.
        const lines: string[] = [];
        for (const channel of check.channels)
          for (const issue of channel.issues) lines.push(`${channel.network}: ${await issueText(issue, language)}`);
        throw new Error(lines.join('; '));
      }
      bodies.push(body);
    } catch (error) {
      errors.push({
        row,
        message:
          error instanceof ApiError ? cliErrorText(error.status, error.body.code, language, error.body.message) : (error as Error).message,
        details: error instanceof ApiError ? error.details : undefined,
      });
    }
    bar?.increment();
  }
  bar?.stop();
  if (errors.length || bodies.length === 0) return { rows: records.length, created: 0, errors };
  try {
    const result = await api.post<{ created: number }>(`/api/v1/workspaces/${workspaceId}/posts/bulk`, { posts: bodies });
    return { rows: records.length, created: result.created, errors: [] };
  } catch (error) {
    if (error instanceof ApiError && Array.isArray(error.details)) {
      return {
        rows: records.length,
        created: 0,
        errors: (error.details as Array<{ row: number; message: string }>).map((d) => ({ row: d.row, message: d.message })),
      };
    }
    throw error;
  }
}
