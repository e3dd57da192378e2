#!/usr/bin/env node
// Entry point of the `plaza` command. Runs the JavaScript compiled into dist/ (bin/cli-build.mjs,
// built by `npm install` and rebuilt here when a source changed), and falls back to compiling the
// TypeScript sources on the fly with tsx when dist/ cannot be built (read-only install, another
// process building it right now, a source that does not compile: tsx then reports it).
import { ensureBuilt } from './cli-build.mjs';

if (await ensureBuilt()) await import('../dist/cli/main.js');
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
