import type { ApiModule } from './api.ts';
import { accountRoutes } from '../modules/accounts/routes.ts';
import { passwordRoutes } from '../modules/accounts/password-routes.ts';
import { invitationRoutes } from '../modules/invitations/routes.ts';
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
import { sourceKindRoutes } from '../modules/listening/source-kinds-routes.ts';
import { integrationRoutes } from '../modules/integrations/routes.ts';
import { oauthRoutes } from '../modules/oauth/routes.ts';
import { queueRoutes } from '../modules/queues/routes.ts';
import { recurringRoutes } from '../modules/recurring/routes.ts';
import { inboxRoutes } from '../modules/inbox/routes.ts';
import { clientLinkRoutes } from '../modules/client-links/routes.ts';
import { ideaRoutes } from '../modules/ideas/routes.ts';
import { postBatchRoutes } from '../modules/post-batches/routes.ts';
import { feedRoutes } from '../modules/feeds/routes.ts';
import { linkCardRoutes } from '../modules/link-cards/routes.ts';
import { inboxRulesRoutes } from '../modules/inbox/rules-routes.ts';
import { contactRoutes } from '../modules/contacts/routes.ts';
import { mediaLibraryRoutes } from '../modules/media/library-routes.ts';

/** Every module's routes; add a module here to expose it. */
export const apiModules: ApiModule[] = [
  accountRoutes,
  passwordRoutes,
  invitationRoutes,
  workspaceRoutes,
  channelRoutes,
  postRoutes,
  mediaRoutes,
  webhookRoutes,
  activityRoutes,
  calendarRoutes,
  strategyRoutes,
  analyticsRoutes,
  linkRoutes,
  listeningRoutes,
  sourceKindRoutes,
  integrationRoutes,
  oauthRoutes,
  queueRoutes,
  recurringRoutes,
  inboxRoutes,
  clientLinkRoutes,
  ideaRoutes,
  postBatchRoutes,
  feedRoutes,
  linkCardRoutes,
  inboxRulesRoutes,
  contactRoutes,
  mediaLibraryRoutes,
];
