/**
 * Mastodon source, per the Mastodon API docs:
 * - streaming over Server-Sent Events: `GET /api/v1/streaming/public` (`/public/local`) and
 *   `GET /api/v1/streaming/hashtag?tag=…`; `event: update` carries a Status as JSON, lines
 *   starting with `:` are heartbeats;
 * - catch-up (the stream cannot resume): `GET /api/v1/timelines/public` or
 *   `/api/v1/timelines/tag/:hashtag` with `min_id=<newest seen>`, before each (re)connect;
 * - search: `GET /api/v2/search?q=…&type=statuses&min_id=…`, polled.
 * Cursor: `{ sinceId }`, the newest status id seen (ids sort as integers).
 */
import { failureCode } from '../../../lib/failure-code.ts';
import { safeFetch } from '../../../lib/safe-fetch.ts';
import type { AppContext } from '../../../server/context.ts';
import {
  htmlToText,
  type SourceAdapter,
  type SourceCursor,
  type SourceItem,
  type SourceRunOptions,
} from '../../../modules/listening/sources/types.ts';

/** The Status fields listening reads. */
export interface MastodonStatus {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  content: string;
  spoiler_text?: string;
  language: string | null;
  reblog?: MastodonStatus | null;
  account: { acct: string; display_name?: string; followers_count?: number; url?: string };
}

/** Mastodon source config. */
export interface MastodonSourceConfig {
  instanceUrl: string;
  mode: 'stream' | 'search';
  timeline?: 'public' | 'local' | 'hashtag';
  hashtag?: string;
  q?: string;
  accessToken?: string;
  intervalMinutes?: number;
}

/** A status as a listening item (boosts are skipped: the original is what counts). */
export function statusToItem(status: MastodonStatus, instanceHost: string): SourceItem | null {
  if (status.reblog) return null;
  const text = [status.spoiler_text, htmlToText(status.content)].filter(Boolean).join('\n');
  if (!text) return null;
  const acct = status.account.acct.includes('@') ? status.account.acct : `${status.account.acct}@${instanceHost}`;
  return {
    remoteId: status.uri || status.id,
    text,
    network: 'mastodon',
    url: status.url ?? status.uri,
    authorHandle: acct,
    authorName: status.account.display_name || null,
    authorReach: typeof status.account.followers_count === 'number' ? status.account.followers_count : null,
    lang: status.language,
    publishedAt: new Date(status.created_at),
  };
}

/** Larger of two status ids (numeric strings, compared as integers). */
export function newerId(a: string | undefined, b: string): string {
  if (!a) return b;
  try {
    return BigInt(b) > BigInt(a) ? b : a;
  } catch {
    return b > a ? b : a;
  }
}

/** Parses a chunk of SSE text; returns complete events and the unfinished remainder. */
export function parseSse(buffer: string): { events: Array<{ event: string; data: string }>; rest: string } {
  const events: Array<{ event: string; data: string }> = [];
  const normalized = buffer.replace(/\r\n/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/** Reads a source's config; the access token is stored sealed (AES-256-GCM) and opened only here. */
function readConfig(raw: Record<string, unknown>, ctx: AppContext): MastodonSourceConfig {
  const sealedToken = typeof raw.accessTokenSealed === 'string' ? raw.accessTokenSealed : undefined;
  return {
    instanceUrl: String(raw.instanceUrl ?? '').replace(/\/+$/, ''),
    mode: raw.mode === 'search' ? 'search' : 'stream',
    timeline: raw.timeline === 'local' || raw.timeline === 'hashtag' ? raw.timeline : 'public',
    hashtag: typeof raw.hashtag === 'string' ? raw.hashtag.replace(/^#/, '') : undefined,
    q: typeof raw.q === 'string' ? raw.q : undefined,
    accessToken: sealedToken ? ctx.secrets.open<string>(sealedToken) : undefined,
    intervalMinutes: typeof raw.intervalMinutes === 'number' ? raw.intervalMinutes : undefined,
  };
}

function headersFor(config: MastodonSourceConfig, accept = 'application/json'): Record<string, string> {
  return { accept, 'user-agent': 'Plaza listening', ...(config.accessToken && { authorization: `Bearer ${config.accessToken}` }) };
}

async function getJson<T>(ctx: AppContext, url: string, config: MastodonSourceConfig): Promise<T> {
  const response = await safeFetch(url, { headers: headersFor(config), allowPrivate: ctx.config.allowPrivateUrls, timeoutMs: 20_000 });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`Mastodon answered HTTP ${response.status} for ${new URL(url).pathname}`);
  }
  return (await response.json()) as T;
}

/** One page of statuses newer than `sinceId` (timeline or search), oldest first. */
export async function fetchNewStatuses(
  ctx: AppContext,
  rawConfig: Record<string, unknown>,
  sinceId: string | undefined,
): Promise<MastodonStatus[]> {
  const config = readConfig(rawConfig, ctx);
  const params = new URLSearchParams({ limit: '40' });
  if (sinceId) params.set('min_id', sinceId);
  let statuses: MastodonStatus[];
  if (config.mode === 'search') {
    params.set('q', config.q ?? '');
    params.set('type', 'statuses');
    params.set('resolve', 'false');
    statuses = (await getJson<{ statuses: MastodonStatus[] }>(ctx, `${config.instanceUrl}/api/v2/search?${params}`, config)).statuses ?? [];
  } else {
    if (config.timeline === 'local') params.set('local', 'true');
    const path =
      config.timeline === 'hashtag' ? `/api/v1/timelines/tag/${encodeURIComponent(config.hashtag ?? '')}` : '/api/v1/timelines/public';
    statuses = await getJson<MastodonStatus[]>(ctx, `${config.instanceUrl}${path}?${params}`, config);
  }
  return [...statuses].sort((a, b) => (newerId(a.id, b.id) === b.id && a.id !== b.id ? -1 : a.id === b.id ? 0 : 1));
}

async function catchUp(options: SourceRunOptions, cursor: SourceCursor, host: string): Promise<SourceCursor> {
  let current = cursor;
  for (let page = 0; page < 25 && !options.signal.aborted; page++) {
    const statuses = await fetchNewStatuses(options.ctx, options.source.config, current.sinceId as string | undefined);
    if (!statuses.length) break;
    let sinceId = current.sinceId as string | undefined;
    for (const s of statuses) sinceId = newerId(sinceId, s.id);
    current = { ...current, sinceId };
    const newest = statuses[statuses.length - 1];
    await options.emit({
      items: statuses.map((s) => statusToItem(s, host)).filter((i): i is SourceItem => i !== null),
      cursor: current,
      lagMs: options.ctx.clock.now() - Date.parse(newest.created_at),
    });
    if (statuses.length < 40) break;
  }
  return current;
}

async function streamOnce(
  options: SourceRunOptions,
  config: MastodonSourceConfig,
  cursor: SourceCursor,
  host: string,
): Promise<SourceCursor> {
  const path =
    config.timeline === 'hashtag'
      ? '/api/v1/streaming/hashtag'
      : config.timeline === 'local'
        ? '/api/v1/streaming/public/local'
        : '/api/v1/streaming/public';
  const url = new URL(`${config.instanceUrl}${path}`);
  if (config.timeline === 'hashtag') url.searchParams.set('tag', config.hashtag ?? '');
  if (options.signal.aborted) return cursor;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  let current = cursor;
  try {
    // No overall timeout on a stream: heartbeats keep it alive; the abort signal ends it.
    const response = await safeFetch(url.toString(), {
      headers: headersFor(config, 'text/event-stream'),
      allowPrivate: options.ctx.config.allowPrivateUrls,
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`Mastodon streaming answered HTTP ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    // Reading only after each emit resolves is the backpressure: TCP slows the server down.
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      const parsed = parseSse(buffer + decoder.decode(chunk, { stream: true }));
      buffer = parsed.rest;
      for (const event of parsed.events) {
        if (event.event !== 'update') continue;
        const status = JSON.parse(event.data) as MastodonStatus;
        current = { ...current, sinceId: newerId(current.sinceId as string | undefined, status.id) };
        const item = statusToItem(status, host);
        await options.emit({ items: item ? [item] : [], cursor: current, lagMs: options.ctx.clock.now() - Date.parse(status.created_at) });
      }
    }
  } catch (error) {
    if (!options.signal.aborted) throw error;
  } finally {
    options.signal.removeEventListener('abort', onAbort);
  }
  return current;
}

/** Config: `{ instanceUrl, mode: 'stream' | 'search', timeline?, hashtag?, q?, accessToken?, intervalMinutes? }`. */
export const mastodonSource: SourceAdapter = {
  kind: 'mastodon',
  async run(options) {
    const { ctx, source, signal, sleep } = options;
    const config = readConfig(source.config, ctx);
    const host = new URL(config.instanceUrl).host;
    let cursor: SourceCursor = source.cursor ?? {};
    let backoffMs = 1_000;
    while (!signal.aborted) {
      try {
        cursor = await catchUp(options, cursor, host);
        if (config.mode === 'search') {
          await sleep(Math.max(60_000, (config.intervalMinutes ?? 5) * 60_000));
          continue;
        }
        cursor = await streamOnce(options, config, cursor, host);
        backoffMs = 1_000;
      } catch (error) {
        ctx.logger.warn({ source: source.id, err: error }, 'mastodon source error');
        await options.emit({ items: [], cursor, lagMs: null, error: (error as Error).message, errorCode: failureCode(error) });
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 60_000);
      }
    }
  },
};
