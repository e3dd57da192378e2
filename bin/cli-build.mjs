#!/usr/bin/env node
// Compiles the TypeScript in src/ to JavaScript in dist/ with esbuild, so that the `plaza` command
// does not compile TypeScript each time it runs (tsx does that, and costs seconds per command).
//
// dist/ mirrors src/ at the same depth (src/server/web.ts → dist/server/web.js), and the files that
// are not TypeScript (models, word lists) are copied beside them: paths a module builds from its own
// location (`new URL('./data/x.txt', import.meta.url)`, `../../web/dist`) resolve the same from both.
//
// Run by `npm install` (the `prepare` script), and by bin/plaza.mjs when dist/ is missing or older
// than a source file. `node bin/cli-build.mjs` builds by hand.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The checkout (or installed package) this file belongs to. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folders = (root) => ({ src: path.join(root, 'src'), dist: path.join(root, 'dist'), lock: path.join(root, 'dist.lock') });
/** A build lock older than this was left by a crashed build. */
const STALE_LOCK_MS = 60_000;

const isTest = (name) => name.endsWith('.test.ts');

/** Newest modification time under src/ (files and folders, so a deleted file counts too), tests left out. */
export function newestSourceMtime(dir = folders(ROOT).src) {
  let newest = fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (isTest(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** True when dist/ was built from the sources as they are now. */
export function isBuildFresh(root = ROOT) {
  const { src, dist } = folders(root);
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(dist, '.build.json'), 'utf8'));
  } catch {
    return false;
  }
  return typeof stamp.sourceMtime === 'number' && newestSourceMtime(src) <= stamp.sourceMtime;
}

function sourceFiles(dir, found = { typescript: [], assets: [] }) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, found);
    else if (isTest(entry.name)) continue;
    else if (entry.name.endsWith('.ts')) found.typescript.push(full);
    else found.assets.push(full);
  }
  return found;
}

/**
 * One module per source file: relative imports stay imports (`./x.ts` becomes `./x.js`), packages stay
 * packages. esbuild's bundler does the TypeScript-aware rewriting; the plugin keeps it from inlining.
 */
const keepModulesApart = {
  name: 'keep-modules-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      return { path: args.path.replace(/\.ts$/, '.js'), external: true };
    });
  },
};

/** Compiles src/ into a fresh folder, then puts it in dist/'s place; returns the milliseconds taken. */
export async function build(root = ROOT) {
  const started = performance.now();
  const { src: SRC, dist: DIST } = folders(root);
  const sourceMtime = newestSourceMtime(SRC);
  const { typescript, assets } = sourceFiles(SRC);
  const next = `${DIST}.next-${process.pid}`;
  fs.rmSync(next, { recursive: true, force: true });
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: typescript,
    outdir: next,
    outbase: SRC,
    bundle: true,
    packages: 'external',
    plugins: [keepModulesApart],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  for (const asset of assets) {
    const target = path.join(next, path.relative(SRC, asset));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(asset, target);
  }
  fs.writeFileSync(path.join(next, '.build.json'), `${JSON.stringify({ sourceMtime, builtAt: new Date().toISOString() })}\n`);
  // Swap: a process still running from the old build reads the new files on its next lazy import,
  // as it would read the new sources under tsx.
  const old = `${DIST}.old-${process.pid}`;
  if (fs.existsSync(DIST)) fs.renameSync(DIST, old);
  fs.renameSync(next, DIST);
  fs.rmSync(old, { recursive: true, force: true });
  return performance.now() - started;
}

/**
 * Builds unless dist/ is fresh, one process at a time. Gives false when this process could not build
 * (another one is building, the folder is read-only, a source does not compile): the caller then runs
 * the sources through tsx, which reports any compile error itself.
 */
export async function ensureBuilt(root = ROOT) {
  if (isBuildFresh(root)) return true;
  const LOCK = folders(root).lock;
  try {
    fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if (error.code !== 'EEXIST') return false;
    const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) fs.rmSync(LOCK, { force: true });
    return false;
  }
  try {
    if (!isBuildFresh(root)) await build(root);
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}

/**
 * Puts `plaza` in node_modules/.bin, pointing at bin/plaza.mjs. package.json declares no `bin` on
 * purpose: when the project's own package.json names the command, `npx plaza` installs the project
 * into npm's npx cache and reads the whole dependency tree on every run (about a second); a command
 * already in node_modules/.bin is run straight away. Gives false when there is no node_modules.
 */
export function linkLocalBin(root = ROOT) {
  const binDir = path.join(root, 'node_modules', '.bin');
  if (!fs.existsSync(path.join(root, 'node_modules'))) return false;
  fs.mkdirSync(binDir, { recursive: true });
  const link = path.join(binDir, 'plaza');
  const target = path.relative(binDir, path.join(root, 'bin', 'plaza.mjs'));
  let current = null;
  try {
    current = fs.readlinkSync(link);
  } catch {}
  if (current === target) return true;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(target, link);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const ms = await build();
  process.stderr.write(`plaza: compiled src/ to dist/ in ${(ms / 1000).toFixed(1)} s\n`);
  linkLocalBin();
}
