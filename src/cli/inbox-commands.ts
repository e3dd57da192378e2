/**
 * `plaza inbox list|show|reply|assign|resolve|sync` over the API: the unified inbox from a terminal.
 * Every command takes --json (one JSON document); the human output is one line per conversation.
 */
import type { Command } from 'commander';
import { action, brandTime, connect, output, workspaceZone } from './shared.ts';
import { registerInboxRuleCommands } from './inbox-rules-commands.ts';

interface CliConversation {
  id: string;
  channelName: string;
  network: string;
  kind: string;
  state: string;
  assigneeName: string | null;
  priority: string;
  labels: string[];
  authorHandle: string;
  authorName: string | null;
  preview: string;
  sentiment: string | null;
  unreadCount: number;
  lastMessageAt: string;
}

interface CliItem {
  id: string;
  direction: string;
  kind: string;
  authorHandle: string;
  authorName: string | null;
  text: string;
  sentiment: string | null;
  createdAt: string;
}

/** One line of text as the terminal shows it: no control or direction characters, no line breaks. */
export function terminalLine(text: string, max = 100): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

/** Adds `inbox` to the CLI. */
export function registerInboxCommands(program: Command): void {
  const inbox = program.command('inbox').description('Inbox: comments, mentions and direct messages of your channels, answered from Plaza');

  inbox
    .command('list')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .option('--view <view>', 'all, mine or unassigned', 'all')
    .option('--state <state>', 'active (default), new, open, pending, resolved or any', 'active')
    .option('--channel <id>', 'only this channel')
    .option('--kind <kind>', 'comment, reply, mention, quote, direct_message or review')
    .option('--label <label>', 'only conversations with this label')
    .option('-q, --search <text>', 'search the messages (accents ignored)')
    .option('--limit <n>', 'how many', '50')
    .description('List conversations, newest message first')
    .action(
      action(
        async (
          opts: {
            workspace: string;
            view: string;
            state: string;
            channel?: string;
            kind?: string;
            label?: string;
            search?: string;
            limit: string;
          },
          command: Command,
        ) => {
          const { api, options } = connect(command);
          const query = new URLSearchParams({ view: opts.view, state: opts.state, limit: opts.limit });
          if (opts.channel) query.set('channelId', opts.channel);
          if (opts.kind) query.set('kind', opts.kind);
          if (opts.label) query.set('label', opts.label);
          if (opts.search) query.set('q', opts.search);
          const data = await api.get<{ items: CliConversation[]; nextCursor: string | null }>(
            `/api/v1/workspaces/${opts.workspace}/inbox/conversations?${query.toString()}`,
          );
          const zone = options.json ? 'UTC' : await workspaceZone(api, opts.workspace);
          output(options, data, () => {
            if (data.items.length === 0) process.stdout.write('Inbox zero: nothing here.\n');
            for (const c of data.items) {
              const unread = c.unreadCount > 0 ? `${c.unreadCount}●` : '  ';
              const who = terminalLine(c.authorName ?? c.authorHandle, 24);
              process.stdout.write(
                `${c.id}  ${unread.padEnd(4)} ${c.state.padEnd(8)} ${brandTime(c.lastMessageAt, zone)}  ${c.channelName} · ${c.kind}  ${who}: ${terminalLine(c.preview, 80)}${c.assigneeName ? `  → ${terminalLine(c.assigneeName, 24)}` : ''}\n`,
              );
            }
          });
        },
      ),
    );

  inbox
    .command('show')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<conversationId>', 'conversation id (see `plaza inbox list`)')
    .description('A conversation with its messages, replies and notes')
    .action(
      action(async (conversationId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const data = await api.get<
          CliConversation & {
            items: CliItem[];
            replies: Array<{ id: string; state: string; text: string; authorName: string | null; errorCode: string | null }>;
            notes: Array<{ authorName: string | null; text: string }>;
          }
        >(`/api/v1/workspaces/${opts.workspace}/inbox/conversations/${conversationId}`);
        const zone = options.json ? 'UTC' : await workspaceZone(api, opts.workspace);
        output(options, data, () => {
          process.stdout.write(
            `${data.channelName} · ${data.kind} · ${data.state} · priority ${data.priority}${data.assigneeName ? ` · assigned to ${terminalLine(data.assigneeName, 40)}` : ''}${data.labels.length ? ` · ${data.labels.join(', ')}` : ''}\n`,
          );
          for (const item of data.items) {
            const who = item.direction === 'outbound' ? 'us' : terminalLine(item.authorName ?? item.authorHandle, 30);
            process.stdout.write(
              `${brandTime(item.createdAt, zone)}  ${who}${item.sentiment ? ` [${item.sentiment}]` : ''}: ${terminalLine(item.text, 500)}\n`,
            );
          }
          for (const reply of data.replies.filter((r) => r.state !== 'sent'))
            process.stdout.write(
              `reply ${reply.state}${reply.errorCode ? ` (${reply.errorCode})` : ''}: ${terminalLine(reply.text, 200)}\n`,
            );
          for (const note of data.notes)
            process.stdout.write(`note by ${terminalLine(note.authorName ?? '?', 30)}: ${terminalLine(note.text, 300)}\n`);
        });
      }),
    );

  inbox
    .command('reply')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<conversationId>', 'conversation id')
    .argument('<text>', 'the reply')
    .option('--item <id>', 'answer this message (default: the newest one from them)')
    .option('--mode <mode>', 'public, private or direct_message (default: as the message came)')
    .option('--force', 'send even when a teammate already answered')
    .description('Answer a conversation (sent exactly once, in the background)')
    .action(
      action(
        async (
          conversationId: string,
          text: string,
          opts: { workspace: string; item?: string; mode?: string; force?: boolean },
          command: Command,
        ) => {
          const { api, options } = connect(command);
          const reply = await api.post<{ id: string; state: string; mode: string }>(
            `/api/v1/workspaces/${opts.workspace}/inbox/conversations/${conversationId}/replies`,
            { text, ...(opts.item && { itemId: opts.item }), ...(opts.mode && { mode: opts.mode }), ...(opts.force && { force: true }) },
          );
          output(options, reply, () => process.stdout.write(`${reply.id}  ${reply.mode} reply ${reply.state}\n`));
        },
      ),
    );

  inbox
    .command('assign')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<conversationId>', 'conversation id')
    .argument('[userId]', 'member to assign (omit with --none)')
    .option('--none', 'unassign')
    .description('Assign a conversation to a member (or nobody)')
    .action(
      action(async (conversationId: string, userId: string | undefined, opts: { workspace: string; none?: boolean }, command: Command) => {
        const { api, options } = connect(command);
        if (!userId && !opts.none) throw new Error('Give a member id, or --none to unassign');
        const updated = await api.patch<CliConversation>(`/api/v1/workspaces/${opts.workspace}/inbox/conversations/${conversationId}`, {
          assigneeUserId: opts.none ? null : userId,
        });
        output(options, updated, () => process.stdout.write(`${updated.id}  assigned to ${updated.assigneeName ?? 'nobody'}\n`));
      }),
    );

  inbox
    .command('resolve')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<conversationId>', 'conversation id')
    .option('--reopen', 'open it again instead')
    .description('Resolve a conversation (a new message from the person opens it again)')
    .action(
      action(async (conversationId: string, opts: { workspace: string; reopen?: boolean }, command: Command) => {
        const { api, options } = connect(command);
        const updated = await api.patch<CliConversation>(`/api/v1/workspaces/${opts.workspace}/inbox/conversations/${conversationId}`, {
          state: opts.reopen ? 'open' : 'resolved',
        });
        output(options, updated, () => process.stdout.write(`${updated.id}  ${updated.state}\n`));
      }),
    );

  inbox
    .command('sync')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<channelId>', 'channel id')
    .description("Read a channel's inbox now (the first read backfills the last 30 days)")
    .action(
      action(async (channelId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ created: number; duplicates: number; backfill: string; errorCode?: string }>(
          `/api/v1/workspaces/${opts.workspace}/inbox/channels/${channelId}/sync`,
          {},
        );
        output(options, result, () =>
          process.stdout.write(
            `${result.created} new, ${result.duplicates} already stored, backfill ${result.backfill}${result.errorCode ? ` (error: ${result.errorCode})` : ''}\n`,
          ),
        );
      }),
    );

  registerInboxRuleCommands(inbox);
}
