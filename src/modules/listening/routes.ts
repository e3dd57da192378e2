import type { ApiModule } from '../../server/api.ts';
import { listeningAlertRoutes } from './routes/alerts.ts';
import { listeningAnalysisRoutes } from './routes/analysis.ts';
import { listeningImportRoutes } from './routes/imports.ts';
import { listeningMentionRoutes } from './routes/mentions.ts';
import { listeningQueryRoutes } from './routes/queries.ts';
import { listeningSourceRoutes } from './routes/sources.ts';

/** Listening: saved queries and tester, sources, mentions, corrections, analysis, alerts, CSV import. */
export const listeningRoutes: ApiModule = async (app, ctx) => {
  for (const routes of [
    listeningQueryRoutes,
    listeningSourceRoutes,
    listeningImportRoutes,
    listeningMentionRoutes,
    listeningAnalysisRoutes,
    listeningAlertRoutes,
  ]) {
    await routes(app, ctx);
  }
};
