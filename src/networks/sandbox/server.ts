/**
 * The sandbox network over HTTP (Fastify), for demos and for load and chaos
 * tests of the publishing engine through a real network stack. Loopback only.
 */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { MAX_ENGAGERS_PER_POST } from '../types.ts';
import * as api from './api.ts';
import { SandboxNetwork } from './simulator.ts';
import { RateMonitor, type RateMonitorOptions } from './rate-monitor.ts';

export interface SandboxServerOptions {
  /** Interface to bind; defaults to 127.0.0.1. */
  host?: string;
  /** Port to bind; 0 or absent picks a free one. */
  port?: number;
  /** The network to serve; a new default one when absent. */
  network?: SandboxNetwork;
  /** The posting limit the server checks per account (default: the sandbox adapter's declared limit). */
  rateLimit?: RateMonitorOptions;
}

export interface SandboxServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  network: SandboxNetwork;
  /** Posts each account got above its posting limit, counted from acceptance times. */
  rates: RateMonitor;
  /** Drops every held ("timeout after accept") call, then stops the server. */
  close(): Promise<void>;
}

type HandleParams = { handle: string };
type PostParams = { id: string };

function callerOf(request: FastifyRequest): api.ApiCaller {
  const key = request.headers['idempotency-key'];
  const deadline = Number(request.headers['x-sandbox-deadline']);
  const socket = request.raw.socket;
  return {
    // The client's FIN marks the socket's readable side ended at once; the
    // response is only marked destroyed a loop turn later, too late to rely on.
    abandoned: () => socket.readableEnded || socket.destroyed,
    ...(Number.isFinite(deadline) && deadline > 0 ? { deadline } : {}),
    ...(request.headers.authorization !== undefined ? { authorization: request.headers.authorization } : {}),
    ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
  };
}

/**
 * Starts the sandbox HTTP API. Routes: POST/GET /api/accounts/:handle/posts,
 * GET/DELETE /api/posts/:id, GET /api/posts/:id/engagers, GET /api/accounts/:handle, GET
 * /api/accounts/:handle/mentions, POST /api/accounts/:handle/configure, GET
 * /api/record, GET /api/rate-violations, POST /api/chaos, POST /api/tokens/revoke, POST /api/reset, GET /api/health.
 */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const network = options.network ?? new SandboxNetwork();
  const heldCalls = new Set<() => void>();
  const rates = new RateMonitor(options.rateLimit);
  const app = Fastify({
    logger: false,
    // Held calls must not keep close() waiting; idle keep-alive sockets neither.
    forceCloseConnections: true,
    keepAliveTimeout: 65_000,
    requestTimeout: 0,
    connectionTimeout: 0,
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    void reply.code(status).send({ error: { code: error.code ?? 'error', message: error.message } });
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ error: { code: 'not_found', message: 'no such route' } });
  });

  /** Sends an API result, or holds the call and then drops the connection without an answer. */
  function respond(reply: FastifyReply, result: api.ApiResult): FastifyReply {
    if (result.hangMs !== undefined) {
      reply.hijack();
      const raw = reply.raw;
      const release = () => {
        clearTimeout(timer);
        heldCalls.delete(release);
        raw.destroy();
      };
      const timer = setTimeout(release, result.hangMs);
      heldCalls.add(release);
      // The client gave up first: nothing left to hold.
      raw.on('close', release);
      return reply;
    }
    if (result.retryAfterSeconds !== undefined) void reply.header('retry-after', String(result.retryAfterSeconds));
    void reply.code(result.status);
    return result.status === 204 ? reply.send() : reply.send(result.body);
  }

  app.post<{ Params: HandleParams }>('/api/accounts/:handle/posts', async (request, reply) => {
    const result = await api.createPost(network, request.params.handle, callerOf(request), request.body);
    // 201: stored now (a replayed idempotent call answers 200 and stores nothing).
    if (result.status === 201) rates.note(request.params.handle, network.now());
    return respond(reply, result);
  });
  app.get<{ Params: HandleParams; Querystring: { marker?: string; limit?: string } }>(
    '/api/accounts/:handle/posts',
    async (request, reply) => respond(reply, await api.listPosts(network, request.params.handle, callerOf(request), request.query)),
  );
  app.get<{ Params: HandleParams }>('/api/accounts/:handle', async (request, reply) =>
    respond(reply, await api.getAccount(network, request.params.handle, callerOf(request))),
  );
  app.get<{ Params: HandleParams; Querystring: { since?: string } }>('/api/accounts/:handle/mentions', async (request, reply) =>
    respond(reply, await api.getMentions(network, request.params.handle, callerOf(request), request.query)),
  );
  app.get<{ Params: HandleParams; Querystring: { after?: string; since?: string; limit?: string } }>(
    '/api/accounts/:handle/inbox',
    async (request, reply) => respond(reply, await api.getInbox(network, request.params.handle, callerOf(request), request.query)),
  );
  app.post<{ Params: HandleParams }>('/api/accounts/:handle/inbox/replies', async (request, reply) =>
    respond(reply, await api.createInboxReply(network, request.params.handle, callerOf(request), request.body)),
  );
  app.get<{ Params: HandleParams; Querystring: { marker?: string } }>('/api/accounts/:handle/inbox/replies', async (request, reply) =>
    respond(reply, await api.findInboxReplies(network, request.params.handle, callerOf(request), request.query.marker ?? '')),
  );
  app.post<{ Params: HandleParams }>('/api/accounts/:handle/inbox/actions', async (request, reply) =>
    respond(reply, await api.inboxAction(network, request.params.handle, callerOf(request), request.body)),
  );
  app.post<{ Params: HandleParams }>('/api/accounts/:handle/configure', async (request, reply) =>
    respond(reply, api.configureAccount(network, request.params.handle, request.body)),
  );
  app.get<{ Params: PostParams }>('/api/posts/:id', async (request, reply) =>
    respond(reply, await api.getPost(network, request.params.id, callerOf(request))),
  );
  app.get<{ Params: PostParams }>('/api/posts/:id/engagers', async (request, reply) =>
    respond(reply, await api.getEngagers(network, request.params.id, callerOf(request), MAX_ENGAGERS_PER_POST)),
  );
  app.delete<{ Params: PostParams }>('/api/posts/:id', async (request, reply) =>
    respond(reply, await api.deletePost(network, request.params.id, callerOf(request))),
  );
  app.get('/api/record', async (_request, reply) => respond(reply, api.getRecord(network)));
  app.post('/api/chaos', async (request, reply) => respond(reply, api.setChaos(network, request.body)));
  app.get('/api/chaos', async (_request, reply) => respond(reply, { status: 200, body: { options: network.options } }));
  app.post('/api/tokens/revoke', async (request, reply) => respond(reply, api.revokeToken(network, request.body)));
  app.get('/api/rate-violations', async (_request, reply) => respond(reply, { status: 200, body: rates.report() }));
  app.post('/api/reset', async (_request, reply) => {
    network.reset();
    rates.reset();
    return respond(reply, { status: 200, body: { reset: true } });
  });
  app.get('/api/health', async () => ({ ok: true, simulated: true, label: 'Sandbox (simulated)' }));

  // A burst opens hundreds of connections at once: a deeper accept queue than Node's 511.
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, backlog: 2048 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('sandbox server has no TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    network,
    rates,
    async close() {
      for (const release of [...heldCalls]) release();
      await app.close();
    },
  };
}
