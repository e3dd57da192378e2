/**
 * Inbox rules (issue 14, part 5): what a rule is (conditions, actions), how an item is matched
 * against the workspace's rules (in order, the first match wins), and the hook through which the
 * contacts module answers the "author's contact stage" condition. Pure: no SQL, no I/O except
 * that hook. Applying a rule's actions is rules-apply.ts; the 30-day tester is rules-tester.ts.
 */
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { naiveMatches, normalizePost, tryParseQuery, type QueryNode } from '../listening/core/index.ts';
import { INBOUND_KINDS } from '../../networks/inbox.ts';
import { PRIORITIES } from './tables.ts';

/** When a rule matches an item: every condition given must hold (an empty list means "any"). */
export const ruleConditionsSchema = z
  .object({
    /** A listening query in Plaza's boolean language (AND, OR, NOT, "phrases", NEAR/n, lang:, author:…). */
    query: z.string().trim().max(2000).optional(),
    networks: z.array(z.string().min(1).max(40)).max(30).optional(),
    kinds: z.array(z.enum(INBOUND_KINDS)).max(INBOUND_KINDS.length).optional(),
    sentiments: z
      .array(z.enum(['positive', 'neutral', 'negative']))
      .max(3)
      .optional(),
    /** Two-letter languages (es, en) or "other". */
    languages: z.array(z.string().trim().min(2).max(8)).max(20).optional(),
    /** true: the text contains a link; false: it does not. */
    hasLink: z.boolean().optional(),
    /** The author's contact stage (follower, prospect, lead, customer), answered by the contacts module's hook. */
    contactStages: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
  })
  .strict();
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

/** What a matching rule does, in this order: label, priority, assign, reply, hide, resolve. */
export const ruleActionsSchema = z
  .object({
    assignTo: z.string().uuid().optional(),
    addLabels: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
    priority: z.enum(PRIORITIES).optional(),
    hide: z.boolean().optional(),
    resolve: z.boolean().optional(),
    /** Reply with this saved reply (only when the workspace turned auto-replies on). */
    savedReplyId: z.string().uuid().optional(),
  })
  .strict()
  .refine((actions) => Object.values(actions).some((v) => v !== undefined && v !== false), {
    message: 'A rule needs at least one action',
  });
export type RuleActions = z.infer<typeof ruleActionsSchema>;

/** A stored rule, as the engine uses it. */
export interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  conditions: RuleConditions;
  actions: RuleActions;
}

/** An inbound item as rules see it. */
export interface RuleSubject {
  text: string;
  network: string;
  kind: string;
  sentiment: string | null;
  language: string | null;
  authorHandle: string;
  authorId: string;
  /** The author's contact stage, when the contacts hook knows it. */
  contactStage?: string | null;
}

/** A rule's query parsed once; a malformed one is a 400 `invalid_query` with its position, like the listening tester. */
export function parseRuleQuery(query: string): QueryNode {
  const parsed = tryParseQuery(query);
  if (!parsed.ok) {
    const error = parsed.error;
    throw new AppError(400, 'invalid_query', error.message, {
      position: error.position,
      expected: error.expected,
      reason: error.reason,
      params: error.params,
      message: error.message,
    });
  }
  return parsed.node;
}

/** A rule ready to match: its query parsed. */
export interface CompiledRule extends Rule {
  queryNode: QueryNode | null;
}

/** Parses each rule's query (stored rules were checked when saved). */
export function compileRules(rules: readonly Rule[]): CompiledRule[] {
  return rules.map((rule) => ({ ...rule, queryNode: rule.conditions.query ? parseRuleQuery(rule.conditions.query) : null }));
}

const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+\.\S+/i;

/** True when the text holds a link. */
export function containsLink(text: string): boolean {
  return LINK.test(text);
}

function languageOf(language: string | null): string {
  const two = (language ?? '').slice(0, 2).toLowerCase();
  return two === 'es' || two === 'en' ? two : 'other';
}

/** Does this rule's conditions hold for the item? */
export function ruleMatches(rule: CompiledRule, item: RuleSubject): boolean {
  const c = rule.conditions;
  if (c.networks?.length && !c.networks.includes(item.network)) return false;
  if (c.kinds?.length && !c.kinds.includes(item.kind as (typeof INBOUND_KINDS)[number])) return false;
  if (c.sentiments?.length && !(item.sentiment && (c.sentiments as string[]).includes(item.sentiment))) return false;
  if (c.languages?.length && !c.languages.map((l) => l.toLowerCase()).includes(languageOf(item.language))) return false;
  if (c.hasLink !== undefined && containsLink(item.text) !== c.hasLink) return false;
  if (c.contactStages?.length && !(item.contactStage && c.contactStages.includes(item.contactStage))) return false;
  if (rule.queryNode) {
    const post = normalizePost({
      text: item.text,
      author: item.authorHandle,
      network: item.network,
      lang: languageOf(item.language) === 'other' ? (item.language ?? undefined) : languageOf(item.language),
    });
    if (!naiveMatches(rule.queryNode, post)) return false;
  }
  return true;
}

/** The first enabled rule (in the given order) whose conditions hold, or null. */
export function firstMatch(rules: readonly CompiledRule[], item: RuleSubject): CompiledRule | null {
  for (const rule of rules) if (rule.enabled && ruleMatches(rule, item)) return rule;
  return null;
}

/** True when some enabled rule asks for the author's contact stage (then the contacts module is asked once per item). */
export function needsContactStage(rules: readonly Rule[]): boolean {
  return rules.some((rule) => rule.enabled && (rule.conditions.contactStages?.length ?? 0) > 0);
}
