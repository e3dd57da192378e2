/**
 * Web app benchmark: JavaScript shipped on first load (gzipped) and the month
 * calendar holding 1,000 posts, from navigation to usable, in headless Chromium.
 * Baselines in the same run: the same calendar with no posts, and the browser's own floor (a blank
 * page with one inline script, served by a bare HTTP server, measured the same way).
 *
 *   node bin/run-ts.mjs bench/web.ts [--json] [--runs=5] [--trace [--trace-empty]] [--baseline=<commit>] [--cpu] [--own-process]
 *
 * --own-process runs Plaza as `npm start` does, in a process of its own (bin/plaza.mjs start on a fresh
 * data folder); by default it runs inside this process, beside Playwright's client, as the e2e tests do.
 *
 * --baseline=<commit> also builds that commit's web app (git archive of web/ into a temporary folder,
 * built with this checkout's node_modules) and measures both builds in the same run, runs interleaved:
 * each build is served by an identical small static server that forwards /api to the same Plaza.
 *
 * --cpu also measures, in as many extra traced navigations of each calendar (and build), the CPU time of
 * the page's main thread from navigation start to usable: the work the page itself does, which other
 * processes on a busy machine inflate far less than the wall-clock times.
 *
 * --trace prints, for one extra navigation of the busy (or, with --trace-empty, the empty)
 * calendar: each request's start and end, Chromium's script/style/layout counters, and the
 * functions with the most self time in a CPU profile.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DateTime } from 'luxon';
import { WEB_DIST } from '../src/server/web.ts';
import { buildWeb } from '../bin/web-build.mjs';
import { launchBrowser, startE2EServer } from '../test/e2e/harness.ts';
import { freePort, healthy } from './lib/plaza-cli.ts';
import { stopProcess } from './lib/processes.ts';

const json = process.argv.includes('--json');
const trace = process.argv.includes('--trace');
const cpu = process.argv.includes('--cpu');
const baselineCommit = process.argv.find((a) => a.startsWith('--baseline='))?.split('=')[1];
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 5);
const ZONE = 'Europe/Madrid';
/** A post drawn on the calendar (Plaza's grid and, for a baseline build, FullCalendar's events both carry data-post-id). */
const POST_ON_GRID = '[data-testid="calendar"] [data-post-id]';

/** Gzipped size (level 9) of built files under web/dist, in KB. */
function gzipKb(files: string[], dist = WEB_DIST): number {
  const bytes = files.reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

/** The entry's JavaScript: what index.html loads before anything runs. */
function firstLoadJsGzipKb(dist = WEB_DIST): { kb: number; files: string[] } {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return { kb: gzipKb(files, dist), files };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Builds `commit`'s web app into a temporary folder (with this checkout's node_modules) and returns its dist. */
function buildBaseline(commit: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-baseline-'));
  const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'web', 'package-lock.json'], { cwd: repo, maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  fs.rmSync(path.join(root, 'web', 'dist'), { recursive: true, force: true });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  buildWeb(root, { quiet: true });
  return path.join(root, 'web', 'dist');
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A static server for one web build (index.html for app routes, cached an hour as Plaza does) that forwards /api to `api`. */
async function frontServer(dist: string, api: string): Promise<{ url: string; close(): void }> {
  const upstream = new URL(api);
  const front = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://front');
    if (url.pathname.startsWith('/api/')) {
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: request.url,
          method: request.method,
          headers: { ...request.headers, host: upstream.host },
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forward.on('error', () => response.destroy());
      // A stream the page held open (live events) must not outlive the page: Plaza's close waits for it.
      response.on('close', () => forward.destroy());
      request.pipe(forward);
      return;
    }
    const file = path.join(dist, path.normalize(url.pathname));
    const found = file.startsWith(dist) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(dist, 'index.html');
    response.writeHead(200, {
      'content-type': TYPES[path.extname(found)] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=3600',
    });
    response.end(fs.readFileSync(found));
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(front.address() as import('node:net').AddressInfo).port}`,
    // Kept-alive sockets would hold the process open after the results are printed.
    close: () => {
      front.closeAllConnections();
      front.close();
    },
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; frame?: string; functionName?: string; documentLoaderURL?: string } };
}

/** What the renderer's main thread did from navigation start: long tasks in order, and time by kind of work. */
function mainThreadSummary(events: TraceEvent[]): string {
  const main = events.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'ParseHTML'),
  );
  if (!main) return 'no renderer main thread in the trace';
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const start = events.find((e) => e.name === 'navigationStart' && e.pid === main.pid)?.ts ?? Math.min(...onMain.map((e) => e.ts));
  const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) >= 3000 && e.ts >= start);
  const lines = tasks.map((task) => {
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0));
    const kinds = new Map<string, number>();
    // Top-level work inside the task: events not nested in another event of the task.
    for (const e of inside) {
      const nested = inside.some(
        (o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0),
      );
      if (nested) continue;
      const url = e.args?.data?.url?.split('/').pop();
      const key = url ? `${e.name}(${url})` : e.name;
      kinds.set(key, (kinds.get(key) ?? 0) + (e.dur ?? 0) / 1000);
    }
    const parts = [...kinds]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`);
    return `  ${((task.ts - start) / 1000).toFixed(0)}–${((task.ts + (task.dur ?? 0) - start) / 1000).toFixed(0)} ms task ${((task.dur ?? 0) / 1000).toFixed(1)} ms: ${parts.join(', ')}`;
  });
  const byKind = new Map<string, number>();
  for (const e of onMain) {
    if (
      e.ts < start ||
      ![
        'EvaluateScript',
        'v8.compile',
        'v8.compileModule',
        'v8.evaluateModule',
        'FunctionCall',
        'ParseHTML',
        'ParseAuthorStyleSheet',
        'UpdateLayoutTree',
        'Layout',
        'Paint',
        'PrePaint',
        'Layerize',
        'RunMicrotasks',
        'V8.GCScavenger',
        'MajorGC',
        'MinorGC',
        'HitTest',
      ].includes(e.name)
    )
      continue;
    byKind.set(e.name, (byKind.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  return [
    'Main thread tasks of 3 ms or more (from navigation start):',
    ...lines,
    'Main thread time by kind (nested kinds counted in each):',
    ...[...byKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${v.toFixed(1)} ms  ${k}`),
  ].join('\n');
}

/** CPU time (thread time, ms) of the renderer main thread that loaded the last /calendar navigation, from its start. */
function mainThreadCpuMs(events: Array<TraceEvent & { tdur?: number }>): number {
  const start = events
    .filter(
      (e) => e.name === 'navigationStart' && (e.args?.data as { documentLoaderURL?: string })?.documentLoaderURL?.includes('/calendar'),
    )
    .at(-1);
  if (!start) throw new Error('no calendar navigation in the trace');
  const tasks = events.filter(
    (e) => e.pid === start.pid && e.tid === start.tid && e.name === 'RunTask' && e.ph === 'X' && e.ts >= start.ts,
  );
  return tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
}

/** Plaza as `npm start` runs it: its own process, on the embedded database in a fresh data folder. */
async function startPlazaProcess(): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-web-'));
  const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const child = spawn(process.execPath, [path.join(repo, 'bin/plaza.mjs'), 'start'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await healthy(port)); i++) {
    if (child.exitCode !== null || i > 600) throw new Error('Plaza did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    close: async () => {
      await stopProcess(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const baselineDist = baselineCommit ? buildBaseline(baselineCommit) : null;
const server = process.argv.includes('--own-process') ? await startPlazaProcess() : await startE2EServer();
const browser = await launchBrowser();
try {
  const { kb, files } = firstLoadJsGzipKb();
  const response = await fetch(`${server.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.test', name: 'Bench', password: 'correct horse battery' }),
  });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  const token = (
    (await (
      await fetch(`${server.url}/api/v1/me/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: 'bench' }),
      })
    ).json()) as { token: string }
  ).token;
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const full = await call<{ id: string }>('POST', '/workspaces', { name: 'Busy brand', timeZone: ZONE, language: 'en' });
  const empty = await call<{ id: string }>('POST', '/workspaces', { name: 'Empty brand', timeZone: ZONE, language: 'en' });
  const channels: string[] = [];
  for (const handle of ['benchone', 'benchtwo', 'benchthree']) {
    channels.push(
      (
        await call<{ id: string }>('POST', `/workspaces/${full.id}/channels`, {
          network: 'sandbox',
          name: handle,
          fields: { handle, token: `t-${handle}` },
        })
      ).id,
    );
  }
  // 1,000 dated drafts spread over this month (in the brand's zone).
  const monthStart = DateTime.now().setZone(ZONE).startOf('month');
  const days = monthStart.daysInMonth ?? 28;
  const posts = Array.from({ length: 1000 }, (_, i) => ({
    content: `Post ${i + 1}: what our customers ask most this week`,
    channels: [{ channelId: channels[i % channels.length] }],
    scheduledAt: monthStart.plus({ days: i % days, hours: 8 + (i % 12), minutes: (i * 7) % 60 }).toISO(),
    action: 'draft',
  }));
  await call('POST', `/workspaces/${full.id}/posts/bulk`, { posts });

  const context = await browser.newContext({ timezoneId: ZONE, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.evaluate(async () => {
    await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.test', password: 'correct horse battery' }),
    });
  });

  // With a baseline, both builds are served the same way (see frontServer), each on its own origin.
  const fronts = baselineDist
    ? { current: await frontServer(WEB_DIST, server.url), baseline: await frontServer(baselineDist, server.url) }
    : null;
  const appOrigin = fronts?.current.url ?? server.url;

  /** Navigation start to the calendar showing its posts (data loaded, events rendered), in ms. */
  const measure = async (workspaceId: string, expectEvents: boolean, origin = appOrigin): Promise<number> => {
    // The remembered workspace lives in the origin's storage (the session cookie is the same for every port).
    if (new URL(page.url()).origin !== origin) await page.goto(`${origin}/api/v1/me`);
    await page.evaluate((id) => localStorage.setItem('plaza.workspace', id), workspaceId);
    await page.goto(`${origin}/calendar`, { waitUntil: 'commit' });
    await page.locator('[data-testid="calendar"][data-ready="true"]').waitFor({ timeout: 30_000 });
    if (expectEvents)
      await page
        .locator(POST_ON_GRID)
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(async (error) => {
          // What the page showed instead, for whoever reads the failure.
          await page.screenshot({ path: path.join(os.tmpdir(), 'plaza-bench-web-failure.png') });
          throw error;
        });
    // Usable: the main thread is free again after rendering (next animation frame).
    return page.evaluate(
      () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))),
    );
  };

  if (fronts) await measure(full.id, true, fronts.baseline.url); // warm-up of the baseline build
  await measure(full.id, true); // warm-up (browser cache, server JIT)
  if (trace) {
    // Where the time goes: each resource's start and end, and the paint marks, since navigation start.
    await measure(process.argv.includes('--trace-empty') ? empty.id : full.id, !process.argv.includes('--trace-empty'));
    const timeline = await page.evaluate(() => [
      ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
        (e) => `${Math.round(e.startTime)}–${Math.round(e.responseEnd)} ms  ${e.name.replace(location.origin, '')}`,
      ),
      ...performance.getEntriesByType('paint').map((e) => `${Math.round(e.startTime)} ms  ${e.name}`),
      ...performance.getEntriesByType('mark').map((e) => `${Math.round(e.startTime)} ms  mark ${e.name}`),
      `${Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd)} ms  DOMContentLoaded`,
      `${Math.round(performance.now())} ms  usable`,
    ]);
    console.log(timeline.join('\n'));
    // Main-thread time by kind (script, style, layout) for one navigation, from Chromium's counters.
    const metricsSession = await context.newCDPSession(page);
    await metricsSession.send('Performance.enable');
    const counters = async () =>
      Object.fromEntries(
        ((await metricsSession.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }).metrics.map((m) => [
          m.name,
          m.value,
        ]),
      );
    const before = await counters();
    await measure(process.argv.includes('--trace-empty') ? empty.id : full.id, !process.argv.includes('--trace-empty'));
    const after = await counters();
    console.log(
      ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration', 'RecalcStyleCount', 'LayoutCount', 'Nodes']
        .map(
          (name) =>
            `${name}: ${name.endsWith('Duration') ? `${Math.round((after[name] - before[name]) * 1000)} ms` : after[name] - (name === 'Nodes' ? 0 : before[name])}`,
        )
        .join('\n'),
    );
    // CPU profile of one more navigation: self time per function, heaviest first.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await measure(process.argv.includes('--trace-empty') ? empty.id : full.id, !process.argv.includes('--trace-empty'));
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: {
        nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
        samples: number[];
        timeDeltas: number[];
      };
    };
    fs.writeFileSync(path.join(os.tmpdir(), 'plaza-bench-web.cpuprofile'), JSON.stringify(profile));
    const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const frame = byNode.get(id)!.callFrame;
      const key = `${frame.functionName || '(anon)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([k, v]) => `${v.toFixed(1)} ms  ${k}`)
        .join('\n'),
    );
    // The renderer's main thread in one more navigation (Chromium trace): each task of 3 ms or more
    // from navigation start, and the time by kind of work (script, compile, style, layout, paint).
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'loading'],
    });
    await measure(process.argv.includes('--trace-empty') ? empty.id : full.id, !process.argv.includes('--trace-empty'));
    const traceText = (await browser.stopTracing()).toString();
    fs.writeFileSync(path.join(os.tmpdir(), 'plaza-bench-web-trace.json'), traceText);
    const events = (JSON.parse(traceText) as { traceEvents: TraceEvent[] }).traceEvents;
    console.log(mainThreadSummary(events));
  }
  // Every script the busy calendar's screen loaded (entry and the chunks it fetched), for comparison.
  const screenScripts = await page.evaluate(() =>
    [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname))].filter((name) => name.endsWith('.js')),
  );
  const screenKb = gzipKb(screenScripts);
  const eventsShown = await page.evaluate(
    () => document.querySelectorAll('[data-testid="calendar"] [data-post-id], .plaza-cal-more, .more-posts').length,
  );
  // The floor: what this browser on this machine needs for any page, from navigation to usable.
  const blank = http.createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>blank</title><body><script>document.body.dataset.ready = "true"</script></body>');
  });
  await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
  const blankUrl = `http://127.0.0.1:${(blank.address() as import('node:net').AddressInfo).port}/`;
  const measureBlank = async (): Promise<number> => {
    await page.goto(blankUrl, { waitUntil: 'commit' });
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    return page.evaluate(
      () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))),
    );
  };
  const busy: number[] = [];
  const baseline: number[] = [];
  const floor: number[] = [];
  const before = { busy: [] as number[], empty: [] as number[] };
  for (let i = 0; i < runs; i++) {
    busy.push(await measure(full.id, true));
    baseline.push(await measure(empty.id, false));
    if (fronts) {
      before.busy.push(await measure(full.id, true, fronts.baseline.url));
      before.empty.push(await measure(empty.id, false, fronts.baseline.url));
    }
  }
  // Main-thread CPU time: one traced navigation at a time, builds interleaved as above.
  const cpuTimes = { busy: [] as number[], empty: [] as number[], beforeBusy: [] as number[], beforeEmpty: [] as number[] };
  const traced = async (workspaceId: string, expectEvents: boolean, origin = appOrigin): Promise<number> => {
    // Off the trace: the hop to the origin that measure() makes when the last page was another one.
    if (new URL(page.url()).origin !== origin) await page.goto(`${origin}/api/v1/me`);
    await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'] });
    await measure(workspaceId, expectEvents, origin);
    return mainThreadCpuMs((JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents);
  };
  for (let i = 0; cpu && i < runs; i++) {
    cpuTimes.busy.push(await traced(full.id, true));
    cpuTimes.empty.push(await traced(empty.id, false));
    if (fronts) {
      cpuTimes.beforeBusy.push(await traced(full.id, true, fronts.baseline.url));
      cpuTimes.beforeEmpty.push(await traced(empty.id, false, fronts.baseline.url));
    }
  }
  fronts?.current.close();
  fronts?.baseline.close();
  // Last: the blank page is another origin, where the app's remembered workspace cannot be set.
  for (let i = 0; i < runs; i++) floor.push(await measureBlank());
  blank.closeAllConnections();
  blank.close();
  const result = {
    first_load_js_gz_kb: kb,
    calendar_1000_ms: Math.round(median(busy)),
    calendar_empty_ms: Math.round(median(baseline)),
    blank_page_ms: Math.round(median(floor)),
    calendar_screen_js_gz_kb: screenKb,
    runs,
    ...(cpu ? { calendar_1000_cpu_ms: Math.round(median(cpuTimes.busy)), calendar_empty_cpu_ms: Math.round(median(cpuTimes.empty)) } : {}),
    ...(cpu && baselineDist
      ? {
          baseline_calendar_1000_cpu_ms: Math.round(median(cpuTimes.beforeBusy)),
          baseline_calendar_empty_cpu_ms: Math.round(median(cpuTimes.beforeEmpty)),
        }
      : {}),
    ...(baselineDist
      ? {
          baseline_commit: baselineCommit,
          baseline_first_load_js_gz_kb: firstLoadJsGzipKb(baselineDist).kb,
          baseline_calendar_1000_ms: Math.round(median(before.busy)),
          baseline_calendar_empty_ms: Math.round(median(before.empty)),
        }
      : {}),
  };

  console.log('Web app benchmark (headless Chromium, embedded database)');
  console.log(`  first-load JS (${files.length} files, gzip -9): ${kb} KB   goal ≤ 150 KB`);
  console.log(`  all JS of the calendar's first screen (${screenScripts.length} files, gzip -9): ${screenKb} KB`);
  console.log(
    `  month calendar, 1,000 posts, navigation → usable: median ${result.calendar_1000_ms} ms of ${runs} (${busy.map(Math.round).join(', ')})   goal ≤ 300 ms`,
  );
  console.log(`  baseline, same calendar with no posts: median ${result.calendar_empty_ms} ms (${baseline.map(Math.round).join(', ')})`);
  console.log(`  browser floor, a blank page: median ${result.blank_page_ms} ms (${floor.map(Math.round).join(', ')})`);
  console.log(`  month cells rendered: ${eventsShown} event and "+more" elements`);
  const list = (values: number[]) => values.map(Math.round).join(', ');
  if (cpu) {
    console.log(
      `  main-thread CPU, navigation → usable (traced runs): 1,000 posts median ${result.calendar_1000_cpu_ms} ms (${list(cpuTimes.busy)})`,
    );
    console.log(`    no posts median ${result.calendar_empty_cpu_ms} ms (${list(cpuTimes.empty)})`);
  }
  if (baselineDist) {
    console.log(`  baseline ${baselineCommit} (same run, interleaved; both builds behind the same static server):`);
    console.log(`    first-load JS: ${result.baseline_first_load_js_gz_kb} KB`);
    console.log(
      `    month calendar, 1,000 posts: median ${result.baseline_calendar_1000_ms} ms (${before.busy.map(Math.round).join(', ')})`,
    );
    console.log(
      `    same calendar with no posts: median ${result.baseline_calendar_empty_ms} ms (${before.empty.map(Math.round).join(', ')})`,
    );
    if (cpu)
      console.log(
        `    main-thread CPU: 1,000 posts median ${result.baseline_calendar_1000_cpu_ms} ms (${list(cpuTimes.beforeBusy)}), no posts median ${result.baseline_calendar_empty_cpu_ms} ms (${list(cpuTimes.beforeEmpty)})`,
      );
  }
  if (json) console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
}
