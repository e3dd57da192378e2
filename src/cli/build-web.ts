import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { WEB_DIST } from '../server/web.ts';

/**
 * Builds the web app on the first start (and after an update changed its sources),
 * so that `npm install && npm start` is all a user types.
 */
export async function ensureWebBuilt(): Promise<void> {
  const webRoot = path.resolve(WEB_DIST, '..');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) return; // no web sources in this install
  const built = path.join(WEB_DIST, 'index.html');
  if (fs.existsSync(built) && newestMtime(path.join(webRoot, 'src')) <= fs.statSync(built).mtimeMs) return;
  process.stderr.write('Building the web app (first start only)…\n');
  const result = spawnSync(process.execPath, [path.resolve(webRoot, '../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: webRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the web app failed');
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}
