import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { accountsRepository } from '../../src/modules/accounts/repository.ts';
import { ensureWebBuilt } from '../../src/cli/build-web.ts';
import { loadConfig } from '../../src/config.ts';
import { startPlaza, type PlazaRuntime } from '../../src/server/runtime.ts';
import { seedDataDir } from '../helpers/db.ts';

/** Debian's Chromium, with the flags that keep it quiet and offline. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** A Plaza process (web + worker + scheduler) on a free loopback port with an empty embedded database. */
export interface E2EServer {
  runtime: PlazaRuntime;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Builds the web app if its sources changed, then starts Plaza in this process. */
export async function startE2EServer(): Promise<E2EServer> {
  await ensureWebBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-e2e-'));
  seedDataDir(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const runtime = await startPlaza({ config, engine: { pollMs: 100, lookaheadMs: 2_000, baseBackoffMs: 200, maxAttempts: 2 } });
  const url = runtime.url!.replace('0.0.0.0', '127.0.0.1');
  return {
    runtime,
    url,
    dataDir,
    close: async () => {
      await runtime.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Makes the next page load open in `language` on `workspaceId` (what the header's pickers remember). */
export function chooseWorkspace(page: Page, language: 'es' | 'en', workspaceId: string): Promise<void> {
  return page.evaluate(
    ([lang, id]) => {
      localStorage.setItem('plaza.lang', lang);
      localStorage.setItem('plaza.workspace', id);
    },
    [language, workspaceId],
  );
}

/** Launches headless Chromium (Debian's package). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Where page screenshots for the README go. */
export const SCREENSHOT_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../docs/screenshots');

/** A JSON caller for the test server's API with a Bearer token read at call time (set after sign-up). */
export function apiCaller(server: () => E2EServer, token: () => string) {
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server().url}/api/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${token()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}

/** Signs the owner up through the API and returns a personal API token for test set-up calls. */
export async function signUpOwner(server: E2EServer, owner: { email: string; name: string; password: string }): Promise<string> {
  const signup = await fetch(`${server.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (signup.status >= 300) throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
  const db = server.runtime.ctx.database.db;
  const user = await db.selectFrom('users').select('id').where('email', '=', owner.email).executeTakeFirstOrThrow();
  return (await accountsRepository.createApiToken(db, user.id, 'e2e')).token;
}

/** Signs in from inside the page (sets the session cookie as the web app would); returns the HTTP status. */
export function signInPage(page: Page, email: string, password: string): Promise<number> {
  return page.evaluate(
    async ([e, p]) =>
      (
        await fetch('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: e, password: p }),
        })
      ).status,
    [email, password] as const,
  );
}

/** What `webSession` gives a test file: one Plaza, one Chromium, the owner's token and page helpers. */
export interface WebSession {
  server: E2EServer;
  browser: Browser;
  /** The owner's API token (for set-up calls through `api`). */
  token: string;
  api: <T>(method: string, url: string, body?: unknown) => Promise<T>;
  /** A fresh browser context in `language`, signed in as the owner, on the home page. */
  openPage(language: 'es' | 'en', viewport?: { width: number; height: number }): Promise<Page>;
  /** Fails on any i18n key the page asked for and did not find, then saves docs/screenshots/<prefix>-<name>.png. */
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * The set-up most web tests share: Plaza and Chromium started, the owner signed up. Call it in
 * `beforeAll` and `close()` in `afterAll`.
 */
export async function webSession(options: {
  owner: { email: string; name: string; password: string };
  screenshotPrefix: string;
}): Promise<WebSession> {
  const [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  const token = await signUpOwner(server, options.owner);
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    token,
    api: apiCaller(
      () => server,
      () => token,
    ),
    async openPage(language, viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ locale: language === 'es' ? 'es-ES' : 'en-US', viewport });
      contexts.push(context);
      await context.addInitScript((lang) => localStorage.setItem('plaza.lang', lang), language);
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      const status = await signInPage(page, options.owner.email, options.owner.password);
      if (status !== 200) throw new Error(`signing in from the page answered ${status}`);
      return page;
    },
    async shot(page, name, fullPage = false) {
      await page.waitForLoadState('networkidle');
      const missing = await page.evaluate(() => (window as unknown as { __plazaMissingKeys?: string[] }).__plazaMissingKeys ?? []);
      if (missing.length) throw new Error(`missing i18n keys at ${name}: ${missing.join(', ')}`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${options.screenshotPrefix}-${name}.png`), fullPage });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
