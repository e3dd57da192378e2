/**
 * Bluesky firehose source: `com.atproto.sync.subscribeRepos` over WebSocket. Each frame is
 * two DAG-CBOR objects (header, body); `#commit` bodies carry the new records as CAR blocks.
 * We keep `app.bsky.feed.post` creates. Cursor = the event `seq`; reconnecting with
 * `?cursor=<seq>` replays everything after it, so a restart misses nothing.
 */
import WebSocket from 'ws';
// The AT Protocol libraries are loaded with the first firehose frame, not at start-up (they are slow to load).
let commonModule: Promise<typeof import('@atproto/common')> | null = null;
let repoModule: Promise<typeof import('@atproto/repo')> | null = null;
import type { SourceAdapter, SourceItem } from '../../../modules/listening/sources/types.ts';
import { assertPublicStreamUrl } from '../../../modules/listening/sources/types.ts';
import { publicOnlyLookup } from '../../../lib/safe-fetch.ts';

const POST_COLLECTION = 'app.bsky.feed.post';

/** One decoded firehose frame, reduced to what listening needs. */
export type FirehoseEvent =
  | { type: 'commit'; seq: number; time: string; repo: string; posts: Array<{ rkey: string; record: Record<string, unknown> }> }
  | { type: 'identity'; seq: number; did: string; handle: string | null }
  | { type: 'other'; seq: number | null; kind: string }
  | { type: 'error'; error: string; message: string };

interface CommitOp {
  action: string;
  path: string;
  cid: unknown;
}

/** Decodes one binary subscribeRepos frame. */
export async function decodeFirehoseFrame(bytes: Uint8Array): Promise<FirehoseEvent> {
  const { cborDecodeMulti } = await (commonModule ??= import('@atproto/common'));
  const [header, body] = cborDecodeMulti(bytes) as [Record<string, unknown>, Record<string, unknown>];
  if (header.op === -1) return { type: 'error', error: String(body?.error ?? 'unknown'), message: String(body?.message ?? '') };
  const kind = String(header.t ?? '');
  const seq = typeof body?.seq === 'number' ? body.seq : null;
  if (kind === '#identity')
    return { type: 'identity', seq: seq ?? 0, did: String(body.did), handle: typeof body.handle === 'string' ? body.handle : null };
  if (kind !== '#commit' || seq === null) return { type: 'other', seq, kind };
  const ops = (body.ops as CommitOp[] | undefined) ?? [];
  const wanted = ops.filter((op) => op.action === 'create' && op.path.startsWith(`${POST_COLLECTION}/`) && op.cid);
  const posts: Array<{ rkey: string; record: Record<string, unknown> }> = [];
  if (wanted.length && body.blocks instanceof Uint8Array) {
    const { readCar, cborToLexRecord } = await (repoModule ??= import('@atproto/repo'));
    const { blocks } = await readCar(body.blocks);
    for (const op of wanted) {
      const recordBytes = blocks.get(op.cid as Parameters<typeof blocks.get>[0]);
      if (!recordBytes) continue;
      posts.push({ rkey: op.path.slice(POST_COLLECTION.length + 1), record: cborToLexRecord(recordBytes) as Record<string, unknown> });
    }
  }
  return { type: 'commit', seq, time: String(body.time ?? ''), repo: String(body.repo), posts };
}

/** A Bluesky post record as a listening item. */
export function blueskyPostItem(repo: string, rkey: string, record: Record<string, unknown>, handle: string | null): SourceItem | null {
  const text = typeof record.text === 'string' ? record.text : '';
  if (!text.trim()) return null;
  const langs = Array.isArray(record.langs) ? record.langs.filter((l): l is string => typeof l === 'string') : [];
  const created = typeof record.createdAt === 'string' ? new Date(record.createdAt) : new Date();
  return {
    remoteId: `at://${repo}/${POST_COLLECTION}/${rkey}`,
    text,
    network: 'bluesky',
    url: `https://bsky.app/profile/${handle ?? repo}/post/${rkey}`,
    authorHandle: handle ?? repo,
    lang: langs[0] ?? null,
    publishedAt: Number.isNaN(created.getTime()) ? new Date() : created,
  };
}

/** Remembers recent handles from #identity events (bounded), so posts show handles, not DIDs. */
class HandleCache {
  private readonly map = new Map<string, string>();
  constructor(private readonly max = 50_000) {}
  get(did: string): string | null {
    return this.map.get(did) ?? null;
  }
  set(did: string, handle: string): void {
    this.map.delete(did);
    this.map.set(did, handle);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

/** Config of a firehose source: `{ serviceUrl }`, e.g. `wss://bsky.network` or a PDS URL. */
export const blueskyFirehoseSource: SourceAdapter = {
  kind: 'bluesky_firehose',
  async run({ ctx, source, emit, signal, sleep }) {
    const serviceUrl = String(source.config.serviceUrl ?? 'wss://bsky.network');
    let cursor = typeof source.cursor?.seq === 'number' ? source.cursor.seq : null;
    const handles = new HandleCache();
    let backoffMs = 1_000;
    while (!signal.aborted) {
      const base = await assertPublicStreamUrl(serviceUrl, ctx.config.allowPrivateUrls);
      const wsUrl = new URL('/xrpc/com.atproto.sync.subscribeRepos', base);
      wsUrl.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
      if (cursor !== null) wsUrl.searchParams.set('cursor', String(cursor));
      if (signal.aborted) break;
      const closed = await new Promise<{ error?: string }>((resolve) => {
        // The address connected to is checked again (DNS rebinding), unless PLAZA_ALLOW_PRIVATE_URLS.
        const socket = new WebSocket(wsUrl, ctx.config.allowPrivateUrls ? {} : { lookup: publicOnlyLookup });
        let chain: Promise<void> = Promise.resolve();
        let pending = 0;
        let settled = false;
        const finish = (result: { error?: string }) => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          // Let frames already received be handed over before reconnecting from the cursor.
          void chain.then(() => resolve(result));
        };
        const onAbort = () => socket.terminate();
        signal.addEventListener('abort', onAbort, { once: true });
        socket.on('open', () => (backoffMs = 1_000));
        socket.on('message', (data: Buffer) => {
          pending++;
          // Backpressure: stop reading the socket while frames wait on a full queue.
          if (pending > 32) socket.pause();
          chain = chain
            .then(async () => {
              const event = await decodeFirehoseFrame(new Uint8Array(data));
              if (event.type === 'error') {
                ctx.logger.warn({ source: source.id, error: event.error }, 'firehose error frame');
                socket.close();
                return;
              }
              if (event.type === 'identity') {
                if (event.handle) handles.set(event.did, event.handle);
                return;
              }
              if (event.type !== 'commit') return;
              const items = event.posts
                .map((p) => blueskyPostItem(event.repo, p.rkey, p.record, handles.get(event.repo)))
                .filter((i): i is SourceItem => i !== null);
              const eventTime = Date.parse(event.time);
              cursor = event.seq;
              await emit({ items, cursor: { seq: event.seq }, lagMs: Number.isNaN(eventTime) ? null : ctx.clock.now() - eventTime });
            })
            .catch((error: Error) => ctx.logger.warn({ source: source.id, err: error }, 'firehose frame skipped'))
            .finally(() => {
              pending--;
              if (pending <= 8 && socket.isPaused) socket.resume();
            });
        });
        socket.on('error', (error) => finish({ error: error.message }));
        socket.on('close', () => finish({}));
      });
      if (signal.aborted) break;
      if (closed.error) ctx.logger.warn({ source: source.id, error: closed.error }, 'firehose disconnected');
      await sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 30_000);
    }
  },
};
