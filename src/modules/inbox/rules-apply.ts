/**
 * Running the workspace's rules on each new inbound item, inside the transaction that stores its
 * page (issue 14, part 5): the first enabled rule that matches acts (labels, priority, assignment,
 * a saved reply when auto-replies are on, resolve), and the item remembers the rule. The page's
 * writes are gathered and written with one statement each; hiding needs the network, so it is
 * returned for the caller to do after the commit.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { EventInput } from '../events/events.ts';
import { inboxRepository, type ConversationRow, type NewItemRow, type SavedReplyRow } from './repository.ts';
import type { InboxRepliesTable } from './tables.ts';
import { inboxRulesRepository } from './rules-repository.ts';
import { compileRules, firstMatch, needsContactStage, type CompiledRule, type Rule } from './rules.ts';
import { contactsRepository } from '../contacts/repository.ts';
import type { RuleActions, RuleConditions } from './rules.ts';
import { fillVariables } from './text.ts';

/** The workspace's rules and settings loaded once per page of items. */
export interface RuleSet {
  rules: CompiledRule[];
  autoReplies: boolean;
  needsStage: boolean;
  brand: string | null;
  memberIds: Set<string>;
  /** The saved replies rules may send (loaded only when auto-replies are on and a rule names one). */
  savedReplies: Map<string, SavedReplyRow>;
}

/** A stored rule row as the engine's Rule. */
export function ruleOf(row: { id: string; name: string; enabled: boolean; conditions: object; actions: object }): Rule {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    conditions: row.conditions as RuleConditions,
    actions: row.actions as RuleActions,
  };
}

/** Loads what rules need for one workspace (null when it has no enabled rule). */
export async function loadRuleSet(db: Db, workspaceId: string): Promise<RuleSet | null> {
  const rows = (await inboxRulesRepository.listRules(db, workspaceId)).filter((r) => r.enabled);
  if (rows.length === 0) return null;
  const settings = await inboxRulesRepository.settings(db, workspaceId);
  const rules = compileRules(rows.map(ruleOf));
  const members = await inboxRepository.members(db, workspaceId);
  return {
    rules,
    autoReplies: settings?.auto_replies ?? false,
    needsStage: needsContactStage(rules),
    brand: await inboxRepository.workspaceName(db, workspaceId),
    memberIds: new Set(members.map((m) => m.id)),
    savedReplies:
      settings?.auto_replies && rules.some((r) => r.actions.savedReplyId)
        ? new Map((await inboxRepository.listSavedReplies(db, workspaceId)).map((r) => [r.id, r]))
        : new Map(),
  };
}

/** What a rule did to one item, and what is left to do on the network after the commit. */
export interface RuleOutcome {
  ruleId: string;
  hideItemId: string | null;
}

/** What the rules of a page of items write, gathered to be written with one statement each (writeRuleOutcomes). */
export interface RuleWrites {
  matches: Map<string, number>;
  replies: Array<Insertable<InboxRepliesTable> & { id: string }>;
  /** The page's events in order: the caller's and the rules' (shared so they stay in the order things happened). */
  events: EventInput[];
}

export function newRuleWrites(events: EventInput[]): RuleWrites {
  return { matches: new Map(), replies: [], events };
}

/** An author's contact stage; one who is no contact yet (they are linked shortly after their first message) is a follower. */
export async function contactStageOf(db: Db, workspaceId: string, network: string, authorId: string): Promise<string> {
  return (await contactsRepository.stageOfAccount(db, workspaceId, network, authorId)) ?? 'follower';
}

/** The contact stages of a page's authors (one query), when some rule asks for them; absent authors are followers. */
export async function contactStagesOf(
  db: Db,
  set: RuleSet,
  workspaceId: string,
  network: string,
  authorIds: readonly string[],
): Promise<Map<string, string> | null> {
  if (!set.needsStage) return null;
  return contactsRepository.stagesOfAccounts(db, workspaceId, network, authorIds);
}

/**
 * Runs the rules on one new inbound item of a page being stored: the first enabled rule that matches is marked on the
 * item (stored after the rules ran) and changes the conversation (the page's copy, written once for the page); its other
 * writes are gathered in `writes`; null when none matched.
 */
export function applyRules(
  set: RuleSet,
  input: {
    workspaceId: string;
    channelId: string;
    network: string;
    item: NewItemRow;
    conversation: ConversationRow;
    now: Date;
    stages: Map<string, string> | null;
  },
  writes: RuleWrites,
): RuleOutcome | null {
  const { item, conversation, now } = input;
  const contactStage = input.stages ? (input.stages.get(item.author_id) ?? 'follower') : null;
  const rule = firstMatch(set.rules, {
    text: item.text,
    network: input.network,
    kind: item.kind,
    sentiment: item.sentiment,
    language: item.language,
    authorHandle: item.author_handle,
    authorId: item.author_id,
    contactStage,
  });
  if (!rule) return null;
  const a = rule.actions;
  item.rule_id = rule.id;
  writes.matches.set(rule.id, (writes.matches.get(rule.id) ?? 0) + 1);
  const base = { workspaceId: input.workspaceId, actorUserId: null, subjectType: 'inbox_conversation', subjectId: conversation.id };
  const assignee = a.assignTo && set.memberIds.has(a.assignTo) ? a.assignTo : undefined;
  const before = { assignee: conversation.assignee_user_id, state: conversation.state };
  if (a.addLabels?.length) conversation.labels = [...new Set([...conversation.labels, ...a.addLabels])];
  if (a.priority) conversation.priority = a.priority;
  if (assignee) conversation.assignee_user_id = assignee;
  if (a.resolve)
    Object.assign(conversation, { state: 'resolved', resolved_at: now, unread_count: 0, waiting_since: null, resolved_by_user_id: null });
  conversation.updated_at = now;
  let autoReplyId: string | null = null;
  if (a.savedReplyId && set.autoReplies && !a.hide) {
    const saved = set.savedReplies.get(a.savedReplyId);
    if (saved) {
      const reply = {
        id: randomUUID(),
        workspace_id: input.workspaceId,
        channel_id: input.channelId,
        conversation_id: conversation.id,
        item_id: item.id,
        author_user_id: null,
        mode: item.kind === 'direct_message' ? ('direct_message' as const) : ('public' as const),
        text: fillVariables(saved.text, { nombre: item.author_name ?? item.author_handle, ...(set.brand ? { marca: set.brand } : {}) }),
        lease_owner: null,
        lease_until: null,
        next_attempt_at: now,
        remote_id: null,
        remote_url: null,
        error_code: null,
        error_message: null,
        created_at: now,
      };
      writes.replies.push(reply);
      autoReplyId = reply.id;
      writes.events.push({ ...base, type: 'inbox.reply.queued', data: { replyId: reply.id, mode: reply.mode, ruleId: rule.id } });
    }
  }
  writes.events.push({
    ...base,
    type: 'inbox.rule.applied',
    data: { ruleId: rule.id, ruleName: rule.name, itemId: item.id, actions: a, autoReplyId },
  });
  if (assignee && assignee !== before.assignee)
    writes.events.push({
      ...base,
      type: 'inbox.conversation.assigned',
      data: { assigneeUserId: assignee, previousAssigneeUserId: before.assignee, recipientUserId: assignee, ruleId: rule.id },
    });
  if (a.resolve && before.state !== 'resolved')
    writes.events.push({ ...base, type: 'inbox.conversation.resolved', data: { channelId: input.channelId, ruleId: rule.id } });
  return { ruleId: rule.id, hideItemId: a.hide ? item.id : null };
}

/** Writes what the rules of a page did (before the page's conversations and events are written). */
export async function writeRuleOutcomes(trx: Db, writes: RuleWrites, now: Date): Promise<void> {
  for (const [ruleId, count] of writes.matches) await inboxRulesRepository.noteMatches(trx, ruleId, count, now);
  await inboxRepository.insertReplies(trx, writes.replies);
}
