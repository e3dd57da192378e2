/** Named queries of the link cards cache: the only code of the module that touches the database. */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { LinkCardsTable } from '../../db/schema.ts';

export type LinkCardRow = Selectable<LinkCardsTable>;

export const linkCardsRepository = {
  find(db: Db, url: string) {
    return db.selectFrom('link_cards').selectAll().where('url', '=', url).executeTakeFirst();
  },

  /** Stores (or replaces) a page's card. */
  upsert(db: Db, row: LinkCardRow) {
    return db
      .insertInto('link_cards')
      .values(row)
      .onConflict((oc) =>
        oc.column('url').doUpdateSet({
          title: row.title,
          description: row.description,
          image_url: row.image_url,
          site_name: row.site_name,
          error_code: row.error_code,
          fetched_at: row.fetched_at,
        }),
      )
      .execute();
  },
};
