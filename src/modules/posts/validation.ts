/**
 * A post checked against each channel's network before anything is stored: the
 * variants resolved per channel, and each adapter's verdict on its own.
 */
import type { AppContext } from '../../server/context.ts';
import type { Db } from '../../db/database.ts';
import type { Selectable } from 'kysely';
import type { ChannelsTable, MediaItem } from '../../db/schema.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import type { ApiCostEstimate, MediaInput, PublishInput, ValidationIssue } from '../../networks/types.ts';
import { capabilityIssues } from './capability-checks.ts';
import { validationIssue } from '../../networks/validation.ts';
import { postsRepository } from './repository.ts';
import type { PostBody } from './schemas.ts';

/** Per-channel validation problems, as returned to the composer. */
export interface ChannelIssues {
  channelId: string;
  network: string;
  issues: ValidationIssue[];
  /** Networks that bill per API call (X): what publishing this variant would cost. */
  apiCost?: ApiCostEstimate;
}

/** What validation needs of a post body. */
export type VariantsBody = Pick<PostBody, 'content' | 'media' | 'thread' | 'channels'> &
  Partial<Pick<PostBody, 'postType' | 'firstComment' | 'title'>>;

/** Loads media rows of a workspace as adapter inputs (bytes are loaded lazily by the engine). */
async function mediaInputs(db: Db, workspaceId: string, items: MediaItem[]): Promise<MediaInput[]> {
  if (items.length === 0) return [];
  const rows = await postsRepository.mediaAmong(
    db,
    workspaceId,
    items.map((m) => m.mediaId),
  );
  return items.map((item) => {
    const row = rows.find((r) => r.id === item.mediaId);
    if (!row) throw badRequest('unknown_media', `Unknown media ${item.mediaId}`, { mediaId: item.mediaId });
    return {
      mediaId: row.id,
      mimeType: row.mime_type,
      size: row.size_bytes,
      bytes: new Uint8Array(0),
      alt: item.alt,
      kind: row.kind === 'video' ? ('video' as const) : ('image' as const),
      ...(row.width !== null ? { width: row.width } : {}),
      ...(row.height !== null ? { height: row.height } : {}),
      ...(row.duration_seconds !== null ? { durationSeconds: Number(row.duration_seconds) } : {}),
      ...(row.codec !== null ? { codec: row.codec } : {}),
    };
  });
}

/** The resolved variant per channel: text, media, thread and options after defaults. */
export function resolveVariants(body: VariantsBody) {
  return body.channels.map((variant) => ({
    channelId: variant.channelId,
    text: variant.text ?? body.content,
    media: variant.media ?? body.media,
    thread: variant.thread ?? body.thread,
    options: variant.options ?? {},
    postType: variant.postType ?? body.postType ?? null,
    firstComment: nonEmpty(variant.firstComment ?? body.firstComment),
    title: nonEmpty(variant.title ?? body.title),
  }));
}

/** A text, or null when empty or blank. */
function nonEmpty(text: string | undefined): string | null {
  return text !== undefined && text.trim() !== '' ? text : null;
}

/**
 * Checks each channel's variant against its network's limits. Returns the issues
 * per channel; nothing is saved here.
 */
export async function validateVariants(ctx: AppContext, db: Db, workspaceId: string, body: VariantsBody) {
  const ids = [...new Set(body.channels.map((v) => v.channelId))];
  if (ids.length !== body.channels.length) throw badRequest('duplicate_channel', 'A channel appears twice');
  const channels = await postsRepository.channelsAmong(db, workspaceId, ids);
  return validateForChannels(ctx, db, workspaceId, body, channels);
}

/** A channel as validation reads it. */
export type ValidatedChannel = Pick<Selectable<ChannelsTable>, 'id' | 'network' | 'settings' | 'status'>;

/**
 * validateVariants with the workspace's channels already read (a caller that read them with the
 * rest of what it decides on, in one statement). `channels` must be those of the workspace among the
 * body's channels: one missing is an unknown channel.
 */
export async function validateForChannels<C extends ValidatedChannel>(
  ctx: AppContext,
  db: Db,
  workspaceId: string,
  body: VariantsBody,
  channels: C[],
) {
  const variants = resolveVariants(body);
  if (new Set(variants.map((v) => v.channelId)).size !== variants.length) throw badRequest('duplicate_channel', 'A channel appears twice');
  const results: ChannelIssues[] = [];
  for (const variant of variants) {
    const channel = channels.find((c) => c.id === variant.channelId);
    if (!channel) throw new AppError(400, 'unknown_channel', `Unknown channel ${variant.channelId}`);
    const adapter = ctx.networks.get(channel.network);
    const input: PublishInput = {
      publicationId: 'validation',
      text: variant.text,
      media: await mediaInputs(db, workspaceId, variant.media),
      thread: await Promise.all(
        variant.thread.map(async (part) => ({ text: part.text, media: await mediaInputs(db, workspaceId, part.media) })),
      ),
      options: variant.options,
      ...(variant.postType ? { postType: variant.postType } : {}),
      ...(variant.firstComment ? { firstComment: variant.firstComment } : {}),
      ...(variant.title ? { title: variant.title } : {}),
    };
    const issues = [...adapter.validate(input, { settings: channel.settings }), ...capabilityIssues(adapter, input)];
    if (channel.status === 'disconnected') issues.push(validationIssue('channel', 'channel_disconnected'));
    // One "empty" message per channel: the adapter may have said it already.
    if (variant.text.trim() === '' && variant.media.length === 0 && !issues.some((found) => found.code === 'empty_post'))
      issues.push(validationIssue('text', 'empty_post'));
    results.push({
      channelId: channel.id,
      network: channel.network,
      issues,
      ...(adapter.estimateApiCost && { apiCost: adapter.estimateApiCost(input) }),
    });
  }
  return { variants, channels, results, ok: results.every((r) => r.issues.length === 0) };
}

/** 422 with the channels that refuse the content, unless none does. */
export function assertValid(results: ChannelIssues[]): void {
  if (results.some((r) => r.issues.length > 0)) {
    throw new AppError(
      422,
      'invalid_for_network',
      'Some channels reject this content',
      results.filter((r) => r.issues.length > 0),
    );
  }
}

/** 400 `post_empty`: a post with no text and no media on any channel is nothing to save. */
export function assertNotEmpty(body: VariantsBody): void {
  const hasSomething = resolveVariants(body).some(
    (v) => v.text.trim() !== '' || v.media.length > 0 || v.thread.some((part) => part.text.trim() !== '' || part.media.length > 0),
  );
  if (!hasSomething) throw new AppError(400, 'post_empty', 'Write something or attach an image: an empty post cannot be saved');
}
