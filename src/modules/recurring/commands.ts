/**
 * The recurring module's writes. A recurring post is a rule (RRULE on the brand's wall clock) and a
 * post body; each occurrence is created ahead of time as a real post (createPostIn, the composer's own
 * path, so it is validated like any post and published once by the engine), keyed by (rule, local
 * time) so no occurrence is ever made twice. Every command locks its rule first.
 */
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import { workspaceTimeZone } from '../../db/workspace-settings.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { recordEvent } from '../events/events.ts';
import { createPostIn } from '../posts/commands.ts';
import type { PostBody } from '../posts/schemas.ts';
import { recurringRepository as repo, type RuleRow } from './repository.ts';
import { checkStart, lastOccurrence, nextOccurrenceAfter, occurrencesBetween, parseRule, RuleError, type ParsedRule } from './rules.ts';

/** An occurrence closer than this to now is left alone: the engine may already be taking it. */
export const OCCURRENCE_MARGIN_MS = 60_000;
/** Days of occurrences created ahead when the caller does not say. */
export const DEFAULT_WINDOW_DAYS = 60;
const DAY_MS = 86_400_000;

export interface RecurringInput {
  /** The post every occurrence is made from (its scheduledAt is ignored: each occurrence has its own). */
  post: PostBody;
  /** RRULE text, e.g. FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10. */
  rule: string;
  /** The first occurrence on the brand's wall clock, yyyy-MM-ddTHH:mm. */
  startsLocal: string;
  /** Days created ahead (rolling window); null refuses a rule that never ends. */
  windowDays?: number | null;
}

function ruleProblem(error: unknown): never {
  if (error instanceof RuleError) throw new AppError(422, error.code, error.message);
  throw error;
}

/** Parses and checks a rule against the workspace's zone; 422 with the rule's problem otherwise. */
function checkedRule(input: { rule: string; startsLocal: string; windowDays?: number | null }, zone: string): ParsedRule {
  try {
    const windowDays = input.windowDays === undefined ? DEFAULT_WINDOW_DAYS : input.windowDays;
    const parsed = parseRule(input.rule, zone, windowDays);
    checkStart(input.startsLocal, zone);
    return parsed;
  } catch (error) {
    ruleProblem(error);
  }
}

function assertAction(post: PostBody): void {
  if (post.action === 'publish_now')
    throw new AppError(422, 'recurrence_invalid', 'A recurring post is scheduled at each occurrence: use schedule, submit or draft');
}

/**
 * Creates occurrences of a locked rule up to `now + window`, skipping those it already has (any
 * state) and those due within the margin. Marks the rule finished when its last occurrence is made.
 * Returns how many were created.
 */
async function generate(ctx: AppContext, trx: Db, rule: RuleRow, parsed: ParsedRule, zone: string, now: number): Promise<number> {
  const from = now + OCCURRENCE_MARGIN_MS;
  const to = now + rule.window_days * DAY_MS;
  const authorId = rule.author_id;
  let created = 0;
  if (authorId) {
    const keys = await repo.occurrenceKeys(trx, rule.id);
    const template = rule.template as PostBody;
    for (const occurrence of occurrencesBetween(parsed, rule.starts_local, zone, from, to)) {
      if (keys.has(occurrence.local)) continue;
      const { post } = await createPostIn(ctx, trx, rule.workspace_id, authorId, { ...template, scheduledAt: new Date(occurrence.at) });
      await repo.markOccurrence(trx, post.id, rule.id, occurrence.local);
      created++;
    }
  }
  const last = lastOccurrence(parsed, rule.starts_local, zone);
  const finished = last !== null && last <= to;
  // Every occurrence before the next one exists: the rule is covered until just before it, so the
  // extend job passes it by until that occurrence enters the window (a monthly rule is not
  // revisited every day for nothing).
  const next = finished ? null : nextOccurrenceAfter(parsed, rule.starts_local, zone, to);
  const coveredUntil = next === null ? to : Math.max(to, next - 1);
  await repo.update(trx, rule.id, { generatedUntil: new Date(coveredUntil), finished, now: new Date(now) });
  return created;
}

/** Creates a recurring post and its first occurrences, all or nothing. */
export async function createRecurring(ctx: AppContext, workspaceId: string, actorId: string, input: RecurringInput) {
  assertAction(input.post);
  return ctx.database.db.transaction().execute(async (trx) => {
    const zone = await workspaceTimeZone(trx, workspaceId);
    const parsed = checkedRule(input, zone);
    const now = ctx.clock.now();
    const windowDays = input.windowDays ?? DEFAULT_WINDOW_DAYS;
    const { scheduledAt: _ignored, ...template } = input.post;
    const rule = await repo.insertRule(trx, {
      workspaceId,
      authorId: actorId,
      rrule: parsed.text,
      startsLocal: input.startsLocal,
      windowDays,
      template,
      now: new Date(now),
    });
    const created = await generate(ctx, trx, rule, parsed, zone, now);
    if (!created && occurrencesBetween(parsed, input.startsLocal, zone, now + OCCURRENCE_MARGIN_MS, Date.parse('9999-01-01')).length === 0)
      throw new AppError(422, 'recurrence_no_occurrences', 'This rule has no occurrence after now: check its start, COUNT or UNTIL');
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'recurring.created',
      subjectType: 'recurring_rule',
      subjectId: rule.id,
      data: { rule: parsed.text, startsLocal: input.startsLocal, occurrences: created },
    });
    return { ruleId: rule.id, created };
  });
}

async function lockRule(trx: Db, workspaceId: string, ruleId: string): Promise<RuleRow> {
  const rule = await repo.lock(trx, ruleId);
  if (!rule || rule.workspace_id !== workspaceId) throw notFound('Recurring post');
  return rule;
}

/** Removes the occurrences an edit of "all future" or a stop replaces; returns how many went. */
async function dropFuture(trx: Db, ruleId: string, now: number): Promise<number> {
  const future = await repo.replaceableOccurrences(trx, ruleId, new Date(now + OCCURRENCE_MARGIN_MS));
  const started = await repo.anyPublicationStarted(
    trx,
    future.map((p) => p.id),
  );
  const ids = future.filter((p) => !started.has(p.id)).map((p) => p.id);
  await repo.deletePosts(trx, ids);
  return ids.length;
}

/**
 * Edits every future occurrence (the text and channels, the rule, its start or window): the future
 * occurrences that are still plans and were not edited on their own are made again from the new
 * rule. Past, publishing and detached occurrences stay as they are.
 */
export async function updateRecurring(
  ctx: AppContext,
  workspaceId: string,
  ruleId: string,
  actorId: string,
  input: Partial<RecurringInput>,
) {
  if (input.post) assertAction(input.post);
  return ctx.database.db.transaction().execute(async (trx) => {
    const rule = await lockRule(trx, workspaceId, ruleId);
    if (rule.stopped_at) throw conflict('recurring_stopped', 'This recurring post was stopped; create a new one');
    const zone = await workspaceTimeZone(trx, workspaceId);
    const next = {
      rule: input.rule ?? rule.rrule,
      startsLocal: input.startsLocal ?? rule.starts_local,
      windowDays: input.windowDays === undefined ? rule.window_days : input.windowDays,
    };
    const parsed = checkedRule(next, zone);
    const now = ctx.clock.now();
    const removed = await dropFuture(trx, ruleId, now);
    const template = input.post ? (({ scheduledAt: _s, ...rest }) => rest)(input.post) : undefined;
    const updated = await repo.update(trx, ruleId, {
      rrule: parsed.text,
      startsLocal: next.startsLocal,
      windowDays: next.windowDays ?? DEFAULT_WINDOW_DAYS,
      template,
      finished: false,
      now: new Date(now),
    });
    const created = await generate(ctx, trx, updated, parsed, zone, now);
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'recurring.updated',
      subjectType: 'recurring_rule',
      subjectId: ruleId,
      data: { rule: parsed.text, startsLocal: next.startsLocal, removed, created },
    });
    return { removed, created };
  });
}

/** Stops a recurring post: its future occurrences that are still plans (and not edited on their own) are deleted. */
export async function stopRecurring(ctx: AppContext, workspaceId: string, ruleId: string, actorId: string) {
  return ctx.database.db.transaction().execute(async (trx) => {
    const rule = await lockRule(trx, workspaceId, ruleId);
    if (rule.stopped_at) return { removed: 0 };
    const now = ctx.clock.now();
    const removed = await dropFuture(trx, ruleId, now);
    await repo.update(trx, ruleId, { stoppedAt: new Date(now), now: new Date(now) });
    await recordEvent(trx, {
      workspaceId,
      actorUserId: actorId,
      type: 'recurring.stopped',
      subjectType: 'recurring_rule',
      subjectId: ruleId,
      data: { rule: rule.rrule, removed },
    });
    return { removed };
  });
}

/**
 * Moves the rolling window of every active rule on (the `recurring.extend` job): each rule in its own
 * transaction under its lock, so two processes never make one occurrence twice. A rule that fails
 * (a channel removed meanwhile) is logged and tried again on the next run. Returns occurrences created.
 */
/** Rules the extend job works on at once on Postgres (each with its own connection and transaction). */
const EXTEND_CONCURRENCY = 4;

export async function extendRecurring(ctx: AppContext, options: { limit?: number; slackMs?: number } = {}): Promise<number> {
  const now = ctx.clock.now();
  const due = await repo.dueForExtension(ctx.database.db, new Date(now), options.slackMs ?? DAY_MS, options.limit ?? 500);
  let created = 0;
  const extend = async (ruleId: string) => {
    try {
      created += await ctx.database.db.transaction().execute(async (trx) => {
        const rule = await repo.lock(trx, ruleId);
        if (!rule || rule.stopped_at || rule.finished) return 0;
        const zone = await workspaceTimeZone(trx, rule.workspace_id);
        const parsed = parseRule(rule.rrule, zone, rule.window_days);
        return generate(ctx, trx, rule, parsed, zone, ctx.clock.now());
      });
    } catch (error) {
      ctx.logger.warn({ err: error, ruleId }, 'recurring post: occurrences could not be created');
    }
  };
  // Each rule in its own transaction (one rule that fails never holds the others back). On Postgres a
  // few rules at once, each on its own connection; the embedded database has one connection anyway.
  let next = 0;
  const lanes = ctx.database.kind === 'postgres' ? EXTEND_CONCURRENCY : 1;
  await Promise.all(
    Array.from({ length: Math.min(lanes, due.length) }, async () => {
      while (next < due.length) await extend(due[next++]);
    }),
  );
  return created;
}
