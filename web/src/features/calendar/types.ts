/** Calendar API shapes, derived from the generated schema (api/schema.d.ts). */
import type { ApiItem } from '../../api/types.ts';

/** One post of GET calendar/entries. */
export type CalendarEntry = ApiItem<'/api/v1/workspaces/{workspaceId}/calendar/entries', 'get'>;
