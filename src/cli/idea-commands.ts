/**
 * `plaza idea list|show|create|update|move|to-post|comment|delete`: the ideas board (cards tied to
 * pillars, campaigns and objectives that become draft posts); `plaza snippet list|create|update|delete`:
 * saved text snippets and hashtag sets; `plaza hashtag suggest`: hashtags from the brand's own
 * best-performing posts and listening trends, with the evidence.
 */
import type { Command } from 'commander';
import { action, connect, output } from './shared.ts';

interface Card {
  id: string;
  title: string;
  notes: string;
  column: string;
  pillarId: string | null;
  campaignId: string | null;
  objectiveId: string | null;
  channelIds: string[];
  postId: string | null;
  postState: string | null;
  comments: number;
  commentList?: Array<{ authorName: string | null; body: string; createdAt: string }>;
}

interface Snippet {
  id: string;
  kind: 'text' | 'hashtags';
  name: string;
  body: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const COLUMNS = ['idea', 'draft', 'in_review', 'scheduled', 'published'];

function printCard(card: Card): void {
  const links = [
    card.pillarId && `pillar ${card.pillarId}`,
    card.campaignId && `campaign ${card.campaignId}`,
    card.objectiveId && `objective ${card.objectiveId}`,
  ]
    .filter(Boolean)
    .join(', ');
  process.stdout.write(
    `${card.id}  [${card.column}]  ${card.title}${card.postId ? `  → post ${card.postId} (${card.postState})` : ''}${card.comments ? `  (${card.comments} comments)` : ''}\n`,
  );
  if (links) process.stdout.write(`  ${links}\n`);
  for (const c of card.commentList ?? []) process.stdout.write(`  ${c.createdAt}  ${c.authorName ?? '—'}: ${c.body}\n`);
}

/** Builds the idea fields an option set gives ("none" clears a reference). */
function ideaFields(opts: { title?: string; notes?: string; pillar?: string; campaign?: string; objective?: string; channel?: string[] }) {
  const ref = (value: string | undefined) => (value === undefined ? undefined : value === 'none' ? null : value);
  return {
    title: opts.title,
    notes: opts.notes,
    pillarId: ref(opts.pillar),
    campaignId: ref(opts.campaign),
    objectiveId: ref(opts.objective),
    channelIds: opts.channel?.length ? opts.channel : undefined,
  };
}

export function registerIdeaCommands(program: Command): void {
  const idea = program
    .command('idea')
    .alias('ideas')
    .description('Ideas board: cards that become draft posts (idea → draft → in review → scheduled → published)');
  const path = (workspace: string, rest = '') => `/api/v1/workspaces/${workspace}/ideas${rest}`;
  const withFields = (command: Command) =>
    command
      .option('--notes <text>')
      .option('--pillar <id>', 'content pillar ("none" clears it)')
      .option('--campaign <id>', 'campaign ("none" clears it)')
      .option('--objective <id>', 'objective ("none" clears it)')
      .option('-c, --channel <id>', 'a channel its post goes to (repeat)', collect, []);

  idea
    .command('list')
    .description('The board, column by column')
    .requiredOption('-w, --workspace <id>')
    .action(
      action(async (opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{ items: Card[] }>(path(opts.workspace));
        output(options, result, () => {
          if (!result.items.length) process.stdout.write('No ideas yet: plaza idea create -w <workspace> --title …\n');
          for (const column of COLUMNS) {
            const cards = result.items.filter((c) => c.column === column);
            if (!cards.length) continue;
            process.stdout.write(`== ${column} (${cards.length})\n`);
            for (const card of cards) printCard(card);
          }
        });
      }),
    );
  idea
    .command('show')
    .requiredOption('-w, --workspace <id>')
    .argument('<ideaId>')
    .action(
      action(async (ideaId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const card = await api.get<Card>(path(opts.workspace, `/${ideaId}`));
        output(options, card, () => printCard(card));
      }),
    );
  withFields(idea.command('create').requiredOption('-w, --workspace <id>').requiredOption('--title <text>')).action(
    action(
      async (
        opts: {
          workspace: string;
          title: string;
          notes?: string;
          pillar?: string;
          campaign?: string;
          objective?: string;
          channel: string[];
        },
        command: Command,
      ) => {
        const { api, options } = connect(command);
        const card = await api.post<Card>(path(opts.workspace), ideaFields(opts));
        output(options, card, () => printCard(card));
      },
    ),
  );
  withFields(idea.command('update').requiredOption('-w, --workspace <id>').option('--title <text>').argument('<ideaId>')).action(
    action(
      async (
        ideaId: string,
        opts: {
          workspace: string;
          title?: string;
          notes?: string;
          pillar?: string;
          campaign?: string;
          objective?: string;
          channel: string[];
        },
        command: Command,
      ) => {
        const { api, options } = connect(command);
        const card = await api.patch<Card>(path(opts.workspace, `/${ideaId}`), ideaFields(opts));
        output(options, card, () => printCard(card));
      },
    ),
  );
  idea
    .command('move')
    .description('Move a card: "draft" turns an idea into its draft post, "in_review" submits that post for review')
    .requiredOption('-w, --workspace <id>')
    .option('-c, --channel <id>', 'channels for the post, when the idea has none (repeat)', collect, [])
    .argument('<ideaId>')
    .argument('<column>', COLUMNS.join(' | '))
    .action(
      action(async (ideaId: string, column: string, opts: { workspace: string; channel: string[] }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ from: string; to: string; postId: string | null }>(path(opts.workspace, `/${ideaId}/move`), {
          column,
          channelIds: opts.channel.length ? opts.channel : undefined,
        });
        output(options, result, () =>
          process.stdout.write(`${result.from} → ${result.to}${result.postId ? `  post ${result.postId}` : ''}\n`),
        );
      }),
    );
  idea
    .command('to-post')
    .description('Turn an idea into a draft post in one step (its text, pillar, campaign and objective)')
    .requiredOption('-w, --workspace <id>')
    .option('-c, --channel <id>', 'channels for the post (default: the idea’s own; repeat)', collect, [])
    .option('--content <text>', 'the post’s text (default: the idea’s title and notes)')
    .argument('<ideaId>')
    .action(
      action(async (ideaId: string, opts: { workspace: string; channel: string[]; content?: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ ideaId: string; postId: string }>(path(opts.workspace, `/${ideaId}/post`), {
          channelIds: opts.channel.length ? opts.channel : undefined,
          content: opts.content,
        });
        output(options, result, () => process.stdout.write(`Draft post ${result.postId} created from idea ${ideaId}.\n`));
      }),
    );
  idea
    .command('comment')
    .requiredOption('-w, --workspace <id>')
    .argument('<ideaId>')
    .argument('<text>')
    .action(
      action(async (ideaId: string, text: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.post<{ id: string }>(path(opts.workspace, `/${ideaId}/comments`), { body: text });
        output(options, result, () => process.stdout.write(`Comment ${result.id} added.\n`));
      }),
    );
  idea
    .command('delete')
    .requiredOption('-w, --workspace <id>')
    .argument('<ideaId>')
    .action(
      action(async (ideaId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await api.delete(path(opts.workspace, `/${ideaId}`));
        output(options, { deleted: ideaId }, () => process.stdout.write(`Deleted idea ${ideaId} (a post made from it stays).\n`));
      }),
    );

  const snippet = program.command('snippet').alias('snippets').description('Saved text snippets and hashtag sets the composer inserts');
  const snippetPath = (workspace: string, rest = '') => `/api/v1/workspaces/${workspace}/snippets${rest}`;
  snippet
    .command('list')
    .requiredOption('-w, --workspace <id>')
    .option('--kind <kind>', 'text | hashtags')
    .action(
      action(async (opts: { workspace: string; kind?: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{ items: Snippet[] }>(
          snippetPath(opts.workspace, opts.kind ? `?kind=${encodeURIComponent(opts.kind)}` : ''),
        );
        output(options, result, () => {
          if (!result.items.length) process.stdout.write('No snippets yet: plaza snippet create -w <workspace> --name … --text …\n');
          for (const s of result.items)
            process.stdout.write(`${s.id}  [${s.kind}]  ${s.name}: ${s.body.replace(/\s+/g, ' ').slice(0, 80)}\n`);
        });
      }),
    );
  snippet
    .command('create')
    .description('Save a text snippet (--text) or a hashtag set (--hashtags "#a #b", the # may be left out)')
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--name <name>')
    .option('--text <text>')
    .option('--hashtags <tags>')
    .action(
      action(async (opts: { workspace: string; name: string; text?: string; hashtags?: string }, command: Command) => {
        if ((opts.text === undefined) === (opts.hashtags === undefined)) throw new Error('Give either --text or --hashtags');
        const { api, options } = connect(command);
        const created = await api.post<Snippet>(snippetPath(opts.workspace), {
          kind: opts.hashtags !== undefined ? 'hashtags' : 'text',
          name: opts.name,
          body: opts.hashtags ?? opts.text,
        });
        output(options, created, () => process.stdout.write(`${created.id}  [${created.kind}]  ${created.name}: ${created.body}\n`));
      }),
    );
  snippet
    .command('update')
    .requiredOption('-w, --workspace <id>')
    .option('--name <name>')
    .option('--body <text>', 'the new text (or tags, for a hashtag set)')
    .argument('<snippetId>')
    .action(
      action(async (snippetId: string, opts: { workspace: string; name?: string; body?: string }, command: Command) => {
        const { api, options } = connect(command);
        const updated = await api.patch<Snippet>(snippetPath(opts.workspace, `/${snippetId}`), { name: opts.name, body: opts.body });
        output(options, updated, () => process.stdout.write(`${updated.id}  [${updated.kind}]  ${updated.name}: ${updated.body}\n`));
      }),
    );
  snippet
    .command('delete')
    .requiredOption('-w, --workspace <id>')
    .argument('<snippetId>')
    .action(
      action(async (snippetId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await api.delete(snippetPath(opts.workspace, `/${snippetId}`));
        output(options, { deleted: snippetId }, () => process.stdout.write(`Deleted snippet ${snippetId}.\n`));
      }),
    );

  program
    .command('hashtag')
    .alias('hashtags')
    .description('Hashtag suggestions from the brand’s own data')
    .command('suggest')
    .description(
      'Hashtags of the best-performing own posts (engagement rate, first 24 h) and listening’s current trends (growth), with the evidence',
    )
    .requiredOption('-w, --workspace <id>')
    .option('--days <n>', 'own posts of the last n days', '90')
    .action(
      action(async (opts: { workspace: string; days: string }, command: Command) => {
        const { api, options } = connect(command);
        const result = await api.get<{
          ownPosts: {
            measuredPosts: number;
            baselineRate: number;
            items: Array<{ tag: string; posts: number; engagementRate: number; lift: number | null }>;
          };
          trends: { mentionsRead: number; items: Array<{ tag: string; recent: number; before: number; growth: number }> };
        }>(`/api/v1/workspaces/${opts.workspace}/hashtag-suggestions?days=${encodeURIComponent(opts.days)}`);
        output(options, result, () => {
          const own = result.ownPosts;
          process.stdout.write(`From your own posts (${own.measuredPosts} measured, mean engagement rate ${own.baselineRate} %):\n`);
          if (!own.items.length) process.stdout.write('  none above your mean yet\n');
          for (const i of own.items)
            process.stdout.write(
              `  ${i.tag.padEnd(24)} ${i.engagementRate} % over ${i.posts} posts${i.lift ? `  (×${i.lift} your mean)` : ''}\n`,
            );
          process.stdout.write(`From listening trends (${result.trends.mentionsRead} mentions, last 24 h against the 7 days before):\n`);
          if (!result.trends.items.length) process.stdout.write('  none growing now\n');
          for (const i of result.trends.items)
            process.stdout.write(`  ${i.tag.padEnd(24)} +${i.growth} %  (${i.recent} in 24 h, ${i.before} a day before)\n`);
        });
      }),
    );
}
