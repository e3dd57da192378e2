/** The activity module's writes. */
import type { AppContext } from '../../server/context.ts';
import { activityRepository } from './repository.ts';

/**
 * Marks a user's notifications read up to an event id (the cursor only moves forward).
 * One statement; like reading, it records no event.
 */
export async function markNotificationsRead(
  ctx: AppContext,
  input: { userId: string; workspaceId: string; upToEventId: string },
): Promise<void> {
  await activityRepository.markReadUpTo(ctx.database.raw, input.userId, input.workspaceId, input.upToEventId);
}
