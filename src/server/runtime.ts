import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type PgBoss from 'pg-boss';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type PlazaConfig, type ServiceName } from '../config.ts';
import { openDatabase, migrate } from '../db/database.ts';
import { SecretBox } from '../lib/crypto.ts';
import { loadMasterSecret } from '../lib/secret-key.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { FileMediaStore } from '../modules/media/store.ts';
import { NetworkRegistry } from '../networks/registry.ts';
import { defaultAdapters } from '../networks/index.ts';
import { buildApp } from './app.ts';
import type { AppContext } from './context.ts';
import type { PublishingEngine, EngineOptions } from '../modules/publishing/engine.ts';
import { startQueue } from '../jobs/queue.ts';
import { checkJobs, startJobs, type JobDefinition, type RunningJobs } from '../jobs/registry.ts';
import { plazaJobs } from '../jobs/index.ts';
import { serveWebApp } from './web.ts';
import type { ListenerOptions } from '../modules/listening/worker.ts';
import { registerShortLinkRoutes } from '../modules/links/short-links.ts';
import { DataDirMonitor } from '../lib/data-dir-health.ts';
import { createLocalAdminKey, registerLocalAdminRoutes } from './local-admin.ts';
import { publicUrlWarning } from '../lib/public-url.ts';

/** A running Plaza process: its context and the services it started. */
export interface PlazaRuntime {
  ctx: AppContext;
  app: FastifyInstance | null;
  engine: PublishingEngine | null;
  boss: PgBoss | null;
  url: string | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  config?: PlazaConfig;
  services?: ServiceName[];
  clock?: Clock;
  logger?: Logger;
  networks?: NetworkRegistry;
  engine?: EngineOptions;
  /** Options of the listener's source runners (tests sync them fast). */
  listener?: ListenerOptions;
  /** Intervals of periodic background jobs by name, e.g. `{ 'events.webhook-outbox': 100 }` (tests run them fast). */
  intervals?: Record<string, number>;
  /** The background jobs, instead of Plaza's own (`plazaJobs`; tests add their own to these). */
  jobs?: (defaults: JobDefinition[]) => JobDefinition[];
  /** The data folder's write probe: how often, and (tests) the probe itself. */
  dataDirProbe?: { intervalMs?: number; probe?: (dir: string) => void };
}

/**
 * Builds the shared context: opens the database (embedded unless DATABASE_URL),
 * applies migrations, loads the master secret and the network adapters.
 */
export async function createContext(options: StartOptions = {}): Promise<AppContext> {
  const config = options.config ?? loadConfig();
  const logger =
    options.logger ??
    pino({
      level: config.logLevel,
      // Secrets never reach the logs, even if a future log line includes a request or a channel.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.password',
          '*.appPassword',
          '*.accessToken',
          '*.token',
          '*.credentials',
          '*.credentials_sealed',
          '*.secret',
        ],
        censor: '[redacted]',
      },
    });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  // A query that would deadlock the embedded database fails; say so in the log too.
  database.connectionGate?.onViolation((error) => logger.error({ err: error }, 'embedded database deadlock avoided'));
  await migrate(database);
  const secrets = new SecretBox(await loadMasterSecret(config, database, logger));
  return {
    config,
    database,
    secrets,
    clock: options.clock ?? systemClock,
    logger,
    media: new FileMediaStore(path.join(config.dataDir, 'media')),
    networks: options.networks ?? new NetworkRegistry(defaultAdapters()),
  };
}

/**
 * Starts the requested services in this process (all by default): `web` serves
 * the API and the app; `worker` (publishing, webhooks, metrics, reports), `scheduler`
 * (queue maintenance, missed publications) and `listener` (sources, reputation alerts)
 * run their background jobs, declared in src/jobs/index.ts and run by src/jobs/registry.ts.
 * Several processes can share one Postgres; periodic jobs run once per slot across them.
 */
export async function startPlaza(options: StartOptions = {}): Promise<PlazaRuntime> {
  const services = new Set<ServiceName>(options.services ?? ['web', 'worker', 'scheduler', 'listener']);
  // A doubled job name or a job without a handler stops start-up here, before anything opens.
  const defaults = plazaJobs({ engine: options.engine, listener: options.listener });
  const jobs = options.jobs ? options.jobs(defaults) : defaults;
  checkJobs(jobs, options.intervals);
  const ctx = await createContext(options);
  let ready = false;
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  let boss: PgBoss | null = null;
  // Is the data folder writable? Probed now and every few seconds; /api/health reports it.
  const dataDirLock = ctx.database.dataDirLock;
  const dataDir = new DataDirMonitor({
    dirs: [ctx.config.dataDir, ...(dataDirLock ? [path.join(ctx.config.dataDir, 'pglite')] : [])],
    ...options.dataDirProbe,
    onChange: (state) =>
      state.ok ? ctx.logger.info('The data folder is writable again') : ctx.logger.error({ code: state.code }, state.message),
  });
  dataDir.check();
  dataDir.start();
  let localAdminKey: string | null = null;
  // Periodic jobs wait for the web app to listen (see StartJobsOptions.firstRoundAfter).
  let listening: () => void = () => undefined;
  const firstRoundAfter = services.has('web') ? new Promise<void>((resolve) => (listening = resolve)) : Promise.resolve();

  if (services.has('worker') || services.has('scheduler')) {
    boss = await startQueue(ctx.database, { supervise: services.has('scheduler'), schedule: services.has('scheduler') });
  }
  // The background jobs of this process's services (src/jobs/index.ts lists them; registry.ts runs them).
  let background: RunningJobs;
  try {
    background = await startJobs(ctx, jobs, { services, boss, intervals: options.intervals, firstRoundAfter });
  } catch (error) {
    dataDir.stop();
    await boss?.stop({ graceful: false, wait: true, timeout: 5_000 }).catch(() => undefined);
    await ctx.database.close();
    throw error;
  }
  const engine = background.value<PublishingEngine>('publishing.engine');
  if (services.has('web')) {
    const localAdmin = dataDirLock ? [(instance: FastifyInstance) => registerLocalAdminRoutes(instance, ctx, () => localAdminKey)] : [];
    app = await buildApp(ctx, {
      isReady: () => ready,
      dataDirState: () => dataDir.state,
      extraPlugins: [(instance) => registerShortLinkRoutes(instance, ctx), ...localAdmin, serveWebApp],
    });
    url = await app.listen({ port: ctx.config.port, host: ctx.config.host });
    if (dataDirLock) {
      // The CLI finds this process in the lock file and proves it is the folder's owner with this key.
      try {
        localAdminKey = createLocalAdminKey();
        dataDirLock.update({ listen: { host: ctx.config.host, port: (app.server.address() as AddressInfo).port }, localAdminKey });
      } catch (error) {
        // Serving goes on; only the CLI's administration commands cannot reach this process (they say what to do).
        localAdminKey = null;
        ctx.logger.error({ code: (error as { code?: string }).code }, (error as Error).message);
      }
    }
  }
  ready = true;
  listening();
  ctx.logger.info({ services: [...services], url, database: ctx.database.kind }, 'Plaza started');
  // PORT=0 picks a free port: links without PUBLIC_URL point at the one actually listened on.
  if (url && ctx.config.port === 0 && !ctx.config.publicUrl) ctx.config.port = Number(new URL(url).port) || 0;
  const linkWarning = services.has('web') ? publicUrlWarning(ctx.config) : null;
  if (linkWarning) ctx.logger.warn({ code: linkWarning.code, base: linkWarning.base }, linkWarning.message);

  return {
    ctx,
    app,
    engine,
    boss,
    url,
    async stop() {
      ready = false;
      dataDir.stop();
      await app?.close();
      await background.stop();
      await boss?.stop({ graceful: true, wait: true, timeout: 5_000 }).catch(() => undefined);
      await ctx.database.close();
    },
  };
}
