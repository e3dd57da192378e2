import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WEB_DIST } from '../server/web.ts';
import { buildWeb, isWebBuildFresh } from '../../bin/web-build.mjs';

/**
 * Builds the web app on the first start (and after an update changed its sources),
 * so that `npm install && npm start` is all a user types.
 */
export async function ensureWebBuilt(): Promise<void> {
  const webRoot = path.resolve(WEB_DIST, '..');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) return; // no web sources in this install
  const root = path.resolve(webRoot, '..');
  // Fresh means built from these very sources (a hash stamp), not merely newer than them.
  const isFresh = () => isWebBuildFresh(root);
  await withBuildLock(path.join(webRoot, '.build.lock'), isFresh, () => {
    process.stderr.write('Building the web app (first start only)…\n');
    buildWeb(root, { quiet: true });
  });
}

/**
 * Runs `build` unless `isFresh()`, one process at a time: a web process and a test worker (or two
 * services started together) would otherwise empty and write the same folder at once and serve a
 * half-written app. Others wait for the lock and then find the build fresh. A lock older than
 * `staleMs` is left over from a crashed build and is taken over.
 */
export async function withBuildLock(
  lockPath: string,
  isFresh: () => boolean,
  build: () => void | Promise<void>,
  staleMs = 5 * 60_000,
): Promise<'fresh' | 'built'> {
  for (;;) {
    if (isFresh()) return 'fresh';
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleMs) fs.rmSync(lockPath, { force: true });
      else await sleep(200);
      continue;
    }
    try {
      if (isFresh()) return 'fresh';
      await build();
      return 'built';
    } finally {
      fs.rmSync(lockPath, { force: true });
    }
  }
}
