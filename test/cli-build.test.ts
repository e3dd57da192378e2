import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

/** Modules a file imports statically (`import … from`, `export … from`), type-only imports left out. */
function staticImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+([\s\S]*?)\s+from\s+'([^']+)'/gm)) {
    const clause = match[1];
    if (clause.startsWith('type ')) continue;
    const names = /^\{([\s\S]*)\}$/.exec(clause.trim());
    if (
      names &&
      names[1]
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith('type '))
    )
      continue;
    found.push(match[2]);
  }
  for (const match of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(match[1]);
  return found;
}

/** Every source file and package `plaza --help` loads: the static import graph from src/cli/main.ts. */
function loadedByHelp(): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith('node:')) packages.add(specifier);
    }
  };
  visit(path.join(root, 'src/cli/main.ts'));
  return { files: [...files].map((f) => path.relative(root, f)), packages: [...packages] };
}

describe('the plaza command starts light', () => {
  it('`plaza --help` imports no zod, config, server, database, model or heavy package (those load inside actions)', () => {
    const { files, packages } = loadedByHelp();
    expect(files).toContain('src/cli/commands.ts');
    // Besides the CLI: two import-free text tables (the CLI's messages and the KPI n/a reasons).
    const pureTexts = new Set(['src/lib/local-messages.ts', 'src/lib/kpi-reasons.ts']);
    expect(files.filter((f) => !f.startsWith('src/cli/') && !pureTexts.has(f))).toEqual([]);
    expect(packages.sort()).toEqual(['cli-table3', 'commander', 'luxon']);
  });
});

describe('bin/plaza.mjs runs compiled JavaScript', () => {
  // A small project shaped like Plaza (bin/, src/, node_modules), so that building, staleness and the
  // tsx fallback are exercised without rebuilding this checkout's dist/ under other tests' feet.
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-cli-build-'));
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));
  const write = (file: string, text: string, mtimeOffsetMs = 0) => {
    const full = path.join(project, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    const when = new Date(Date.now() + mtimeOffsetMs);
    fs.utimesSync(full, when, when);
  };
  fs.mkdirSync(path.join(project, 'bin'));
  for (const file of ['plaza.mjs', 'cli-build.mjs']) fs.copyFileSync(path.join(root, 'bin', file), path.join(project, 'bin', file));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
  write('package.json', '{ "type": "module" }\n');
  write(
    'src/cli/main.ts',
    `import { readFileSync } from 'node:fs';
import { greeting, type Word } from '../lib/greet.ts';
const word: Word = readFileSync(new URL('../lib/data/word.txt', import.meta.url), 'utf8').trim();
console.log(\`\${greeting(word)} (\${import.meta.url.includes('/dist/') ? 'dist' : 'src'})\`);
`,
  );
  write('src/lib/greet.ts', 'export type Word = string;\nexport const greeting = (word: Word): string => `hola ${word}`;\n');
  write('src/lib/data/word.txt', 'mundo\n');
  write('src/lib/greet.test.ts', 'this is not even TypeScript\n');
  const plaza = async () => (await run(process.execPath, [path.join(project, 'bin/plaza.mjs')])).stdout.trim();
  const stamp = () => fs.readFileSync(path.join(project, 'dist/.build.json'), 'utf8');

  it('builds dist/ when missing (assets copied, tests left out), then runs it without building again', async () => {
    expect(await plaza()).toBe('hola mundo (dist)');
    expect(fs.existsSync(path.join(project, 'dist/lib/data/word.txt'))).toBe(true);
    expect(fs.existsSync(path.join(project, 'dist/lib/greet.test.js'))).toBe(false);
    const built = stamp();
    expect(await plaza()).toBe('hola mundo (dist)');
    expect(stamp()).toBe(built);
  }, 60_000);

  it('rebuilds when a source is newer, and falls back to tsx on the sources while another process builds', async () => {
    write('src/lib/greet.ts', 'export type Word = string;\nexport const greeting = (word: Word): string => `adiós ${word}`;\n', 5_000);
    expect(await plaza()).toBe('adiós mundo (dist)');

    const built = stamp();
    write(
      'src/lib/greet.ts',
      'export type Word = string;\nexport const greeting = (word: Word): string => `hasta luego ${word}`;\n',
      10_000,
    );
    write('dist.lock', '12345');
    expect(await plaza()).toBe('hasta luego mundo (src)');
    expect(stamp()).toBe(built);
    fs.rmSync(path.join(project, 'dist.lock'));
    expect(await plaza()).toBe('hasta luego mundo (dist)');
  }, 60_000);
});

describe('npx plaza runs the command from node_modules/.bin', () => {
  // When package.json names a `plaza` bin, npx installs the project into its own cache and reads the
  // whole dependency tree first (about a second per run); a link in node_modules/.bin runs at once.
  it('package.json declares no plaza bin, and the install links node_modules/.bin/plaza to bin/plaza.mjs', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin?: unknown; scripts: Record<string, string> };
    expect(pkg.bin).toBeUndefined();
    expect(pkg.scripts.prepare).toBe('node bin/cli-build.mjs');

    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-npx-'));
    try {
      fs.mkdirSync(path.join(project, 'bin'));
      fs.writeFileSync(path.join(project, 'bin/plaza.mjs'), '#!/usr/bin/env node\nconsole.log("plaza here");\n', { mode: 0o755 });
      fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "plaza-npx-check", "type": "module" }\n');
      const { linkLocalBin } = (await import(pathToFileURL(path.join(root, 'bin/cli-build.mjs')).href)) as {
        linkLocalBin: (root: string) => boolean;
      };
      expect(linkLocalBin(project)).toBe(false); // no node_modules yet: nothing to link into
      fs.mkdirSync(path.join(project, 'node_modules'));
      expect(linkLocalBin(project)).toBe(true);
      expect(linkLocalBin(project)).toBe(true); // again: the link is kept as it is
      expect(fs.readlinkSync(path.join(project, 'node_modules/.bin/plaza'))).toBe('../../bin/plaza.mjs');
      const { stdout } = await run('npx', ['--no-install', 'plaza'], { cwd: project });
      expect(stdout.trim()).toBe('plaza here');
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});
