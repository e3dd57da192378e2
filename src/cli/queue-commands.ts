/**
 * `plaza queue list|show|create|slots|add|pause|resume|order|suggest|delete`: posting queues with
 * weekly time slots in the brand's time zone. `plaza post create --queue <id>` adds the new post.
 */
import type { Command } from 'commander';
import { action, brandTime, connect, output } from './shared.ts';

interface Queue {
  id: string;
  name: string;
  paused: boolean;
  timeZone: string;
  channelIds: string[];
  slots: Array<{ weekday: number; time: string }>;
  posts: number;
  nextFreeSlots: string[];
  heldPosts?: Array<{ id: string; state: string; scheduledAt: string | null; content: string }>;
}

const WEEKDAYS: Record<string, number> = {
  mon: 1,
  lun: 1,
  tue: 2,
  mar: 2,
  wed: 3,
  mie: 3,
  mié: 3,
  thu: 4,
  jue: 4,
  fri: 5,
  vie: 5,
  sat: 6,
  sab: 6,
  sáb: 6,
  sun: 7,
  dom: 7,
};
const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "mon 09:30", "lun 9:30" or "1 09:30" → { weekday, time }. */
export function parseSlot(text: string): { weekday: number; time: string } {
  const match = /^\s*(\p{L}+|[1-7])\.?\s+(\d{1,2}):(\d{2})\s*$/u.exec(text);
  const weekday = match ? (/^[1-7]$/.test(match[1]) ? Number(match[1]) : WEEKDAYS[match[1].toLowerCase().slice(0, 3)]) : undefined;
  if (!match || !weekday || Number(match[2]) > 23 || Number(match[3]) > 59)
    throw new Error(`Cannot read the slot "${text}" (use a weekday and a time: "mon 09:30", "lun 9:30" or "1 09:30")`);
  return { weekday, time: `${match[2].padStart(2, '0')}:${match[3]}` };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function printQueue(queue: Queue): void {
  const slots = queue.slots.map((s) => `${DAY_NAMES[s.weekday]} ${s.time}`).join(', ') || '(no slots)';
  process.stdout.write(
    `${queue.id}  ${queue.name}${queue.paused ? '  [paused]' : ''}\n  slots (${queue.timeZone}): ${slots}\n  posts held: ${queue.posts}\n`,
  );
  if (queue.nextFreeSlots.length)
    process.stdout.write(`  next free: ${queue.nextFreeSlots.map((at) => brandTime(at, queue.timeZone)).join(', ')}\n`);
  for (const post of queue.heldPosts ?? [])
    process.stdout.write(
      `  ${post.scheduledAt ? brandTime(post.scheduledAt, queue.timeZone) : '(waiting)'.padEnd(26)}  ${post.id}  ${post.content.slice(0, 50).replace(/\s+/g, ' ')}\n`,
    );
}

export function registerQueueCommands(program: Command): void {
  const queue = program
    .command('queue')
    .alias('queues')
    .description('Posting queues: weekly time slots; add a post and it takes the next free one');
  const path = (workspace: string, rest = '') => `/api/v1/workspaces/${workspace}/queues${rest}`;

  queue
    .command('list')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{ items: Queue[] }>(path(opts.workspace));
        output(options, result, () => {
          if (!result.items.length) process.stdout.write('No queues yet: plaza queue create -w <workspace> --name … --slot "mon 09:30"\n');
          for (const q of result.items) printQueue(q);
        });
      }),
    );
  queue
    .command('show')
    .requiredOption('-w, --workspace <id>')
    .argument('<queueId>')
    .action(
      action(async (queueId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<Queue>(path(opts.workspace, `/${queueId}`));
        output(options, result, () => printQueue(result));
      }),
    );
  queue
    .command('create')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--name <name>')
    .option('-c, --channel <id>', 'a channel it posts to (repeat)', collect, [])
    .option('--slot <slot>', 'a weekly slot in the brand’s zone, "mon 09:30" (repeat)', collect, [])
    .action(
      action(async (opts: { workspace: string; name: string; channel: string[]; slot: string[] }, command: Command) => {
        const { api, options } = connect(command);
        const created = await api.post<Queue>(path(opts.workspace), {
          name: opts.name,
          channelIds: opts.channel,
          slots: opts.slot.map(parseSlot),
        });
        output(options, created, () => printQueue(created));
      }),
    );
  queue
    .command('slots')
    .description('Replace a queue’s weekly slots; the posts it holds move to the new slots, in order')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--slot <slot>', '"mon 09:30" (repeat)', collect, [])
    .argument('<queueId>')
    .action(
      action(async (queueId: string, opts: { workspace: string; slot: string[] }, command: Command) => {
        const { api, options } = connect(command);
        const updated = await api.patch<Queue & { moved: number }>(path(opts.workspace, `/${queueId}`), {
          slots: opts.slot.map(parseSlot),
        });
        output(options, updated, () => {
          printQueue(updated);
          process.stdout.write(`Moved ${updated.moved} post(s).\n`);
        });
      }),
    );
  for (const [name, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const)
    queue
      .command(name)
      .description(
        paused ? 'Pause: the posts held are taken off the schedule and wait' : 'Resume: the posts held go back into the slots, in order',
      )
      .requiredOption('-w, --workspace <id>')
      .argument('<queueId>')
      .action(
        action(async (queueId: string, opts: { workspace: string }, command: Command) => {
          const { api, options } = connect(command);
          const updated = await api.patch<Queue & { moved: number }>(path(opts.workspace, `/${queueId}`), { paused });
          output(options, updated, () => printQueue(updated));
        }),
      );
  queue
    .command('add')
    .description('Add a post to the queue: it is scheduled in the next free slot')
    .requiredOption('-w, --workspace <id>')
    .argument('<queueId>')
    .argument('<postId>')
    .action(
      action(async (queueId: string, postId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ postId: string; scheduledAt: string | null }>(path(opts.workspace, `/${queueId}/posts`), {
          postId,
        });
        output(options, result, () =>
          process.stdout.write(
            `Post ${postId}: ${result.scheduledAt ? `scheduled at ${result.scheduledAt}` : 'waiting (the queue is paused)'}\n`,
          ),
        );
      }),
    );
  queue
    .command('order')
    .description('Reorder the posts a queue holds: give every one of their ids, in the new order')
    .requiredOption('-w, --workspace <id>')
    .argument('<queueId>')
    .argument('<postIds...>')
    .action(
      action(async (queueId: string, postIds: string[], opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.put<{ moved: number }>(path(opts.workspace, `/${queueId}/order`), { postIds });
        output(options, result, () => process.stdout.write(`Moved ${result.moved} post(s).\n`));
      }),
    );
  queue
    .command('suggest')
    .description('Slots from the brand’s best hours (engagement rate by weekday and hour), with the evidence')
    .requiredOption('-w, --workspace <id>')
    .option('--per-week <n>', 'how many slots a week', '7')
    .action(
      action(async (opts: { workspace: string; perWeek: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{
          timeZone: string;
          samples: number;
          minSample: number;
          slots: Array<{ weekday: number; time: string; rate: number; posts: number }>;
        }>(path(opts.workspace, `/suggested-slots?perWeek=${encodeURIComponent(opts.perWeek)}`));
        output(options, result, () => {
          if (!result.slots.length)
            process.stdout.write(`Not enough measured posts yet (${result.samples}; each hour needs ${result.minSample}).\n`);
          for (const s of result.slots) process.stdout.write(`${DAY_NAMES[s.weekday]} ${s.time}  ${s.rate} %  (${s.posts} posts)\n`);
        });
      }),
    );
  queue
    .command('delete')
    .requiredOption('-w, --workspace <id>')
    .argument('<queueId>')
    .action(
      action(async (queueId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await api.delete(path(opts.workspace, `/${queueId}`));
        output(options, { deleted: queueId }, () => process.stdout.write(`Deleted queue ${queueId}; its posts keep their times.\n`));
      }),
    );
}
