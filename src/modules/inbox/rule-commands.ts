/**
 * The writes of the inbox's rules, settings (auto-replies, business hours, targets), saved views and
 * bulk actions, each one transaction with its event; and the rule tester (what a rule would have
 * done on the last 30 days), which writes nothing.
 */
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { changeConversation, type ConversationChange } from './commands.ts';
import { inboxRepository } from './repository.ts';
import { inboxRulesRepository, type RuleRow } from './rules-repository.ts';
import { contactStageOf, ruleOf } from './rules-apply.ts';
import {
  compileRules,
  firstMatch,
  needsContactStage,
  parseRuleQuery,
  ruleMatches,
  type RuleActions,
  type RuleConditions,
} from './rules.ts';
import { DEFAULT_BUSINESS_HOURS, DEFAULT_TARGETS, type BusinessHours, type Targets } from './business-hours.ts';
import { previewOf } from './text.ts';

/** How far back the tester looks, and how many items it reads at most. */
export const TESTER_DAYS = 30;
const TESTER_LIMIT = 20_000;

/** Checks what a rule refers to: its query parses (400 with the position), its assignee is a member, its saved reply exists. */
async function checkRule(db: Db, workspaceId: string, conditions: RuleConditions, actions: RuleActions): Promise<void> {
  if (conditions.query) parseRuleQuery(conditions.query);
  if (actions.assignTo) {
    const members = await inboxRepository.members(db, workspaceId);
    if (!members.some((m) => m.id === actions.assignTo))
      throw badRequest('inbox_not_a_member', 'The assignee is not a member of this workspace');
  }
  if (actions.savedReplyId) {
    const saved = await inboxRepository.listSavedReplies(db, workspaceId);
    if (!saved.some((r) => r.id === actions.savedReplyId)) throw badRequest('inbox_saved_reply_missing', 'That saved reply does not exist');
  }
}

/** A new rule at the end of the list. */
export async function createRule(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; name: string; enabled: boolean; conditions: RuleConditions; actions: RuleActions },
): Promise<RuleRow> {
  await checkRule(ctx.database.db, input.workspaceId, input.conditions, input.actions);
  const now = new Date(ctx.clock.now());
  return ctx.database.db.transaction().execute(async (trx) => {
    const row = await inboxRulesRepository.insertRule(trx, {
      workspace_id: input.workspaceId,
      name: input.name,
      position: await inboxRulesRepository.nextPosition(trx, input.workspaceId),
      enabled: input.enabled,
      conditions: JSON.stringify(input.conditions),
      actions: JSON.stringify(input.actions),
      created_by: input.actorUserId,
      created_at: now,
      updated_at: now,
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.rule.created',
      subjectType: 'inbox_rule',
      subjectId: row.id,
      data: { name: row.name },
    });
    return row;
  });
}

/** Changes a rule; `position` (1-based) moves it in the order, the others shift. */
export async function updateRule(
  ctx: AppContext,
  input: {
    workspaceId: string;
    actorUserId: string;
    ruleId: string;
    patch: { name?: string; enabled?: boolean; conditions?: RuleConditions; actions?: RuleActions; position?: number };
  },
): Promise<RuleRow> {
  const { patch } = input;
  const now = new Date(ctx.clock.now());
  const existing = await inboxRulesRepository.findRule(ctx.database.db, input.workspaceId, input.ruleId);
  if (!existing) throw notFound('Rule');
  await checkRule(
    ctx.database.db,
    input.workspaceId,
    patch.conditions ?? (existing.conditions as RuleConditions),
    patch.actions ?? (existing.actions as RuleActions),
  );
  return ctx.database.db.transaction().execute(async (trx) => {
    const { position, ...rest } = patch;
    let row = await inboxRulesRepository.updateRule(trx, existing.id, rest, now);
    if (position !== undefined) {
      const others = (await inboxRulesRepository.listRules(trx, input.workspaceId)).filter((r) => r.id !== existing.id);
      const at = Math.max(0, Math.min(others.length, position - 1));
      const order = [...others.slice(0, at), row, ...others.slice(at)];
      for (const [index, rule] of order.entries())
        if (rule.position !== index + 1 || rule.id === row.id) {
          const updated = await inboxRulesRepository.updateRule(trx, rule.id, { position: index + 1 }, now);
          if (rule.id === row.id) row = updated;
        }
    }
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.rule.updated',
      subjectType: 'inbox_rule',
      subjectId: row.id,
      data: { name: row.name, changed: Object.keys(patch) },
    });
    return row;
  });
}

export async function deleteRule(ctx: AppContext, input: { workspaceId: string; actorUserId: string; ruleId: string }): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    if (!(await inboxRulesRepository.deleteRule(trx, input.workspaceId, input.ruleId))) throw notFound('Rule');
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.rule.deleted',
      subjectType: 'inbox_rule',
      subjectId: input.ruleId,
    });
  });
}

/** One item the tester matched. */
export interface TesterMatch {
  itemId: string;
  conversationId: string;
  at: Date;
  network: string;
  kind: string;
  authorHandle: string;
  preview: string;
  /** Another rule placed earlier matched first: this rule would not have acted. */
  takenByRuleId: string | null;
}

/**
 * What a rule (saved or not yet) would have done on the last 30 days of inbound items: how many it
 * matches, how many it would act on (an earlier rule in the order takes the rest: first match
 * wins), and the newest matches as examples. A malformed query is a 400 with its position.
 */
export async function testRule(
  ctx: AppContext,
  input: { workspaceId: string; ruleId?: string; conditions: RuleConditions; actions: RuleActions; position?: number },
) {
  const candidate = compileRules([
    { id: input.ruleId ?? 'candidate', name: '', enabled: true, conditions: input.conditions, actions: input.actions },
  ])[0];
  const db = ctx.database.db;
  const stored = (await inboxRulesRepository.listRules(db, input.workspaceId)).filter((r) => r.enabled);
  const ownIndex = input.ruleId ? stored.findIndex((r) => r.id === input.ruleId) : -1;
  const before = ownIndex >= 0 ? stored.slice(0, ownIndex) : stored.slice(0, input.position ? input.position - 1 : stored.length);
  const earlier = compileRules(before.filter((r) => r.id !== input.ruleId).map(ruleOf));
  const since = new Date(ctx.clock.now() - TESTER_DAYS * 86_400_000);
  const items = await inboxRulesRepository.inboundSince(db, input.workspaceId, since, TESTER_LIMIT);
  const matches: TesterMatch[] = [];
  let matched = 0;
  let wouldAct = 0;
  const conversations = new Set<string>();
  // Stages as they are now (the tester answers "what would this rule do today"), one lookup per author.
  const needsStage = needsContactStage([candidate, ...earlier]);
  const stages = new Map<string, Promise<string>>();
  const stageOf = (network: string, authorId: string) => {
    const key = `${network}\u0000${authorId}`;
    if (!stages.has(key)) stages.set(key, contactStageOf(db, input.workspaceId, network, authorId));
    return stages.get(key)!;
  };
  for (const item of items) {
    const subject = {
      text: item.text,
      network: item.network,
      kind: item.kind,
      sentiment: item.sentiment,
      language: item.language,
      authorHandle: item.author_handle,
      authorId: item.author_id,
      contactStage: needsStage ? await stageOf(item.network, item.author_id) : null,
    };
    if (!ruleMatches(candidate, subject)) continue;
    matched++;
    const taken = firstMatch(earlier, subject);
    if (!taken) {
      wouldAct++;
      conversations.add(item.conversation_id);
    }
    if (matches.length < 25)
      matches.push({
        itemId: item.id,
        conversationId: item.conversation_id,
        at: item.remote_created_at,
        network: item.network,
        kind: item.kind,
        authorHandle: item.author_handle,
        preview: previewOf(item.text, 160),
        takenByRuleId: taken?.id ?? null,
      });
  }
  return {
    since,
    scanned: items.length,
    truncated: items.length >= TESTER_LIMIT,
    matched,
    wouldAct,
    conversations: conversations.size,
    usesContactStage: (input.conditions.contactStages?.length ?? 0) > 0,
    matches,
  };
}

/** A workspace's inbox settings, with the defaults when none were saved, and its brand zone. */
export async function inboxSettings(db: Db, workspaceId: string) {
  const row = await inboxRulesRepository.settings(db, workspaceId);
  return {
    autoReplies: row?.auto_replies ?? false,
    businessHours: (row?.business_hours as BusinessHours | undefined) ?? DEFAULT_BUSINESS_HOURS,
    targets: (row?.targets as Targets | undefined) ?? DEFAULT_TARGETS,
    timeZone: await workspaceTimeZone(db, workspaceId),
  };
}

/** Saves auto-replies, business hours and targets per priority. */
export async function saveInboxSettings(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; autoReplies: boolean; businessHours: BusinessHours; targets: Targets },
) {
  await ctx.database.db.transaction().execute(async (trx) => {
    await inboxRulesRepository.saveSettings(trx, {
      workspace_id: input.workspaceId,
      auto_replies: input.autoReplies,
      business_hours: input.businessHours,
      targets: input.targets,
      now: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.settings.changed',
      subjectType: 'workspace',
      subjectId: input.workspaceId,
      data: { autoReplies: input.autoReplies },
    });
  });
  return inboxSettings(ctx.database.db, input.workspaceId);
}

/** A saved view of the list: the person's own, or shared with the workspace. */
export async function createSavedView(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; name: string; shared: boolean; filter: object },
) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const row = await inboxRulesRepository.insertView(trx, {
      workspace_id: input.workspaceId,
      user_id: input.shared ? null : input.actorUserId,
      name: input.name,
      filter: JSON.stringify(input.filter),
      created_at: new Date(ctx.clock.now()),
    });
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.saved_view.created',
      subjectType: 'inbox_saved_view',
      subjectId: row.id,
      data: { name: row.name, shared: input.shared },
    });
    return row;
  });
}

/** Deletes a saved view: one's own, or a shared one when `mayManage`; someone else's private view is a 404. */
export async function deleteSavedView(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; viewId: string; mayManage: boolean },
): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const view = await inboxRulesRepository.findView(trx, input.workspaceId, input.viewId);
    if (!view || (view.user_id !== null && view.user_id !== input.actorUserId)) throw notFound('View');
    if (view.user_id === null && !input.mayManage) throw new AppError(403, 'forbidden', 'Only managers delete shared views');
    await inboxRulesRepository.deleteView(trx, view.id);
    await recordEvent(trx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      type: 'inbox.saved_view.deleted',
      subjectType: 'inbox_saved_view',
      subjectId: view.id,
    });
  });
}

/**
 * The same change on a selection of conversations (assign, label, priority, resolve, reopen, mark
 * read). Every id is checked first (one of another workspace: 404, nothing changed); then each
 * conversation changes with its own events, as if changed one by one.
 */
export async function bulkChange(
  ctx: AppContext,
  input: { workspaceId: string; actorUserId: string; conversationIds: string[]; change: ConversationChange & { addLabels?: string[] } },
) {
  const ids = [...new Set(input.conversationIds)];
  const db = ctx.database.db;
  const rows = [];
  for (const id of ids) {
    const row = await inboxRepository.findConversation(db, input.workspaceId, id);
    if (!row) throw notFound('Conversation');
    rows.push(row);
  }
  const { addLabels, ...change } = input.change;
  let changed = 0;
  for (const row of rows) {
    const labels = addLabels?.length ? [...new Set([...row.labels, ...addLabels])] : change.labels;
    await changeConversation(ctx, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      conversationId: row.id,
      change: { ...change, ...(labels ? { labels } : {}) },
    });
    changed++;
  }
  return { changed };
}
