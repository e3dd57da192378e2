// What a benchmark worker process (publishing or inbox replies) runs the product with: the database
// the run made (DATABASE_URL), the run's secret, the media folder and every network adapter.
import pino from 'pino';
import { openDatabase } from '../../src/db/database.ts';
import { SecretBox } from '../../src/lib/crypto.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { FileMediaStore } from '../../src/modules/media/store.ts';
import { NetworkRegistry } from '../../src/networks/registry.ts';
import { defaultAdapters } from '../../src/networks/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { AppContext } from '../../src/server/context.ts';

export async function benchWorkerContext(): Promise<AppContext> {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 8 });
  return {
    database,
    secrets: new SecretBox(process.env.BENCH_SECRET!),
    clock: systemClock,
    logger: pino({ level: 'warn' }),
    media: new FileMediaStore(process.env.BENCH_MEDIA_ROOT ?? '/tmp/plaza-bench-media'),
    networks: new NetworkRegistry(defaultAdapters()),
    config: loadConfig(),
  };
}
