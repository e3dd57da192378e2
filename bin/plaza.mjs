#!/usr/bin/env node
// Entry point of the `plaza` command: runs the TypeScript sources through tsx so that
// there is no build step between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
