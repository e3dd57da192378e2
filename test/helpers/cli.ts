import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { type PlazaRuntime, startPlaza } from '../../src/server/runtime.ts';
import { seedDataDir } from './db.ts';

const run = promisify(execFile);

/** What one run of the `plaza` binary printed, and how it exited. */
export type PlazaRun = { code: number; stdout: string; stderr: string };

/** Runs the real `plaza` binary with extra environment; a failing command gives its exit code, never a throw. */
export async function plaza(env: Record<string, string>, ...args: string[]): Promise<PlazaRun> {
  return runPlaza(env, args);
}

/** Like {@link plaza}, as another OS user (`uid`, the same gid; needs root) when `asUser` is given. */
export async function plazaAs(asUser: number | undefined, env: Record<string, string>, ...args: string[]): Promise<PlazaRun> {
  return runPlaza(env, args, asUser);
}

async function runPlaza(env: Record<string, string>, args: string[], asUser?: number): Promise<PlazaRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/plaza.mjs', ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
      ...(asUser !== undefined && { uid: asUser, gid: asUser }),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A fresh data folder for CLI tests and the environment that points Plaza at it. */
export interface CliDataDir {
  dataDir: string;
  /** DATA_DIR, silent logs, a master secret, and whatever `extra` added. */
  env: Record<string, string>;
  remove(): void;
}

/** Makes a temporary data folder (`plaza-<prefix>-…`) with the base environment the CLI tests share. */
export function cliDataDir(prefix: string, secret: string, extra: Record<string, string> = {}): CliDataDir {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `plaza-${prefix}-`));
  seedDataDir(dataDir);
  return {
    dataDir,
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PLAZA_SECRET: secret, ...extra },
    remove: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Starts Plaza in this process on a free loopback port with `env`; gives the runtime and its base URL. */
export async function startPlazaServer(
  env: Record<string, string>,
  options: Omit<NonNullable<Parameters<typeof startPlaza>[0]>, 'config' | 'logger'>,
): Promise<{ runtime: PlazaRuntime; url: string }> {
  const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' } as NodeJS.ProcessEnv);
  const runtime = await startPlaza({ config, logger: pino({ level: 'silent' }), ...options });
  const address = runtime.app?.server.address() as { port: number } | null;
  if (!address) throw new Error('startPlazaServer: the web service did not start (add "web" to services)');
  return { runtime, url: `http://127.0.0.1:${address.port}` };
}

/** A running Plaza (web only) and what the CLI needs to talk to it: a user's token, a workspace and a sandbox channel. */
export interface CliWorkspace {
  /** PLAZA_URL and PLAZA_TOKEN set, for `plaza(env, …)`. */
  env: Record<string, string>;
  /** The Plaza the CLI talks to, for tests that drive its jobs directly. */
  runtime: PlazaRuntime;
  workspaceId: string;
  channelId: string;
  /** Runs `plaza --json …`, expects exit 0 and parses what it printed. */
  json(...args: string[]): Promise<any>;
  close(): Promise<void>;
}

/**
 * The set-up the CLI tests of one area share; `name` names the data folder and makes the secret and
 * e-mail unique. The user (`userName`, default `name`) and token are made in-process (the CLI's own user commands have their
 * tests); the workspace and the sandbox channel (`handle`, default `cafe`) go through the binary.
 */
export async function cliWorkspace(name: string, options: { handle?: string; userName?: string } = {}): Promise<CliWorkspace> {
  const folder = cliDataDir(name, `${name}-secret-`.padEnd(40, '0'));
  const server = await startPlazaServer(folder.env, { services: ['web'] });
  const { createUser } = await import('../../src/modules/accounts/commands/users.ts');
  const { accountsRepository } = await import('../../src/modules/accounts/repository.ts');
  const user = await createUser(server.runtime.ctx, {
    email: `${name}@example.com`,
    name: options.userName ?? name,
    password: 'una clave larga',
  });
  const token = (await accountsRepository.createApiToken(server.runtime.ctx.database.db, user.id, 'cli')).token;
  const env = { ...folder.env, PLAZA_URL: server.url, PLAZA_TOKEN: token };
  const json = async (...args: string[]) => {
    const result = await plaza(env, '--json', ...args);
    if (result.code !== 0) throw new Error(`plaza ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };
  const workspaceId = (await json('workspace', 'create', '--name', 'Café', '--tz', 'Europe/Madrid', '--lang', 'es')).id;
  const handle = options.handle ?? 'cafe';
  const channelId = (
    await json('channel', 'add', '-w', workspaceId, '--network', 'sandbox', '--name', 'S', '-f', `handle=${handle}`, '-f', 'token=t')
  ).id;
  return {
    env,
    runtime: server.runtime,
    workspaceId,
    channelId,
    json,
    async close() {
      await server.runtime.stop();
      folder.remove();
    },
  };
}
