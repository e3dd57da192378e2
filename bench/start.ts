/**
 * Start-up and CLI benchmark, medians of N runs:
 * - `start_ms`: `plaza start` (what `npm start` runs) until `GET /api/health` answers 200, on the
 *   embedded database, after the first run (goal ≤ 3 s); the first start in a fresh data folder
 *   (migrations, secret key) is reported apart;
 * - `cli_help_ms`: `plaza --help` (goal ≤ 0.5 s with npx; `npx_help_ms` measures `npx plaza --help`,
 *   and `npx_floor_ms` npx running a command that does nothing: what npm itself costs here);
 * - `cli_command_ms`: `plaza workspace list` against the running Plaza with an API token (goal ≤ 1 s).
 *
 *   node bin/run-ts.mjs bench/start.ts [--runs N] [--json] [--root <checkout>]
 *
 * `--root` measures another checkout of Plaza (with its own node_modules) the same way, e.g. an
 * older commit, to compare on the same machine in the same session.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, healthy, runPlaza } from './lib/plaza-cli.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
const rootArg = args.indexOf('--root');
const root = rootArg >= 0 ? path.resolve(args[rootArg + 1]) : path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = path.join(root, 'bin/plaza.mjs');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds one run of a command takes, from spawn to exit; it must succeed. */
function timeCommand(file: string, argv: string[], env: Record<string, string> = {}, cwd = root): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile(file, argv, { cwd, env: { ...process.env, ...env } }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${argv.join(' ')}: ${stderr || error.message}`)) : resolve(performance.now() - started),
    ),
  );
}

const plaza = (env: Record<string, string>, ...argv: string[]) => runPlaza(root, env, ...argv);

/** Starts Plaza, returns milliseconds until healthy, then stops it with SIGTERM and waits for the exit. */
async function timeOneStart(dataDir: string, whileRunning?: (url: string) => Promise<void>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ms = -1;
  while (ms < 0) {
    if (child.exitCode !== null) throw new Error(`plaza start exited with ${child.exitCode}`);
    if (await healthy(port)) ms = performance.now() - started;
    else await new Promise((resolve) => setTimeout(resolve, 25));
  }
  try {
    await whileRunning?.(`http://127.0.0.1:${port}`);
  } finally {
    child.kill('SIGTERM');
  }
  await exited;
  return ms;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-start-'));
try {
  // A command once first: it builds dist/ when a source is newer (what `npm install` did).
  await timeCommand(process.execPath, [bin, '--help']);
  const help: number[] = [];
  for (let i = 0; i < RUNS; i++) help.push(await timeCommand(process.execPath, [bin, '--help']));
  // npm's own cost: npx running a command that does nothing, from a project's node_modules/.bin,
  // interleaved with `npx plaza --help` so both see the same machine.
  const floorProject = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-npx-floor-'));
  fs.mkdirSync(path.join(floorProject, 'node_modules/.bin'), { recursive: true });
  fs.writeFileSync(path.join(floorProject, 'package.json'), '{ "name": "npx-floor" }\n');
  fs.writeFileSync(path.join(floorProject, 'node_modules/.bin/nothing'), '#!/bin/sh\n', { mode: 0o755 });
  const npxHelp: number[] = [];
  const npxFloor: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    npxFloor.push(await timeCommand('npx', ['nothing'], {}, floorProject));
    npxHelp.push(await timeCommand('npx', ['plaza', '--help']));
  }
  fs.rmSync(floorProject, { recursive: true, force: true });

  // On stderr as soon as measured, so a start that fails later (a very busy machine) still leaves them.
  process.stderr.write(`cli_help_ms runs ${help.map(Math.round).join(', ')}; npx_help_ms runs ${npxHelp.map(Math.round).join(', ')}\n`);
  const command: number[] = [];
  const first = await timeOneStart(dataDir, async (url) => {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    await plaza(env, 'user', 'create', '--email', 'bench@example.com', '--name', 'Bench', '--password', 'una clave larga de prueba');
    const token = (await plaza(env, 'token', 'create', '--email', 'bench@example.com')).trim();
    const api = { PLAZA_URL: url, PLAZA_TOKEN: token };
    await plaza(api, 'workspace', 'create', '--name', 'Bench', '--tz', 'Europe/Madrid');
    for (let i = 0; i < RUNS; i++) command.push(await timeCommand(process.execPath, [bin, '--json', 'workspace', 'list'], api));
  });
  process.stderr.write(`cli_command_ms runs ${command.map(Math.round).join(', ')}; first_start_ms ${Math.round(first)}\n`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    times.push(await timeOneStart(dataDir));
    process.stderr.write(`start_ms run ${Math.round(times[i])}\n`);
  }
  const load = os.loadavg()[0];
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  if (!json) {
    console.log(`plaza --help: ${help.map(s).join(', ')}; median ${s(median(help))} (goal ≤ 0.5 s with npx)`);
    console.log(`npx plaza --help: ${npxHelp.map(s).join(', ')}; median ${s(median(npxHelp))}`);
    console.log(`npx of a command that does nothing (npm's own floor): ${npxFloor.map(s).join(', ')}; median ${s(median(npxFloor))}`);
    console.log(`plaza workspace list (running server): ${command.map(s).join(', ')}; median ${s(median(command))} (goal ≤ 1 s)`);
    console.log(`first start (fresh data folder): ${s(first)}`);
    console.log(`later starts: ${times.map(s).join(', ')}; median ${s(median(times))} (goal ≤ 3 s)`);
    console.log(`load average ${load.toFixed(2)} on ${os.cpus().length} cores`);
  }
  console.log(
    JSON.stringify({
      cli_help_ms: Math.round(median(help)),
      npx_help_ms: Math.round(median(npxHelp)),
      npx_floor_ms: Math.round(median(npxFloor)),
      cli_command_ms: Math.round(median(command)),
      start_ms: Math.round(median(times)),
      start_ms_median: Math.round(median(times)),
      first_start_ms: Math.round(first),
      start_ms_runs: times.map(Math.round),
      runs: RUNS,
      load_average_1m: load,
    }),
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
