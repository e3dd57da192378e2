/**
 * Pinterest (API v5): pins on a board with one image, a carousel (2–5 images) or a video; title,
 * description (the post's text), destination link and alt text; pin analytics and the account's
 * followers. Each channel is one board of the signed-in account (the sign-in picker lists the
 * boards); a pin may name another board of the same account (option `board`).
 *
 * Idempotency: Pinterest takes no idempotency key, so before creating a pin the adapter looks on
 * the board for a pin with this description made since the publication's first attempt
 * (reconcile-by-lookup), and `findPublished` does the same after an ambiguous outcome.
 *
 * Video: register an upload (POST /media), send the file to the upload URL Pinterest answers with
 * its form parameters (streamed from the media store), poll GET /media/{id} until `succeeded`,
 * then create the pin with `video_id`.
 *
 * Facts not confirmed from Pinterest's documentation (the OpenAPI document says nothing of them):
 * - the rate-limit headers: Retry-After and X-RateLimit-Reset are honoured when present, else a minute;
 * - the 20 MB image limit and video specs come from Pinterest's help centre, not the API reference;
 * - how long video processing takes: polled every 2 s for at most 5 minutes.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { networkUrl } from '../endpoints.ts';
import { assertMaySend, requestFailure } from '../request-failure.ts';
import {
  NetworkError,
  unhealthy,
  type ChannelContext,
  type ChannelHealth,
  type MediaInput,
  type MetricsSupport,
  type NetworkAdapter,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
} from '../types.ts';
import { PINTEREST_API, createPinterestClient, errorFromResponse, type PinterestRequestFn } from './api.ts';
import { createPinterestOAuthProvider } from './oauth.ts';
import { PINTEREST_CAPABILITIES, PINTEREST_LIMITS, boardOf, linkOf, validatePin } from './validate.ts';

export const PINTEREST_METRICS: MetricsSupport = {
  reported: ['likes', 'replies', 'reposts', 'impressions', 'clicks', 'followers'],
  missing: { quotes: 'not_provided_by_network', reach: 'not_provided_by_network' },
  extra: ['saves'],
};

export interface PinterestAdapterOptions {
  /** Tests only: replaces the guarded fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  requestTimeoutMs?: number;
  /** How far back a reconcile lookup reads when the first attempt is unknown. */
  reconcileLookbackMs?: number;
  videoPollIntervalMs?: number;
  videoPollTimeoutMs?: number;
}

interface Pin {
  id: string;
  board_id?: string;
  description?: string | null;
  title?: string | null;
  link?: string | null;
  created_at?: string;
}

/** Clocks differ: a pin made a little before our recorded first attempt is still ours. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Pins read per page and pages at most while reconciling. */
const PAGE_SIZE = 100;
const MAX_PAGES = 5;

function toBase64(media: MediaInput): string {
  return Buffer.from(media.bytes).toString('base64');
}

/** A multipart/form-data body of `fields` then the file, streamed, with its exact length (S3-style upload forms need it). */
export function multipartUpload(
  fields: Record<string, string>,
  media: MediaInput,
): { body: ReadableStream<Uint8Array>; length: number; contentType: string } {
  const boundary = `plaza-${crypto.randomUUID()}`;
  const encoder = new TextEncoder();
  let head = '';
  for (const [name, value] of Object.entries(fields))
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${media.mediaId}"\r\nContent-Type: ${media.mimeType}\r\n\r\n`;
  const headBytes = encoder.encode(head);
  const tailBytes = encoder.encode(`\r\n--${boundary}--\r\n`);
  const size = media.openStream ? media.size : media.bytes.byteLength;
  async function* parts(): AsyncGenerator<Uint8Array> {
    yield headBytes;
    if (media.openStream) yield* media.openStream();
    else yield media.bytes;
    yield tailBytes;
  }
  const iterator = parts();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  return { body, length: headBytes.byteLength + size + tailBytes.byteLength, contentType: `multipart/form-data; boundary=${boundary}` };
}

export function createPinterestAdapter(options: PinterestAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const lookbackMs = options.reconcileLookbackMs ?? 24 * 60 * 60_000;
  const pollIntervalMs = options.videoPollIntervalMs ?? 2_000;
  const pollTimeoutMs = options.videoPollTimeoutMs ?? 5 * 60_000;

  const clientFor = (ctx: ChannelContext) => createPinterestClient(ctx, { fetch: options.fetch, now, requestTimeoutMs });

  function boardFor(ctx: ChannelContext, input: PublishInput): string {
    const board = boardOf(input, ctx.settings);
    if (!board) throw new NetworkError('permanent', 'board_required', 'A pin needs a board: this channel has none');
    return board;
  }

  async function recentPins(request: PinterestRequestFn, boardId: string, notBefore: number): Promise<Pin[]> {
    const found: Pin[] = [];
    let bookmark: string | null | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query: Array<[string, string]> = [['page_size', String(PAGE_SIZE)]];
      if (bookmark) query.push(['bookmark', bookmark]);
      const { body } = await request<{ items: Pin[]; bookmark?: string | null }>({ method: 'GET', path: `/boards/${boardId}/pins`, query });
      const items = body?.items ?? [];
      found.push(...items.filter((pin) => !pin.created_at || Date.parse(pin.created_at) >= notBefore));
      const oldest = items.at(-1)?.created_at;
      bookmark = body?.bookmark;
      if (!bookmark || items.length === 0 || (oldest && Date.parse(oldest) < notBefore)) break;
    }
    return found;
  }

  async function lookUp(request: PinterestRequestFn, boardId: string, input: PublishInput): Promise<Pin | null> {
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    const notBefore = Number.isNaN(first) ? now() - lookbackMs : first - CLOCK_SKEW_MS;
    const pins = await recentPins(request, boardId, notBefore);
    const description = input.text.trim();
    const title = input.title?.trim() ?? '';
    return pins.find((pin) => (pin.description ?? '').trim() === description && (pin.title ?? '').trim() === title) ?? null;
  }

  const result = (pin: Pin): PublishResult => ({ remoteId: pin.id, remoteUrl: PINTEREST_API.pinUrl(pin.id) });

  /** Uploads a video (register, send, wait until processed) and answers its media id. */
  async function uploadVideo(ctx: ChannelContext, request: PinterestRequestFn, video: MediaInput): Promise<string> {
    const { body: registered } = await request<{ media_id: string; upload_url?: string; upload_parameters?: Record<string, string> }>({
      method: 'POST',
      path: '/media',
      json: { media_type: 'video' },
    });
    if (!registered?.media_id || !registered.upload_url)
      throw new NetworkError('transient', 'unexpected_response', 'Pinterest registered the video without an upload URL');
    const form = multipartUpload(registered.upload_parameters ?? {}, video);
    assertMaySend(ctx);
    let response: Response;
    try {
      const fetcher = options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true);
      response = await fetcher(networkUrl(registered.upload_url, ctx.origin), {
        method: 'POST',
        headers: { 'Content-Type': form.contentType, 'Content-Length': String(form.length) },
        body: form.body,
        signal: ctx.signal,
        duplex: 'half',
      } as RequestInit);
      await response.text();
    } catch (error) {
      throw requestFailure(error, { network: 'Pinterest', mutating: true, timedOut: false });
    }
    if (!response.ok) throw errorFromResponse(response.status, null, response.headers, now());
    const started = now();
    for (;;) {
      const { body: media } = await request<{ status?: string }>({ method: 'GET', path: `/media/${registered.media_id}` });
      if (media?.status === 'succeeded') return registered.media_id;
      if (media?.status === 'failed')
        throw new NetworkError('permanent', 'video_processing_failed', 'Pinterest could not process the video');
      if (now() - started > pollTimeoutMs)
        throw new NetworkError('transient', 'video_processing_timeout', 'Pinterest is still processing the video');
      await sleep(pollIntervalMs);
    }
  }

  async function mediaSource(ctx: ChannelContext, request: PinterestRequestFn, input: PublishInput): Promise<Record<string, unknown>> {
    const video = input.media.find((m) => m.kind === 'video');
    if (video) {
      const mediaId = await uploadVideo(ctx, request, video);
      return { source_type: 'video_id', media_id: mediaId, cover_image_key_frame_time: 0 };
    }
    const images = input.media.filter((m) => m.kind !== 'video');
    if (images.length === 0) throw new NetworkError('permanent', 'media_required', 'A pin needs an image or a video');
    if (images.length === 1) return { source_type: 'image_base64', content_type: images[0].mimeType, data: toBase64(images[0]) };
    return {
      source_type: 'multiple_image_base64',
      items: images.map((image) => ({ content_type: image.mimeType, data: toBase64(image) })),
    };
  }

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const pin = await lookUp(clientFor(ctx), boardFor(ctx, input), input);
    return pin ? result(pin) : null;
  }

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const request = clientFor(ctx);
    const boardId = boardFor(ctx, input);
    const existing = await lookUp(request, boardId, input);
    if (existing) return result(existing);
    let source: Record<string, unknown>;
    try {
      source = await mediaSource(ctx, request, input);
    } catch (error) {
      // No pin exists yet: a lost upload answer leaves at most an unused upload, so a plain retry is safe.
      if (error instanceof NetworkError && error.kind === 'ambiguous')
        throw new NetworkError('transient', `media_${error.code}`, error.message, error.details);
      throw error;
    }
    const alt = input.media.find((m) => m.alt?.trim())?.alt?.trim();
    const link = linkOf(input);
    const body: Record<string, unknown> = { board_id: boardId, description: input.text, media_source: source };
    if (input.title?.trim()) body.title = input.title.trim();
    if (link) body.link = link;
    if (alt) body.alt_text = alt;
    // The lookup and the upload are done: the posting slot is taken now, as Pinterest counts the pin.
    await ctx.postingSlot?.();
    const { body: pin } = await request<Pin>({ method: 'POST', path: '/pins', json: body });
    if (!pin?.id) throw new NetworkError('ambiguous', 'no_remote_id', 'Pinterest created the pin without answering its id');
    return result(pin);
  }

  async function fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
    const request = clientFor(ctx);
    const today = new Date(now());
    const start = new Date(today.getTime() - 89 * 24 * 60 * 60_000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const { body } = await request<Record<string, { summary_metrics?: Record<string, number>; lifetime_metrics?: Record<string, number> }>>(
      {
        method: 'GET',
        path: `/pins/${remoteId}/analytics`,
        query: [
          ['start_date', day(start)],
          ['end_date', day(today)],
          ['metric_types', 'IMPRESSION,OUTBOUND_CLICK,PIN_CLICK,SAVE,TOTAL_COMMENTS,TOTAL_REACTIONS'],
          ['app_types', 'ALL'],
        ],
      },
    );
    const data = body?.all ?? Object.values(body ?? {})[0] ?? {};
    const value = (name: string) => {
      const raw = data.lifetime_metrics?.[name] ?? data.summary_metrics?.[name];
      return typeof raw === 'number' ? raw : 0;
    };
    return {
      likes: value('TOTAL_REACTIONS'),
      replies: value('TOTAL_COMMENTS'),
      reposts: value('SAVE'),
      quotes: null,
      impressions: value('IMPRESSION'),
      reach: null,
      clicks: value('OUTBOUND_CLICK'),
      missing: { ...PINTEREST_METRICS.missing },
      networkMetrics: { pin_clicks: value('PIN_CLICK'), saves: value('SAVE'), outbound_clicks: value('OUTBOUND_CLICK') },
    };
  }

  async function deletePin(ctx: ChannelContext, remoteId: string): Promise<void> {
    try {
      await clientFor(ctx)({ method: 'DELETE', path: `/pins/${remoteId}` });
    } catch (error) {
      if (error instanceof NetworkError && error.details.status === 404) return; // already gone
      throw error;
    }
  }

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const request = clientFor(ctx);
      const { body: account } = await request<{
        id?: string;
        username?: string;
        business_name?: string | null;
        follower_count?: number | null;
      }>({
        method: 'GET',
        path: '/user_account',
      });
      const boardId = typeof ctx.settings.boardId === 'string' ? ctx.settings.boardId : undefined;
      if (!boardId)
        return { ok: false, error: { code: 'board_required', message: 'This Pinterest channel has no board', kind: 'permanent' } };
      try {
        await request({ method: 'GET', path: `/boards/${boardId}` });
      } catch (error) {
        if (error instanceof NetworkError && error.details.status === 404)
          return {
            ok: false,
            error: { code: 'board_not_found', message: 'The board of this channel no longer exists on Pinterest', kind: 'permanent' },
          };
        throw error;
      }
      const handle = account?.username ?? account?.id ?? 'pinterest';
      return {
        ok: true,
        account: {
          id: account?.id ?? handle,
          handle,
          ...(account?.business_name ? { displayName: account.business_name } : {}),
          ...(typeof account?.follower_count === 'number' ? { followers: account.follower_count } : {}),
        },
      };
    } catch (error) {
      return unhealthy(error);
    }
  }

  return {
    name: 'pinterest',
    label: { en: 'Pinterest', es: 'Pinterest' },
    simulated: false,
    limits: PINTEREST_LIMITS,
    capabilities: PINTEREST_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    oauth: createPinterestOAuthProvider({ ...(options.fetch ? { fetch: options.fetch } : {}) }),
    connectionFields: [
      { name: 'accessToken', secret: true, required: true, label: { en: 'Access token', es: 'Token de acceso' } },
      { name: 'refreshToken', secret: true, required: false, label: { en: 'Refresh token', es: 'Token de renovación' } },
      { name: 'boardId', secret: false, required: true, label: { en: 'Board id', es: 'Id del tablero' } },
    ],
    metrics: PINTEREST_METRICS,
    validate: validatePin,
    checkHealth,
    publish,
    findPublished,
    delete: deletePin,
    fetchMetrics,
    // Pinterest's API v5 offers no reading of a pin's comments.
    fetchMentions: async () => [],
  };
}
