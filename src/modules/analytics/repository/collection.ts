import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

/** Metric collection errors (shown in the collection page). */
export const collectionErrorsRepository = {
  /** The newest 100 errors of a workspace, with the post, channel name and network they concern. */
  list(db: Db, workspaceId: string) {
    return db
      .selectFrom('metric_collection_errors as e')
      .leftJoin('publications as p', 'p.id', 'e.publication_id')
      .leftJoin('channels as c', (join) => join.on(sql<boolean>`c.id = coalesce(e.channel_id, p.channel_id)`))
      .selectAll('e')
      .select(['p.post_id', 'c.name as channel_name', sql<string | null>`coalesce(p.network, c.network)`.as('network')])
      .where('e.workspace_id', '=', workspaceId)
      .orderBy('e.id', 'desc')
      .limit(100)
      .execute();
  },

  /** Records one error (message cut to 1,000 characters). */
  record(db: Db, values: { workspaceId: string; channelId: string | null; publicationId: string | null; code: string; message: string; now: Date }) {
    return db
      .insertInto('metric_collection_errors')
      .values({ workspace_id: values.workspaceId, channel_id: values.channelId, publication_id: values.publicationId, code: values.code, message: values.message.slice(0, 1000), created_at: values.now })
      .execute();
  },
};
