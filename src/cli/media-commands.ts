/**
 * `plaza media list|show|upload|tag|alt|rename|crop|delete`: the workspace's media library — search by
 * name, tag, alt text or post text, tags, alt text, crops to network aspect ratios, deletion.
 */
import type { Command } from 'commander';
import { action, connect, output } from './shared.ts';
import { uploadFile } from './media-upload.ts';

interface LibraryItem {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  kind: 'image' | 'video';
  altText: string;
  tags: string[];
  originalId: string | null;
  crop: { aspect: string; left: number; top: number; width: number; height: number } | null;
  usageCount: number;
  createdAt: string;
  usages?: Array<{ postId: string; text: string; state: string; scheduledAt: string | null; networks: string[]; waiting: boolean }>;
}

const ASPECTS = ['square', 'portrait', 'landscape', 'vertical'];
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Bytes as people read them: 1.2 MB. */
export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function line(item: LibraryItem): string {
  const size = item.width && item.height ? `${item.width}×${item.height}` : '';
  const tags = item.tags.length ? `  #${item.tags.join(' #')}` : '';
  const used = item.usageCount ? `used in ${item.usageCount}` : 'unused';
  return `${item.id}  ${item.kind.padEnd(5)}  ${size.padEnd(11)}  ${humanBytes(item.size).padStart(7)}  ${used.padEnd(10)}  ${item.name || '(no name)'}${tags}\n`;
}

function printItem(item: LibraryItem): void {
  process.stdout.write(line(item));
  process.stdout.write(`  alt text: ${item.altText || '(none)'}\n`);
  if (item.crop)
    process.stdout.write(
      `  crop ${item.crop.aspect} ${item.crop.width}×${item.crop.height} at ${item.crop.left},${item.crop.top} of ${item.originalId ?? '(deleted original)'}\n`,
    );
  for (const usage of item.usages ?? [])
    process.stdout.write(
      `  post ${usage.postId}  ${usage.state.padEnd(10)}  ${usage.networks.join(',')}  ${usage.text.slice(0, 60).replace(/\s+/g, ' ')}\n`,
    );
}

export function registerMediaCommands(program: Command): void {
  const media = program
    .command('media')
    .description('The media library: search, tag, describe, crop and delete uploaded images and videos');
  const path = (workspace: string, rest = '') => `/api/v1/workspaces/${workspace}/media${rest}`;

  media
    .command('list')
    .description('List the library, newest first (search by name, tag, alt text or the text of a post that uses the file)')
    .requiredOption('-w, --workspace <id>')
    .option('-q, --search <text>', 'words to find (each as a word prefix)')
    .option('--tag <tag>', 'only files with this tag')
    .option('--kind <kind>', 'image or video')
    .option('--unused', 'only files no post uses')
    .option('--post <postId>', 'only files this post uses')
    .option('--crops-of <mediaId>', 'only the crops made from this file')
    .option('--originals', 'only files that are not crops of another')
    .option('--limit <n>', 'how many (at most 200)', '50')
    .action(
      action(
        async (
          opts: {
            workspace: string;
            search?: string;
            tag?: string;
            kind?: string;
            unused?: boolean;
            post?: string;
            cropsOf?: string;
            originals?: boolean;
            limit: string;
          },
          command: Command,
        ) => {
          const { api, options } = connect(command);
          const query = new URLSearchParams({ limit: opts.limit });
          if (opts.search) query.set('q', opts.search);
          if (opts.tag) query.set('tag', opts.tag);
          if (opts.kind) query.set('kind', opts.kind);
          if (opts.unused) query.set('unused', 'true');
          if (opts.post) query.set('postId', opts.post);
          if (opts.cropsOf) query.set('originalId', opts.cropsOf);
          if (opts.originals) query.set('originals', 'true');
          const result = await api.get<{ items: LibraryItem[]; nextCursor: string | null }>(path(opts.workspace, `?${query}`));
          const storage = await api.get<{ count: number; bytes: number }>(path(opts.workspace, '/storage'));
          output(options, { ...result, storage }, () => {
            if (!result.items.length) process.stdout.write('Nothing found.\n');
            for (const item of result.items) process.stdout.write(line(item));
            process.stdout.write(`${storage.count} files, ${humanBytes(storage.bytes)} in this workspace\n`);
          });
        },
      ),
    );

  media
    .command('show')
    .description('One file: its details, alt text, crop and the posts that use it')
    .requiredOption('-w, --workspace <id>')
    .argument('<mediaId>')
    .action(
      action(async (mediaId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        const item = await api.get<LibraryItem>(path(opts.workspace, `/${mediaId}/details`));
        output(options, item, () => printItem(item));
      }),
    );

  media
    .command('upload')
    .description('Add an image or video to the library (resumable)')
    .requiredOption('-w, --workspace <id>')
    .option('--alt <text>', 'its alt text')
    .option('--tag <tag>', 'a tag (repeat)', collect, [])
    .argument('<file>')
    .action(
      action(async (file: string, opts: { workspace: string; alt?: string; tag: string[] }, command: Command) => {
        const { api, options } = connect(command);
        const uploaded = await uploadFile(api, opts.workspace, file);
        const item =
          opts.alt !== undefined || opts.tag.length
            ? await api.patch<LibraryItem>(path(opts.workspace, `/${uploaded.id}`), {
                ...(opts.alt !== undefined ? { altText: opts.alt } : {}),
                ...(opts.tag.length ? { addTags: opts.tag } : {}),
              })
            : await api.get<LibraryItem>(path(opts.workspace, `/${uploaded.id}/details`));
        output(options, item, () => printItem(item));
      }),
    );

  media
    .command('tag')
    .description('Add and remove tags (--add/--remove, repeat), or replace them all (--set, repeat)')
    .requiredOption('-w, --workspace <id>')
    .option('--add <tag>', 'a tag to add', collect, [])
    .option('--remove <tag>', 'a tag to remove', collect, [])
    .option('--set <tag>', 'the tags it should have (replaces the rest)', collect, [])
    .option('--clear', 'remove every tag')
    .argument('<mediaId>')
    .action(
      action(
        async (
          mediaId: string,
          opts: { workspace: string; add: string[]; remove: string[]; set: string[]; clear?: boolean },
          command: Command,
        ) => {
          const { api, options } = connect(command);
          if (!opts.add.length && !opts.remove.length && !opts.set.length && !opts.clear)
            throw new Error('Say what to change: --add <tag>, --remove <tag>, --set <tag> or --clear');
          const item = await api.patch<LibraryItem>(path(opts.workspace, `/${mediaId}`), {
            ...(opts.set.length || opts.clear ? { tags: opts.set } : {}),
            ...(opts.add.length ? { addTags: opts.add } : {}),
            ...(opts.remove.length ? { removeTags: opts.remove } : {}),
          });
          output(options, item, () => printItem(item));
        },
      ),
    );

  media
    .command('describe')
    .description('Rename a file or set its alt text')
    .requiredOption('-w, --workspace <id>')
    .option('--name <name>')
    .option('--alt <text>', 'alt text ("" clears it)')
    .argument('<mediaId>')
    .action(
      action(async (mediaId: string, opts: { workspace: string; name?: string; alt?: string }, command: Command) => {
        const { api, options } = connect(command);
        if (opts.name === undefined && opts.alt === undefined) throw new Error('Say what to change: --name or --alt');
        const item = await api.patch<LibraryItem>(path(opts.workspace, `/${mediaId}`), {
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(opts.alt !== undefined ? { altText: opts.alt } : {}),
        });
        output(options, item, () => printItem(item));
      }),
    );

  media
    .command('crop')
    .description(
      'Crop an image to a network ratio into a new file (the original is kept): square 1:1, portrait 4:5, landscape 1.91:1, vertical 9:16',
    )
    .requiredOption('-w, --workspace <id>')
    .requiredOption('--aspect <aspect>', ASPECTS.join(', '))
    .option('--left <px>', 'left edge in pixels (default: centred)')
    .option('--top <px>', 'top edge in pixels (default: centred)')
    .option('--width <px>', 'width in pixels; the height follows from the ratio (default: as large as fits)')
    .argument('<mediaId>')
    .action(
      action(
        async (
          mediaId: string,
          opts: { workspace: string; aspect: string; left?: string; top?: string; width?: string },
          command: Command,
        ) => {
          const { api, options } = connect(command);
          if (!ASPECTS.includes(opts.aspect)) throw new Error(`--aspect must be one of ${ASPECTS.join(', ')}`);
          const number = (name: string, value: string | undefined) => {
            if (value === undefined) return {};
            if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number of pixels`);
            return { [name]: Number(value) };
          };
          const item = await api.post<LibraryItem>(path(opts.workspace, `/${mediaId}/crops`), {
            aspect: opts.aspect,
            ...number('left', opts.left),
            ...number('top', opts.top),
            ...number('width', opts.width),
          });
          output(options, item, () => printItem(item));
        },
      ),
    );

  media
    .command('delete')
    .description('Delete a file from the library (refused while a post that has not gone out uses it)')
    .requiredOption('-w, --workspace <id>')
    .argument('<mediaId>')
    .action(
      action(async (mediaId: string, opts: { workspace: string }, command: Command) => {
        const { api, options } = connect(command);
        await api.delete(path(opts.workspace, `/${mediaId}`));
        output(options, { deleted: mediaId }, () => process.stdout.write(`Deleted ${mediaId}\n`));
      }),
    );
}
