/**
 * The Google Business Profile adapter: local posts (update, event, offer; a button; a photo) on
 * one location, reviews read (mentions and the inbox) and answered, the location's performance.
 * See docs/networks/google-business.md.
 *
 * Idempotency (reconcile-by-lookup): local posts take no idempotency key. Before posting again
 * for a publication first tried earlier, the location's local posts are read and one with this
 * publication's summary and kind, created since its first attempt, is taken as ours.
 * Review replies are idempotent by nature: a review has one reply and PUT replaces it.
 *
 * Facts not confirmed from documentation: the event/offer title limit (58 characters, from the help
 * centre's post editor); that a post's performance is no longer readable per post (localPosts
 * reportInsights is gone with the v4 insights), so per-post metrics are all "not provided" and the
 * location's last 28 days come as network metrics.
 */
import { guardedFetch } from '../../lib/safe-fetch.ts';
import { createGoogleClient } from '../google-api/client.ts';
import type { InboundItem, InboxAdapter } from '../inbox.ts';
import {
  NetworkError,
  type ChannelContext,
  type ChannelHealth,
  type MetricsSupport,
  type NetworkAdapter,
  type PostMetrics,
  type PublishInput,
  type PublishResult,
  type RemoteMention,
  unhealthy,
} from '../types.ts';
import { GBP_API, type GbpLocalPost, type GbpReview } from './api.ts';
import { createGbpOAuthProvider } from './oauth.ts';
import { GBP_CAPABILITIES, GBP_LIMITS, gbpTopic, parseDate, parseTime, validateGbpPost } from './validate.ts';

export interface GbpAdapterOptions {
  fetch?: typeof fetch;
  now?: () => number;
  requestTimeoutMs?: number;
  reconcileLookbackMs?: number;
}

export const GBP_METRICS: MetricsSupport = {
  reported: [],
  missing: {
    likes: 'not_provided_by_network',
    replies: 'not_provided_by_network',
    reposts: 'not_provided_by_network',
    quotes: 'not_provided_by_network',
    impressions: 'not_provided_by_network',
    reach: 'not_provided_by_network',
    clicks: 'use_tracked_links',
  },
};

const CLOCK_SKEW_MS = 5 * 60_000;
const RETRY_AFTER_MS = 1_000;
const STARS: Record<string, number> = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };
/** The location metrics summed over the last 28 days (Business Profile Performance API DailyMetric). */
const LOCATION_METRICS = [
  'BUSINESS_IMPRESSIONS_DESKTOP_MAPS',
  'BUSINESS_IMPRESSIONS_DESKTOP_SEARCH',
  'BUSINESS_IMPRESSIONS_MOBILE_MAPS',
  'BUSINESS_IMPRESSIONS_MOBILE_SEARCH',
  'CALL_CLICKS',
  'WEBSITE_CLICKS',
  'BUSINESS_DIRECTION_REQUESTS',
] as const;

/** The channel's location: settings.accountName (accounts/…) and settings.locationName (locations/…), as the picker stored them. */
export function gbpLocation(ctx: ChannelContext): { account: string; location: string; parent: string } {
  const account = ctx.settings.accountName;
  const location = ctx.settings.locationName;
  if (typeof account !== 'string' || !/^accounts\/\d+$/.test(account) || typeof location !== 'string' || !/^locations\/\d+$/.test(location))
    throw new NetworkError(
      'permanent',
      'invalid_settings',
      'The Google Business Profile channel needs settings.accountName (accounts/…) and settings.locationName (locations/…)',
    );
  return { account, location, parent: `${account}/${location}` };
}

const option = (input: PublishInput, name: string): string => {
  const value = input.options?.network?.[name];
  return typeof value === 'string' ? value.trim() : '';
};

export function createGbpAdapter(options: GbpAdapterOptions = {}): NetworkAdapter {
  const now = options.now ?? Date.now;
  const lookbackMs = options.reconcileLookbackMs ?? 2 * 24 * 3600_000;
  const clientFor = (ctx: ChannelContext) =>
    createGoogleClient(ctx, {
      network: 'Google Business Profile',
      fetch: options.fetch ?? guardedFetch(ctx.allowPrivateUrls === true),
      now,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    });

  function localPost(ctx: ChannelContext, input: PublishInput): GbpLocalPost {
    const topicType = gbpTopic(input);
    const language = input.options?.language ?? (typeof ctx.settings.languageCode === 'string' ? ctx.settings.languageCode : 'es');
    const body: GbpLocalPost = { languageCode: language, summary: input.text, topicType };
    if (topicType !== 'STANDARD') {
      const startDate = parseDate(option(input, 'startDate'));
      const endDate = parseDate(option(input, 'endDate'));
      if (!startDate || !endDate) throw new NetworkError('permanent', 'invalid_content', 'An event or offer needs its start and end dates');
      const startTime = parseTime(option(input, 'startTime'));
      const endTime = parseTime(option(input, 'endTime'));
      body.event = {
        title: option(input, 'eventTitle'),
        schedule: { startDate, endDate, ...(startTime ? { startTime } : {}), ...(endTime ? { endTime } : {}) },
      };
    }
    if (topicType === 'OFFER') {
      const offer: NonNullable<GbpLocalPost['offer']> = {};
      if (option(input, 'couponCode')) offer.couponCode = option(input, 'couponCode');
      if (option(input, 'redeemUrl')) offer.redeemOnlineUrl = option(input, 'redeemUrl');
      if (option(input, 'terms')) offer.termsConditions = option(input, 'terms');
      body.offer = offer;
    } else {
      const action = option(input, 'callToAction');
      if (action && action !== 'NONE')
        body.callToAction = { actionType: action, ...(action !== 'CALL' ? { url: option(input, 'actionUrl') } : {}) };
    }
    const photo = input.media[0];
    if (photo) {
      if (!photo.publicUrl)
        throw new NetworkError(
          'permanent',
          'media_url_missing',
          'Google fetches the photo from a public link: set PUBLIC_URL to an address reachable from the internet',
        );
      body.media = [{ mediaFormat: 'PHOTO', sourceUrl: photo.publicUrl }];
    }
    return body;
  }

  async function lookUp(ctx: ChannelContext, input: PublishInput): Promise<GbpLocalPost | null> {
    const { parent } = gbpLocation(ctx);
    const request = clientFor(ctx);
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    const since = (Number.isNaN(first) ? now() - lookbackMs : first) - CLOCK_SKEW_MS;
    const topic = gbpTopic(input);
    let pageToken: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const query = new URLSearchParams({ pageSize: '100' });
      if (pageToken) query.set('pageToken', pageToken);
      const { body } = await request<{ localPosts?: GbpLocalPost[]; nextPageToken?: string }>({
        method: 'GET',
        url: `${GBP_API.v4}/${parent}/localPosts?${query}`,
      });
      let older = false;
      for (const post of body?.localPosts ?? []) {
        const at = Date.parse(post.createTime ?? '');
        if (!Number.isNaN(at) && at < since) {
          older = true;
          continue;
        }
        if ((post.summary ?? '') === input.text && (post.topicType ?? 'STANDARD') === topic) return post;
      }
      pageToken = body?.nextPageToken;
      if (!pageToken || older) break;
    }
    return null;
  }

  const resultOf = (post: GbpLocalPost): PublishResult => {
    if (!post.name) throw new NetworkError('ambiguous', 'unexpected_response', 'Google created the post without naming it');
    return { remoteId: post.name, remoteUrl: post.searchUrl ?? null };
  };

  async function publish(ctx: ChannelContext, input: PublishInput): Promise<PublishResult> {
    const { parent } = gbpLocation(ctx);
    const body = localPost(ctx, input);
    const first = input.firstAttemptAt ? Date.parse(input.firstAttemptAt) : Number.NaN;
    if (input.retry || Number.isNaN(first) || now() - first > RETRY_AFTER_MS) {
      const existing = await lookUp(ctx, input);
      if (existing) return resultOf(existing);
    }
    // The look-up is done: the posting slot is taken now, as Google counts the post.
    await ctx.postingSlot?.();
    const { body: created } = await clientFor(ctx)<GbpLocalPost>({ method: 'POST', url: `${GBP_API.v4}/${parent}/localPosts`, json: body });
    if (created?.state === 'REJECTED') throw new NetworkError('permanent', 'post_rejected', 'Google rejected the post (content policy)');
    return resultOf(created);
  }

  async function findPublished(ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    const found = await lookUp(ctx, input);
    return found ? resultOf(found) : null;
  }

  const ownPost = (ctx: ChannelContext, remoteId: string) => {
    const { parent } = gbpLocation(ctx);
    if (!remoteId.startsWith(`${parent}/localPosts/`))
      throw new NetworkError('permanent', 'not_found', 'That post is not one of this location’s');
    return remoteId;
  };

  async function deletePost(ctx: ChannelContext, remoteId: string): Promise<void> {
    try {
      await clientFor(ctx)({ method: 'DELETE', url: `${GBP_API.v4}/${ownPost(ctx, remoteId)}` });
    } catch (error) {
      if (error instanceof NetworkError && error.code === 'not_found') return;
      throw error;
    }
  }

  /** The location's last 28 days (impressions on Maps and Search, calls, website clicks, directions). */
  async function locationPerformance(ctx: ChannelContext): Promise<Record<string, number>> {
    const { location } = gbpLocation(ctx);
    const end = new Date(now());
    const start = new Date(now() - 28 * 24 * 3600_000);
    const query = new URLSearchParams();
    for (const metric of LOCATION_METRICS) query.append('dailyMetrics', metric);
    for (const [key, date] of [
      ['startDate', start],
      ['endDate', end],
    ] as const) {
      query.set(`dailyRange.${key}.year`, String(date.getUTCFullYear()));
      query.set(`dailyRange.${key}.month`, String(date.getUTCMonth() + 1));
      query.set(`dailyRange.${key}.day`, String(date.getUTCDate()));
    }
    const { body } = await clientFor(ctx)<{
      multiDailyMetricTimeSeries?: Array<{
        dailyMetricTimeSeries?: Array<{ dailyMetric?: string; timeSeries?: { datedValues?: Array<{ value?: string }> } }>;
      }>;
    }>({ method: 'GET', url: `${GBP_API.performance}/${location}:fetchMultiDailyMetricsTimeSeries?${query}` });
    const totals: Record<string, number> = {};
    for (const group of body?.multiDailyMetricTimeSeries ?? [])
      for (const series of group.dailyMetricTimeSeries ?? []) {
        if (!series.dailyMetric) continue;
        const key = `location_28d_${series.dailyMetric.toLowerCase()}`;
        totals[key] = (series.timeSeries?.datedValues ?? []).reduce((sum, v) => sum + Number(v.value ?? 0), totals[key] ?? 0);
      }
    return totals;
  }

  async function fetchMetrics(ctx: ChannelContext, remoteId: string): Promise<PostMetrics> {
    ownPost(ctx, remoteId);
    const networkMetrics = await locationPerformance(ctx);
    return {
      likes: null,
      replies: null,
      reposts: null,
      quotes: null,
      impressions: null,
      reach: null,
      clicks: null,
      missing: { ...GBP_METRICS.missing },
      networkMetrics,
    };
  }

  /** When a review last changed: its own update or its reply's (answered in Google's own screens too). */
  const touched = (review: GbpReview): number =>
    Math.max(Date.parse(review.updateTime ?? review.createTime ?? '') || 0, Date.parse(review.reviewReply?.updateTime ?? '') || 0);

  async function reviews(ctx: ChannelContext, sinceMs: number): Promise<GbpReview[]> {
    const { parent } = gbpLocation(ctx);
    const out: GbpReview[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const query = new URLSearchParams({ pageSize: '50', orderBy: 'updateTime desc' });
      if (pageToken) query.set('pageToken', pageToken);
      const { body } = await clientFor(ctx)<{ reviews?: GbpReview[]; nextPageToken?: string }>({
        method: 'GET',
        url: `${GBP_API.v4}/${parent}/reviews?${query}`,
      });
      let older = false;
      for (const review of body?.reviews ?? []) {
        if (touched(review) <= sinceMs) {
          older = true;
          continue;
        }
        out.push(review);
      }
      pageToken = body?.nextPageToken;
      if (!pageToken || older) break;
    }
    return out;
  }

  const reviewText = (review: GbpReview) => review.comment ?? '';
  const mapsUrl = (ctx: ChannelContext) => (typeof ctx.settings.mapsUri === 'string' ? ctx.settings.mapsUri : null);

  async function fetchMentions(ctx: ChannelContext, since?: string): Promise<RemoteMention[]> {
    const sinceMs = since ? Date.parse(since) : now() - 7 * 24 * 3600_000;
    return (await reviews(ctx, sinceMs))
      .filter((r) => Date.parse(r.createTime ?? '') > sinceMs)
      .map((review) => ({
        remoteId: review.name,
        url: mapsUrl(ctx),
        authorHandle: review.reviewer?.displayName ?? '',
        ...(review.reviewer?.displayName ? { authorName: review.reviewer.displayName } : {}),
        text: reviewText(review),
        createdAt: new Date(review.createTime ?? now()).toISOString(),
      }));
  }

  const inbox: InboxAdapter = {
    capabilities: { kinds: ['review'], actions: ['reply'], maxReplyChars: 4096 },
    async fetchInbound(ctx, opts) {
      const sinceMs = opts.cursor ? Date.parse(opts.cursor) : opts.since ? Date.parse(opts.since) : now() - 30 * 24 * 3600_000;
      const found = await reviews(ctx, sinceMs);
      const items: InboundItem[] = [];
      let latest = sinceMs;
      for (const review of found) {
        latest = Math.max(latest, touched(review));
        items.push({
          remoteId: review.name,
          kind: 'review',
          threadRemoteId: review.name,
          author: {
            id: review.reviewer?.isAnonymous ? `anonymous:${review.reviewId}` : (review.reviewer?.displayName ?? review.reviewId),
            handle: review.reviewer?.displayName ?? '',
            ...(review.reviewer?.displayName ? { displayName: review.reviewer.displayName } : {}),
            ...(review.reviewer?.profilePhotoUrl ? { avatarUrl: review.reviewer.profilePhotoUrl } : {}),
          },
          text: reviewText(review),
          url: mapsUrl(ctx),
          createdAt: new Date(review.createTime ?? now()).toISOString(),
          ...(review.starRating && STARS[review.starRating] ? { rating: STARS[review.starRating] } : {}),
        });
        if (review.reviewReply) {
          items.push({
            remoteId: `${review.name}/reply`,
            kind: 'reply',
            threadRemoteId: review.name,
            inReplyToRemoteId: review.name,
            author: { id: String(ctx.settings.locationName ?? 'location'), handle: String(ctx.settings.title ?? '') },
            text: review.reviewReply.comment,
            url: mapsUrl(ctx),
            createdAt: new Date(review.reviewReply.updateTime ?? review.updateTime ?? now()).toISOString(),
            fromUs: true,
          });
        }
      }
      items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { items, cursor: new Date(latest).toISOString(), hasMore: false };
    },
    async reply(ctx, input) {
      const { parent } = gbpLocation(ctx);
      const review = input.target.threadRemoteId;
      if (!review.startsWith(`${parent}/reviews/`))
        throw new NetworkError('permanent', 'not_found', 'That review is not one of this location’s');
      // One reply per review; PUT replaces it, so sending again is safe.
      await clientFor(ctx)({ method: 'PUT', url: `${GBP_API.v4}/${review}/reply`, json: { comment: input.text } });
      return { remoteId: `${review}/reply`, remoteUrl: mapsUrl(ctx) };
    },
    async findReply(ctx, input) {
      const review = input.target.threadRemoteId;
      const { body } = await clientFor(ctx)<GbpReview>({ method: 'GET', url: `${GBP_API.v4}/${review}` });
      return body?.reviewReply?.comment === input.text ? { remoteId: `${review}/reply`, remoteUrl: mapsUrl(ctx) } : null;
    },
    async act() {
      throw new NetworkError('permanent', 'action_not_supported', 'Google Business Profile reviews can only be answered');
    },
  };

  async function checkHealth(ctx: ChannelContext): Promise<ChannelHealth> {
    try {
      const { location } = gbpLocation(ctx);
      const { body } = await clientFor(ctx)<{ name?: string; title?: string }>({
        method: 'GET',
        url: `${GBP_API.businessInformation}/${location}?readMask=name,title,metadata`,
      });
      return { ok: true, account: { id: location, handle: body?.title ?? location, ...(body?.title ? { displayName: body.title } : {}) } };
    } catch (error) {
      return unhealthy(error);
    }
  }

  return {
    name: 'google-business',
    label: { en: 'Google Business Profile', es: 'Perfil de Empresa de Google' },
    simulated: false,
    limits: GBP_LIMITS,
    capabilities: GBP_CAPABILITIES,
    idempotency: 'reconcile-by-lookup',
    oauth: createGbpOAuthProvider({ ...(options.fetch ? { fetch: options.fetch } : {}), now }),
    inbox,
    connectionFields: [
      { name: 'accessToken', secret: true, required: true, label: { en: 'Access token', es: 'Token de acceso' } },
      { name: 'refreshToken', secret: true, required: false, label: { en: 'Refresh token', es: 'Token de renovación' } },
      { name: 'accountName', secret: false, required: true, label: { en: 'Account (accounts/…)', es: 'Cuenta (accounts/…)' } },
      { name: 'locationName', secret: false, required: true, label: { en: 'Location (locations/…)', es: 'Ubicación (locations/…)' } },
    ],
    metrics: GBP_METRICS,
    validate: validateGbpPost,
    checkHealth,
    publish,
    findPublished,
    delete: deletePost,
    fetchMetrics,
    fetchMentions,
  };
}
