/**
 * The inbox search's fast path (migration 1231: each conversation's words and handle pieces, pre-filtering through GIN
 * indexes) gives exactly what the search gives from the items and handles themselves — every page, every filter — on
 * both engines; after an erasure no emptied word or handle is found, and deleted items no longer match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { inboxTestSetup } from '../../../test/helpers/inbox-context.ts';
import type { PlazaDatabase } from '../../db/database.ts';
import type { AppContext } from '../../server/context.ts';
import type { InboundItem } from '../../networks/inbox.ts';
import { decodeCursor, encodeCursor } from '../../lib/pagination.ts';
import { ingestInbound } from './commands.ts';
import { inboxRepository, type ConversationFilter } from './repository.ts';
import { foldForSearch, searchText } from './text.ts';

const WORDS = 'hola pedido pedidos roto rota tarde gracias envío tienda precio horario abrís domingo café pan fatal genial atención'.split(
  ' ',
);

for (const kind of DB_KINDS) {
  describe(`inbox search (${kind})`, () => {
    let database: PlazaDatabase;
    let ctx: AppContext;
    let workspaceId: string;
    let userId: string;

    beforeAll(async () => {
      ({ database, ctx, userId, workspaceId } = await inboxTestSetup(
        kind,
        { email: 's@example.com', user: 'Sol', workspace: 'Search' },
        Date.UTC(2026, 10, 1),
      ));
      const db = database.db;
      const channels = await db
        .insertInto('channels')
        .values(
          [0, 1].map((i) => ({
            workspace_id: workspaceId,
            network: 'mastodon',
            name: `c${i}`,
            credentials_sealed: 'x',
            settings: '{}',
            account: 'null',
          })),
        )
        .returning(['id', 'workspace_id', 'network'])
        .execute();
      // 300 threads of 1–4 items: words picked by a fixed sequence, handles with accents, digits and LIKE's own characters.
      let seed = 7;
      const next = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      for (const [c, channel] of channels.entries()) {
        const page: InboundItem[] = [];
        for (let t = 0; t < 150; t++)
          for (let i = 0; i < 1 + (t % 4); i++)
            page.push({
              remoteId: `${c}-${t}-${i}`,
              kind: t % 3 ? 'comment' : 'direct_message',
              threadRemoteId: `t${t}`,
              author: { id: `a${t}`, handle: [`Ana_${t}`, `josé%${t}`, `user${t * 7}`][t % 3] },
              text: Array.from({ length: 3 + Math.floor(next() * 5) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' '),
              url: null,
              language: 'es',
              createdAt: new Date(Date.UTC(2026, 9, 1) + (c * 150 + t) * 3_600_000 + i * 60_000).toISOString(),
            });
        await ingestInbound(ctx, channel, page, 'poll');
      }
      await db
        .updateTable('inbox_conversations')
        .set({ assignee_user_id: userId, labels: JSON.stringify(['queja']) })
        .where('thread_remote_id', 'like', '%1')
        .execute();
    }, 180_000);
    afterAll(async () => {
      await database?.close();
    });

    /** What the search gives from the items and handles themselves, newest first (the oracle). */
    const expected = async (filter: ConversationFilter) => {
      const search = filter.search ?? '';
      const pattern = `%${foldForSearch(search).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const { rows } = await sql<{ id: string }>`
        SELECT c.id FROM inbox_conversations c
         WHERE c.workspace_id = ${workspaceId}
           AND (${filter.view} <> 'mine' OR c.assignee_user_id = ${userId})
           AND (${filter.state} <> 'active' OR c.state <> 'resolved')
           AND (${filter.label ?? null}::text IS NULL OR c.labels @> jsonb_build_array(${filter.label ?? null}::text))
           AND (lower(c.author_handle) LIKE ${pattern}
                OR EXISTS (SELECT 1 FROM inbox_items i WHERE i.conversation_id = c.id
                              AND i.search_vector @@ (plainto_tsquery('plaza_es', ${search}) || plainto_tsquery('plaza_simple', ${search}))))
         ORDER BY c.last_message_at DESC, c.id DESC`.execute(database.db);
      return rows.map((r) => r.id);
    };

    /** Every page of the list (10 a page), as the app walks it. */
    const listed = async (filter: ConversationFilter) => {
      const ids: string[] = [];
      let cursor = null;
      for (;;) {
        const rows = await inboxRepository.listConversations(database.db, workspaceId, filter, { limit: 10, cursor });
        ids.push(...rows.slice(0, 10).map((r) => r.id));
        if (rows.length <= 10) return ids;
        cursor = decodeCursor(encodeCursor(rows[9].cursor_at, rows[9].id));
      }
    };

    const searches = [
      'pedido roto',
      'pedidos',
      'envio',
      'ENVÍO',
      'atencion',
      'abris domingo',
      'gracias',
      'cafe pan',
      'zzz',
      'ana_1',
      'jose%1',
      'user14',
      'r1',
      '%',
      'de la',
    ];

    it('gives exactly what the items and handles give, on every page and filter', async () => {
      let nonEmpty = 0;
      for (const text of searches)
        for (const f of [
          { view: 'all', state: 'any' },
          { view: 'mine', state: 'active' },
          { view: 'all', state: 'any', label: 'queja' },
        ] as const) {
          const filter: ConversationFilter = { ...f, userId, search: searchText(text) };
          const want = await expected(filter);
          expect(await listed(filter), `${text} ${JSON.stringify(f)}`).toEqual(want);
          if (want.length > 0) nonEmpty++;
        }
      expect(nonEmpty).toBeGreaterThan(20);
    }, 180_000);

    it('forgets emptied texts and handles and deleted items', async () => {
      const db = database.db;
      const filter = (text: string): ConversationFilter => ({ view: 'all', state: 'any', userId, search: searchText(text) });
      const target = await db
        .selectFrom('inbox_conversations')
        .select(['id', 'author_handle'])
        .where('workspace_id', '=', workspaceId)
        .where('author_handle', '=', 'user14')
        .executeTakeFirstOrThrow();
      const item = await db
        .selectFrom('inbox_items')
        .select(['id', 'search_text'])
        .where('conversation_id', '=', target.id)
        .executeTakeFirstOrThrow();
      const word = item.search_text.split(' ')[0];
      expect(await listed(filter('user14'))).toContain(target.id);
      // Erasure empties the texts and the handle in place.
      await db
        .updateTable('inbox_items')
        .set({ text: '', search_text: '', author_handle: '' })
        .where('conversation_id', '=', target.id)
        .execute();
      await db.updateTable('inbox_conversations').set({ author_handle: '' }).where('id', '=', target.id).execute();
      expect(await listed(filter('user14'))).not.toContain(target.id);
      expect(await listed(filter(word))).not.toContain(target.id);
      const left = await sql<{ words: string | null; grams: string[] }>`
        SELECT words::text AS words, handle_grams AS grams FROM inbox_conversation_search WHERE conversation_id = ${target.id}`.execute(db);
      expect(left.rows[0]).toEqual({ words: null, grams: [] });
      // Items deleted: their words go with them.
      const other = await db
        .selectFrom('inbox_items')
        .select(['id', 'conversation_id'])
        .where('workspace_id', '=', workspaceId)
        .where('search_text', 'like', '%tienda%')
        .executeTakeFirstOrThrow();
      await db
        .deleteFrom('inbox_items')
        .where('conversation_id', '=', other.conversation_id)
        .where('search_text', 'like', '%tienda%')
        .execute();
      expect(await listed(filter('tienda'))).not.toContain(other.conversation_id);
      for (const text of searches) expect(await listed(filter(text))).toEqual(await expected(filter(text)));
    }, 120_000);

    it('ignores accents, ñ and case in the database, both ways, and finds Spanish word forms', async () => {
      const db = database.db;
      const [channel] = await db
        .insertInto('channels')
        .values({
          workspace_id: workspaceId,
          network: 'mastodon',
          name: 'accents',
          credentials_sealed: 'x',
          settings: '{}',
          account: 'null',
        })
        .returning(['id', 'workspace_id', 'network'])
        .execute();
      const texts: Record<string, string> = {
        a1: 'Me encanta la Canción',
        a2: 'otra cancion sin tilde',
        a3: 'una PIÑA colada',
        a4: 'pina sin tilde',
        a5: 'Tengo dos PEDIDOS',
        a6: 'mi pedido',
        a7: 'Café2 listo',
        // The accent typed as a separate mark (NFD), as some keyboards and networks send it.
        a8: 'accio\u0301n ra\u0301pida',
      };
      await ingestInbound(
        ctx,
        channel,
        Object.entries(texts).map(([thread, text], i) => ({
          remoteId: `acc-${thread}`,
          kind: 'comment',
          threadRemoteId: thread,
          author: { id: `acc${i}`, handle: `fan${i}` },
          text,
          url: null,
          language: 'es',
          createdAt: new Date(Date.UTC(2026, 9, 20) + i * 60_000).toISOString(),
        })),
        'poll',
      );
      // The application stores the text folded; the search, typed with or without accents, is unaccented by the database
      // (test/inbox-unaccent-migration.test.ts: a row stored with its accents is found too).
      const stored = await db
        .selectFrom('inbox_items')
        .select('search_text')
        .where('channel_id', '=', channel.id)
        .where('remote_id', 'in', ['acc-a1', 'acc-a3'])
        .orderBy('remote_id')
        .execute();
      expect(stored.map((r) => r.search_text)).toEqual(['me encanta la cancion', 'una pina colada']);
      const threads = async (text: string) => {
        const ids = await listed({ view: 'all', state: 'any', userId, channelId: channel.id, search: searchText(text) });
        const rows = ids.length
          ? await db.selectFrom('inbox_conversations').select('thread_remote_id').where('id', 'in', ids).execute()
          : [];
        return rows.map((r) => r.thread_remote_id).sort();
      };
      const cases: [string, string[]][] = [
        ['cancion', ['a1', 'a2']],
        ['canción', ['a1', 'a2']],
        ['CANCIÓN', ['a1', 'a2']],
        ['canciones', ['a1', 'a2']],
        // unaccent maps ñ to n: "piña" and "pina" are one word.
        ['piña', ['a3', 'a4']],
        ['PINA', ['a3', 'a4']],
        ['pedidos', ['a5', 'a6']],
        ['Pedido', ['a5', 'a6']],
        ['cafe2', ['a7']],
        ['CAFÉ2', ['a7']],
        ['accion', ['a8']],
        ['acción', ['a8']],
        ['accio\u0301n rapida', ['a8']],
        ['canción piña', []],
        ['colada tilde', []],
      ];
      for (const [text, want] of cases) expect(await threads(text), text).toEqual(want);
    }, 120_000);
  });
}
