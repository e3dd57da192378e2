#!/usr/bin/env node
// Builds the web app (web/ → web/dist/) with Vite and stamps the build with a hash of what it was
// built from, so a start can tell whether web/dist matches the sources by content, not by file times
// (a copied or restored web/dist can look newer than sources it was not built from).
//
// `npm run build:web` runs this; `plaza start` and the e2e tests rebuild when the stamp does not match.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = '.source-hash';

function listFiles(dir, found = []) {
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, found);
    else found.push(full);
  }
  return found;
}

/** SHA-256 of every input of the web build: web/src, web/public, index.html, the Vite config and the lockfile. */
export function webSourceHash(root = ROOT) {
  const web = path.join(root, 'web');
  const files = [
    ...listFiles(path.join(web, 'src')),
    ...listFiles(path.join(web, 'public')),
    path.join(web, 'index.html'),
    path.join(web, 'vite.config.ts'),
    path.join(root, 'package-lock.json'),
  ]
    .filter((file) => fs.existsSync(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when web/dist was built by this script from the web sources as they are now. */
export function isWebBuildFresh(root = ROOT) {
  const dist = path.join(root, 'web', 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) return false;
  try {
    return fs.readFileSync(path.join(dist, STAMP), 'utf8').trim() === webSourceHash(root);
  } catch {
    return false;
  }
}

/** Runs `vite build` in web/ and stamps web/dist; throws when the build fails. */
export function buildWeb(root = ROOT, { quiet = false } = {}) {
  const hash = webSourceHash(root);
  // The "runner" config loader reads vite.config.ts in memory: the default one writes a bundled
  // copy under node_modules/.vite-temp, and any write there makes npm re-read the whole dependency
  // tree on its next `npx`/`npm exec` (the hidden lockfile looks out of date).
  const args = [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--configLoader', 'runner'];
  if (quiet) args.push('--logLevel', 'warn');
  // Always a production build: under a test runner NODE_ENV is 'test', and Vite would then bundle
  // React's development build (larger and slower) into what the browser tests load.
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync(process.execPath, args, { cwd: path.join(root, 'web'), stdio: 'inherit', env });
  if (result.status !== 0) throw new Error('Building the web app failed');
  fs.writeFileSync(path.join(root, 'web', 'dist', STAMP), `${hash}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    buildWeb(ROOT, { quiet: process.argv.includes('--quiet') });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
