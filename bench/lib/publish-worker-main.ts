// One publishing worker process for the chaos benchmark: it can be SIGKILLed
// mid-run, and a fresh one takes over. Prints "READY" once polling.
import pino from 'pino';
import { openDatabase } from '../../src/db/database.ts';
import { SecretBox } from '../../src/lib/crypto.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { FileMediaStore } from '../../src/modules/media/store.ts';
import { NetworkRegistry } from '../../src/networks/registry.ts';
import { defaultAdapters } from '../../src/networks/index.ts';
import { configureSandboxHttpAgent } from '../../src/networks/sandbox/index.ts';
import { PublishingEngine } from '../../src/modules/publishing/engine.ts';
import { loadConfig } from '../../src/config.ts';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 8 });
await configureSandboxHttpAgent({ connections: 512 });
const engine = new PublishingEngine(
  {
    database,
    secrets: new SecretBox(process.env.BENCH_SECRET!),
    clock: systemClock,
    logger: pino({ level: 'warn' }),
    media: new FileMediaStore(process.env.BENCH_MEDIA_ROOT ?? '/tmp/plaza-bench-media'),
    networks: new NetworkRegistry(defaultAdapters()),
    config: loadConfig(),
  },
  JSON.parse(process.env.ENGINE_OPTIONS ?? '{}'),
);
await engine.start();
process.stdout.write('READY\n');
process.on(
  'SIGTERM',
  () =>
    void engine
      .stop(2_000)
      .then(() => database.close())
      .then(() => process.exit(0)),
);
