import { describe, expect, it } from 'vitest';
import { openDatabase, migrate } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { inboxRepository } from '../src/modules/inbox/repository.ts';
import { searchText } from '../src/modules/inbox/text.ts';
import { createPostgresDatabaseUrl, DB_KINDS } from './helpers/db.ts';

/**
 * Upgrading an installation whose inbox already has items: 1260_inbox_unaccent makes their words again with the
 * configurations that remove accents, and counts each conversation's search words again, so old rows (text stored
 * folded by the application) and new ones (text as written) are found by the same searches.
 */
describe.each(DB_KINDS)('migration 1260_inbox_unaccent (%s)', (kind) => {
  it('makes the words of stored items again without accents', async () => {
    const pg = kind === 'postgres' ? await createPostgresDatabaseUrl() : null;
    const database = await openDatabase(pg ? { databaseUrl: pg.url } : {});
    try {
      await database.raw.exec('CREATE TABLE plaza_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const migration of migrations.filter((m) => m.name < '1260'))
        await database.raw.exec(`BEGIN;\n${migration.up}\nINSERT INTO plaza_migrations (name) VALUES ('${migration.name}');\nCOMMIT;`);
      // Before 1260: one item folded by the application, one with its accents (a row written by hand or by a script).
      await database.raw.exec(`
        INSERT INTO workspaces (id, name, time_zone, language) VALUES ('00000000-0000-4000-8000-000000000001', 'W', 'UTC', 'es');
        INSERT INTO channels (id, workspace_id, network, name, credentials_sealed, settings, account)
          VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'mastodon', 'c', 'x', '{}', 'null');
        INSERT INTO inbox_conversations (id, workspace_id, channel_id, network, thread_remote_id, kind, author_handle, last_message_at)
          SELECT ('00000000-0000-4000-8000-00000000001' || n)::uuid, '00000000-0000-4000-8000-000000000001',
                 '00000000-0000-4000-8000-000000000002', 'mastodon', 't' || n, 'comment', 'fan' || n, now() - n * interval '1 minute'
            FROM generate_series(1, 2) n;
        INSERT INTO inbox_items (workspace_id, channel_id, conversation_id, remote_id, kind, direction, author_handle, text,
                                 search_text, received_via, remote_created_at)
          VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002',
                  '00000000-0000-4000-8000-000000000011', 'i1', 'comment', 'inbound', 'fan1', 'Una canción', 'una cancion', 'poll', now()),
                 ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002',
                  '00000000-0000-4000-8000-000000000012', 'i2', 'comment', 'inbound', 'fan2', 'Otra canción', 'otra canción', 'poll', now());`);
      expect(await migrate(database)).toContain('1260_inbox_unaccent');
      const words = await database.raw.query<{ words: string }>(
        'SELECT words::text AS words FROM inbox_conversation_search ORDER BY conversation_id',
      );
      expect(words.rows.map((r) => r.words)).toEqual(["'cancion' 'una'", "'cancion' 'otra'"]);
      for (const typed of ['canción', 'CANCION', 'canciones']) {
        const rows = await inboxRepository.listConversations(
          database.db,
          '00000000-0000-4000-8000-000000000001',
          { view: 'all', state: 'any', userId: '00000000-0000-4000-8000-000000000009', search: searchText(typed) },
          { limit: 10, cursor: null },
        );
        expect(rows.map((r) => r.thread_remote_id).sort(), typed).toEqual(['t1', 't2']);
      }
    } finally {
      await database.close();
      await pg?.drop();
    }
  }, 120_000);
});
