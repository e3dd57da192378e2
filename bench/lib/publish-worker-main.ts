// One publishing worker process for the chaos benchmark: it can be SIGKILLed
// mid-run, and a fresh one takes over. Prints "READY" once polling.
import { configureSandboxHttpAgent } from '../../src/networks/sandbox/index.ts';
import { PublishingEngine } from '../../src/modules/publishing/engine.ts';
import { benchWorkerContext } from './worker-context.ts';

const ctx = await benchWorkerContext();
await configureSandboxHttpAgent({ connections: 512 });
const engine = new PublishingEngine(ctx, JSON.parse(process.env.ENGINE_OPTIONS ?? '{}'));
await engine.start();
process.stdout.write('READY\n');
process.on(
  'SIGTERM',
  () =>
    void engine
      .stop(2_000)
      .then(() => ctx.database.close())
      .then(() => process.exit(0)),
);
