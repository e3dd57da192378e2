/**
 * The first week's analytics traps (issue 12, items 10 and 12): metrics right after publishing,
 * objectives not judged on day one, alerts never recommending an hour the best-time grid rejects,
 * and analytics agreeing with the listening dashboard on share of voice and net sentiment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createTestApp, ManualClock, type Caller, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { SandboxNetwork, setInProcessSandbox } from '../../networks/sandbox/index.ts';
import { channelContext } from '../channels/service.ts';
import { collectDueMetrics } from './collector.ts';
import { BEST_TIME_MIN_SAMPLE, judgingStartsAt } from './insights.ts';
import { FIRST_METRICS_DELAY_MS } from './repository/snapshots.ts';

const DAY = 86_400_000;

/** Creates a post on the channel and marks it published at `at` on the sandbox network (as the engine would). */
async function publishedPost(t: TestApp, owner: Caller, workspaceId: string, channelId: string, text: string, at: number) {
  const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/posts`, { content: text, channels: [{ channelId }] });
  expect(created.statusCode, created.body).toBe(201);
  const publicationId: string = created.json().publications[0].id;
  const channel = await t.ctx.database.db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
  const result = await t.ctx.networks.get('sandbox').publish(channelContext(t.ctx, channel), { publicationId, text, media: [] });
  await t.ctx.database.db
    .updateTable('publications')
    .set({ state: 'published', remote_id: result.remoteId, published_at: new Date(at) })
    .where('id', '=', publicationId)
    .execute();
  await t.ctx.database.db.updateTable('posts').set({ state: 'published' }).where('id', '=', created.json().id).execute();
  return { postId: created.json().id as string, publicationId };
}

/** Runs the collector at each snapshot step of the first day (5 min, 1 h, 6 h, 24 h), as its 30 s job would. */
async function collectThroughFirstDay(t: TestApp, clock: ManualClock) {
  const start = clock.now();
  let snapshots = 0;
  for (const offset of [0, FIRST_METRICS_DELAY_MS, 3_600_000, 6 * 3_600_000, 24 * 3_600_000]) {
    clock.set(start + offset + 60_000);
    snapshots += (await collectDueMetrics(t.ctx)).snapshots;
  }
  return snapshots;
}

async function workspaceWithChannel(t: TestApp, email: string) {
  const owner = await createCaller(t, email);
  const workspaceId: string = (
    await owner.request('POST', '/api/v1/workspaces', { name: 'Café Aroma ☕', timeZone: 'Europe/Madrid', language: 'es' })
  ).json().id;
  const channel = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
    network: 'sandbox',
    name: 'Sandbox',
    fields: { handle: email.split('@')[0], token: 'tok' },
  });
  expect(channel.statusCode, channel.body).toBe(201);
  return { owner, workspaceId, channelId: channel.json().id as string };
}

describe.each(DB_KINDS)('first metrics on a real clock (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    setInProcessSandbox(new SandboxNetwork({ seed: 11 }));
    t = await createTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('schedules the first snapshot minutes after publishing, says when it is expected, then takes it', async () => {
    const { owner, workspaceId, channelId } = await workspaceWithChannel(t, `first-${kind}@example.com`);
    const base = `/api/v1/workspaces/${workspaceId}/analytics`;
    const publishedAt = Date.now();
    const { postId, publicationId } = await publishedPost(t, owner, workspaceId, channelId, 'Recién publicado ☕', publishedAt);

    // Before the collector has seen it: expected at the default delay after publishing, not zeros.
    let board = (await owner.request('GET', `${base}/posts/${postId}`)).json();
    expect(board.publications[0].snapshots).toEqual([]);
    expect(Date.parse(board.publications[0].firstMetricsExpectedAt)).toBe(publishedAt + FIRST_METRICS_DELAY_MS);
    const from = new Date(publishedAt - DAY).toISOString();
    const to = new Date(publishedAt + DAY).toISOString();
    let overview = (await owner.request('GET', `${base}/overview?from=${from}&to=${to}`)).json();
    expect(overview.awaitingFirstMetrics).toMatchObject({ publications: 1 });

    // The collector puts it on the schedule, first snapshot 1.5 s after publishing (a short delay on a real clock).
    const delay = 1_500;
    const first = await collectDueMetrics(t.ctx, { firstMetricsDelayMs: delay });
    expect(first).toMatchObject({ discovered: 1, snapshots: 0 });
    board = (await owner.request('GET', `${base}/posts/${postId}`)).json();
    expect(Date.parse(board.publications[0].firstMetricsExpectedAt)).toBe(publishedAt + delay);
    expect((await collectDueMetrics(t.ctx)).snapshots).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, publishedAt + delay + 50 - Date.now()));
    expect((await collectDueMetrics(t.ctx)).snapshots).toBe(1);
    board = (await owner.request('GET', `${base}/posts/${postId}`)).json();
    expect(board.publications[0].firstMetricsExpectedAt).toBeNull();
    expect(board.publications[0].snapshots).toHaveLength(1);
    overview = (await owner.request('GET', `${base}/overview?from=${from}&to=${to}`)).json();
    expect(overview.awaitingFirstMetrics).toEqual({ publications: 0, firstExpectedAt: null, lastExpectedAt: null });
    expect(overview.current.totals.posts).toBe(1);

    // Then the usual cadence: the 1 h step is still ahead.
    const schedule = await t.ctx.database.db
      .selectFrom('metric_schedule')
      .select(['next_step', 'next_due_at'])
      .where('publication_id', '=', publicationId)
      .executeTakeFirstOrThrow();
    expect(schedule.next_step).toBe(0);
    expect(schedule.next_due_at?.getTime()).toBe(publishedAt + 3_600_000);
  });

  it('without a delay given, the first snapshot is due FIRST_METRICS_DELAY_MS after publishing', async () => {
    const { owner, workspaceId, channelId } = await workspaceWithChannel(t, `default-${kind}@example.com`);
    const publishedAt = Date.now() - 60_000;
    const { publicationId } = await publishedPost(t, owner, workspaceId, channelId, 'Otro', publishedAt);
    await collectDueMetrics(t.ctx);
    const schedule = await t.ctx.database.db
      .selectFrom('metric_schedule')
      .select('next_due_at')
      .where('publication_id', '=', publicationId)
      .executeTakeFirstOrThrow();
    expect(schedule.next_due_at?.getTime()).toBe(publishedAt + FIRST_METRICS_DELAY_MS);
    expect(FIRST_METRICS_DELAY_MS).toBeLessThanOrEqual(10 * 60_000);
  });
});

describe('judgingStartsAt', () => {
  it('is the first 20 % of the period or 7 days, whichever is shorter', () => {
    const start = Date.parse('2026-03-01T00:00:00Z');
    expect(judgingStartsAt(start, start + 30 * DAY)).toBe(start + 6 * DAY);
    expect(judgingStartsAt(start, start + 90 * DAY)).toBe(start + 7 * DAY);
    expect(judgingStartsAt(start, start + 5 * DAY)).toBe(start + DAY);
  });
});

describe.each(DB_KINDS)('objectives, alerts and mentions in the first week (%s)', (kind) => {
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let channelId: string;
  let objectiveId: string;
  const base = () => `/api/v1/workspaces/${workspaceId}`;

  beforeAll(async () => {
    setInProcessSandbox(new SandboxNetwork({ now: () => clock.now(), seed: 7 }));
    t = await createTestApp(kind, { clock });
    ({ owner, workspaceId, channelId } = await workspaceWithChannel(t, `week-${kind}@example.com`));
  });
  afterAll(async () => t?.close());

  it('a new objective is "too early to judge" until its grace period ends, and raises no alert before', async () => {
    const objective = await owner.request('POST', `${base()}/objectives`, {
      name: 'Un millón de interacciones',
      kpi: 'engagements',
      target: 1_000_000,
      startAt: '2026-03-01T00:00:00Z',
      deadline: '2026-03-31T00:00:00Z',
      channelIds: [channelId],
    });
    expect(objective.statusCode, objective.body).toBe(201);
    objectiveId = objective.json().id;
    // Two posts on Monday 10:00 Madrid, measured at 24 h: hopelessly behind a target of a million.
    for (const text of ['Lunes de café', 'Tostadas y café']) {
      const created = await owner.request('POST', `${base()}/posts`, { content: text, channels: [{ channelId }], objectiveId });
      const publicationId = created.json().publications[0].id;
      const channel = await t.ctx.database.db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
      const result = await t.ctx.networks.get('sandbox').publish(channelContext(t.ctx, channel), { publicationId, text, media: [] });
      await t.ctx.database.db
        .updateTable('publications')
        .set({ state: 'published', remote_id: result.remoteId, published_at: new Date(clock.now()) })
        .where('id', '=', publicationId)
        .execute();
    }
    expect(await collectThroughFirstDay(t, clock)).toBe(8);

    // 3 March: 28 days to go, judged only from 7 March (20 % of 30 days = 6 days).
    const early = (await owner.request('GET', `${base()}/analytics/objectives/${objectiveId}`)).json().progress;
    expect(early.status).toBe('too_early');
    expect(early.judgingFrom).toBe('2026-03-07T00:00:00.000Z');
    expect(early.current).toBeGreaterThan(0);
    expect(early.evidence).toBeNull();
    const list = (await owner.request('GET', `${base()}/analytics/objectives`)).json().items;
    expect(list[0]).toMatchObject({ status: 'too_early', judgingFrom: '2026-03-07T00:00:00.000Z' });
    expect((await owner.request('POST', `${base()}/analytics/evaluate`)).json().items[0]).toMatchObject({ status: 'too_early' });
    expect((await owner.request('GET', `${base()}/analytics/alerts`)).json().items).toEqual([]);

    clock.set(Date.parse('2026-03-07T00:00:01Z'));
    const judged = (await owner.request('GET', `${base()}/analytics/objectives/${objectiveId}`)).json().progress;
    expect(judged.status).toBe('off_track');
  });

  it('an off-track alert recommends no hour with fewer posts than the best-time grid accepts', async () => {
    // Two posts in the Monday 10:00 cell: the grid has no best hour, so the alert names none.
    const grid = (await owner.request('GET', `${base()}/analytics/best-time`)).json();
    expect(grid.minSample).toBe(BEST_TIME_MIN_SAMPLE);
    expect(grid.cells.find((c: { weekday: number; hour: number }) => c.weekday === 1 && c.hour === 10).posts).toBe(2);
    expect(grid.best).toEqual([]);
    const evaluated = (await owner.request('POST', `${base()}/analytics/evaluate`)).json().items[0];
    expect(evaluated).toMatchObject({ status: 'off_track', changed: true });
    const alert = (await owner.request('GET', `${base()}/analytics/alerts`)).json().items[0];
    expect(alert.kind).toBe('off_track');
    expect(alert.data.suggestions.length).toBeGreaterThan(0);
    expect(alert.data.suggestions.some((s: { kind: string }) => s.kind === 'time')).toBe(false);

    // A third post in the same hour meets the threshold: now the grid and the alert agree on it.
    clock.set(Date.parse('2026-03-09T09:00:00Z'));
    const created = await owner.request('POST', `${base()}/posts`, { content: 'Otro lunes', channels: [{ channelId }], objectiveId });
    const publicationId = created.json().publications[0].id;
    const channel = await t.ctx.database.db.selectFrom('channels').selectAll().where('id', '=', channelId).executeTakeFirstOrThrow();
    const result = await t.ctx.networks
      .get('sandbox')
      .publish(channelContext(t.ctx, channel), { publicationId, text: 'Otro lunes', media: [] });
    await t.ctx.database.db
      .updateTable('publications')
      .set({ state: 'published', remote_id: result.remoteId, published_at: new Date(clock.now()) })
      .where('id', '=', publicationId)
      .execute();
    await collectThroughFirstDay(t, clock);
    const fuller = (await owner.request('GET', `${base()}/analytics/best-time`)).json();
    expect(fuller.best.map((c: { weekday: number; hour: number }) => `${c.weekday}:${c.hour}`)).toContain('1:10');
    const progress = (await owner.request('GET', `${base()}/analytics/objectives/${objectiveId}`)).json().progress;
    expect(progress.status).toBe('off_track');
    const time = progress.suggestions.find((s: { kind: string }) => s.kind === 'time');
    expect(time?.es).toMatch(/lun 10:00/);
  });

  it('analytics and the listening dashboard give the same share of voice and net sentiment for the same days', async () => {
    const query = async (body: Record<string, unknown>) => {
      const res = await owner.request('POST', `${base()}/listening/queries`, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const brand = await query({ name: 'Café Aroma', query: '"cafe aroma"', kind: 'brand' });
    const rival = await query({ name: 'Rival', query: 'rival', kind: 'competitor', competitorName: 'Café Rival' });
    const db = t.ctx.database.db;
    // 3 brand mentions (2 positive, 1 negative), 4 of the competitor (neutral): SOV 3/7 = 42.857… %, net sentiment (2 − 1)/7 = 14.285… %.
    const labels: Array<[string, string]> = [
      [brand, 'positive'],
      [brand, 'positive'],
      [brand, 'negative'],
      [rival, 'neutral'],
      [rival, 'neutral'],
      [rival, 'neutral'],
      [rival, 'neutral'],
    ];
    const at = new Date('2026-03-04T12:00:00Z');
    for (const [i, [queryId, sentiment]] of labels.entries()) {
      const mention = await db
        .insertInto('listening_mentions')
        .values({
          workspace_id: workspaceId,
          source_id: null,
          source_key: 'test',
          remote_id: `m${i}`,
          network: 'bluesky',
          url: null,
          author_name: null,
          author_reach: null,
          text: `mención ${i}`,
          lang: 'es',
          sentiment,
          sentiment_score: null,
          auto_sentiment: sentiment,
          published_at: at,
          ingested_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('listening_mention_matches')
        .values({ mention_id: mention.id, query_id: queryId, workspace_id: workspaceId, published_at: at })
        .execute();
    }
    // The same brand-zone days on both pages: 1–15 March in Madrid.
    const range = 'from=2026-03-01T00:00:00%2B01:00&to=2026-03-16T00:00:00%2B01:00';
    const sov = (await owner.request('GET', `${base()}/listening/analysis/share-of-voice?${range}`)).json();
    const sentiment = (await owner.request('GET', `${base()}/listening/analysis/sentiment?${range}`)).json();
    const overview = (await owner.request('GET', `${base()}/analytics/overview?${range}`)).json();
    const kpi = (name: string) => overview.current.kpis.find((k: { name: string }) => k.name === name);
    expect(sov.brand.share).toBe(42.9);
    expect(sentiment.netSentiment).toBe(14.3);
    expect(kpi('share_of_voice')).toMatchObject({ value: sov.brand.share, reason: null });
    expect(kpi('net_sentiment')).toMatchObject({ value: sentiment.netSentiment, reason: null });
    // A period without mentions says so instead of showing 0.
    expect(overview.previous.kpis.find((k: { name: string }) => k.name === 'net_sentiment')).toMatchObject({
      value: null,
      reason: 'no_mentions',
    });
  });
});
