/**
 * The README's table of networks and what each supports, written from what each adapter declares
 * (capabilities, sign-in, limits, metrics), so the table cannot drift from the code:
 * `npm run gen:networks` rewrites it between the README's `networks-table` markers;
 * test/readme-networks.test.ts fails when the committed table is stale.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NETWORKS } from '../src/networks/index.ts';
import type { NetworkAdapter, PostType } from '../src/networks/types.ts';

export const README_FILE = fileURLToPath(new URL('../README.md', import.meta.url));
const START = '<!-- networks-table:start (npm run gen:networks) -->';
const END = '<!-- networks-table:end -->';

const POST_TYPE_WORDS: Record<PostType, string> = {
  text: 'text',
  link: 'link',
  image: 'image',
  carousel: 'carousel',
  video: 'video',
  reel: 'reel',
  story: 'story',
  thread: 'thread',
  document: 'document',
};

/** Post types an adapter publishes: its declaration, or what its limits imply for adapters without one. */
function postTypes(adapter: NetworkAdapter): PostType[] {
  if (adapter.capabilities) return adapter.capabilities.postTypes;
  const types: PostType[] = ['text', 'link'];
  if (adapter.limits.maxImages > 0) types.push('image');
  if (adapter.limits.maxImages > 1) types.push('carousel');
  if (adapter.limits.supportsThreads) types.push('thread');
  return types;
}

function connection(adapter: NetworkAdapter): string {
  if (adapter.simulated) return 'built in (simulated)';
  // The secret a user pastes, named as the form names it, without the form's hint in brackets.
  const name = (field: NetworkAdapter['connectionFields'][number]) => field.label.en.replace(/\s*\(.*$/, '').toLowerCase();
  const fields = adapter.connectionFields.filter((field) => field.required && field.secret).map(name);
  if (adapter.oauth) return fields.length ? `sign-in, or ${fields.join(' + ')}` : 'sign-in';
  // No secret is required on its own: one of the optional ones is (Discord, Slack: a webhook or a bot).
  const either = adapter.connectionFields.filter((field) => field.secret).map(name);
  return fields.join(' + ') || either.join(', or ') || '—';
}

function duration(seconds: number): string {
  return seconds < 120 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

/** The markdown table (without markers). */
export function networksTable(): string {
  const rows = NETWORKS.map(({ adapter, listeningSources }) => {
    const capabilities = adapter.capabilities;
    const maxItems = capabilities?.maxCarouselItems ?? adapter.limits.maxImages;
    const metrics = adapter.metrics.reported.join(', ') || '—';
    const doc = `[${adapter.label.en}](docs/networks/${adapter.name}.md)`;
    return [
      doc,
      connection(adapter),
      postTypes(adapter)
        .map((type) => POST_TYPE_WORDS[type])
        .join(', '),
      String(adapter.limits.maxChars),
      maxItems > 0 ? String(maxItems) : '—',
      capabilities?.video ? duration(capabilities.video.maxDurationSeconds) : '—',
      capabilities?.firstComment ? 'yes' : '—',
      metrics,
      // Every network's own mentions feed the channel-mentions source; some also have a stream of their own.
      ['mentions', ...listeningSources.map((source) => source.label.en.toLowerCase())].join(', '),
    ];
  });
  const header = [
    'network',
    'connect with',
    'publishes',
    'characters',
    'media per post',
    'video up to',
    'first comment',
    'metrics',
    'listening',
  ];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** README with its table rewritten; throws when the markers are missing. */
export function readmeWithTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${START} … ${END}`);
  return `${readme.slice(0, start + START.length)}\n${networksTable()}\n${readme.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  fs.writeFileSync(README_FILE, readmeWithTable(fs.readFileSync(README_FILE, 'utf8')));
  console.log('README.md: networks table written');
}
