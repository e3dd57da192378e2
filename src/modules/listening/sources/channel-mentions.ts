/**
 * The connected channels' own replies and mentions, through each network adapter's
 * `fetchMentions(channel, since)`. Config `{ channelId, intervalMinutes? }`; cursor
 * `{ since }` = the newest mention time seen (the unique index absorbs the overlap at `since`).
 */
import { failureCode } from '../../../lib/failure-code.ts';
import { channelContext } from '../../channels/service.ts';
import { channelRepository } from '../../channels/repository.ts';
import type { AppContext } from '../../../server/context.ts';
import { z } from 'zod';
import type { ListeningSourceKind, SourceAdapter, SourceCursor, SourceItem } from './types.ts';

/** Fetches the channel's mentions newer than the cursor; returns items and the next cursor. */
export async function pollChannelMentions(
  ctx: AppContext,
  workspaceId: string,
  channelId: string,
  cursor: SourceCursor | null,
): Promise<{ items: SourceItem[]; cursor: SourceCursor }> {
  const channel = await channelRepository.find(ctx.database.db, workspaceId, channelId);
  if (!channel) throw new Error('The channel of this source no longer exists');
  const adapter = ctx.networks.get(channel.network);
  const since = typeof cursor?.since === 'string' ? cursor.since : undefined;
  const mentions = await adapter.fetchMentions(channelContext(ctx, channel), since);
  let newest = since;
  const items = mentions.map((m): SourceItem => {
    if (!newest || m.createdAt > newest) newest = m.createdAt;
    return {
      remoteId: m.remoteId,
      text: m.text,
      network: channel.network,
      url: m.url,
      authorHandle: m.authorHandle,
      authorName: m.authorName ?? null,
      publishedAt: new Date(m.createdAt),
    };
  });
  return { items, cursor: newest ? { since: newest } : { ...cursor } };
}

export const channelMentionsSource: SourceAdapter = {
  kind: 'channel_mentions',
  async run({ ctx, source, emit, signal, sleep }) {
    const channelId = String(source.config.channelId ?? '');
    const intervalMs = Math.max(60_000, Number(source.config.intervalMinutes ?? 5) * 60_000);
    let cursor = source.cursor;
    while (!signal.aborted) {
      try {
        const polled = await pollChannelMentions(ctx, source.workspaceId, channelId, cursor);
        cursor = polled.cursor;
        const newest = polled.items.reduce((max, i) => Math.max(max, i.publishedAt.getTime()), 0);
        await emit({ items: polled.items, cursor, lagMs: newest ? ctx.clock.now() - newest : null });
      } catch (error) {
        await emit({ items: [], cursor: cursor ?? {}, lagMs: null, error: (error as Error).message, errorCode: failureCode(error) });
      }
      await sleep(intervalMs);
    }
  },
};

/** Mentions of one of the workspace's channels, polled through its network adapter (curated). */
export const channelMentionsSourceKind: ListeningSourceKind = {
  kind: channelMentionsSource.kind,
  network: null,
  label: { en: 'Channel mentions', es: 'Menciones del canal' },
  config: z.object({ channelId: z.string().uuid(), intervalMinutes: z.number().int().min(1).max(1440).optional() }),
  fields: [
    {
      name: 'channelId',
      input: 'channel',
      required: true,
      label: { en: 'Channel', es: 'Canal' },
      help: {
        en: 'One of your connected channels: its replies and mentions are read through its network.',
        es: 'Uno de tus canales conectados: se leen sus respuestas y menciones a través de su red.',
      },
    },
    {
      name: 'intervalMinutes',
      input: 'number',
      required: false,
      min: 1,
      max: 1440,
      label: { en: 'Check every (minutes)', es: 'Comprobar cada (minutos)' },
    },
  ],
  targetKeys: ['channelId'],
  urlField: null,
  streamUrl: false,
  storeUnmatched: true,
  adapter: channelMentionsSource,
};
