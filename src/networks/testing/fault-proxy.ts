/**
 * Test-only: a loopback HTTP proxy in front of a network's real local server (the PDS, the
 * Mastodon test server, the sandbox server) that injects the faults the server cannot produce
 * on demand: an answer with a given status and headers (401, 429 + Retry-After, 503), or a
 * request carried out by the server whose answer is lost (the connection drops after it).
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
  /** The next matching request reaches the server, which carries it out; its answer is then lost (connection reset). */
  loseNextAnswer(match: RequestMatch): void;
  /** Removes every fault. */
  clear(): void;
  /** Requests seen, in order (method and path). */
  seen: Array<{ method: string; path: string }>;
  close(): Promise<void>;
}

/** Starts a fault-injecting proxy on 127.0.0.1 in front of `upstream` (an http:// base URL). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let answers: Array<{ match: RequestMatch; status: number; headers: Record<string, string>; body: unknown }> = [];
  let lose: RequestMatch[] = [];
  const seen: Array<{ method: string; path: string }> = [];

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    seen.push({ method, path });
    const scripted = answers.find((a) => a.match(method, path));
    if (scripted) {
      req.resume();
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
      res.end(JSON.stringify(scripted.body ?? { error: `injected ${scripted.status}` }));
      return;
    }
    const loseIndex = lose.findIndex((match) => match(method, path));
    const dropAnswer = loseIndex !== -1;
    if (dropAnswer) lose.splice(loseIndex, 1);
    const headers = { ...req.headers, host: target.host };
    const forward = http.request({ host: target.hostname, port: target.port, method, path: req.url, headers }, (upstreamRes) => {
      if (dropAnswer) {
        // The server has done the work: read its whole answer, then cut the client off.
        upstreamRes.resume();
        upstreamRes.on('end', () => req.socket.destroy());
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
    answer(match, status, headers = {}, body) {
      answers.push({ match, status, headers, body });
    },
    loseNextAnswer(match) {
      lose.push(match);
    },
    clear() {
      answers = [];
      lose = [];
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
