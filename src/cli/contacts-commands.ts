/**
 * `plaza contacts list|show|stage|merge|split|link|export|import|erase` over the API: the people behind the
 * conversations from a terminal. Every command takes --json (one JSON document).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { terminalLine } from './inbox-commands.ts';
import { action, brandTime, connect, output, workspaceZone } from './shared.ts';

interface CliContact {
  id: string;
  displayName: string;
  stage: string;
  value: number | null;
  email: string | null;
  website: string | null;
  labels: string[];
  notes: string;
  customFields: Record<string, string>;
  identities: Array<{ id: string; network: string; handle: string; seenInInbox: boolean }>;
  stageChangedAt: string;
}

interface CliProfile extends CliContact {
  currency: string;
  engagement: { messages: number; onOurPosts: number; postsEngaged: number; conversations: number; lastMessageAt: string | null };
  history: Array<{ channelName: string; kind: string; text: string; createdAt: string }>;
  stageHistory: Array<{ fromStage: string | null; toStage: string; actorName: string | null; createdAt: string }>;
}

const STAGES = ['follower', 'prospect', 'lead', 'customer'];

function identitiesLine(contact: CliContact): string {
  return contact.identities.map((i) => `${i.network}:${terminalLine(i.handle, 40)}`).join(' ');
}

function contactLine(c: CliContact): string {
  const value = c.value === null ? '' : `  ${c.value}`;
  return `${c.id}  ${c.stage.padEnd(9)} ${terminalLine(c.displayName, 30).padEnd(30)} ${identitiesLine(c)}${value}${c.labels.length ? `  [${c.labels.map((l) => terminalLine(l, 40)).join(', ')}]` : ''}\n`;
}

/** Adds `contacts` to the CLI. */
export function registerContactCommands(program: Command): void {
  const contacts = program.command('contacts').description('Contacts: the people behind the conversations, their stage and history');
  const path = (workspace: string, rest = '') => `/api/v1/workspaces/${workspace}/contacts${rest}`;

  contacts
    .command('list')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .option('--stage <stage>', STAGES.join(', '))
    .option('--label <label>', 'only contacts with this label')
    .option('-q, --search <text>', 'name, handle, e-mail or website (accents ignored)')
    .option('--limit <n>', 'how many', '50')
    .description('List contacts, most recently changed first')
    .action(
      action(async (opts: { workspace: string; stage?: string; label?: string; search?: string; limit: string }, command: Command) => {
        const { api, options } = connect(command);
        const query = new URLSearchParams({ limit: opts.limit });
        if (opts.stage) query.set('stage', opts.stage);
        if (opts.label) query.set('label', opts.label);
        if (opts.search) query.set('q', opts.search);
        const data = await api.get<{ items: CliContact[]; nextCursor: string | null }>(path(opts.workspace, `?${query.toString()}`));
        output(options, data, () => {
          if (data.items.length === 0) process.stdout.write('No contacts yet.\n');
          for (const c of data.items) process.stdout.write(contactLine(c));
        });
      }),
    );

  contacts
    .command('show')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<contactId>', 'contact id (see `plaza contacts list`)')
    .description('A contact’s profile: identities, engagement, stage moves and latest messages')
    .action(
      action(async (contactId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const p = await api.get<CliProfile>(path(opts.workspace, `/${contactId}`));
        const zone = options.json ? 'UTC' : await workspaceZone(api, opts.workspace);
        output(options, p, () => {
          process.stdout.write(contactLine(p));
          if (p.email || p.website) process.stdout.write(`${[p.email, p.website].filter(Boolean).join(' · ')}\n`);
          for (const [key, value] of Object.entries(p.customFields))
            process.stdout.write(`${terminalLine(key, 40)}: ${terminalLine(value, 200)}\n`);
          if (p.notes) process.stdout.write(`notes: ${terminalLine(p.notes, 500)}\n`);
          const e = p.engagement;
          process.stdout.write(
            `${e.messages} messages in ${e.conversations} conversations, ${e.onOurPosts} on ${e.postsEngaged} of our posts${p.value !== null ? ` · value ${p.value} ${p.currency}` : ''}\n`,
          );
          for (const move of p.stageHistory)
            process.stdout.write(
              `${brandTime(move.createdAt, zone)}  ${move.fromStage ?? '—'} → ${move.toStage}${move.actorName ? ` by ${terminalLine(move.actorName, 30)}` : ''}\n`,
            );
          for (const item of p.history.slice(0, 10))
            process.stdout.write(
              `${brandTime(item.createdAt, zone)}  ${item.channelName} · ${item.kind}: ${terminalLine(item.text, 100)}\n`,
            );
        });
      }),
    );

  contacts
    .command('stage')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<contactId>', 'contact id')
    .argument('<stage>', STAGES.join(', '))
    .description('Move a contact to a lifecycle stage (kept in its history; webhook contact.stage_changed)')
    .action(
      action(async (contactId: string, stage: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const p = await api.put<CliProfile>(path(opts.workspace, `/${contactId}/stage`), { stage });
        output(options, p, () => process.stdout.write(`${p.id}  ${p.stage}\n`));
      }),
    );

  contacts
    .command('merge')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<contactId>', 'the contact that stays')
    .argument('<otherContactId>', 'the contact merged into it (it is gone afterwards)')
    .description('Merge two contacts that are one person')
    .action(
      action(async (contactId: string, other: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const p = await api.post<CliProfile>(path(opts.workspace, `/${contactId}/merge`), { contactId: other });
        output(options, p, () => process.stdout.write(contactLine(p)));
      }),
    );

  contacts
    .command('split')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<contactId>', 'contact id')
    .argument('<identityId>', 'the identity to take out (see `plaza contacts show --json`)')
    .description('Split one identity off into a contact of its own')
    .action(
      action(async (contactId: string, identityId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const p = await api.post<CliProfile>(path(opts.workspace, `/${contactId}/split`), { identityId });
        output(options, p, () => process.stdout.write(contactLine(p)));
      }),
    );

  contacts
    .command('link')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .description('Create contacts now for every inbox author that has none')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ created: number }>(path(opts.workspace, '/link'), {});
        output(options, result, () => process.stdout.write(`${result.created} new contacts\n`));
      }),
    );

  contacts
    .command('export')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('[contactId]', 'one person: everything Plaza holds about them, as JSON (a data access request)')
    .option('-o, --out <file>', 'file to write (CSV of every contact; or the person’s JSON)')
    .description('Export every contact as CSV, or everything about one person as JSON')
    .action(
      action(async (contactId: string | undefined, opts: { workspace: string; out?: string }, command: Command) => {
        const { api, options } = connect(command);
        if (contactId) {
          const person = await api.get<unknown>(path(opts.workspace, `/${contactId}/export`));
          const text = `${JSON.stringify(person, null, 2)}\n`;
          if (opts.out) {
            fs.writeFileSync(opts.out, text, { mode: 0o600 });
            output(options, { file: opts.out, bytes: Buffer.byteLength(text) }, () => process.stdout.write(`wrote ${opts.out}\n`));
          } else process.stdout.write(text);
          return;
        }
        const file = opts.out ?? 'plaza-contacts.csv';
        const bytes = await api.download(path(opts.workspace, '/export.csv'), file);
        output(options, { file, bytes }, () => process.stdout.write(`wrote ${file} (${bytes} bytes)\n`));
      }),
    );

  contacts
    .command('import')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<file>', 'CSV with the export’s columns (name, stage, value, email, website, labels, notes, identities)')
    .description('Import contacts from CSV: every row or none')
    .action(
      action(async (file: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const csv = fs.readFileSync(file, 'utf8');
        const result = await api.post<{ created: number; updated: number }>(path(opts.workspace, '/import'), { csv });
        output(options, result, () => process.stdout.write(`${result.created} created, ${result.updated} updated\n`));
      }),
    );

  contacts
    .command('erase')
    .requiredOption('-w, --workspace <id>', 'workspace id')
    .argument('<contactId>', 'contact id')
    .option('--yes', 'confirm: this cannot be undone')
    .description('Erase a person on request: the contact and the personal data of their inbox messages')
    .action(
      action(async (contactId: string, opts: { workspace: string; yes?: boolean }, command: Command) => {
        const { api, options } = connect(command);
        if (!opts.yes) throw new Error('Erasing cannot be undone: add --yes to confirm');
        const result = await api.delete<{ identities: number; items: number; conversations: number }>(
          path(opts.workspace, `/${contactId}`),
        );
        output(options, result, () =>
          process.stdout.write(
            `erased: ${result.identities} identities, ${result.items} messages emptied, ${result.conversations} conversations\n`,
          ),
        );
      }),
    );
}
