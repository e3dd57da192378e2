/**
 * Running the workspace's rules on a new inbound item, inside the transaction that stores it
 * (issue 14, part 5): the first enabled rule that matches acts (labels, priority, assignment, a
 * saved reply when auto-replies are on, resolve), and the item remembers the rule. Hiding needs
 * the network, so it is returned for the caller to do after the commit.
 */
import type { Db } from '../../db/database.ts';
import { recordEvent } from '../events/events.ts';
import { inboxRepository, type ConversationRow, type ItemRow } from './repository.ts';
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
  };
}

/** What a rule did to one item, and what is left to do on the network after the commit. */
export interface RuleOutcome {
  ruleId: string;
  hideItemId: string | null;
}

/** An author's contact stage; one who is no contact yet (they are linked shortly after their first message) is a follower. */
export async function contactStageOf(db: Db, workspaceId: string, network: string, authorId: string): Promise<string> {
  return (await contactsRepository.stageOfAccount(db, workspaceId, network, authorId)) ?? 'follower';
}

/** Runs the rules on one new inbound item (in the storing transaction); null when none matched. */
export async function applyRules(
  trx: Db,
  set: RuleSet,
  input: { workspaceId: string; channelId: string; network: string; item: ItemRow; conversation: ConversationRow; now: Date },
): Promise<RuleOutcome | null> {
  const { item, conversation, now } = input;
  const contactStage = set.needsStage ? await contactStageOf(trx, input.workspaceId, input.network, item.author_id) : null;
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
  await inboxRulesRepository.markItemRule(trx, item.id, rule.id);
  await inboxRulesRepository.noteMatch(trx, rule.id, now);
  const base = { workspaceId: input.workspaceId, actorUserId: null, subjectType: 'inbox_conversation', subjectId: conversation.id };
  const assignee = a.assignTo && set.memberIds.has(a.assignTo) ? a.assignTo : undefined;
  const labels = a.addLabels?.length ? [...new Set([...conversation.labels, ...a.addLabels])] : undefined;
  await inboxRepository.updateConversation(
    trx,
    conversation.id,
    {
      ...(labels ? { labels } : {}),
      ...(a.priority ? { priority: a.priority } : {}),
      ...(assignee ? { assignee_user_id: assignee } : {}),
      ...(a.resolve ? { state: 'resolved', resolved_at: now, unread_count: 0, waiting_since: null, resolved_by_user_id: null } : {}),
    },
    now,
  );
  let autoReplyId: string | null = null;
  if (a.savedReplyId && set.autoReplies && !a.hide) {
    const saved = (await inboxRepository.listSavedReplies(trx, input.workspaceId)).find((r) => r.id === a.savedReplyId);
    if (saved) {
      const reply = await inboxRepository.insertReply(trx, {
        workspace_id: input.workspaceId,
        channel_id: input.channelId,
        conversation_id: conversation.id,
        item_id: item.id,
        author_user_id: null,
        mode: item.kind === 'direct_message' ? 'direct_message' : 'public',
        text: fillVariables(saved.text, { nombre: item.author_name ?? item.author_handle, ...(set.brand ? { marca: set.brand } : {}) }),
        lease_owner: null,
        lease_until: null,
        next_attempt_at: now,
        remote_id: null,
        remote_url: null,
        error_code: null,
        error_message: null,
        created_at: now,
      });
      autoReplyId = reply.id;
      await recordEvent(trx, { ...base, type: 'inbox.reply.queued', data: { replyId: reply.id, mode: reply.mode, ruleId: rule.id } });
    }
  }
  await recordEvent(trx, {
    ...base,
    type: 'inbox.rule.applied',
    data: { ruleId: rule.id, ruleName: rule.name, itemId: item.id, actions: a, autoReplyId },
  });
  if (assignee && assignee !== conversation.assignee_user_id)
    await recordEvent(trx, {
      ...base,
      type: 'inbox.conversation.assigned',
      data: { assigneeUserId: assignee, previousAssigneeUserId: conversation.assignee_user_id, recipientUserId: assignee, ruleId: rule.id },
    });
  if (a.resolve && conversation.state !== 'resolved')
    await recordEvent(trx, { ...base, type: 'inbox.conversation.resolved', data: { channelId: input.channelId, ruleId: rule.id } });
  return { ruleId: rule.id, hideItemId: a.hide ? item.id : null };
}
