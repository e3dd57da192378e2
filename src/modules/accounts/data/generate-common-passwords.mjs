#!/usr/bin/env node
// Regenerates common-passwords.txt: the 10,000 most common passwords, most common first, one per
// line, lower-cased, from the maintained npm package @zxcvbn-ts/language-common (MIT; its list is
// ordered by frequency in public breach corpora). Plaza reads the text file at run time and never
// fetches anything; this script is only for refreshing it:
//
//   node src/modules/accounts/data/generate-common-passwords.mjs [version]
//
// It installs the package into a temporary folder with npm (no change to package.json).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const version = process.argv[2] ?? '4.1.3';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-common-passwords-'));
try {
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, `@zxcvbn-ts/language-common@${version}`], {
    stdio: 'inherit',
  });
  const entry = path.join(dir, 'node_modules/@zxcvbn-ts/language-common/dist/index.mjs');
  const { dictionary } = await import(pathToFileURL(entry).href);
  const seen = new Set();
  for (const word of dictionary['passwords-common']) {
    const lower = String(word).toLowerCase();
    if (lower && !seen.has(lower)) seen.add(lower);
    if (seen.size === 10_000) break;
  }
  const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'common-passwords.txt');
  fs.writeFileSync(out, `${[...seen].join('\n')}\n`);
  console.log(`Wrote ${seen.size} passwords from @zxcvbn-ts/language-common@${version} to ${out}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
