import type { ExpressionBuilder } from 'kysely';
import type { Database, ListeningMentionsTable } from '../../../db/schema.ts';

/**
 * "Mention `m` matched query `queryId`": one definition for the mention stream and every dashboard
 * panel, so a query filter selects the same mentions wherever it is applied.
 */
export function matchesQuery(queryId: string) {
  return (eb: ExpressionBuilder<Database & { m: ListeningMentionsTable }, 'm'>) =>
    eb.exists(
      eb
        .selectFrom('listening_mention_matches as x')
        .select('x.query_id')
        .whereRef('x.mention_id', '=', 'm.id')
        .where('x.query_id', '=', queryId),
    );
}
