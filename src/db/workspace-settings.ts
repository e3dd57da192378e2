import type { Db } from './database.ts';

/**
 * Workspace settings every module needs (the brand's time zone, its language), looked up in one
 * place: the kernel's only query, so modules do not each read the workspaces table.
 */
export async function workspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const row = await db.selectFrom('workspaces').select('time_zone').where('id', '=', workspaceId).executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}

/** The workspace's name, language and time zone, or undefined when it does not exist. */
export function workspaceLocale(db: Db, workspaceId: string) {
  return db.selectFrom('workspaces').select(['name', 'language', 'time_zone as timeZone']).where('id', '=', workspaceId).executeTakeFirst();
}

/** The workspace's SMTP settings in their sealed form (open them with the SecretBox), or null when none are set. */
export async function workspaceSmtp(db: Db, workspaceId: string): Promise<string | null> {
  const row = await db.selectFrom('analytics_settings').select('smtp_sealed').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row?.smtp_sealed ?? null;
}

/** The workspace's currency (ISO 4217), the default of costs and conversion values. */
export async function workspaceCurrency(db: Db, workspaceId: string): Promise<string> {
  const row = await db.selectFrom('workspaces').select('currency').where('id', '=', workspaceId).executeTakeFirst();
  return row?.currency ?? 'EUR';
}
