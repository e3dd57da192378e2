/**
 * The client-links module's reads: a workspace's links for its managers, and what a link shows its
 * client (the posts of its period, each channel's text and media, the client's own verdicts).
 */
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { daysFromTo } from '../../lib/brand-days.ts';
import { clientLinksRepository as links, type ClientLinkRow } from './repository.ts';

type OpenLink = ClientLinkRow & { workspace_name: string; time_zone: string };

/** A link's state at `now`: usable, expired or revoked. */
export function linkStatus(link: Pick<ClientLinkRow, 'expires_at' | 'revoked_at'>, now: number): 'active' | 'expired' | 'revoked' {
  if (link.revoked_at) return 'revoked';
  return new Date(link.expires_at).getTime() <= now ? 'expired' : 'active';
}

/**
 * The link a token opens, or: 404 `client_link_invalid` (no such link), 410 `client_link_revoked`,
 * 410 `client_link_expired`. The language comes along so the client's page can say it in theirs.
 */
export async function openClientLink(ctx: AppContext, token: string): Promise<OpenLink> {
  const link = await links.byTokenHash(ctx.database.db, sha256Hex(token));
  if (!link) throw new AppError(404, 'client_link_invalid', 'This approval link is not valid');
  const status = linkStatus(link, ctx.clock.now());
  if (status === 'revoked') throw new AppError(410, 'client_link_revoked', 'This approval link was withdrawn', { language: link.language });
  if (status === 'expired')
    throw new AppError(410, 'client_link_expired', 'This approval link has expired', {
      language: link.language,
      expiresAt: new Date(link.expires_at).toISOString(),
    });
  return link;
}

/** The instants a link's brand-zone days span (daylight saving included). */
export function linkPeriod(link: { first_day: string; last_day: string; time_zone: string }) {
  return daysFromTo(link.first_day, link.last_day, link.time_zone);
}

/** The path of a media file through a link, signed so that only the file ids the link showed open. */
export function clientMediaPath(ctx: AppContext, linkId: string, mediaId: string): string {
  return `/api/v1/client-review/media/${linkId}/${mediaId}?sig=${mediaSignature(ctx, linkId, mediaId)}`;
}

function mediaSignature(ctx: AppContext, linkId: string, mediaId: string): string {
  return ctx.secrets.sign('client-link-media', `${linkId}:${mediaId}`);
}

/** The account a channel publishes as, from its public fields only (never settings beyond names). */
function previewAccount(name: string, settings: Record<string, unknown>, account: Record<string, unknown> | null) {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
  const handle = text(account?.handle) ?? text(settings.handle) ?? text(settings.identifier) ?? name;
  return { name: text(account?.displayName) ?? name, handle };
}

/** What a link shows its client: the workspace, the period, and its posts with each channel's version. */
export async function clientReview(ctx: AppContext, token: string) {
  const link = await openClientLink(ctx, token);
  const db = ctx.database.db;
  const { from, to } = linkPeriod(link);
  const posts = await links.postsBetween(db, link.workspace_id, from, to);
  const publications = await links.publicationsOf(
    db,
    posts.map((p) => p.id),
  );
  const decisions = new Map((await links.decisionsOf(db, link.id)).map((d) => [d.post_id, d]));
  const media = (items: Array<{ mediaId: string; alt?: string }>) =>
    items.map((m) => ({ url: clientMediaPath(ctx, link.id, m.mediaId), alt: m.alt ?? '' }));
  return {
    workspaceName: link.workspace_name,
    clientName: link.client_name,
    language: link.language === 'en' ? ('en' as const) : ('es' as const),
    timeZone: link.time_zone,
    firstDay: link.first_day,
    lastDay: link.last_day,
    expiresAt: new Date(link.expires_at),
    posts: posts.map((post) => {
      const decision = decisions.get(post.id);
      return {
        id: post.id,
        content: post.content,
        state: post.state,
        scheduledAt: post.scheduled_at as Date,
        decidable: post.state !== 'published' && post.state !== 'publishing',
        decision: decision ? { decision: decision.decision, comment: decision.comment, decidedAt: decision.decided_at } : null,
        channels: publications
          .filter((p) => p.post_id === post.id)
          .map((p) => {
            const excerpt = (p.options?.network as Record<string, unknown> | undefined)?.excerpt;
            return {
              id: p.id,
              network: p.network,
              channelName: p.channel_name,
              account: previewAccount(p.channel_name, p.channel_settings ?? {}, p.channel_account),
              text: p.text,
              title: p.title,
              excerpt: typeof excerpt === 'string' && excerpt.trim() ? excerpt : null,
              media: media(p.media ?? []),
              thread: (p.thread ?? []).map((part) => ({ text: part.text, media: media(part.media ?? []) })),
            };
          }),
      };
    }),
  };
}

/**
 * The stored file behind a link's media path: the signature must be this install's for this link and
 * file, the link still usable, and the file used by a post the link shows; 404 otherwise.
 */
export async function clientMedia(ctx: AppContext, linkId: string, mediaId: string, signature: string) {
  const expected = mediaSignature(ctx, linkId, mediaId);
  if (signature.length !== expected.length || signature !== expected) throw notFound('Media');
  const db = ctx.database.db;
  const link = await links.byId(db, linkId);
  if (!link || linkStatus(link, ctx.clock.now()) !== 'active') throw notFound('Media');
  const { from, to } = linkPeriod(link);
  const file = await links.mediaUsedBetween(db, link.workspace_id, mediaId, from, to);
  if (!file) throw notFound('Media');
  return { sha256: file.sha256, mimeType: file.mime_type };
}

/** A workspace's links with their state and how many posts the client approved or rejected. */
export async function listClientLinks(ctx: AppContext, workspaceId: string) {
  const now = ctx.clock.now();
  const rows = await links.list(ctx.database.db, workspaceId);
  return rows.map((row) => ({ ...presentLink(row, now), approved: Number(row.approved ?? 0), rejected: Number(row.rejected ?? 0) }));
}

/** One link with the verdicts given through it, newest first (404 when not this workspace's). */
export async function clientLinkDetail(ctx: AppContext, workspaceId: string, linkId: string) {
  const db = ctx.database.db;
  const link = await links.find(db, workspaceId, linkId);
  if (!link) throw notFound('Client link');
  const decisions = await links.decisionsWithPosts(db, linkId);
  return {
    ...presentLink(link, ctx.clock.now()),
    decisions: decisions.map((d) => ({
      postId: d.post_id,
      decision: d.decision,
      comment: d.comment,
      decidedAt: d.decided_at,
      postContent: d.content.slice(0, 280),
      postState: d.state,
      scheduledAt: d.scheduled_at,
    })),
  };
}

/** A link as the API shows it to managers (never its token). */
export function presentLink(row: ClientLinkRow & { created_by_name?: string | null }, now: number) {
  return {
    id: row.id,
    clientName: row.client_name,
    language: row.language === 'en' ? ('en' as const) : ('es' as const),
    firstDay: row.first_day,
    lastDay: row.last_day,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    status: linkStatus(row, now),
    createdAt: row.created_at,
    createdByName: row.created_by_name ?? null,
  };
}
