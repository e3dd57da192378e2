/**
 * The service report's daily rows (migration 1110, kept by triggers): after ingestion, answers, labels, priorities,
 * resolutions, sentiment corrections, deletions and a change of the brand's time zone, the report read from them equals
 * the report computed from the raw rows, over brand days that include a daylight-saving change and over ranges that do
 * not start or end at the brand's midnight. The same for the reply times read from the answers' packed daily rows
 * (migration 1230): medians, means, first responses and shares within target, across both of Madrid's changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { inboxTestSetup } from '../../../test/helpers/inbox-context.ts';
import type { PlazaDatabase } from '../../db/database.ts';
import type { AppContext } from '../../server/context.ts';
import type { InboundItem } from '../../networks/inbox.ts';
import { daysFromTo } from '../../lib/brand-days.ts';
import { ingestInbound } from './commands.ts';
import { inboxRepository } from './repository.ts';
import { serviceReport } from './service-levels.ts';

const H = 3_600_000;
// Madrid's clocks go back on Sunday 25 October 2026 (03:00 CEST → 02:00 CET): that brand day lasts 25 hours.
const OCT25_START = Date.UTC(2026, 9, 24, 22); // 00:00 CEST
const OCT26_START = Date.UTC(2026, 9, 25, 23); // 00:00 CET, 25 h later

for (const kind of DB_KINDS) {
  describe(`inbox report days (${kind})`, () => {
    let database: PlazaDatabase;
    let ctx: AppContext;
    let workspaceId: string;
    let userId: string;
    let channel: { id: string; workspace_id: string; network: string };

    beforeAll(async () => {
      ({ database, ctx, userId, workspaceId } = await inboxTestSetup(
        kind,
        { email: 'r@example.com', user: 'Rosa', workspace: 'Report' },
        Date.UTC(2026, 10, 1),
      ));
      const db = database.db;
      await db.insertInto('memberships').values({ workspace_id: workspaceId, user_id: userId, role: 'owner' }).execute();
      channel = await db
        .insertInto('channels')
        .values({ workspace_id: workspaceId, network: 'mastodon', name: 'c', credentials_sealed: 'x', settings: '{}', account: 'null' })
        .returning(['id', 'workspace_id', 'network'])
        .executeTakeFirstOrThrow();
    }, 180_000);
    afterAll(async () => {
      await database?.close();
    });

    const item = (id: string, thread: string, at: number, extra: Partial<InboundItem> = {}): InboundItem => ({
      remoteId: id,
      kind: 'comment',
      threadRemoteId: thread,
      author: { id: `a-${thread}`, handle: `fan-${thread}` },
      text: extra.fromUs ? 'Gracias, lo miramos' : 'El pedido llegó roto, fatal',
      url: null,
      language: 'es',
      createdAt: new Date(at).toISOString(),
      ...extra,
    });

    const compare = async (range: { from: Date; to: Date }) => {
      const fromDays = await serviceReport(database.db, workspaceId, range);
      const fromItems = await serviceReport(database.db, workspaceId, range, { raw: true });
      expect(fromDays).toEqual(fromItems);
      return fromDays;
    };

    it("reads reply times from the answers' daily rows equal to those from the items, across Madrid's DST days", async () => {
      const db = database.db;
      const ws = await db
        .insertInto('workspaces')
        .values({ name: 'Answers', time_zone: 'Europe/Madrid', language: 'es' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const answersChannel = await db
        .insertInto('channels')
        .values({ workspace_id: ws.id, network: 'mastodon', name: 'a', credentials_sealed: 'x', settings: '{}', account: 'null' })
        .returning(['id', 'workspace_id', 'network'])
        .executeTakeFirstOrThrow();
      // Madrid springs forward on Sunday 29 March 2026 (02:00 CET → 03:00 CEST: a 23-hour day) and falls back on 25 October.
      const MAR29_START = Date.UTC(2026, 2, 28, 23);
      const waits = [7 * 60_000, 45 * 60_000, 3 * H, 9.5 * H, 26 * H, 50 * H];
      const starts = [
        MAR29_START - 2 * H,
        MAR29_START + 1.5 * H,
        MAR29_START + 22.5 * H,
        Date.UTC(2026, 2, 30, 7, 55),
        OCT25_START - 1 * H,
        OCT25_START + 2.5 * H,
        OCT25_START + 3.5 * H,
        OCT26_START - 20 * 60_000,
        Date.UTC(2026, 9, 26, 16, 59, 59, 999),
      ];
      // Four pages, as polling would bring them: the questions, our answers, second questions, our later answers.
      const rounds: InboundItem[][] = [[], [], [], []];
      for (const [s, start] of starts.entries())
        for (const [w, wait] of waits.entries()) {
          const thread = `w${s}-${w}`;
          rounds[0].push(item(`q-${thread}`, thread, start));
          rounds[1].push(item(`a-${thread}`, thread, start + wait, { fromUs: true }));
          // A second question and a later answer (not a first response) in every other thread.
          if ((s + w) % 2 === 0) {
            rounds[2].push(item(`q2-${thread}`, thread, start + wait + 5 * 60_000));
            rounds[3].push(item(`a2-${thread}`, thread, start + wait + 65 * 60_000, { fromUs: true }));
          }
        }
      for (const page of rounds) await ingestInbound(ctx, answersChannel, page, 'poll');
      const n = rounds[1].length + rounds[3].length;
      const answered = async () =>
        Number(
          (
            await sql<{ n: string }>`
              SELECT (SELECT coalesce(sum(n), 0) FROM inbox_answer_days WHERE workspace_id = ${ws.id}) -
                     (SELECT count(*) FROM inbox_items WHERE workspace_id = ${ws.id} AND direction = 'outbound' AND waited_since IS NOT NULL)
                     AS n`.execute(db)
          ).rows[0].n,
        );
      expect(await answered()).toBe(0);
      const compareAnswers = async (range: { from: Date; to: Date }) => {
        const fromDays = await serviceReport(db, ws.id, range);
        const fromItems = await serviceReport(db, ws.id, range, { raw: true });
        expect(fromDays).toEqual(fromItems);
        return fromDays;
      };
      const ranges = [
        daysFromTo('2026-03-28', '2026-03-31', 'Europe/Madrid'),
        daysFromTo('2026-03-29', '2026-03-29', 'Europe/Madrid'),
        daysFromTo('2026-10-24', '2026-10-29', 'Europe/Madrid'),
        daysFromTo('2026-03-01', '2026-11-30', 'Europe/Madrid'),
        { from: new Date(MAR29_START + 5 * H), to: new Date(OCT26_START + 7 * H) },
        { from: new Date(OCT25_START + 30 * 60_000), to: new Date(OCT25_START + 23 * H) },
      ];
      const everything = await compareAnswers(ranges[3]);
      expect(everything.replyTime.calendar.count).toBe(n);
      expect(everything.firstResponse.calendar.count).toBe(starts.length * waits.length);
      for (const range of ranges) await compareAnswers(range);

      // A priority with a shorter target, an answer deleted, one moved to another day, one sent from Plaza.
      const conversations = await db
        .selectFrom('inbox_conversations')
        .selectAll()
        .where('workspace_id', '=', ws.id)
        .orderBy('thread_remote_id')
        .execute();
      const now = new Date(Date.UTC(2026, 10, 1));
      await inboxRepository.updateConversation(db, conversations[0].id, { priority: 'urgent' }, now);
      await inboxRepository.updateConversation(db, conversations[5].id, { priority: 'low' }, now);
      // Its 50-hour wait from Saturday night holds Monday's 540 business minutes: over the normal target, within the low one.
      expect((await compareAnswers(ranges[3])).withinTarget.within).toBe(everything.withinTarget.within + 1);
      const answers = await db
        .selectFrom('inbox_items')
        .selectAll()
        .where('workspace_id', '=', ws.id)
        .where('direction', '=', 'outbound')
        .orderBy('remote_id')
        .execute();
      await db.deleteFrom('inbox_items').where('id', '=', answers[1].id).execute();
      await db
        .updateTable('inbox_items')
        .set({ remote_created_at: sql`remote_created_at + interval '1 day'` })
        .where('id', '=', answers[2].id)
        .execute();
      await ingestInbound(ctx, answersChannel, [item('q-late', conversations[3].thread_remote_id, OCT26_START + 8 * H)], 'poll');
      const [out] = await db
        .insertInto('inbox_items')
        .values({
          workspace_id: ws.id,
          channel_id: answersChannel.id,
          conversation_id: conversations[3].id,
          remote_id: 'from-plaza',
          author_id: '',
          author_handle: '',
          kind: 'comment',
          direction: 'outbound',
          text: 'Hola',
          search_text: 'hola',
          received_via: 'reply',
          remote_created_at: new Date(OCT26_START + 30 * H),
          created_at: new Date(OCT26_START + 30 * H),
        })
        .returning('id')
        .execute();
      await inboxRepository.noteOutbound(db, conversations[3].id, new Date(OCT26_START + 30 * H), now, out.id);
      expect(await answered()).toBe(0);
      for (const range of ranges) await compareAnswers(range);
      const after = await compareAnswers(ranges[3]);
      expect(after.replyTime.calendar.count).toBe(n);
    }, 300_000);

    it('equals the report from the raw rows across a daylight-saving change, the zone and every kind of write', async () => {
      const db = database.db;
      // Items on both sides of each brand midnight around the 25-hour day, and our answers to them.
      const t = [
        OCT25_START - 30 * 60_000, // 24 Oct 23:30 CEST
        OCT25_START + 30 * 60_000, // 25 Oct 00:30 CEST
        OCT25_START + 2.5 * H, // 25 Oct 02:30 CEST (the first 02:30)
        OCT25_START + 3.5 * H, // 25 Oct 02:30 CET (the second)
        OCT26_START - 30 * 60_000, // 25 Oct 23:30 CET: still the 25th, 24.5 h after its start
        OCT26_START + 30 * 60_000, // 26 Oct 00:30 CET
        OCT26_START + 10 * H, // 26 Oct 10:00 CET
      ];
      for (const [i, at] of t.entries()) {
        const thread = `t${i % 4}`;
        await ingestInbound(ctx, channel, [item(`in-${i}`, thread, at, { kind: i % 2 ? 'mention' : 'comment' })], 'poll');
        await ingestInbound(ctx, channel, [item(`out-${i}`, thread, at + 20 * 60_000, { fromUs: true })], 'poll');
      }
      await ingestInbound(ctx, channel, [item('dm-1', 'dm', OCT25_START + 12 * H, { kind: 'direct_message' })], 'push');

      const oct25 = daysFromTo('2026-10-25', '2026-10-25', 'Europe/Madrid');
      expect(oct25.to.getTime() - oct25.from.getTime()).toBe(25 * H);
      // 25 Oct holds five inbound items (00:30, both 02:30s, the DM at noon, 23:30) and four answers.
      let report = await compare(oct25);
      expect(report.inbound).toBe(5);
      expect(report.replies).toBe(4);
      const rows = await sql<{ n: string }>`
        SELECT sum(n) AS n FROM inbox_report_days WHERE workspace_id = ${workspaceId} AND measure = 'inbound' AND day = '2026-10-25'`.execute(
        db,
      );
      expect(Number(rows.rows[0].n)).toBe(5);

      const week = daysFromTo('2026-10-22', '2026-10-28', 'Europe/Madrid');
      await compare(week);
      // Ranges that do not start or end at a brand midnight: whole days from the rows, the ends from the items.
      await compare({ from: new Date(OCT25_START + 3 * H), to: new Date(OCT26_START + 5 * H) });
      await compare({ from: new Date(OCT25_START + 1 * H), to: new Date(OCT25_START + 4 * H) });

      // Labels, priority, assignment and resolution by the repository's writes; a corrected sentiment; a deleted item.
      const conversations = await db
        .selectFrom('inbox_conversations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('thread_remote_id')
        .execute();
      const now = new Date(OCT26_START + 11 * H);
      await inboxRepository.updateConversation(db, conversations[0].id, { labels: ['queja', 'envío'], priority: 'urgent' }, now);
      await inboxRepository.updateConversation(db, conversations[1].id, { labels: ['queja'] }, now);
      await inboxRepository.updateConversation(
        db,
        conversations[2].id,
        { state: 'resolved', resolved_at: now, resolved_by_user_id: userId, assignee_user_id: userId },
        now,
      );
      report = await compare(week);
      expect(report.volume.byLabel).toEqual([
        { key: 'queja', count: expect.any(Number) },
        { key: 'envío', count: expect.any(Number) },
      ]);
      expect(report.perTeammate.find((p) => p.userId === userId)?.resolved).toBe(1);
      await inboxRepository.updateConversation(db, conversations[0].id, { labels: ['envío'] }, now);
      const items = await db.selectFrom('inbox_items').selectAll().where('workspace_id', '=', workspaceId).orderBy('remote_id').execute();
      await inboxRepository.updateItem(db, items[0].id, { sentiment: 'positive', sentiment_manual: true });
      await db.deleteFrom('inbox_items').where('id', '=', items[1].id).execute();
      await compare(week);
      await compare(oct25);
      // A new message reopens the resolved conversation.
      await ingestInbound(ctx, channel, [item('in-late', conversations[2].thread_remote_id, OCT26_START + 11 * H)], 'poll');
      await compare(week);

      // Another brand zone: the days are counted again in it.
      await db.updateTable('workspaces').set({ time_zone: 'America/New_York' }).where('id', '=', workspaceId).execute();
      await compare(daysFromTo('2026-10-24', '2026-10-26', 'America/New_York'));
      await compare(daysFromTo('2026-10-20', '2026-11-03', 'America/New_York'));

      // A conversation deleted with its items (cascade).
      await db.deleteFrom('inbox_conversations').where('id', '=', conversations[3].id).execute();
      report = await compare(daysFromTo('2026-10-20', '2026-11-03', 'America/New_York'));
      expect(report.inbound).toBeGreaterThan(0);
      const left = await db
        .selectFrom('inbox_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('direction', '=', 'inbound')
        .executeTakeFirstOrThrow();
      expect(report.inbound).toBe(Number(left.n));
    }, 120_000);
  });
}
