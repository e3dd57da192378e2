/** The recurring module's reads, shaped for the API (routes call these). */
import type { Db } from '../../db/database.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { notFound } from '../../lib/errors.ts';
import type { PostBody } from '../posts/schemas.ts';
import { recurringRepository as repo, type RuleRow } from './repository.ts';

async function present(db: Db, rows: RuleRow[]) {
  const counts = await repo.counts(
    db,
    rows.map((r) => r.id),
  );
  const zone = rows.length ? await workspaceTimeZone(db, rows[0].workspace_id) : 'UTC';
  return rows.map((row) => {
    const template = row.template as PostBody;
    const count = counts.get(row.id) ?? { total: 0, published: 0, upcoming: 0, next: null };
    return {
      id: row.id,
      rule: row.rrule,
      startsLocal: row.starts_local,
      timeZone: zone,
      windowDays: row.window_days,
      content: template.content ?? '',
      channelIds: (template.channels ?? []).map((c) => c.channelId),
      action: template.action ?? 'schedule',
      authorId: row.author_id,
      finished: row.finished,
      stoppedAt: row.stopped_at,
      generatedUntil: row.generated_until,
      occurrences: { total: count.total, published: count.published, upcoming: count.upcoming },
      nextAt: count.next,
      createdAt: row.created_at,
    };
  });
}

/** Recurring posts of a workspace, newest first. */
export async function listRecurring(db: Db, workspaceId: string) {
  return present(db, await repo.list(db, workspaceId));
}

/** One recurring post, its template and its occurrences in time order. */
export async function recurringDetail(db: Db, workspaceId: string, ruleId: string) {
  const row = await repo.find(db, workspaceId, ruleId);
  if (!row) throw notFound('Recurring post');
  const [rule] = await present(db, [row]);
  const occurrences = await repo.occurrences(db, ruleId);
  return {
    ...rule,
    template: row.template as Record<string, unknown>,
    items: occurrences.map((o) => ({
      postId: o.id,
      state: o.state,
      scheduledAt: o.scheduled_at,
      local: o.occurrence_local as string,
      detached: o.occurrence_detached,
    })),
  };
}

/** The evergreen posts of a workspace with their alternative texts. */
export async function listEvergreen(db: Db, workspaceId: string) {
  const rows = await repo.evergreenPosts(db, workspaceId);
  return rows.map((r) => ({
    id: r.id,
    content: r.content,
    variants: r.evergreen_variants ?? [],
    state: r.state,
    scheduledAt: r.scheduled_at,
  }));
}
