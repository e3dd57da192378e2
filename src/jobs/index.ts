import type { EngineOptions } from '../modules/publishing/engine.ts';
import type { ListenerOptions } from '../modules/listening/worker.ts';
import { eventJobs } from '../modules/events/jobs.ts';
import { publishingJobs } from '../modules/publishing/jobs.ts';
import { analyticsJobs } from '../modules/analytics/jobs.ts';
import { listeningJobs } from '../modules/listening/jobs.ts';
import { mediaJobs } from '../modules/media/jobs.ts';
import { oauthJobs } from '../modules/oauth/jobs.ts';
import { inboxJobs } from '../modules/inbox/jobs.ts';
import { recurringJobs } from '../modules/recurring/jobs.ts';
import { feedsJobs } from '../modules/feeds/jobs.ts';
import { contactsJobs } from '../modules/contacts/jobs.ts';
import type { JobDefinition } from './registry.ts';

/** Settings of the jobs that take some (tests run them fast). */
export interface JobSettings {
  engine?: EngineOptions;
  listener?: ListenerOptions;
}

/**
 * Every background job of Plaza, in start order (stopped in reverse): each module declares its
 * own in its `jobs.ts`; adding one is a line here. `startJobs` (registry.ts) runs those of the
 * process's services.
 */
export function plazaJobs(settings: JobSettings = {}): JobDefinition[] {
  return [
    // Deliveries first: the outbox and the engine queue work for them.
    ...eventJobs,
    ...publishingJobs(settings.engine),
    ...analyticsJobs,
    ...listeningJobs({ listener: settings.listener }),
    ...mediaJobs,
    ...oauthJobs,
    ...inboxJobs,
    ...recurringJobs,
    ...feedsJobs,
    ...contactsJobs,
  ];
}
