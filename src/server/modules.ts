import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { accountRoutes } from '../modules/accounts/routes.ts';
import { workspaceRoutes } from '../modules/workspaces/routes.ts';
import { channelRoutes } from '../modules/channels/routes.ts';
import { postRoutes } from '../modules/posts/routes.ts';
import { mediaRoutes } from '../modules/media/routes.ts';
import { webhookRoutes } from '../modules/events/routes.ts';
import { strategyRoutes } from '../modules/strategy/routes.ts';
import { analyticsRoutes } from '../modules/analytics/routes.ts';
import { linkRoutes } from '../modules/links/routes.ts';
import { activityRoutes } from '../modules/activity/routes.ts';
import { calendarRoutes } from '../modules/calendar/routes.ts';
import { listeningRoutes } from '../modules/listening/routes.ts';

/** Fastify with zod schemas as the type provider: request types follow the schemas. */
export type ZodFastify = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** A module's API routes, mounted under /api/v1. */
export type ApiModule = (app: ZodFastify, ctx: AppContext) => Promise<void>;

/** Every module's routes; add a module here to expose it. */
export const apiModules: ApiModule[] = [accountRoutes, workspaceRoutes, channelRoutes, postRoutes, mediaRoutes, webhookRoutes, activityRoutes, calendarRoutes, strategyRoutes, analyticsRoutes, linkRoutes, listeningRoutes];
