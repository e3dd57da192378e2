import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyError,
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  serializerCompiler,
  validatorCompiler,
  jsonSchemaTransform,
  hasZodFastifySchemaValidationErrors,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { AppError, forbidden, notFound, unauthorized } from '../lib/errors.ts';
import type { ErrorCode } from '../lib/error-codes.ts';
import { isPermission, type RouteAccess } from './api.ts';
import { can } from './permissions.ts';
import { identify, loadMembership } from './auth.ts';
import { pingDatabase } from '../db/database.ts';
import { apiModules } from './modules.ts';
import { webAppBuilt } from './web.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { signedMediaRoutes } from '../modules/media/routes.ts';
import type { DataDirState } from '../lib/data-dir-health.ts';
import { tooManyAttempts } from '../modules/accounts/login-throttle.ts';
import { fastifyTrustProxy } from '../lib/trust-proxy.ts';
import { findUnstorableText, POSTGRES_INPUT_ERRORS, unstorableTextError } from '../lib/input.ts';

export type PlazaServer = FastifyInstance;

/** Options for building the HTTP app. */
export interface BuildAppOptions {
  /** Set once every service of the process has started; /api/health answers 503 before. */
  isReady?: () => boolean;
  /** Extra plugins (e.g. the web app's static files) registered after the API. */
  extraPlugins?: Array<(app: FastifyInstance) => Promise<void>>;
  /** The data folder's last write probe; /api/health answers 503 with its code while writes fail. */
  dataDirState?: () => DataDirState;
}

/**
 * Builds the Fastify app: JSON API under /api/v1 with zod validation and OpenAPI
 * at /api/docs, every route authenticated unless it says otherwise, and one error
 * shape `{ error: { code, message, details } }` for every failure.
 */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: 1_048_576,
    // Proxy headers (X-Forwarded-For…) only from proxies the admin named (TRUST_PROXY); else the socket address counts.
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    // Per-request access logs are left to the reverse proxy; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Paths the router cannot even read (bad percent-encoding, a 10,000-digit id) get the usual error shape.
    frameworkErrors: (error, _request, reply) => {
      const code =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'path_too_long' : error.code === 'FST_ERR_BAD_URL' ? 'bad_url' : 'bad_request';
      const message =
        code === 'path_too_long'
          ? 'A path segment is too long'
          : code === 'bad_url'
            ? 'The path is not valid percent-encoded UTF-8'
            : 'Bad request';
      void (reply as FastifyReply).status(400).send({ error: { code, message, details: null } });
    },
  });
  // Text no database can hold (NUL, unpaired surrogates) is refused before any route schema runs.
  app.setValidatorCompiler((route) => {
    const validate = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
    return (data: unknown) => {
      const found = findUnstorableText(data);
      return found ? { error: unstorableTextError(route.httpPart ?? 'request', found) } : validate(data);
    };
  });
  app.setSerializerCompiler(serializerCompiler);
  registerSecurityHeaders(app);
  declareRouteAccess(app);

  await app.register(cookie);
  await app.register(rateLimit, { global: false, errorResponseBuilder: (_request, context) => tooManyAttempts(context.ttl / 1000) });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Plaza API', version: '1', description: 'Self-hosted social media marketing workbench' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (plz_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'plaza_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('user', null);
  app.decorateRequest('membership', null);
  app.addHook('onRequest', async (request) => {
    // Decide on the route that matched, never on the raw URL: the router decodes `/%61pi/…`
    // (and whatever else a client spells differently) to the same route the check must guard.
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/')) return;
    request.user = await identify(ctx, request);
    // Authentication comes before anything else, body validation included.
    // The route's declared access (server/api.ts) decides; the OpenAPI document says the same (`security: []`).
    if (route.startsWith('/api/v1/') && request.routeOptions.config.access !== 'public' && !request.user) throw unauthorized();
  });
  // Another workspace's routes do not exist for you: 404 before the body is even read; then the
  // route's declared permission, in this one place (403 before the body is read too).
  app.addHook('preValidation', async (request) => {
    const workspaceId = (request.params as { workspaceId?: string } | undefined)?.workspaceId;
    if (workspaceId === undefined || !request.user) return;
    request.membership = await loadMembership(ctx, request.user.id, workspaceId);
    if (!request.membership) throw notFound('Workspace');
    const access = request.routeOptions.config.access;
    if (access && isPermission(access) && !can(request.membership.role, access)) throw forbidden();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: `Invalid ${error.validationContext ?? 'request'}`,
          // `issue` (zod's code: too_small, invalid_type…) lets the web app say what is wrong in the UI language.
          details: error.validation.map((v) => ({ path: v.instancePath, issue: v.keyword, message: v.message, params: v.params })),
        },
      });
    }
    if (error instanceof AppError) {
      const retryAfter = (error.details as { retryAfterSeconds?: unknown } | null | undefined)?.retryAfterSeconds;
      if (error.statusCode === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, details: error.details ?? null } });
    }
    // Backstops: input the schemas let through but the database or the multipart parser refuses is the client's error.
    const pgCode = (error as { code?: unknown }).code;
    if (typeof pgCode === 'string' && POSTGRES_INPUT_ERRORS.has(pgCode) && !reply.sent) {
      request.log.warn({ pgCode, url: request.url }, 'input refused by the database');
      return reply
        .status(400)
        .send({ error: { code: 'invalid_input', message: 'A value in the request cannot be stored or compared', details: null } });
    }
    if (isMalformedMultipart(error, request) && !reply.sent) {
      return reply
        .status(400)
        .send({ error: { code: 'invalid_multipart', message: 'Malformed or truncated multipart body', details: null } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: frameworkErrorCode(error.code, status), message: error.message, details: null } });
    }
    request.log.error({ err: error, url: request.url }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side', details: null } });
  });
  /** Fastify's own 4xx errors (FST_ERR_…) answered with a registered code the web app can translate. */
  function frameworkErrorCode(code: string | undefined, status: number): ErrorCode {
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return 'unsupported_content_type';
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return 'body_too_large';
    if (status === 404) return 'not_found';
    if (status === 401) return 'unauthorized';
    if (status === 403) return 'forbidden';
    if (status === 409) return 'conflict';
    if (status === 429) return 'rate_limited';
    return 'bad_request';
  }
  /** A multipart body cut before its final boundary or garbled: busboy's errors, or the file stream closing early. */
  function isMalformedMultipart(error: FastifyError, request: FastifyRequest): boolean {
    if (!request.isMultipart()) return false;
    return (
      error.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
      /^(Unexpected end of (form|file|multipart data)|Malformed part header|Multipart: Boundary not found|Premature close)/i.test(
        error.message ?? '',
      )
    );
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app (/calendar, /posts/…) get its index.html.
    if (request.method === 'GET' && !request.url.startsWith('/api/') && webAppBuilt() && 'sendFile' in reply) {
      return (reply as unknown as { sendFile(file: string): unknown }).sendFile('index.html');
    }
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}`, details: null } });
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/health', { schema: { hide: true } }, async (request, reply) => {
    if (options.isReady && !options.isReady()) return reply.status(503).send({ status: 'starting' });
    const dataDir = options.dataDirState?.();
    // Only the reason code and since when: the folder's path stays in the server's log.
    if (dataDir && !dataDir.ok)
      return reply.status(503).send({ status: 'unavailable', code: dataDir.code, since: dataDir.since.toISOString() });
    try {
      await pingDatabase(ctx.database);
    } catch (error) {
      request.log.error({ err: error }, 'database ping failed');
      return reply.status(503).send({ status: 'unavailable', code: 'database_unavailable' });
    }
    return { status: 'ok' };
  });

  await app.register(
    async (api) => {
      for (const register of apiModules) await register(api.withTypeProvider<ZodTypeProvider>(), ctx);
    },
    { prefix: '/api/v1' },
  );
  // Signed, expiring media links for networks that fetch media by URL (outside /api/v1: no session).
  await signedMediaRoutes(app, ctx);
  for (const plugin of options.extraPlugins ?? []) await plugin(app);
  return app;
}

/** A route under /api/v1 and the access it declares (`undefined`: none). */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}
const declaredRouteTables = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route under /api/v1 with the access it declared, as registered (for the route-wide authz test). */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return declaredRouteTables.get(app) ?? [];
}

/**
 * Every route under /api/v1 must declare `config.access` (server/api.ts); start-up stops on one that
 * does not, or on a permission route without a `:workspaceId` to check it against. Public routes are
 * marked `security: []` in the OpenAPI document, so the docs say what the server does.
 */
function declareRouteAccess(app: FastifyInstance): void {
  const table: DeclaredRoute[] = [];
  declaredRouteTables.set(app, table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const access = route.config?.access;
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access });
    if (access === undefined) {
      throw new Error(
        `${[route.method].flat().join(',')} ${route.url} declares no access: add config.access ('public', 'user' or a permission; see src/server/api.ts)`,
      );
    }
    if (isPermission(access) && !route.url.includes(':workspaceId')) {
      throw new Error(`${route.method} ${route.url} declares permission "${access}" but has no :workspaceId to check it against`);
    }
    if (access === 'public') route.schema = { ...route.schema, security: [] };
  });
}
