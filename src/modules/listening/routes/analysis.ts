import { z } from 'zod';
import { workspaceParams, type ApiModule } from '../../../server/api.ts';
import { workspaceTimeZone } from '../../../db/workspace-settings.ts';
import {
  mentionVolume,
  sentimentReport,
  shareOfVoiceReport,
  sourceBreakdown,
  topAuthors,
  topTermsReport,
  trendingNow,
} from '../analysis.ts';
import { rangeOf } from '../rules.ts';
import {
  analysisQuery,
  authorsSchema,
  LISTENING_BASE as base,
  LISTENING_TAGS as tags,
  rangeQuery,
  sentimentReportSchema,
  sourceBreakdownSchema,
  shareOfVoiceSchema,
  termsSchema,
  trendingSchema,
  volumeSchema,
} from '../schemas.ts';

/** Listening analysis over stored mentions (ranges default to the last 30 days): volume, share of voice, sentiment, authors, terms, trends. */
export const listeningAnalysisRoutes: ApiModule = async (app, ctx) => {
  app.get(
    `${base}/analysis/volume`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Mention volume over time: every mention, and per query (hour or day buckets, brand time zone)',
        params: workspaceParams,
        querystring: analysisQuery.extend({ interval: z.enum(['hour', 'day']).default('day') }),
        response: { 200: volumeSchema },
      },
    },
    async (request) => {
      const { workspaceId } = request.params;
      return mentionVolume(
        ctx,
        workspaceId,
        rangeOf(ctx, request.query, 30),
        request.query.interval,
        await workspaceTimeZone(ctx.database.db, workspaceId),
        request.query.queryId,
      );
    },
  );

  app.get(
    `${base}/analysis/share-of-voice`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Share of voice: brand / (brand + competitors) × 100, and each competitor’s share',
        params: workspaceParams,
        querystring: rangeQuery,
        response: { 200: shareOfVoiceSchema },
      },
    },
    async (request) => shareOfVoiceReport(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30)),
  );

  app.get(
    `${base}/analysis/sentiment`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Sentiment counts and net sentiment ((positive − negative) / all × 100, neutral included)',
        params: workspaceParams,
        querystring: analysisQuery,
        response: { 200: sentimentReportSchema },
      },
    },
    async (request) => sentimentReport(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30), request.query.queryId),
  );

  app.get(
    `${base}/analysis/sources`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Mentions per source and network (they add up to the total the other panels count)',
        params: workspaceParams,
        querystring: analysisQuery,
        response: { 200: sourceBreakdownSchema },
      },
    },
    async (request) => sourceBreakdown(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30), request.query.queryId),
  );

  app.get(
    `${base}/analysis/authors`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Top authors with their reach',
        params: workspaceParams,
        querystring: analysisQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: authorsSchema },
      },
    },
    async (request) => ({
      items: await topAuthors(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30), request.query.limit, request.query.queryId),
    }),
  );

  app.get(
    `${base}/analysis/terms`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Top terms and phrases',
        params: workspaceParams,
        querystring: analysisQuery,
        response: { 200: termsSchema },
      },
    },
    async (request) => topTermsReport(ctx, request.params.workspaceId, rangeOf(ctx, request.query, 30), request.query.queryId),
  );

  app.get(
    `${base}/trending`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Trending now: terms, pairs and queries bursting above their own baseline',
        params: workspaceParams,
        querystring: z.object({ windowMinutes: z.coerce.number().int().min(5).max(1440).default(60) }),
        response: { 200: trendingSchema },
      },
    },
    async (request) => trendingNow(ctx, request.params.workspaceId, { windowMs: request.query.windowMinutes * 60_000 }),
  );
};
