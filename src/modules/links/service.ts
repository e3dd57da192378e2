import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { campaignTag } from '../../lib/text.ts';
import { brandDays } from '../../lib/brand-days.ts';
import { workspaceCurrency, workspaceTimeZone } from '../../db/workspace-settings.ts';
import { assertReferencesInWorkspace } from '../workspaces/references.ts';
import { publicBaseUrl } from '../../lib/public-url.ts';
import { linksRepository, type ClickRow, type RoiDimension } from './repository.ts';

const CODE_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random short code (7 characters from a look-alike-free alphabet: ~1.5e12 codes). */
export function newShortCode(length = 7): string {
  const bytes = randomBytes(length);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  return code;
}

/** Adds (or overrides) the UTM parameters on a destination URL. */
export function withUtm(
  target: string,
  utm: { source: string; medium: string; campaign?: string | null; content?: string | null },
): string {
  const url = new URL(target);
  url.searchParams.set('utm_source', utm.source);
  url.searchParams.set('utm_medium', utm.medium);
  if (utm.campaign) url.searchParams.set('utm_campaign', utm.campaign);
  if (utm.content) url.searchParams.set('utm_content', utm.content);
  return url.toString();
}

const BOT_PATTERN =
  /bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|quora link|whatsapp|telegram|discord|skype|bluesky|mastodon|pleroma|misskey|akkoma|curl|wget|python-requests|httpclient|go-http|axios|node-fetch|headless|lighthouse|pingdom|monitor/i;

/** True for crawlers, link unfurlers and scripts (by user agent); an empty user agent counts as a bot. */
export function isBotUserAgent(userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.trim() === '') return true;
  return BOT_PATTERN.test(userAgent);
}

/** Host of a referrer URL, or null (never the full URL: paths can carry personal data). */
export function referrerHost(referrer: string | undefined): string | null {
  if (!referrer) return null;
  try {
    return new URL(referrer).host.slice(0, 200) || null;
  } catch {
    return null;
  }
}

/** Public base URL of short links: PUBLIC_URL, else the loopback default (never the client's Host header). */
export function shortLinkBase(ctx: AppContext): string {
  return publicBaseUrl(ctx.config);
}

/**
 * Creates a tracked short link. With a post (and optionally a channel), the
 * UTM parameters say where the click came from: utm_source = network,
 * utm_medium = social, utm_campaign = the campaign's tag as typed, utm_content = post id;
 * each can be given instead.
 */
export async function createTrackedLink(
  ctx: AppContext,
  db: Db,
  workspaceId: string,
  input: {
    url: string;
    postId?: string | null;
    channelId?: string | null;
    campaignId?: string | null;
    objectiveId?: string | null;
    utmSource?: string;
    utmMedium?: string;
    utmCampaign?: string;
    utmContent?: string;
  },
  createdBy: string | null,
) {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw badRequest('invalid_url', 'url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('invalid_url', 'url must be an absolute http(s) URL');
  await assertReferencesInWorkspace(db, workspaceId, {
    postId: input.postId,
    channelId: input.channelId,
    campaignId: input.campaignId,
    objectiveId: input.objectiveId,
  });
  let campaignId = input.campaignId ?? null;
  let objectiveId = input.objectiveId ?? null;
  let network: string | null = null;
  if (input.postId) {
    const post = await linksRepository.findPostAttribution(db, workspaceId, input.postId);
    if (!post) throw badRequest('unknown_post', 'Unknown postId');
    campaignId ??= post.campaign_id;
    objectiveId ??= post.objective_id;
  }
  if (input.channelId) {
    const channel = await linksRepository.findChannelNetwork(db, workspaceId, input.channelId);
    if (!channel) throw badRequest('unknown_channel', 'Unknown channelId');
    network = channel.network;
  }
  let campaignSlug: string | null = null;
  if (campaignId) {
    const campaign = await linksRepository.findCampaignSlug(db, workspaceId, campaignId);
    if (!campaign) throw badRequest('unknown_campaign', 'Unknown campaignId');
    campaignSlug = campaign.slug;
    objectiveId ??= campaign.objective_id;
  }
  // Every UTM part can be edited; a typed campaign tag is kept as typed (not lower-cased or slugged).
  const typedCampaign = input.utmCampaign ? campaignTag(input.utmCampaign) : '';
  const destination = withUtm(url.toString(), {
    source: input.utmSource?.trim() || network || 'social',
    medium: input.utmMedium?.trim() || 'social',
    campaign: typedCampaign || campaignSlug,
    content: input.utmContent ?? input.postId ?? null,
  });
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newShortCode();
    const row = await linksRepository.insertLinkUnlessCodeTaken(db, {
      workspace_id: workspaceId,
      code,
      target_url: url.toString(),
      destination_url: destination,
      post_id: input.postId ?? null,
      channel_id: input.channelId ?? null,
      network,
      campaign_id: campaignId,
      objective_id: objectiveId,
      created_by: createdBy,
      created_at: new Date(ctx.clock.now()),
    });
    if (row) return row;
  }
  throw new Error('Could not allocate a unique short code');
}

/** One click waiting to be written. */
type PendingClick = ClickRow;

/**
 * Serves redirects fast: links are cached by code (they never change), and clicks
 * are written in batches (every `flushMs` or `maxBatch` clicks) with one
 * multi-row INSERT, so a redirect never waits for the database. A crash loses at
 * most one batch window of clicks.
 */
export class ClickRecorder {
  private readonly cache = new Map<string, { id: string; workspaceId: string; destination: string } | null>();
  private pending: PendingClick[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private salt: { day: string; salt: string } | null = null;
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly options: { flushMs?: number; maxBatch?: number; cacheSize?: number } = {},
  ) {}

  /** The link for a code, from cache or database (null when unknown). */
  async resolve(code: string): Promise<{ id: string; workspaceId: string; destination: string } | null> {
    if (this.cache.has(code)) return this.cache.get(code) ?? null;
    const row = await linksRepository.findLinkByCode(this.ctx.database.db, code);
    const value = row ? { id: row.id, workspaceId: row.workspace_id, destination: row.destination_url } : null;
    if (this.cache.size >= (this.options.cacheSize ?? 50_000)) this.cache.delete(this.cache.keys().next().value as string);
    // Unknown codes are cached too, but only briefly implied by the bounded map.
    if (value) this.cache.set(code, value);
    return value;
  }

  /** Forgets a code (after the link is deleted). */
  forget(code: string): void {
    this.cache.delete(code);
  }

  /** Today's salt (UTC day), created on first use; salts older than yesterday are deleted. */
  private async dailySalt(now: number): Promise<string> {
    const day = new Date(now).toISOString().slice(0, 10);
    if (this.salt?.day === day) return this.salt.salt;
    const salt = await linksRepository.dailySalt(
      this.ctx.database.db,
      day,
      randomBytes(16).toString('hex'),
      new Date(now - 86_400_000).toISOString().slice(0, 10),
    );
    this.salt = { day, salt };
    return salt;
  }

  /** Queues a click: the visitor is a salted daily hash of IP and user agent; the IP itself is never stored. */
  record(link: { id: string; workspaceId: string }, visitor: { ip: string; userAgent?: string; referrer?: string }): Promise<void> {
    const pending = this.queue(link, visitor).finally(() => this.inflight.delete(pending));
    this.inflight.add(pending);
    return pending;
  }

  private async queue(
    link: { id: string; workspaceId: string },
    visitor: { ip: string; userAgent?: string; referrer?: string },
  ): Promise<void> {
    const now = this.ctx.clock.now();
    const salt = await this.dailySalt(now);
    const visitorHash = createHash('sha256')
      .update(`${salt}|${link.workspaceId}|${visitor.ip}|${visitor.userAgent ?? ''}`)
      .digest('base64url')
      .slice(0, 22);
    this.pending.push({
      link_id: link.id,
      workspace_id: link.workspaceId,
      clicked_at: new Date(now),
      visitor_hash: visitorHash,
      is_bot: isBotUserAgent(visitor.userAgent),
      referrer_host: referrerHost(visitor.referrer),
    });
    if (this.pending.length >= (this.options.maxBatch ?? 500)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? 200);
  }

  /** Writes every queued click now (including clicks still being queued). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(async () => {
      for (let i = 0; i < batch.length; i += 1000) {
        await linksRepository
          .insertClicks(this.ctx.database.db, batch.slice(i, i + 1000))
          .catch((error: unknown) => this.ctx.logger.error({ err: error, lost: batch.length }, 'storing link clicks failed'));
      }
    });
    await this.flushing;
  }
}

/** Per-workspace conversion secret (webhook) and public pixel key, created on first use. */
export async function analyticsSettings(ctx: AppContext, workspaceId: string) {
  const db = ctx.database.db;
  const existing = await linksRepository.findSettings(db, workspaceId);
  if (existing) return existing;
  await linksRepository.insertSettingsIfMissing(db, {
    workspaceId,
    conversionSecretSealed: ctx.secrets.seal(`cvs_${randomBytes(24).toString('base64url')}`),
    pixelKey: `px_${randomBytes(12).toString('base64url')}`,
    now: new Date(ctx.clock.now()),
  });
  const created = await linksRepository.findSettings(db, workspaceId);
  if (!created) throw new Error('Analytics settings were not created');
  return created;
}

/** Constant-time comparison of a presented conversion secret with the workspace's. */
export function secretMatches(ctx: AppContext, sealed: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(ctx.secrets.open<string>(sealed));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A conversion as reported by a site: which link or post it came from, its kind and value. */
export interface ConversionInput {
  code?: string;
  postId?: string;
  campaign?: string;
  kind?: string;
  value?: number;
  currency?: string;
  externalId?: string;
  occurredAt?: Date;
}

/**
 * Stores a conversion, attributed link → post → campaign → objective. A repeated
 * externalId is accepted once (idempotent for retrying senders).
 */
export async function recordConversion(ctx: AppContext, workspaceId: string, input: ConversionInput, source: 'webhook' | 'pixel') {
  const db = ctx.database.db;
  let link:
    | { id: string; post_id: string | null; channel_id: string | null; campaign_id: string | null; objective_id: string | null }
    | undefined;
  if (input.code) {
    link = await linksRepository.findAttributionByCode(db, workspaceId, input.code);
    if (!link) throw notFound('Link');
  }
  let postId = link?.post_id ?? null;
  let campaignId = link?.campaign_id ?? null;
  let objectiveId = link?.objective_id ?? null;
  if (!postId && input.postId && /^[0-9a-f-]{36}$/i.test(input.postId)) {
    const post = await linksRepository.findPostAttribution(db, workspaceId, input.postId);
    if (post) {
      postId = post.id;
      campaignId ??= post.campaign_id;
      objectiveId ??= post.objective_id;
    }
  }
  if (!campaignId && input.campaign) {
    const campaign = await linksRepository.findCampaignBySlugOrId(db, workspaceId, input.campaign);
    if (campaign) {
      campaignId = campaign.id;
      objectiveId ??= campaign.objective_id;
    }
  }
  if (campaignId && !objectiveId) objectiveId = await linksRepository.campaignObjective(db, campaignId);
  const inserted = await linksRepository.insertConversionUnlessDuplicate(db, {
    workspace_id: workspaceId,
    link_id: link?.id ?? null,
    post_id: postId,
    channel_id: link?.channel_id ?? null,
    campaign_id: campaignId,
    objective_id: objectiveId,
    kind: input.kind ?? 'lead',
    value: input.value ?? 0,
    currency: input.currency ?? (await workspaceCurrency(db, workspaceId)),
    external_id: input.externalId ?? null,
    source,
    occurred_at: input.occurredAt ?? new Date(ctx.clock.now()),
    created_at: new Date(ctx.clock.now()),
  });
  if (inserted) return { conversion: inserted, duplicate: false };
  const existing = await linksRepository.findConversionByExternalId(db, workspaceId, input.externalId!);
  return { conversion: existing, duplicate: true };
}

/** ROI grouped by campaign, channel or objective: clicks, leads, value, cost, CPL and ROI. */
export async function roiBreakdown(db: Db, workspaceId: string, by: RoiDimension, range: { from: Date; to: Date }) {
  // Costs are booked on calendar dates: the brand-zone days the range touches.
  const costDays = brandDays(range, await workspaceTimeZone(db, workspaceId));
  const conversions = await linksRepository.conversionsBy(db, workspaceId, by, range);
  const clicks = await linksRepository.clicksBy(db, workspaceId, by, range);
  const costRows = await linksRepository.costsBy(db, workspaceId, by, costDays);
  const keys = new Set<string | null>([...conversions.map((r) => r.key), ...clicks.map((r) => r.key), ...costRows.map((r) => r.key)]);
  return [...keys].map((key) => {
    const conv = conversions.find((r) => r.key === key);
    const leads = Number(conv?.leads ?? 0);
    const value = Number(conv?.value ?? 0);
    const cost = Number(costRows.find((r) => r.key === key)?.cost ?? 0);
    return {
      [`${by}Id`]: key,
      clicks: Number(clicks.find((r) => r.key === key)?.clicks ?? 0),
      leads,
      value,
      cost,
      cpl: cost > 0 && leads > 0 ? Math.round((cost / leads) * 100) / 100 : null,
      // Reason codes (lib/kpi-reasons.ts), translated by the web app and spelled out by the CLI.
      cplReason: cost <= 0 ? 'no_costs' : leads === 0 ? 'no_leads' : null,
      roi: cost > 0 ? Math.round(((value - cost) / cost) * 10_000) / 100 : null,
      roiReason: cost > 0 ? null : 'no_costs',
    };
  });
}
