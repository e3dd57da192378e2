import { z } from 'zod';
import { member, objectParams, workspaceParams, type ApiModule } from '../../server/api.ts';
import type { AppContext } from '../../server/context.ts';
import { instant, listSchema, noContent, pageSchema } from '../../server/schemas.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor, pageQuerySchema } from '../../lib/pagination.ts';
import { INBOUND_KINDS, INBOX_ACTIONS } from '../../networks/inbox.ts';
import { NetworkError } from '../../networks/types.ts';
import { channelContext } from '../channels/service.ts';
import { channelRepository } from '../channels/repository.ts';
import { createLink } from '../links/commands.ts';
import { shortLinkBase } from '../links/service.ts';
import {
  addNote,
  changeConversation,
  correctSentiment,
  createSavedReply,
  deleteSavedReply,
  queueReply,
  recordItemAction,
} from './commands.ts';
import { inboxRepository, type ConversationRow, type ItemRow } from './repository.ts';
import { inboxNetworks, syncWorkspaceChannel } from './sync.ts';
import { CONVERSATION_STATES, PRIORITIES } from './tables.ts';
import { fillVariables, searchText } from './text.ts';
import { dueCalculator, type DueInfo } from './service-levels.ts';

const conversationParams = objectParams('conversationId');
const itemParams = objectParams('itemId');
const channelParams = objectParams('channelId');
const savedReplyParams = objectParams('savedReplyId');
const sentimentSchema = z.enum(['positive', 'neutral', 'negative']);
const labelSchema = z.string().trim().min(1).max(40);

const conversationSchema = z.object({
  id: z.string().uuid(),
  channelId: z.string().uuid(),
  channelName: z.string(),
  network: z.string(),
  threadRemoteId: z.string(),
  kind: z.string(),
  state: z.enum(CONVERSATION_STATES),
  assigneeUserId: z.string().uuid().nullable(),
  assigneeName: z.string().nullable(),
  priority: z.enum(PRIORITIES),
  labels: z.array(z.string()),
  authorHandle: z.string(),
  authorName: z.string().nullable(),
  preview: z.string(),
  sentiment: sentimentSchema.nullable(),
  unreadCount: z.number().int(),
  itemCount: z.number().int(),
  lastInboundAt: instant.nullable(),
  lastMessageAt: instant,
  resolvedAt: instant.nullable(),
  createdAt: instant,
  /** Since when the person waits for our answer; when the answer is due (priority target, business hours); past due. */
  waitingSince: instant.nullable(),
  dueAt: instant.nullable(),
  overdue: z.boolean(),
  firstResponseAt: instant.nullable(),
});

const itemSchema = z.object({
  id: z.string().uuid(),
  remoteId: z.string(),
  kind: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  authorId: z.string(),
  authorHandle: z.string(),
  authorName: z.string().nullable(),
  authorUrl: z.string().nullable(),
  text: z.string(),
  url: z.string().nullable(),
  postRemoteId: z.string().nullable(),
  inReplyToRemoteId: z.string().nullable(),
  language: z.string().nullable(),
  rating: z.number().int().nullable(),
  sentiment: sentimentSchema.nullable(),
  sentimentManual: z.boolean(),
  receivedVia: z.string(),
  hidden: z.boolean(),
  liked: z.boolean(),
  deleted: z.boolean(),
  createdAt: instant,
  /** The inbox rule that acted on this message, if any. */
  ruleId: z.string().uuid().nullable(),
});

const replySchema = z.object({
  id: z.string().uuid(),
  conversationId: z.string().uuid(),
  itemId: z.string().uuid(),
  authorUserId: z.string().uuid().nullable(),
  authorName: z.string().nullable(),
  mode: z.enum(['public', 'private', 'direct_message']),
  text: z.string(),
  state: z.enum(['queued', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  remoteId: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  createdAt: instant,
  sentAt: instant.nullable(),
});

const noteSchema = z.object({
  id: z.string().uuid(),
  authorUserId: z.string().uuid().nullable(),
  authorName: z.string().nullable(),
  text: z.string(),
  mentionedUserIds: z.array(z.string()),
  createdAt: instant,
});

const capabilitiesSchema = z.object({
  kinds: z.array(z.enum(INBOUND_KINDS)),
  actions: z.array(z.enum(INBOX_ACTIONS)),
  messagingWindowHours: z.number().nullable(),
  maxReplyChars: z.number().nullable(),
  push: z.boolean(),
});

const savedReplySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  language: z.enum(['es', 'en']),
  text: z.string(),
  createdAt: instant,
});

function asSentiment(value: string | null): 'positive' | 'neutral' | 'negative' | null {
  return value === 'positive' || value === 'neutral' || value === 'negative' ? value : null;
}

function presentConversation(
  row: ConversationRow & { channel_name?: string; assignee_name?: string | null },
  due: DueInfo = { dueAt: null, overdue: false },
) {
  return {
    waitingSince: row.waiting_since,
    dueAt: due.dueAt,
    overdue: due.overdue,
    firstResponseAt: row.first_response_at,
    id: row.id,
    channelId: row.channel_id,
    channelName: row.channel_name ?? '',
    network: row.network,
    threadRemoteId: row.thread_remote_id,
    kind: row.kind,
    state: row.state,
    assigneeUserId: row.assignee_user_id,
    assigneeName: row.assignee_name ?? null,
    priority: row.priority,
    labels: row.labels,
    authorHandle: row.author_handle,
    authorName: row.author_name,
    preview: row.preview,
    sentiment: asSentiment(row.sentiment),
    unreadCount: row.unread_count,
    itemCount: row.item_count,
    lastInboundAt: row.last_inbound_at,
    lastMessageAt: row.last_message_at,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
  };
}

function presentItem(row: ItemRow) {
  return {
    id: row.id,
    remoteId: row.remote_id,
    kind: row.kind,
    direction: row.direction,
    authorId: row.author_id,
    authorHandle: row.author_handle,
    authorName: row.author_name,
    authorUrl: row.author_url,
    text: row.text,
    url: row.url,
    postRemoteId: row.post_remote_id,
    inReplyToRemoteId: row.in_reply_to_remote_id,
    language: row.language,
    rating: row.rating,
    sentiment: asSentiment(row.sentiment),
    sentimentManual: row.sentiment_manual,
    receivedVia: row.received_via,
    hidden: row.hidden,
    liked: row.liked,
    deleted: row.deleted_at !== null,
    createdAt: row.remote_created_at,
    ruleId: row.rule_id,
  };
}

function presentCapabilities(ctx: AppContext, network: string) {
  const inbox = ctx.networks.has(network) ? ctx.networks.get(network).inbox : undefined;
  if (!inbox) return null;
  const c = inbox.capabilities;
  return {
    kinds: c.kinds,
    actions: c.actions,
    messagingWindowHours: c.messagingWindowHours ?? null,
    maxReplyChars: c.maxReplyChars ?? null,
    push: c.push === true,
  };
}

/** The unified inbox: conversations, replies exactly once, notes, actions, saved replies, channel reading. */
export const inboxRoutes: ApiModule = async (app, ctx) => {
  const db = ctx.database.db;
  const tags = ['inbox'];
  const base = '/workspaces/:workspaceId/inbox';

  const loadConversation = async (workspaceId: string, conversationId: string) => {
    const row = await inboxRepository.findConversation(db, workspaceId, conversationId);
    if (!row) throw notFound('Conversation');
    return row;
  };

  app.get(
    `${base}/conversations`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary:
          'Conversations, newest message first: views all / mine / unassigned, by channel, type, label, state; search ignores accents',
        params: workspaceParams,
        querystring: pageQuerySchema.extend({
          view: z.enum(['all', 'mine', 'unassigned']).default('all'),
          state: z.enum(['active', 'any', ...CONVERSATION_STATES]).default('active'),
          channelId: z.string().uuid().optional(),
          kind: z.enum(INBOUND_KINDS).optional(),
          label: labelSchema.optional(),
          q: z.string().trim().max(200).optional(),
        }),
        response: { 200: pageSchema(conversationSchema) },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const { limit, cursor, q, ...filter } = request.query;
      const rows = await inboxRepository.listConversations(
        db,
        workspaceId,
        { ...filter, userId: user.id, ...(q ? { search: searchText(q) } : {}) },
        { limit, cursor: decodeCursor(cursor) },
      );
      const page = rows.slice(0, limit);
      const dueOf = await dueCalculator(db, workspaceId, new Date(ctx.clock.now()));
      const last = page[page.length - 1];
      return {
        items: page.map((row) => presentConversation(row, dueOf(row))),
        nextCursor: rows.length > limit && last ? encodeCursor(last.cursor_at, last.id) : null,
      };
    },
  );

  app.get(
    `${base}/counts`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Unread conversations per view and per channel (not resolved), and open conversations',
        params: workspaceParams,
        response: {
          200: z.object({
            all: z.number().int(),
            mine: z.number().int(),
            unassigned: z.number().int(),
            active: z.number().int(),
            byChannel: z.array(z.object({ channelId: z.string().uuid(), unread: z.number().int() })),
          }),
        },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const { totals, byChannel } = await inboxRepository.unreadCounts(db, workspaceId, user.id);
      return {
        all: Number(totals.all),
        mine: Number(totals.mine),
        unassigned: Number(totals.unassigned),
        active: Number(totals.active),
        byChannel: byChannel.map((row) => ({ channelId: row.channel_id, unread: Number(row.unread) })),
      };
    },
  );

  app.get(
    `${base}/conversations/:conversationId`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'A conversation with its messages (oldest first), replies sent from Plaza, internal notes and what its network allows',
        params: conversationParams,
        response: {
          200: conversationSchema.extend({
            items: z.array(itemSchema),
            replies: z.array(replySchema),
            notes: z.array(noteSchema),
            capabilities: capabilitiesSchema.nullable(),
            channelStatus: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      const row = await loadConversation(workspaceId, request.params.conversationId);
      const channel = await channelRepository.find(db, workspaceId, row.channel_id);
      const [items, replies, notes] = await Promise.all([
        inboxRepository.listItems(db, row.id),
        inboxRepository.listReplies(db, row.id),
        inboxRepository.listNotes(db, row.id),
      ]);
      const members = await inboxRepository.members(db, workspaceId);
      const assignee = members.find((m) => m.id === row.assignee_user_id);
      return {
        ...presentConversation(
          { ...row, channel_name: channel?.name ?? '', assignee_name: assignee?.name ?? null },
          (await dueCalculator(db, workspaceId, new Date(ctx.clock.now())))(row),
        ),
        items: items.map(presentItem),
        replies: replies.map(presentReply),
        notes: notes.map((n) => ({
          id: n.id,
          authorUserId: n.author_user_id,
          authorName: n.author_name,
          text: n.text,
          mentionedUserIds: n.mentioned_user_ids,
          createdAt: n.created_at,
        })),
        capabilities: presentCapabilities(ctx, row.network),
        channelStatus: channel?.status ?? 'disconnected',
      };
    },
  );

  app.patch(
    `${base}/conversations/:conversationId`,
    {
      config: { access: 'inbox.reply' },
      schema: {
        tags,
        summary: 'Change state (resolve, reopen), assignee, priority, labels, or mark read',
        params: conversationParams,
        body: z.object({
          state: z.enum(CONVERSATION_STATES).optional(),
          assigneeUserId: z.string().uuid().nullable().optional(),
          priority: z.enum(PRIORITIES).optional(),
          labels: z.array(labelSchema).max(20).optional(),
          read: z.boolean().optional(),
        }),
        response: { 200: conversationSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      const row = await changeConversation(ctx, {
        workspaceId,
        actorUserId: user.id,
        conversationId: request.params.conversationId,
        change: request.body,
      });
      const channel = await channelRepository.find(db, workspaceId, row.channel_id);
      const members = await inboxRepository.members(db, workspaceId);
      return presentConversation(
        {
          ...row,
          channel_name: channel?.name ?? '',
          assignee_name: members.find((m) => m.id === row.assignee_user_id)?.name ?? null,
        },
        (await dueCalculator(db, workspaceId, new Date(ctx.clock.now())))(row),
      );
    },
  );

  app.post(
    `${base}/conversations/:conversationId/replies`,
    {
      config: { access: 'inbox.reply' },
      schema: {
        tags,
        summary:
          'Answer (public, private or direct message, as the network allows); sent exactly once in the background. 409 inbox_already_answered shows a teammate’s reply (send with force to answer anyway)',
        params: conversationParams,
        body: z.object({
          text: z.string().trim().min(1).max(10_000),
          itemId: z.string().uuid().optional(),
          mode: z.enum(['public', 'private', 'direct_message']).optional(),
          force: z.boolean().optional(),
        }),
        response: { 202: replySchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await queueReply(ctx, {
        workspaceId,
        actorUserId: user.id,
        conversationId: request.params.conversationId,
        ...request.body,
      });
      return reply.status(202).send(presentReply({ ...row, author_name: user.name }));
    },
  );

  app.post(
    `${base}/conversations/:conversationId/notes`,
    {
      config: { access: 'inbox.reply' },
      schema: {
        tags,
        summary: 'An internal note (never sent); teammates mentioned as @Name are notified',
        params: conversationParams,
        body: z.object({ text: z.string().trim().min(1).max(5_000) }),
        response: { 201: noteSchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const { note } = await addNote(ctx, {
        workspaceId,
        actorUserId: user.id,
        conversationId: request.params.conversationId,
        text: request.body.text,
      });
      return reply.status(201).send({
        id: note.id,
        authorUserId: note.author_user_id,
        authorName: user.name,
        text: note.text,
        mentionedUserIds: note.mentioned_user_ids,
        createdAt: note.created_at,
      });
    },
  );

  app.post(
    `${base}/conversations/:conversationId/link`,
    {
      config: { access: 'inbox.reply' },
      schema: {
        tags,
        summary: 'A tracked short link for a reply (UTM source inbox, content = the conversation), to insert in the reply box',
        params: conversationParams,
        body: z.object({ url: z.string().url().max(2000) }),
        response: { 201: z.object({ id: z.string().uuid(), shortUrl: z.string(), targetUrl: z.string(), destinationUrl: z.string() }) },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const conversation = await loadConversation(workspaceId, request.params.conversationId);
      const link = await createLink(ctx, {
        workspaceId,
        actorUserId: user.id,
        link: {
          url: request.body.url,
          channelId: conversation.channel_id,
          utmSource: 'inbox',
          utmMedium: 'social',
          utmContent: `conversation-${conversation.id}`,
        },
      });
      return reply.status(201).send({
        id: link.id,
        shortUrl: `${shortLinkBase(ctx)}/l/${link.code}`,
        targetUrl: link.target_url,
        destinationUrl: link.destination_url,
      });
    },
  );

  app.post(
    `${base}/items/:itemId/actions`,
    {
      config: { access: 'inbox.reply' },
      schema: {
        tags,
        summary: 'Like, unlike, hide, unhide, delete a message, or mute or block its author, where the network allows it',
        params: itemParams,
        body: z.object({ action: z.enum(['like', 'unlike', 'hide', 'unhide', 'delete', 'mute', 'block']) }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const item = await inboxRepository.findItem(db, workspaceId, request.params.itemId);
      if (!item) throw notFound('Message');
      const channel = await channelRepository.find(db, workspaceId, item.channel_id);
      const inbox = channel && ctx.networks.has(channel.network) ? ctx.networks.get(channel.network).inbox : undefined;
      if (!channel || !inbox) throw new AppError(400, 'inbox_not_supported', 'This network has no inbox in Plaza');
      const { action } = request.body;
      if (!inbox.capabilities.actions.includes(action))
        throw new AppError(400, 'inbox_action_not_supported', `This network does not allow ${action}`, { action });
      if (channel.status !== 'active') throw new AppError(409, 'inbox_channel_needs_reconnect', 'The channel needs reconnecting');
      const conversation = await loadConversation(workspaceId, item.conversation_id);
      try {
        await inbox.act(channelContext(ctx, channel), action, {
          remoteId: item.remote_id,
          kind: item.kind as (typeof INBOUND_KINDS)[number],
          threadRemoteId: conversation.thread_remote_id,
          authorId: item.author_id,
          authorHandle: item.author_handle,
          ...(item.in_reply_to_remote_id ? { inReplyToRemoteId: item.in_reply_to_remote_id } : {}),
        });
      } catch (error) {
        if (error instanceof NetworkError && error.code === 'action_not_supported')
          throw new AppError(400, 'inbox_action_not_supported', error.message, { action });
        if (error instanceof NetworkError && error.kind === 'auth')
          throw new AppError(409, 'inbox_channel_needs_reconnect', 'The network refused the channel’s access');
        if (error instanceof NetworkError)
          throw new AppError(502, 'unreachable', `The network did not do it: ${error.message}`, { code: error.code });
        throw error;
      }
      await recordItemAction(ctx, { workspaceId, actorUserId: user.id, itemId: item.id, action });
      return reply.status(204).send(null);
    },
  );

  app.put(
    `${base}/items/:itemId/sentiment`,
    {
      config: { access: 'inbox.reply' },
      schema: {
        tags,
        summary: 'Correct a message’s sentiment (kept over the classifier)',
        params: itemParams,
        body: z.object({ sentiment: sentimentSchema }),
        response: { 200: itemSchema },
      },
    },
    async (request) => {
      const { user, workspaceId } = member(request);
      return presentItem(
        await correctSentiment(ctx, {
          workspaceId,
          actorUserId: user.id,
          itemId: request.params.itemId,
          sentiment: request.body.sentiment,
        }),
      );
    },
  );

  app.get(
    `${base}/channels`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Each channel’s inbox: what its network allows, backfill progress, last read and its error',
        params: workspaceParams,
        response: {
          200: listSchema(
            z.object({
              channelId: z.string().uuid(),
              name: z.string(),
              network: z.string(),
              status: z.string(),
              capabilities: capabilitiesSchema.nullable(),
              backfill: z.enum(['pending', 'running', 'done', 'failed']),
              backfillItems: z.number().int(),
              lastPolledAt: instant.nullable(),
              lastErrorCode: z.string().nullable(),
              /** What the network will not let Plaza read on this channel, by code (e.g. dm_access_required). */
              unavailableCode: z.string().nullable(),
              /** Whether the channel takes pushes (a push secret is set); the secret itself is never shown again. */
              pushConfigured: z.boolean(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      const channels = await channelRepository.list(db, workspaceId);
      const states = new Map((await inboxRepository.channelStates(db, workspaceId)).map((s) => [s.channel_id, s]));
      const networks = new Set(inboxNetworks(ctx));
      return {
        items: channels
          .filter((c) => c.status !== 'disconnected')
          .map((c) => {
            const state = states.get(c.id);
            return {
              channelId: c.id,
              name: c.name,
              network: c.network,
              status: c.status,
              capabilities: networks.has(c.network) ? presentCapabilities(ctx, c.network) : null,
              backfill: state?.backfill_state ?? 'pending',
              backfillItems: state?.backfill_items ?? 0,
              lastPolledAt: state?.last_polled_at ?? null,
              lastErrorCode: state?.last_error_code ?? null,
              unavailableCode: state?.unavailable_code ?? null,
              pushConfigured: Boolean(state?.push_secret_sealed),
            };
          }),
      };
    },
  );

  app.post(
    `${base}/channels/:channelId/sync`,
    {
      config: { access: 'inbox.manage' },
      schema: {
        tags,
        summary: 'Read a channel’s inbox now (the first read backfills the last 30 days)',
        params: channelParams,
        response: {
          200: z.object({
            channelId: z.string().uuid(),
            created: z.number().int(),
            duplicates: z.number().int(),
            pages: z.number().int(),
            backfill: z.enum(['pending', 'running', 'done', 'failed']),
            skipped: z.boolean().optional(),
            errorCode: z.string().optional(),
          }),
        },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      return syncWorkspaceChannel(ctx, workspaceId, request.params.channelId);
    },
  );

  app.get(
    `${base}/saved-replies`,
    {
      config: { access: 'read' },
      schema: {
        tags,
        summary: 'Saved replies; with conversationId, each also filled in for it ({nombre}, {marca}; {enlace} stays for the reply box)',
        params: workspaceParams,
        querystring: z.object({ conversationId: z.string().uuid().optional() }),
        response: { 200: listSchema(savedReplySchema.extend({ filled: z.string().nullable() })) },
      },
    },
    async (request) => {
      const { workspaceId } = member(request);
      const rows = await inboxRepository.listSavedReplies(db, workspaceId);
      const conversation = request.query.conversationId ? await loadConversation(workspaceId, request.query.conversationId) : null;
      const brand = conversation ? await inboxRepository.workspaceName(db, workspaceId) : null;
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          language: r.language,
          text: r.text,
          createdAt: r.created_at,
          filled: conversation
            ? fillVariables(r.text, {
                nombre: conversation.author_name?.split(/\s+/)[0] || conversation.author_handle,
                ...(brand ? { marca: brand } : {}),
              })
            : null,
        })),
      };
    },
  );

  app.post(
    `${base}/saved-replies`,
    {
      config: { access: 'inbox.manage' },
      schema: {
        tags,
        summary: 'Save a reply (variables {nombre}, {marca}, {enlace})',
        params: workspaceParams,
        body: z.object({
          name: z.string().trim().min(1).max(80),
          language: z.enum(['es', 'en']),
          text: z.string().trim().min(1).max(5_000),
        }),
        response: { 201: savedReplySchema },
      },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      const row = await createSavedReply(ctx, { workspaceId, actorUserId: user.id, ...request.body });
      return reply.status(201).send({ id: row.id, name: row.name, language: row.language, text: row.text, createdAt: row.created_at });
    },
  );

  app.delete(
    `${base}/saved-replies/:savedReplyId`,
    {
      config: { access: 'inbox.manage' },
      schema: { tags, summary: 'Delete a saved reply', params: savedReplyParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { user, workspaceId } = member(request);
      await deleteSavedReply(ctx, { workspaceId, actorUserId: user.id, savedReplyId: request.params.savedReplyId });
      return reply.status(204).send(null);
    },
  );
};

function presentReply(row: {
  id: string;
  conversation_id: string;
  item_id: string;
  author_user_id: string | null;
  author_name: string | null;
  mode: 'public' | 'private' | 'direct_message';
  text: string;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  remote_id: string | null;
  remote_url: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: Date;
  sent_at: Date | null;
}) {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    itemId: row.item_id,
    authorUserId: row.author_user_id,
    authorName: row.author_name,
    mode: row.mode,
    text: row.text,
    state: row.state,
    attempts: row.attempts,
    remoteId: row.remote_id,
    remoteUrl: row.remote_url,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
