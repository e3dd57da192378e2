/**
 * Telegram channels: a bot that is an administrator of the channel posts text, photos, videos and
 * albums (silent if wished); reactions are its engagement signal.
 */
import type { NetworkPackage } from '../package.ts';
import { createTelegramAdapter } from './adapter.ts';

export { createTelegramAdapter, TELEGRAM_METRICS } from './adapter.ts';
export type { TelegramAdapterOptions } from './adapter.ts';
export { validateTelegramPost, TELEGRAM_LIMITS, TELEGRAM_CAPABILITIES } from './validate.ts';

/** The Telegram adapter with the guarded fetch and default timeouts. */
export const telegramAdapter = createTelegramAdapter();

/** Telegram as Plaza ships it. */
export const telegram: NetworkPackage = { adapter: telegramAdapter, listeningSources: [] };
