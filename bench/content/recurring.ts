/**
 * Recurring section of `npm run bench:content`: 1,000 repeat rules (30 with `--small`) across three
 * brands in zones whose daylight-saving changes differ (Europe/Madrid, America/New_York and
 * Australia/Sydney), over a year (40 days across the March changes with `--small`). The rules are
 * created through the API; the `recurring.extend` job keeps the never-ending ones a window ahead; a
 * manual clock walks from one due time to the next and the real publishing engine publishes each
 * occurrence to the in-process sandbox network, whose record says when each post arrived.
 *
 * Metrics: `recurring_wrong_local_time` — occurrences that reached the network at another wall-clock
 * time than the rule's (read with Intl, not luxon; in a spring-forward gap the time after the gap is
 * the right one), on another day than the rule gives (weekday, day of month, last Friday), or more
 * than a minute after their due time; `recurring_published_twice` — occurrences the sandbox accepted
 * more than once, plus (rule, local time) keys with two posts; `recurring_unpublished` — occurrences
 * due in the period that were not published; with counts and the run's duration.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import type { ContentBenchOptions } from '../content.ts';
import { loadConfig } from '../../src/config.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { createContext } from '../../src/server/runtime.ts';
import { buildApp } from '../../src/server/app.ts';
import { createUser } from '../../src/modules/accounts/commands/users.ts';
import { accountsRepository } from '../../src/modules/accounts/repository.ts';
import { PublishingEngine } from '../../src/modules/publishing/engine.ts';
import { extendRecurring } from '../../src/modules/recurring/commands.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../src/networks/sandbox/index.ts';
import { createPgDatabase } from '../lib/pg.ts';

const ZONES = ['Europe/Madrid', 'America/New_York', 'Australia/Sydney'] as const;
const TIMES = ['02:30', '09:00', '12:15', '18:45'];
const DAY = 86_400_000;
/** Rules created at once through the API. */
const CREATORS = 4;

/** The rule kinds, in turn: what each is, and the day check the oracle applies. */
const KINDS = [
  { rule: 'FREQ=WEEKLY;BYDAY=MO,TH', days: (d: LocalDate) => d.weekday === 1 || d.weekday === 4 },
  { rule: 'FREQ=DAILY;COUNT=30', days: () => true },
  { rule: 'FREQ=MONTHLY;BYDAY=-1FR', days: (d: LocalDate) => d.weekday === 5 && d.day + 7 > d.daysInMonth },
  { rule: 'FREQ=WEEKLY;BYDAY=SU;UNTIL=', days: (d: LocalDate) => d.weekday === 7 },
  { rule: 'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12', days: (d: LocalDate) => d.day === 15 },
] as const;

interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
  daysInMonth: number;
  hhmm: string;
}

/** One Intl formatter per zone: building one costs far more than using it (the oracle reads ~100 per post). */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant's wall clock in a zone, read with Intl (an oracle independent of luxon). */
function wallClock(ms: number, zone: string): LocalDate {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  return {
    year,
    month,
    day: Number(parts.day),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1,
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
    hhmm: `${parts.hour}:${parts.minute}`,
  };
}

/** True when `hhmm` exists on that local day in the zone (not inside a spring-forward gap). */
function exists(date: LocalDate, hhmm: string, zone: string): boolean {
  const [h, m] = hhmm.split(':').map(Number);
  const guess = Date.UTC(date.year, date.month - 1, date.day, h, m);
  // Every offset in use lies within ±14 h: some instant near the guess shows that wall clock, or none does.
  for (let offset = -14 * 60; offset <= 14 * 60; offset += 15) {
    const w = wallClock(guess - offset * 60_000, zone);
    if (w.day === date.day && w.hhmm === hhmm) return true;
  }
  return false;
}

/** The time an occurrence should show: the rule's, or the one after a spring-forward gap. */
function expectedTime(date: LocalDate, hhmm: string, zone: string): string[] {
  if (exists(date, hhmm, zone)) return [hhmm];
  const [h, m] = hhmm.split(':').map(Number);
  return [30, 60].map((shift) => {
    const minutes = h * 60 + m + shift;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  });
}

export async function run(options: ContentBenchOptions): Promise<Record<string, number>> {
  const small = options.small;
  const rules = small ? 30 : 1000;
  const start = Date.parse(small ? '2027-02-25T00:00:00Z' : '2027-01-01T00:00:00Z');
  const end = start + (small ? 40 : 365) * DAY;
  const clock = new ManualClock(start - DAY);
  const network = new SandboxNetwork({ now: () => clock.now() });
  setInProcessSandbox(network);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-recurring-'));
  const pg = options.database === 'postgres' ? await createPgDatabase() : null;
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PLAZA_SECRET: 'bench-recurring-secret-bench-recurring-0123',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
  } as NodeJS.ProcessEnv);
  const ctx = await createContext({ config, clock, logger: pino({ level: 'silent' }) });
  let app: FastifyInstance | null = null;
  const began = Date.now();
  try {
    app = await buildApp(ctx);
    await app.ready();
    const user = await createUser(ctx, { email: 'bench@recurring.test', name: 'Bench', password: 'correct horse battery' });
    const { token } = await accountsRepository.createApiToken(ctx.database.db, user.id, 'bench');
    const api = async (method: 'GET' | 'POST', url: string, body?: object) => {
      const res = await app!.inject({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${token}` },
        ...(body && { payload: body }),
      });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const workspaces: Array<{ id: string; zone: string }> = [];
    for (const zone of ZONES)
      workspaces.push({ id: (await api('POST', '/workspaces', { name: zone, timeZone: zone, language: 'en' })).id, zone });

    // The rules, each on its own channel (so the network's posting rate never delays one).
    options.log(`  creating ${rules} rules across ${ZONES.join(', ')}`);
    // Four requests at a time, as a few people (or a script) would: the API's own path, rule i always the same.
    const plan: Array<{ ruleId: string; zone: string; hhmm: string; kind: (typeof KINDS)[number] }> = new Array(rules);
    const createRule = async (i: number) => {
      const ws = workspaces[i % workspaces.length];
      const kind = KINDS[Math.floor(i / workspaces.length) % KINDS.length];
      const hhmm = TIMES[Math.floor(i / (workspaces.length * KINDS.length)) % TIMES.length];
      const channel = await api('POST', `/workspaces/${ws.id}/channels`, {
        network: 'sandbox',
        name: `R${i}`,
        fields: { handle: `rule${i}`, token: `token-${i}` },
      });
      const startDay = new Date(start + (i % 7) * DAY).toISOString().slice(0, 10);
      const until = new Date(end).toISOString().slice(0, 10).replaceAll('-', '');
      const rule = kind.rule.endsWith('UNTIL=') ? `${kind.rule}${until}` : kind.rule;
      const created = await api('POST', `/workspaces/${ws.id}/recurring`, {
        post: { content: `Rule ${i}: ${rule}`, channels: [{ channelId: channel.id }], action: 'schedule' },
        rule,
        startsLocal: `${startDay}T${hhmm}`,
        windowDays: 60,
      });
      plan[i] = { ruleId: created.id, zone: ws.zone, hhmm, kind };
    };
    let nextRule = 0;
    await Promise.all(
      Array.from({ length: CREATORS }, async () => {
        while (nextRule < rules) await createRule(nextRule++);
      }),
    );

    // Walk the clock from one due time to the next; the extend job runs every simulated day.
    options.log(`  rules created in ${Math.round((Date.now() - began) / 1000)} s; publishing`);
    // The clock jumps hours at a time: a beat stays fresh for three simulated days (deadAfterMs), so the engine never waits
    // for a real-time beat while there is work; a beat every 250 ms (not every 10) keeps the database free for that work.
    const engine = new PublishingEngine(ctx, {
      autoPoll: false,
      lookaheadMs: 1_000,
      publishTimeoutMs: 10_000,
      heartbeatMs: 250,
      deadAfterMs: 3 * DAY,
    });
    await engine.start();
    let lastExtend = clock.now();
    let steps = 0;
    try {
      for (;;) {
        if (clock.now() - lastExtend >= DAY) {
          await extendRecurring(ctx, { limit: 10_000 });
          lastExtend = clock.now();
        }
        const next = await ctx.database.db
          .selectFrom('publications')
          .select((eb) => eb.fn.min('due_at').as('due'))
          .where('state', '=', 'scheduled')
          .executeTakeFirst();
        const due = next?.due ? new Date(next.due).getTime() : null;
        if (due === null || due > end) {
          if (clock.now() >= end) break;
          clock.set(Math.min(end, clock.now() + DAY));
          continue;
        }
        // Run the daily job at its time when a day boundary comes first.
        if (due - lastExtend >= DAY) {
          clock.set(lastExtend + DAY);
          continue;
        }
        clock.set(Math.max(clock.now(), due));
        steps++;
        // Publish what is due now: one count, one claim, then wait for the engine's own counters (no query per round).
        const dueNow = await ctx.database.db
          .selectFrom('publications')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('state', '=', 'scheduled')
          .where('due_at', '<=', new Date(clock.now()))
          .executeTakeFirstOrThrow();
        const target = engine.stats.published + engine.stats.failed + Number(dueNow.n);
        await engine.poll();
        for (let round = 0; engine.stats.published + engine.stats.failed < target; round++) {
          if (round > 5_000) throw new Error(`publications due at ${new Date(clock.now()).toISOString()} did not publish`);
          await new Promise((resolve) => setTimeout(resolve, 1));
          await engine.flush();
        }
        if (steps % 500 === 0) options.log(`  ${new Date(clock.now()).toISOString().slice(0, 10)}: ${network.accepted.length} published`);
      }
    } finally {
      await engine.stop(0);
    }

    // The oracle: what the network received, against each rule's wall-clock time and days.
    const rows = await ctx.database.db
      .selectFrom('posts as p')
      .innerJoin('publications as pub', 'pub.post_id', 'p.id')
      .select(['p.recurring_rule_id', 'p.occurrence_local', 'p.state', 'p.scheduled_at', 'pub.id as publication_id', 'pub.published_at'])
      .where('p.recurring_rule_id', 'is not', null)
      .execute();
    const byRule = new Map(plan.map((p) => [p.ruleId, p]));
    const acceptedAt = new Map<string, number[]>();
    for (const entry of network.accepted) {
      const key = entry.marker ?? entry.postId;
      acceptedAt.set(key, [...(acceptedAt.get(key) ?? []), entry.acceptedAt]);
    }
    let wrong = 0;
    let twice = network.countDuplicates();
    let unpublished = 0;
    let published = 0;
    const keys = new Set<string>();
    for (const row of rows) {
      const rule = byRule.get(row.recurring_rule_id as string)!;
      const key = `${row.recurring_rule_id}|${row.occurrence_local}`;
      if (keys.has(key)) twice++;
      keys.add(key);
      const dueAt = (row.scheduled_at as Date).getTime();
      if (dueAt > end) continue;
      if (!row.published_at) {
        unpublished++;
        continue;
      }
      published++;
      const arrived = acceptedAt.get(row.publication_id)?.[0] ?? (row.published_at as Date).getTime();
      const seen = wallClock(arrived, rule.zone);
      const right = rule.kind.days(seen) && expectedTime(seen, rule.hhmm, rule.zone).includes(seen.hhmm) && arrived - dueAt < 60_000;
      if (!right) {
        wrong++;
        if (wrong <= 5)
          options.log(
            `  wrong: rule ${rule.kind.rule} ${rule.hhmm} ${rule.zone} arrived ${new Date(arrived).toISOString()} (${seen.hhmm})`,
          );
      }
    }
    return {
      recurring_rules: rules,
      recurring_occurrences: rows.length,
      recurring_published: published,
      recurring_wrong_local_time: wrong,
      recurring_published_twice: twice,
      recurring_unpublished: unpublished,
      recurring_clock_steps: steps,
      recurring_seconds: Math.round((Date.now() - began) / 100) / 10,
    };
  } finally {
    await app?.close();
    await ctx.database.close();
    await pg?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
