/**
 * Content operations benchmark (`npm run bench:content [-- --only=queues,recurring,media] [-- --json]`).
 *
 * Each section lives in its own file under bench/content/ and exports `run(options)`, which
 * returns the section's metrics (see each file for what it measures and PRODUCT.md's goals):
 * - queues.ts: `queue_add_p95_ms`, `queue_conflicts` (100 channels × 20 slots, 10,000 posts, 4 clients);
 * - recurring.ts: `recurring_wrong_local_time`, `recurring_published_twice` (1,000 rules, a year, 3 zones);
 * - media.ts: `media_search_p95_ms` (100,000 library items);
 * - client-links.ts: `client_open_p95_ms`, `client_decide_p95_ms` (a link over 500 posts × 2 channels).
 * - hashtags.ts: `hashtag_suggestions_p95_ms` (20,000 measured posts, 30,000 listening mentions).
 * With `--json` the last line printed is one JSON object with every section's metrics.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ContentBenchOptions {
  /** 'postgres' (the goals' database) or 'embedded'. */
  database: 'postgres' | 'embedded';
  /** A smaller run for tests: same code paths, fewer items. */
  small: boolean;
  log: (line: string) => void;
}

export type ContentBenchSection = (options: ContentBenchOptions) => Promise<Record<string, number | string | boolean>>;

const SECTIONS = ['queues', 'recurring', 'media', 'hashtags', 'client-links'] as const;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const options: ContentBenchOptions = {
    database: args.includes('--embedded') ? 'embedded' : 'postgres',
    small: args.includes('--small'),
    log: (line) => {
      if (!json) console.log(line);
      else console.error(line);
    },
  };
  const results: Record<string, number | string | boolean> = {};
  const here = path.dirname(new URL(import.meta.url).pathname);
  for (const section of SECTIONS) {
    if (only && !only.includes(section)) continue;
    const file = path.join(here, 'content', `${section}.ts`);
    if (!fs.existsSync(file)) {
      options.log(`${section}: not built yet`);
      continue;
    }
    const module = (await import(pathToFileURL(file).href)) as { run: ContentBenchSection };
    options.log(`— ${section}`);
    const metrics = await module.run(options);
    for (const [key, value] of Object.entries(metrics)) {
      results[key] = value;
      options.log(`  ${key}: ${value}`);
    }
  }
  if (json) console.log(JSON.stringify(results));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
