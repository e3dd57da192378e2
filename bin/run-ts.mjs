#!/usr/bin/env node
// Runs a TypeScript file (benchmarks, scripts) with tsx: `node bin/run-ts.mjs bench/publish.ts -- --json`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
register();
const [file, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...rest.filter((a) => a !== '--')];
await import(pathToFileURL(path.resolve(file)).href);
