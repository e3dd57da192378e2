import * as spine from './0001_spine.ts';
import * as webhookOutbox from './0002_webhook_outbox.ts';
import * as webApp from './0300_web_app.ts';
import * as listening0400 from './0400_listening.ts';
import * as analytics0500 from './0500_analytics.ts';
import * as analyticsZone0501 from './0501_analytics_zone.ts';
import * as postEngagers0502 from './0502_post_engagers.ts';
import * as metricBackfills0503 from './0503_metric_backfills.ts';
import * as alertSettings0504 from './0504_listening_alert_settings.ts';
import * as publishingScaleout0505 from './0505_publishing_scaleout.ts';
import * as loginFailures0510 from './0510_login_failures.ts';
import * as accounts0600 from './0600_accounts.ts';
import * as jobSchedules0700 from './0700_job_schedules.ts';
import * as channelErrorCode0800 from './0800_channel_error_code.ts';
import * as workspaceCurrency0810 from './0810_workspace_currency.ts';
import * as oauth0820 from './0820_oauth.ts';
import * as videoAndPostTypes0830 from './0830_video_and_post_types.ts';
import * as errorCodes0840 from './0840_error_codes.ts';
import * as signInWays0850 from './0850_sign_in_ways.ts';
import * as publicationApiCost0851 from './0851_publication_api_cost.ts';
import * as inbox0900 from './0900_inbox.ts';
import * as queues0920 from './0920_queues.ts';
import * as recurring0930 from './0930_recurring.ts';
import * as feeds0940 from './0940_feeds.ts';
import * as linkCards0941 from './0941_link_cards.ts';
import * as mediaLibrary0950 from './0950_media_library.ts';
import * as ideas0960 from './0960_ideas.ts';
import * as postBatches0970 from './0970_post_batches.ts';
import * as clientLinks0975 from './0975_client_links.ts';
import * as inboxRules0980 from './0980_inbox_rules.ts';
import * as contacts0985 from './0985_contacts.ts';
import * as firstCommentState1020 from './1020_first_comment_state.ts';
import * as queueSlotOnce1030 from './1030_queue_slot_once.ts';
import * as savesViews1050 from './1050_saves_views.ts';
import * as inboxSearch1060 from './1060_inbox_search.ts';
import * as inboxRepliesChannel1100 from './1100_inbox_replies_channel.ts';
import * as inboxReportDays1110 from './1110_inbox_report_days.ts';
import * as queueAddInSlot1140 from './1140_queue_add_in_slot.ts';
import * as channelSendHolder1150 from './1150_channel_send_holder.ts';
import * as inboxAnswerDays1230 from './1230_inbox_answer_days.ts';
import * as inboxConversationSearch1231 from './1231_inbox_conversation_search.ts';
import * as rateBucketInFlight1240 from './1240_rate_bucket_in_flight.ts';
import * as inboxChannelUnavailable1241 from './1241_inbox_channel_unavailable.ts';
import * as inboxUnaccent1260 from './1260_inbox_unaccent.ts';
import * as inboxRepliesChannelHead1270 from './1270_inbox_replies_channel_head.ts';

/** One schema change: plain SQL (one dialect for PGlite and Postgres), applied once. */
export interface Migration {
  name: string;
  up: string;
}

/**
 * Every migration, in order. Modules append theirs here (one file per change,
 * never edited once released).
 */
export const migrations: Migration[] = [
  { name: '0001_spine', up: spine.up },
  { name: '0002_webhook_outbox', up: webhookOutbox.up },
  { name: '0300_web_app', up: webApp.up },
  { name: '0400_listening', up: listening0400.up },
  { name: '0500_analytics', up: analytics0500.up },
  { name: '0501_analytics_zone', up: analyticsZone0501.up },
  { name: '0502_post_engagers', up: postEngagers0502.up },
  { name: '0503_metric_backfills', up: metricBackfills0503.up },
  { name: '0504_listening_alert_settings', up: alertSettings0504.up },
  { name: '0505_publishing_scaleout', up: publishingScaleout0505.up },
  { name: '0510_login_failures', up: loginFailures0510.up },
  { name: '0600_accounts', up: accounts0600.up },
  { name: '0700_job_schedules', up: jobSchedules0700.up },
  { name: '0800_channel_error_code', up: channelErrorCode0800.up },
  { name: '0810_workspace_currency', up: workspaceCurrency0810.up },
  { name: '0820_oauth', up: oauth0820.up },
  { name: '0830_video_and_post_types', up: videoAndPostTypes0830.up },
  { name: '0840_error_codes', up: errorCodes0840.up },
  { name: '0850_sign_in_ways', up: signInWays0850.up },
  { name: '0851_publication_api_cost', up: publicationApiCost0851.up },
  { name: '0900_inbox', up: inbox0900.up },
  { name: '0920_queues', up: queues0920.up },
  { name: '0930_recurring', up: recurring0930.up },
  { name: '0940_feeds', up: feeds0940.up },
  { name: '0941_link_cards', up: linkCards0941.up },
  { name: '0950_media_library', up: mediaLibrary0950.up },
  { name: '0960_ideas', up: ideas0960.up },
  { name: '0970_post_batches', up: postBatches0970.up },
  { name: '0975_client_links', up: clientLinks0975.up },
  { name: '0980_inbox_rules', up: inboxRules0980.up },
  { name: '0985_contacts', up: contacts0985.up },
  { name: '1020_first_comment_state', up: firstCommentState1020.up },
  { name: '1030_queue_slot_once', up: queueSlotOnce1030.up },
  { name: '1050_saves_views', up: savesViews1050.up },
  { name: '1060_inbox_search', up: inboxSearch1060.up },
  { name: '1100_inbox_replies_channel', up: inboxRepliesChannel1100.up },
  { name: '1110_inbox_report_days', up: inboxReportDays1110.up },
  { name: '1140_queue_add_in_slot', up: queueAddInSlot1140.up },
  { name: '1150_channel_send_holder', up: channelSendHolder1150.up },
  { name: '1230_inbox_answer_days', up: inboxAnswerDays1230.up },
  { name: '1231_inbox_conversation_search', up: inboxConversationSearch1231.up },
  { name: '1240_rate_bucket_in_flight', up: rateBucketInFlight1240.up },
  { name: '1241_inbox_channel_unavailable', up: inboxChannelUnavailable1241.up },
  { name: '1260_inbox_unaccent', up: inboxUnaccent1260.up },
  { name: '1270_inbox_replies_channel_head', up: inboxRepliesChannelHead1270.up },
];
