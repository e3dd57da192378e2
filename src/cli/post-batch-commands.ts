/**
 * `plaza post duplicate|move|reschedule|queue|delete|undo`: change several posts at once (all or none)
 * and undo it within five minutes; duplicate a post as a new draft. Times are read in the brand's zone.
 */
import type { Command } from 'commander';
import { action, brandTime, connect, output, toInstant, workspaceZone } from './shared.ts';

interface BatchResult {
  batchId: string;
  action: string;
  count: number;
  undoUntil: string;
  posts: Array<{ id: string; state: string; scheduledAt: string | null; queueId: string | null }>;
}

const collectInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`"${value}" is not a whole number`);
  return n;
};

/** Adds the batch commands to `plaza post`. */
export function registerPostBatchCommands(post: Command): void {
  const path = (workspace: string, rest: string) => `/api/v1/workspaces/${workspace}${rest}`;
  const runBatch = async (command: Command, workspace: string, body: Record<string, unknown>) => {
    const { api, options } = connect(command);
    const zone = await workspaceZone(api, workspace);
    const result = await api.post<BatchResult>(path(workspace, '/post-batches'), body);
    output(options, result, () => {
      for (const p of result.posts)
        process.stdout.write(`${p.id}  ${p.state.padEnd(10)} ${p.scheduledAt ? brandTime(p.scheduledAt, zone) : '(undated)'}\n`);
      process.stdout.write(
        `${result.count} post(s) changed (${result.action}). Undo until ${brandTime(result.undoUntil, zone)}: plaza post undo -w ${workspace} ${result.batchId}\n`,
      );
    });
  };

  post
    .command('duplicate')
    .description('Duplicate a post: a new draft with the same channels and texts (undated unless --at)')
    .requiredOption('-w, --workspace <id>')
    .option('--at <time>', 'a date for the copy (it stays a draft): ISO 8601, or local time in the workspace’s zone')
    .argument('<postId>')
    .action(
      action(async (postId: string, opts: { workspace: string; at?: string }, command: Command) => {
        const { api, options } = connect(command);
        const scheduledAt = opts.at ? await toInstant(opts.at, await workspaceZone(api, opts.workspace)) : null;
        const copy = await api.post<{ id: string; state: string }>(path(opts.workspace, `/posts/${postId}/duplicate`), { scheduledAt });
        output(options, copy, () => process.stdout.write(`Copy ${copy.id} (${copy.state}) of ${postId}\n`));
      }),
    );
  post
    .command('move')
    .description('Move dated posts by whole days, keeping their wall-clock time in the workspace’s zone (all or none)')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--days <n>', 'days later (negative: earlier)', collectInt)
    .argument('<postIds...>')
    .action(
      action(async (postIds: string[], opts: { workspace: string; days: number }, command: Command) =>
        runBatch(command, opts.workspace, { action: 'move', postIds, days: opts.days }),
      ),
    );
  post
    .command('reschedule')
    .description('Schedule posts from a time, in the order given, --spacing minutes apart (all or none)')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--at <time>', 'ISO 8601, or local time in the workspace’s zone')
    .option('--spacing <minutes>', 'minutes between one post and the next', collectInt, 0)
    .argument('<postIds...>')
    .action(
      action(async (postIds: string[], opts: { workspace: string; at: string; spacing: number }, command: Command) => {
        const { api } = connect(command);
        const scheduledAt = await toInstant(opts.at, await workspaceZone(api, opts.workspace));
        await runBatch(command, opts.workspace, { action: 'reschedule', postIds, scheduledAt, spacingMinutes: opts.spacing });
      }),
    );
  post
    .command('queue')
    .description('Add posts to a queue, in the order given: each takes the next free slot (all or none)')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('-q, --queue <id>')
    .argument('<postIds...>')
    .action(
      action(async (postIds: string[], opts: { workspace: string; queue: string }, command: Command) =>
        runBatch(command, opts.workspace, { action: 'queue', postIds, queueId: opts.queue }),
      ),
    );
  post
    .command('delete')
    .description('Delete posts that never published (all or none); undo brings them back for five minutes')
    .requiredOption('-w, --workspace <id>')
    .argument('<postIds...>')
    .action(
      action(async (postIds: string[], opts: { workspace: string }, command: Command) =>
        runBatch(command, opts.workspace, { action: 'delete', postIds }),
      ),
    );
  post
    .command('undo')
    .description('Undo a batch change (move, reschedule, queue, delete) within five minutes')
    .requiredOption('-w, --workspace <id>')
    .argument('<batchId>')
    .action(
      action(async (batchId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ count: number; action: string }>(path(opts.workspace, `/post-batches/${batchId}/undo`), {});
        output(options, result, () => process.stdout.write(`Undone: ${result.action} of ${result.count} post(s).\n`));
      }),
    );
}
