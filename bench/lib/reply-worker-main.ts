// One inbox reply worker process for the reply chaos benchmark (bench/lib/inbox-replies-run.ts):
// the product's reply engine (src/modules/inbox/replies.ts) in a loop, as the worker's job
// `inbox.replies` runs it. It can be SIGKILLed mid-run; another worker takes its replies over when
// their leases run out. Prints "READY" once polling.
import { processDueReplies, type ReplyEngineOptions } from '../../src/modules/inbox/replies.ts';
import { benchWorkerContext } from './worker-context.ts';

const ctx = await benchWorkerContext();
const options: ReplyEngineOptions = { owner: `bench-replies-${process.pid}`, ...JSON.parse(process.env.REPLY_OPTIONS ?? '{}') };
let stopping = false;
process.stdout.write('READY\n');
process.on('SIGTERM', () => {
  stopping = true;
});
while (!stopping) {
  try {
    const t0 = Date.now();
    const counts = await processDueReplies(ctx, options);
    if (process.env.BENCH_DEBUG && counts.sent + counts.retry + counts.failed + counts.lost > 0)
      process.stderr.write(`reply worker ${process.pid}: ${JSON.stringify(counts)} in ${Date.now() - t0} ms\n`);
    if (counts.sent + counts.retry + counts.failed + counts.lost === 0) await new Promise((r) => setTimeout(r, 100));
  } catch (error) {
    process.stderr.write(`reply worker: ${(error as Error).message}\n`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
await ctx.database.close();
process.exit(0);
