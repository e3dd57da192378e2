/**
 * Slack: a workspace channel through an incoming webhook (text) or a bot token (chat.postMessage:
 * text, images, link previews, threads). Slack reports no message metrics.
 */
import type { NetworkPackage } from '../package.ts';
import { createSlackAdapter } from './adapter.ts';

export { createSlackAdapter, SLACK_METRICS, sectionBlocks } from './adapter.ts';
export type { SlackAdapterOptions } from './adapter.ts';
export { validateSlackPost, SLACK_LIMITS, SLACK_CAPABILITIES } from './validate.ts';

/** The Slack adapter with the guarded fetch and default timeouts. */
export const slackAdapter = createSlackAdapter();

/** Slack as Plaza ships it. */
export const slack: NetworkPackage = { adapter: slackAdapter, listeningSources: [] };
