/**
 * Bluesky Jetstream source: the public JSON re-encoding of the firehose
 * (`wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post`).
 * Events are `{ did, time_us, kind: 'commit' | 'identity' | 'account', commit?, identity? }`;
 * the cursor is `time_us`, and reconnecting with `?cursor=<time_us>` replays from there
 * (the unique index on (source, remote id) absorbs the overlap).
 */
import WebSocket from 'ws';
import { blueskyPostItem } from './firehose.ts';
import type { SourceAdapter, SourceItem } from '../../../modules/listening/sources/types.ts';
import { assertPublicStreamUrl } from '../../../modules/listening/sources/types.ts';
import { publicOnlyLookup } from '../../../lib/safe-fetch.ts';

/** What one Jetstream message means for listening. */
export type JetstreamEvent =
  | { type: 'post'; timeUs: number; item: SourceItem }
  | { type: 'identity'; timeUs: number; did: string; handle: string | null }
  | { type: 'skip'; timeUs: number | null };

/** Parses one Jetstream JSON message (text); `handles` maps DIDs to handles seen in identity events. */
export function parseJetstreamEvent(raw: string, handles: ReadonlyMap<string, string> = new Map()): JetstreamEvent {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { type: 'skip', timeUs: null };
  }
  const timeUs = typeof event.time_us === 'number' ? event.time_us : null;
  const did = typeof event.did === 'string' ? event.did : '';
  if (event.kind === 'identity') {
    const identity = (event.identity ?? {}) as Record<string, unknown>;
    return { type: 'identity', timeUs: timeUs ?? 0, did, handle: typeof identity.handle === 'string' ? identity.handle : null };
  }
  const commit = event.commit as Record<string, unknown> | undefined;
  if (event.kind !== 'commit' || !commit || timeUs === null) return { type: 'skip', timeUs };
  if (commit.operation !== 'create' || commit.collection !== 'app.bsky.feed.post' || typeof commit.rkey !== 'string')
    return { type: 'skip', timeUs };
  const record = (commit.record ?? {}) as Record<string, unknown>;
  const item = blueskyPostItem(did, commit.rkey, record, handles.get(did) ?? null);
  return item ? { type: 'post', timeUs, item } : { type: 'skip', timeUs };
}

/** Config: `{ url }` (default the public us-east instance). */
export const jetstreamSource: SourceAdapter = {
  kind: 'bluesky_jetstream',
  async run({ ctx, source, emit, signal, sleep }) {
    const endpoint = String(source.config.url ?? 'wss://jetstream2.us-east.bsky.network/subscribe');
    let cursor = typeof source.cursor?.timeUs === 'number' ? source.cursor.timeUs : null;
    const handles = new Map<string, string>();
    let backoffMs = 1_000;
    while (!signal.aborted) {
      const checked = await assertPublicStreamUrl(endpoint, ctx.config.allowPrivateUrls);
      const wsUrl = new URL(checked);
      wsUrl.protocol = checked.protocol === 'https:' ? 'wss:' : 'ws:';
      wsUrl.searchParams.set('wantedCollections', 'app.bsky.feed.post');
      if (cursor !== null) wsUrl.searchParams.set('cursor', String(cursor));
      if (signal.aborted) break;
      await new Promise<void>((resolve) => {
        // The address connected to is checked again (DNS rebinding), unless PLAZA_ALLOW_PRIVATE_URLS.
        const socket = new WebSocket(wsUrl, ctx.config.allowPrivateUrls ? {} : { lookup: publicOnlyLookup });
        let chain: Promise<void> = Promise.resolve();
        let pending = 0;
        const onAbort = () => socket.terminate();
        signal.addEventListener('abort', onAbort, { once: true });
        socket.on('open', () => (backoffMs = 1_000));
        socket.on('message', (data: Buffer) => {
          pending++;
          if (pending > 256) socket.pause();
          chain = chain
            .then(async () => {
              const event = parseJetstreamEvent(data.toString('utf8'), handles);
              if (event.type === 'identity') {
                if (event.handle) handles.set(event.did, event.handle);
                return;
              }
              if (event.type !== 'post') return;
              cursor = event.timeUs;
              await emit({ items: [event.item], cursor: { timeUs: event.timeUs }, lagMs: ctx.clock.now() - event.timeUs / 1000 });
            })
            .finally(() => {
              pending--;
              if (pending <= 64 && socket.isPaused) socket.resume();
            });
        });
        const done = () => {
          signal.removeEventListener('abort', onAbort);
          void chain.then(() => resolve());
        };
        socket.on('error', done);
        socket.on('close', done);
      });
      if (signal.aborted) break;
      await sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 30_000);
    }
  },
};
