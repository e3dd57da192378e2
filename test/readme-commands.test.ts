import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Every command in README.md's fenced shell blocks, run as written, top to bottom, against a Plaza
 * started with `plaza start` (what `npm start` runs) on a fresh data folder. A command the test cannot
 * run is listed in NOT_RUN with the reason; any other line fails the test, so a new README command is
 * either run here or explained here.
 *
 * How a line is run: by bash, in a scratch folder, with `npx plaza …` and `plaza …` meaning this
 * checkout's bin/plaza.mjs (what `npx plaza` finds in the project folder; from the scratch folder npx
 * would look for a package named "plaza" on the registry instead). Variables a line exports are kept
 * for the next lines. The README's placeholders are the only words replaced: <workspace> and <channel>
 * by the ids the earlier commands printed, and http://localhost:3000 by this test's server address.
 */
const NOT_RUN: Record<string, string> = {
  'npm install && npm start':
    'the suite runs after `npm install`; `npm start` is `plaza start`, which this test starts itself (and test/start.test.ts checks)',
  'npm test': 'runs this suite',
  'npx plaza channel add -w <workspace> --network bluesky --name Bluesky -f identifier=cafe.bsky.social -f appPassword=xxxx-xxxx-xxxx-xxxx':
    'needs a real Bluesky account on the Internet; tests reach only loopback (connecting Bluesky is tested against a local PDS in test/bluesky-publishing.test.ts)',
};

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/plaza.mjs');

/** The command lines of README's ```sh blocks, comments removed. */
function readmeCommands(markdown: string): string[] {
  const lines: string[] = [];
  for (const block of markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm))
    for (const line of block[1].split('\n')) {
      const command = withoutComment(line).trim();
      if (command) lines.push(command);
    }
  return lines;
}

/** A shell line without its trailing `# comment` (a # inside quotes stays). */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('README commands', () => {
  const commands = readmeCommands(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
  let dataDir: string;
  let workDir: string;
  let server: ChildProcess;
  let url: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-readme-data-'));
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-readme-work-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [bin, 'start'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 1200; i++) {
      if (server.exitCode !== null) throw new Error(`plaza start exited with ${server.exitCode}`);
      if (
        await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('plaza start did not become healthy');
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('finds the README commands, and every one is run below or listed with a reason', () => {
    expect(commands.length).toBeGreaterThan(15);
    for (const skipped of Object.keys(NOT_RUN)) expect(commands, `NOT_RUN lists a line the README no longer has`).toContain(skipped);
    const runnable = (line: string) => /(^|[\s|(])(npx )?plaza /.test(line) || /^export PLAZA_[A-Z_]+=/.test(line);
    const unknown = commands.filter((line) => !NOT_RUN[line] && !runnable(line));
    expect(unknown, 'README shell lines that are neither plaza commands (or PLAZA_ settings) nor listed in NOT_RUN').toEqual([]);
  });

  it('runs every plaza command of the README as written, top to bottom', async () => {
    // The file the README's import line reads, with the channel it connects by name.
    fs.writeFileSync(
      path.join(workDir, 'posts.csv'),
      'content,channels,scheduled_at,action\nDesayunos de otoño,Demo,2030-11-24 09:00,schedule\nBorrador sin fecha,Demo,,draft\n',
    );
    const state = path.join(workDir, 'exported.sh');
    const prelude = [
      'set -eo pipefail',
      `npx() { if [ "$1" = plaza ]; then shift; node ${JSON.stringify(bin)} "$@"; else echo "npx $1: not run by this test" >&2; return 127; fi; }`,
      `plaza() { node ${JSON.stringify(bin)} "$@"; }`,
      `if [ -f ${JSON.stringify(state)} ]; then . ${JSON.stringify(state)}; fi`,
    ].join('\n');
    const ids: Record<string, string> = {};
    const ran: string[] = [];
    for (const line of commands) {
      if (NOT_RUN[line]) continue;
      const command = line.replaceAll('http://localhost:3000', url).replace(/<(workspace|channel)>/g, (whole, name: string) => {
        if (!ids[name]) throw new Error(`"${line}": no ${whole} yet (an earlier README command must create it)`);
        return ids[name];
      });
      const script = `${prelude}\n${command}\nexport -p | grep -E '^declare -x PLAZA_[A-Z_]+=' > ${JSON.stringify(state)} || true\n`;
      let stdout: string;
      try {
        ({ stdout } = await run('bash', ['-c', script], {
          cwd: workDir,
          env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
          timeout: 120_000,
        }));
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        throw new Error(`README command failed (exit ${e.code}): ${line}\n${e.stderr}${e.stdout}`);
      }
      ran.push(line);
      // `export NAME=$(…)` hides a failure of the command inside: the variable must hold something.
      const exported = /^export (\w+)=\$\(/.exec(command);
      if (exported) {
        const value = /declare -x (\w+)="(.*)"/g;
        const saved = Object.fromEntries([...fs.readFileSync(state, 'utf8').matchAll(value)].map((m) => [m[1], m[2]]));
        expect(saved[exported[1]], line).toBeTruthy();
      }
      const created = /^Created workspace .* \(([0-9a-f-]{36})\)$/m.exec(stdout);
      if (created) ids.workspace = created[1];
      const connected = /^Connected .* \(([0-9a-f-]{36})\): /m.exec(stdout);
      if (connected && !ids.channel) ids.channel = connected[1];
      if (line.includes('plaza classify')) expect(JSON.parse(stdout)).toMatchObject({ lang: 'es', sentiment: 'negative' });
      if (line.includes('analytics overview')) expect(JSON.parse(stdout).current.kpis.length).toBeGreaterThan(0);
      // The README's workspace is Spanish: the CLI answers in its language (unless --lang or PLAZA_LANG says otherwise).
      if (line.includes('import posts')) expect(stdout).toContain('Importadas 2 publicación(es)');
      if (line.includes('export -w')) expect(JSON.parse(fs.readFileSync(path.join(workDir, 'cafe.json'), 'utf8')).posts).toHaveLength(3);
    }
    expect(ran.length).toBe(commands.length - Object.keys(NOT_RUN).length);
    expect(fs.readFileSync(state, 'utf8')).toMatch(/PLAZA_TOKEN="plz_/);
  }, 600_000);
});
