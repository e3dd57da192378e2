#!/usr/bin/env node
/**
 * Runs the benchmarks on this checkout and on an earlier commit, on the same machine in the same
 * run, alternating which goes first, and prints each figure side by side (medians over the runs).
 *
 *   node tools/bench-against.mjs <commit> [--runs N] [--only publish,listen,analytics,web,start]
 *
 * The earlier commit is checked out as a git worktree in a temporary folder, with this checkout's
 * node_modules hard-linked in (same dependencies; the earlier commit may need fewer) and its web app
 * built. Timings are noisy: compare the medians, and rerun when the machine was busy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const commit = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a) && !a.includes(','));
if (!commit) {
  console.error('usage: node tools/bench-against.mjs <commit> [--runs N] [--only publish,listen,analytics,web,start]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('runs', '1'));
const only = option('only', 'publish,listen,analytics,web,start').split(',');

/** Each benchmark with arguments that keep a comparison under a few minutes per run. */
const BENCHES = {
  publish: ['bench/publish.ts', '--json', '--quick'],
  listen: ['bench/listen.ts', '--json', '--posts', '200000'],
  analytics: ['bench/analytics.ts', '--json', '--snapshots', '1000000', '--embedded-snapshots', '200000', '--seconds', '5'],
  web: ['bench/web.ts', '--json', '--runs=3'],
  start: ['bench/start.ts', '--json', '--runs', '3'],
};

const here = process.cwd();
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-base-'));
execFileSync('git', ['worktree', 'add', '--detach', base, commit], { stdio: 'inherit' });
try {
  fs.symlinkSync(path.join(here, 'node_modules'), path.join(base, 'node_modules'));
  execFileSync('npm', ['run', 'build:web', '--silent'], { cwd: base, stdio: 'inherit' });
  if (!fs.existsSync(path.join(here, 'web/dist'))) execFileSync('npm', ['run', 'build:web', '--silent'], { cwd: here, stdio: 'inherit' });

  const results = {};
  for (const name of only) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`unknown benchmark ${name}`);
    results[name] = { base: [], current: [] };
    for (let run = 0; run < runs; run += 1) {
      // Alternate the order so neither side always runs on a warmer (or more tired) machine.
      const order = run % 2 === 0 ? ['base', 'current'] : ['current', 'base'];
      for (const side of order) {
        const cwd = side === 'base' ? base : here;
        console.error(`# ${name}: ${side} (run ${run + 1}/${runs})`);
        const out = spawnSync(process.execPath, ['bin/run-ts.mjs', ...bench], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        const line = out.stdout
          .trim()
          .split('\n')
          .reverse()
          .find((l) => l.startsWith('{'));
        if (out.status !== 0 || !line) {
          console.error(out.stderr.slice(-2000));
          throw new Error(`${name} failed on ${side}`);
        }
        results[name][side].push(JSON.parse(line));
      }
    }
  }

  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  console.log(`benchmarks: ${commit} (base) against this checkout (current), ${runs} run(s) each, medians`);
  console.log(`${'figure'.padEnd(44)}${'base'.padStart(14)}${'current'.padStart(14)}${'current/base'.padStart(14)}`);
  for (const [name, sides] of Object.entries(results)) {
    const keys = Object.keys(sides.current[0]).filter(
      (k) => typeof sides.current[0][k] === 'number' && typeof sides.base[0]?.[k] === 'number',
    );
    for (const key of keys) {
      const a = median(sides.base.map((r) => r[key]));
      const b = median(sides.current.map((r) => r[key]));
      const ratio = a === 0 ? (b === 0 ? '1.00' : '—') : (b / a).toFixed(2);
      console.log(`${`${name}.${key}`.padEnd(44)}${String(a).padStart(14)}${String(b).padStart(14)}${ratio.padStart(14)}`);
    }
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', base], { stdio: 'inherit' });
}
