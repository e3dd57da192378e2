/**
 * Test-only: a loopback HTTP proxy in front of a network's real local server (the PDS, the
 * Mastodon test server, the sandbox server) that injects the faults the server cannot produce
 * on demand: an answer with a given status and headers (401, 429 + Retry-After, 503), or a
 * request carried out by the server whose answer is lost (the connection drops after it).
 * `chaos()` does the same at random rates (benchmarks: 5% 5xx, 2% timeouts after acceptance).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which requests a fault applies to. */
export type RequestMatch = (method: string, path: string) => boolean;

export interface FaultProxy {
  /** Base URL of the proxy: `http://127.0.0.1:<port>`. */
  url: string;
  /** Every matching request is answered with this status (and headers), without reaching the server, until `clear()`. */
  answer(match: RequestMatch, status: number, headers?: Record<string, string>, body?: unknown): void;
  /** The next `times` matching requests are answered with this status, without reaching the server. */
  answerNext(match: RequestMatch, status: number, times?: number, headers?: Record<string, string>, body?: unknown): void;
  /** The next matching request reaches the server, which carries it out; its answer is then lost (connection reset). */
  loseNextAnswer(match: RequestMatch): void;
  /**
   * Random faults on the requests `match` picks out, drawn from a seeded generator: a share
   * answered with a 5xx without reaching the server, and a share carried out by the server whose
   * answer never comes (the connection hangs `hangMs`, then drops: a timeout after acceptance).
   */
  chaos(options: ChaosOptions): void;
  /** What chaos did so far. */
  chaosCounts: { error5xx: number; lostAnswers: number };
  /** Removes every fault. */
  clear(): void;
  /** Requests seen, in order (method and path). */
  seen: Array<{ method: string; path: string }>;
  close(): Promise<void>;
}

export interface ChaosOptions {
  match: RequestMatch;
  /** Share of matching requests answered 503 (0–1). */
  rate5xx: number;
  /** Share of matching requests carried out whose answer is lost (0–1). */
  lostAnswerRate: number;
  /** How long a lost answer keeps the connection open before dropping it (a client timeout). */
  hangMs?: number;
  seed?: number;
}

/** mulberry32: a small seeded generator, so a benchmark's faults are the same run after run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts a fault-injecting proxy on 127.0.0.1 in front of `upstream` (an http:// base URL). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let answers: Array<{ match: RequestMatch; status: number; headers: Record<string, string>; body: unknown; times?: number }> = [];
  let lose: RequestMatch[] = [];
  let chaos: (ChaosOptions & { random: () => number }) | undefined;
  const chaosCounts = { error5xx: 0, lostAnswers: 0 };
  const seen: Array<{ method: string; path: string }> = [];

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    seen.push({ method, path });
    const scripted = answers.find((a) => a.match(method, path));
    if (scripted) {
      if (scripted.times !== undefined && --scripted.times <= 0) answers = answers.filter((a) => a !== scripted);
      req.resume();
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
      res.end(JSON.stringify(scripted.body ?? { error: `injected ${scripted.status}` }));
      return;
    }
    let hangMs = 0;
    let chaosLost = false;
    if (chaos?.match(method, path)) {
      const draw = chaos.random();
      if (draw < chaos.rate5xx) {
        chaosCounts.error5xx += 1;
        req.resume();
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'injected 503' }));
        return;
      }
      if (draw < chaos.rate5xx + chaos.lostAnswerRate) {
        chaosCounts.lostAnswers += 1;
        chaosLost = true;
        hangMs = chaos.hangMs ?? 0;
      }
    }
    const loseIndex = chaosLost ? -1 : lose.findIndex((match) => match(method, path));
    const dropAnswer = chaosLost || loseIndex !== -1;
    if (loseIndex !== -1) lose.splice(loseIndex, 1);
    const headers = { ...req.headers, host: target.host };
    const forward = http.request({ host: target.hostname, port: target.port, method, path: req.url, headers }, (upstreamRes) => {
      if (dropAnswer) {
        // The server has done the work: read its whole answer, then cut the client off.
        upstreamRes.resume();
        upstreamRes.on('end', () => {
          if (hangMs > 0) setTimeout(() => req.socket.destroy(), hangMs).unref();
          else req.socket.destroy();
        });
        return;
      }
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    });
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    chaosCounts,
    chaos(options) {
      chaos = { ...options, random: seeded(options.seed ?? 1) };
    },
    answer(match, status, headers = {}, body) {
      answers.push({ match, status, headers, body });
    },
    answerNext(match, status, times = 1, headers = {}, body) {
      answers.push({ match, status, headers, body, times });
    },
    loseNextAnswer(match) {
      lose.push(match);
    },
    clear() {
      answers = [];
      lose = [];
      chaos = undefined;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
