import { z } from 'zod';
import { member, workspaceParams, type ApiModule } from '../../../server/api.ts';
import { listSchema } from '../../../server/schemas.ts';
import { loadAlertSettings } from '../alerts.ts';
import { acknowledgeAlert, changeAlertSettings } from '../commands.ts';
import { presentAlert } from '../present.ts';
import { alertRepository } from '../repository/alerts.ts';
import {
  alertParams,
  alertSchema,
  alertSettingsBody,
  alertSettingsSchema,
  LISTENING_BASE as base,
  LISTENING_TAGS as tags,
} from '../schemas.ts';

/** Reputation alerts (negative mention spikes) and how sensitive they are. */
export const listeningAlertRoutes: ApiModule = async (app, ctx) => {
  app.get(
    `${base}/alerts`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Reputation alerts (negative mention spikes), newest first',
        params: workspaceParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: listSchema(alertSchema) },
      },
    },
    async (request) => ({
      items: (await alertRepository.list(ctx.database.db, request.params.workspaceId, request.query.limit)).map(presentAlert),
    }),
  );

  app.post(
    `${base}/alerts/:alertId/acknowledge`,
    {
      config: { access: 'listening.write' },
      schema: { tags, summary: 'Mark an alert as seen', params: alertParams, response: { 200: alertSchema } },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return presentAlert(await acknowledgeAlert(ctx, { workspaceId, actorUserId: user.id, alertId: request.params.alertId }));
    },
  );

  app.get(
    `${base}/alert-settings`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'How sensitive reputation alerts are (the defaults until someone changes them)',
        params: workspaceParams,
        response: { 200: alertSettingsSchema },
      },
    },
    async (request) => loadAlertSettings(ctx, request.params.workspaceId),
  );

  app.put(
    `${base}/alert-settings`,
    {
      config: { access: 'listening.manage' },
      schema: {
        tags,
        summary: 'Change how sensitive reputation alerts are (owners and managers)',
        params: workspaceParams,
        body: alertSettingsBody,
        response: { 200: alertSettingsSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return changeAlertSettings(ctx, { workspaceId, actorUserId: user.id, body: request.body });
    },
  );
};
