import { defineJob } from '../../jobs/registry.ts';
import { checkListeningAlerts, startListener, type AlertCheckOptions, type ListenerOptions } from './worker.ts';

/**
 * The listener's sources in each listener process: every active source runs in one process at a
 * time (a lease on its row), so listener processes share the sources. A runner: it keeps its own
 * connections, queues and sync loop.
 */
export function listeningSourcesJob(options: ListenerOptions = {}) {
  return defineJob({
    name: 'listening.sources',
    service: 'listener',
    description: 'Runs the active listening sources into the pipeline and the mention store',
    runner: {
      start: async ({ ctx }) => {
        const listener = await startListener(ctx, options);
        return { value: listener, stop: () => listener.stop() };
      },
    },
  });
}

/** Reputation alerts of every listening workspace, checked once per slot across listener processes, and e-mailed. */
export function reputationAlertsJob(options: AlertCheckOptions = {}) {
  return defineJob({
    name: 'listening.reputation-alerts',
    service: 'listener',
    description: 'Raises reputation alerts on negative bursts and e-mails them',
    schedule: { everyMs: 60_000 },
    handler: ({ ctx }) => checkListeningAlerts(ctx, options),
  });
}

/** The listening module's background jobs. */
export function listeningJobs(options: { listener?: ListenerOptions; alerts?: AlertCheckOptions } = {}) {
  return [listeningSourcesJob(options.listener), reputationAlertsJob(options.alerts)];
}
