/**
 * Test-only: a Telegram Bot API server for channels, built from the Bot API documentation
 * (core.telegram.org/bots/api), for what telegram-test-api lacks (photos, videos, albums, channel
 * admins, deleting, reactions). It speaks the documented shapes: POST /bot<token>/<method> with
 * JSON, urlencoded or multipart bodies; answers `{ ok: true, result }` or `{ ok: false,
 * error_code, description, parameters? }`; 401 for an unknown token; 429 with
 * `parameters.retry_after` on a flood wait; message ids counting up per chat; captions of at most
 * 1,024 characters and messages of at most 4,096; albums of 2–10 items sharing a media_group_id.
 * Reached directly or through networkUrl's prefix (/api.telegram.org/bot…).
 *
 * Webhooks, as core.telegram.org/bots/api describes them: `setWebhook` (an HTTPS URL on port 443,
 * 80, 88 or 8443; `secret_token` of 1–256 characters A-Z a-z 0-9 _ -; `allowed_updates`;
 * `drop_pending_updates`; an empty url removes it), `deleteWebhook`, `getWebhookInfo` (url,
 * pending_update_count, last_error_date, last_error_message), getUpdates answering 409 while a
 * webhook is set, and each new update POSTed as JSON to the webhook with
 * `X-Telegram-Bot-Api-Secret-Token`. A delivery that gets no 2xx stays pending and is recorded
 * as the last error; `deliverPending()` is Telegram's next try. The webhook's public HTTPS origin
 * reaches Plaza through `routeWebhook` (a TLS-terminating proxy's job), to loopback addresses only.
 * Not from the documentation: the exact error descriptions (those libraries and bug reports show).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

interface StoredMessage {
  message_id: number;
  date: number;
  chat: { id: number; type: 'channel'; title: string; username: string };
  text?: string;
  caption?: string;
  photo?: Array<{ file_id: string; file_unique_id: string; width: number; height: number; file_size: number }>;
  video?: {
    file_id: string;
    file_unique_id: string;
    file_size: number;
    mime_type: string;
    duration: number;
    width: number;
    height: number;
  };
  media_group_id?: string;
  link_preview_options?: { is_disabled?: boolean };
  /** What the bot asked for (kept for assertions; Telegram does not echo it). */
  silent: boolean;
  uploaded: Array<{ name: string; type: string; size: number }>;
  deleted: boolean;
}

type Params = Map<string, string | File>;

class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

export class FakeTelegramServer {
  readonly token = '123456789:AAF-plaza-test-token_abcdefghijklmno';
  readonly bot = { id: 123456789, is_bot: true, first_name: 'Plaza Test', username: 'plaza_test_bot' };
  readonly channel = { id: -1001234567890, type: 'channel' as const, title: 'Tienda de Lucía', username: 'tiendalucia' };
  /** The bot's membership in the channel (tests turn it into a plain member, or take posting away). */
  botMember: { status: string; can_post_messages?: boolean } = { status: 'administrator', can_post_messages: true };
  subscribers = 1234;
  readonly messages: StoredMessage[] = [];
  /** Every call, in order: method and its parameters (files by name). */
  readonly calls: Array<{ method: string; params: Record<string, unknown> }> = [];
  private nextId = 100;
  /** The channel's linked discussion group (comments under the channel's posts live there). */
  readonly discussion = { id: -1009876543210, type: 'supergroup' as const, title: 'Tienda de Lucía — Chat' };
  /** Whether the channel has a discussion group linked. */
  discussionLinked = true;
  /** Messages in the discussion group: automatic forwards of channel posts, comments, the bot's replies. */
  readonly groupMessages: Array<{
    message_id: number;
    date: number;
    text?: string;
    from?: { id: number; is_bot: boolean; first_name: string; username?: string };
    reply_to_message_id?: number;
    message_thread_id?: number;
    is_automatic_forward?: boolean;
    forward_from_message_id?: number;
    deleted: boolean;
  }> = [];
  private nextGroupId = 500;
  private floods: Array<{ retryAfter: number }> = [];
  private updates: unknown[] = [];
  private updateId = 1;
  /** The bot's webhook, when one is set. */
  webhook: { url: string; secret?: string; allowedUpdates: string[] } | null = null;
  lastErrorDate: number | undefined;
  lastErrorMessage: string | undefined;
  /** Every delivery attempt to the webhook: its update id, the status Plaza answered (0: no answer). */
  readonly deliveries: Array<{ updateId: number; status: number }> = [];
  /** Public webhook origin → the loopback origin where Plaza listens. */
  private readonly webhookRoutes = new Map<string, string>();
  private delivering: Promise<void> = Promise.resolve();
  private server: http.Server | undefined;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req)
        .then((result) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: true, result }));
        })
        .catch((error: unknown) => {
          const e = error instanceof BotApiError ? error : new BotApiError(500, `Internal Server Error: ${(error as Error).message}`);
          res.writeHead(e.code, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              ok: false,
              error_code: e.code,
              description: e.description,
              ...(e.parameters ? { parameters: e.parameters } : {}),
            }),
          );
        });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` sending calls answer 429 "Too Many Requests: retry after N". */
  floodWait(retryAfter: number, times = 1): void {
    for (let i = 0; i < times; i += 1) this.floods.push({ retryAfter });
  }

  /**
   * Where Telegram reaches a public HTTPS webhook origin (https://plaza.example): a loopback origin
   * (http://127.0.0.1:port) where Plaza listens, as a proxy in front of Plaza would. Nothing else
   * is reached; a webhook on an origin with no route "fails to resolve".
   */
  routeWebhook(publicOrigin: string, loopbackOrigin: string): void {
    const target = new URL(loopbackOrigin);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('webhook deliveries go to loopback addresses only');
    this.webhookRoutes.set(new URL(publicOrigin).origin, target.origin);
  }

  /** Resolves when the deliveries started so far are done (delivered, or failed and left pending). */
  webhookIdle(): Promise<void> {
    return this.delivering;
  }

  /** Telegram's next try: delivers the pending updates in order, stopping at the first that fails. */
  deliverPending(): Promise<void> {
    this.delivering = this.delivering.then(() => this.deliverOnce());
    return this.delivering;
  }

  /** Updates waiting for the webhook (or for getUpdates). */
  pendingUpdates(): number {
    return this.allowedPending(this.webhook?.allowedUpdates ?? []).length;
  }

  private allowedPending(kinds: string[]): unknown[] {
    return this.updates.filter((u) => kinds.length === 0 || kinds.some((k) => k in (u as object)));
  }

  private queue(update: Record<string, unknown>): void {
    this.updates.push(update);
    if (this.webhook) void this.deliverPending();
  }

  private async deliverOnce(): Promise<void> {
    while (this.webhook) {
      const hook = this.webhook;
      const next = this.allowedPending(hook.allowedUpdates)[0] as { update_id: number } | undefined;
      if (!next) return;
      const url = new URL(hook.url);
      const route = this.webhookRoutes.get(url.origin);
      let status = 0;
      let failure = 'Failed to resolve host: Name or service not known';
      if (route) {
        try {
          const response = await fetch(`${route}${url.pathname}${url.search}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(hook.secret ? { 'x-telegram-bot-api-secret-token': hook.secret } : {}) },
            body: JSON.stringify(next),
            signal: AbortSignal.timeout(10_000),
          });
          await response.arrayBuffer();
          status = response.status;
          failure = `Wrong response from the webhook: ${response.status} ${response.statusText}`;
        } catch {
          failure = 'Connection refused';
        }
      }
      this.deliveries.push({ updateId: next.update_id, status });
      if (status < 200 || status > 299) {
        this.lastErrorDate = Math.floor(Date.now() / 1000);
        this.lastErrorMessage = failure;
        return; // stays pending: Telegram tries again later
      }
      this.updates = this.updates.filter((u) => u !== next);
    }
  }

  /** Queues a message_reaction_count update (the channel's current totals for one message). */
  react(messageId: number, reactions: Array<{ emoji: string; total_count: number }>): void {
    this.queue({
      update_id: this.updateId++,
      message_reaction_count: {
        chat: this.channel,
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        reactions: reactions.map((r) => ({ type: { type: 'emoji', emoji: r.emoji }, total_count: r.total_count })),
      },
    });
  }

  /** Telegram copies a channel post into the discussion group (`is_automatic_forward`): returns the copy's id. */
  forwardToDiscussion(channelMessageId: number): number {
    const original = this.messages.find((m) => m.message_id === channelMessageId);
    const copy = {
      message_id: this.nextGroupId++,
      date: Math.floor(Date.now() / 1000),
      text: original?.text ?? original?.caption ?? '',
      is_automatic_forward: true,
      forward_from_message_id: channelMessageId,
      deleted: false,
    };
    this.groupMessages.push(copy);
    return copy.message_id;
  }

  /** Someone writes in the discussion group, answering the forward (a comment) or another comment. */
  comment(replyTo: number, from: { id: number; first_name: string; username?: string }, text: string): number {
    const parent = this.groupMessages.find((m) => m.message_id === replyTo);
    if (!parent) throw new Error(`no group message ${replyTo}`);
    const message = {
      message_id: this.nextGroupId++,
      date: Math.floor(Date.now() / 1000),
      text,
      from: { ...from, is_bot: false },
      reply_to_message_id: replyTo,
      message_thread_id: parent.message_thread_id ?? parent.message_id,
      deleted: false,
    };
    this.groupMessages.push(message);
    this.queue({ update_id: this.updateId++, message: this.groupView(message) });
    return message.message_id;
  }

  /** The bot's replies in the group with this text: the inbox's duplicate oracle. */
  groupRepliesWithText(text: string): number {
    return this.groupMessages.filter((m) => !m.deleted && m.from?.id === this.bot.id && m.text === text).length;
  }

  private groupView(message: FakeTelegramServer['groupMessages'][number]): Record<string, unknown> {
    const parent = message.reply_to_message_id ? this.groupMessages.find((m) => m.message_id === message.reply_to_message_id) : undefined;
    const chat = { ...this.discussion };
    return {
      message_id: message.message_id,
      date: message.date,
      chat,
      ...(message.from ? { from: message.from } : {}),
      ...(message.text !== undefined ? { text: message.text } : {}),
      ...(message.message_thread_id ? { message_thread_id: message.message_thread_id, is_topic_message: false } : {}),
      ...(message.is_automatic_forward
        ? {
            is_automatic_forward: true,
            sender_chat: this.channel,
            forward_origin: { type: 'channel', chat: this.channel, message_id: message.forward_from_message_id, date: message.date },
          }
        : {}),
      ...(parent ? { reply_to_message: this.groupView({ ...parent, reply_to_message_id: undefined }) } : {}),
    };
  }

  /** Live messages whose text or caption is exactly `text`. */
  postsWithText(text: string): number {
    return this.messages.filter((m) => !m.deleted && (m.text === text || m.caption === text)).length;
  }

  live(): StoredMessage[] {
    return this.messages.filter((m) => !m.deleted);
  }

  private async params(req: http.IncomingMessage): Promise<Params> {
    const type = req.headers['content-type'] ?? '';
    const url = new URL(req.url ?? '/', 'http://local');
    const params: Params = new Map(url.searchParams);
    if (req.method !== 'POST') return params;
    const body = new Response(Readable.toWeb(req) as ReadableStream, { headers: { 'content-type': type } });
    if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
      const form = await body.formData();
      form.forEach((value, key) => {
        params.set(key, value as string | File);
      });
      return params;
    }
    const text = await body.text();
    if (text) {
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(text);
      } catch {
        throw new BotApiError(400, "Bad Request: can't parse JSON");
      }
      for (const [key, value] of Object.entries(json)) params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    }
    return params;
  }

  /** sendMessage in the discussion group, answering a message there (`reply_parameters`). */
  private sendToGroup(params: Params): Record<string, unknown> {
    const text = params.get('text');
    if (typeof text !== 'string' || text.trim() === '') throw new BotApiError(400, 'Bad Request: message text is empty');
    if (text.length > 4096) throw new BotApiError(400, 'Bad Request: message is too long');
    const reply = JSON.parse(String(params.get('reply_parameters') ?? '{}')) as { message_id?: number };
    const parent = this.groupMessages.find((m) => m.message_id === reply.message_id && !m.deleted);
    if (!parent) throw new BotApiError(400, 'Bad Request: message to be replied not found');
    const message = {
      message_id: this.nextGroupId++,
      date: Math.floor(Date.now() / 1000),
      text,
      from: { ...this.bot },
      reply_to_message_id: parent.message_id,
      message_thread_id: parent.message_thread_id ?? parent.message_id,
      deleted: false,
    };
    this.groupMessages.push(message);
    return this.groupView(message);
  }

  private chatOf(params: Params) {
    const chatId = String(params.get('chat_id') ?? '');
    if (chatId === '') throw new BotApiError(400, 'Bad Request: chat_id is empty');
    if (chatId === `@${this.channel.username}` || chatId === String(this.channel.id)) return this.channel;
    throw new BotApiError(400, 'Bad Request: chat not found');
  }

  private mayPost(): void {
    if (this.botMember.status === 'left' || this.botMember.status === 'kicked')
      throw new BotApiError(403, 'Forbidden: bot is not a member of the channel chat');
    if (this.botMember.status !== 'administrator' && this.botMember.status !== 'creator')
      throw new BotApiError(400, 'Bad Request: need administrator rights in the channel chat');
    if (this.botMember.can_post_messages === false)
      throw new BotApiError(400, 'Bad Request: not enough rights to send messages to the chat');
    const flood = this.floods.shift();
    if (flood) throw new BotApiError(429, `Too Many Requests: retry after ${flood.retryAfter}`, { retry_after: flood.retryAfter });
  }

  private file(value: string | File | undefined, params: Params): File | string {
    if (typeof value === 'string' && value.startsWith('attach://')) value = params.get(value.slice(9));
    if (value === undefined || value === '') throw new BotApiError(400, 'Bad Request: there is no photo in the request');
    return value;
  }

  private store(fields: Partial<StoredMessage>, params: Params, uploaded: File[]): StoredMessage {
    const message: StoredMessage = {
      message_id: this.nextId++,
      date: Math.floor(Date.now() / 1000),
      chat: this.channel,
      silent: params.get('disable_notification') === 'true',
      uploaded: uploaded.map((f) => ({ name: f.name, type: f.type, size: f.size })),
      deleted: false,
      ...fields,
    };
    this.messages.push(message);
    return message;
  }

  private view(message: StoredMessage) {
    const { silent: _silent, uploaded: _uploaded, deleted: _deleted, ...visible } = message;
    return visible;
  }

  private caption(value: unknown): string | undefined {
    if (typeof value !== 'string' || value === '') return undefined;
    if (value.length > 1024) throw new BotApiError(400, 'Bad Request: message caption is too long');
    return value;
  }

  private media(kind: 'photo' | 'video', value: File | string) {
    const size = typeof value === 'string' ? 0 : value.size;
    const id = `${kind}-${this.nextId}-${Math.random().toString(36).slice(2, 8)}`;
    if (typeof value !== 'string' && kind === 'photo' && size > 10 * 1024 * 1024)
      throw new BotApiError(400, 'Bad Request: PHOTO_INVALID_DIMENSIONS');
    if (typeof value !== 'string' && size > 50 * 1024 * 1024) throw new BotApiError(413, 'Request Entity Too Large');
    return kind === 'photo'
      ? { photo: [{ file_id: id, file_unique_id: id, width: 1, height: 1, file_size: size }] }
      : {
          video: {
            file_id: id,
            file_unique_id: id,
            file_size: size,
            mime_type: typeof value === 'string' ? 'video/mp4' : value.type,
            duration: 0,
            width: 0,
            height: 0,
          },
        };
  }

  private async handle(req: http.IncomingMessage): Promise<unknown> {
    const path = new URL(req.url ?? '/', 'http://local').pathname.replace(/^\/api\.telegram\.org/, '');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!match) throw new BotApiError(404, 'Not Found');
    const [, token, method] = match;
    if (token !== this.token) throw new BotApiError(401, 'Unauthorized');
    const params = await this.params(req);
    this.calls.push({
      method: method!,
      params: Object.fromEntries([...params].map(([k, v]) => [k, typeof v === 'string' ? v : `<file ${v.name}>`])),
    });
    const messageOf = (chat: ReturnType<FakeTelegramServer['chatOf']>) => {
      const id = Number(params.get('message_id'));
      return this.messages.find((m) => m.chat.id === chat.id && m.message_id === id && !m.deleted);
    };
    switch (method) {
      case 'getMe':
        return this.bot;
      case 'getChat': {
        const chat = this.chatOf(params);
        return { ...chat, ...(chat === this.channel && this.discussionLinked ? { linked_chat_id: this.discussion.id } : {}) };
      }
      case 'getChatMember': {
        this.chatOf(params);
        const userId = Number(params.get('user_id'));
        if (userId === this.bot.id) return { user: this.bot, ...this.botMember };
        throw new BotApiError(400, 'Bad Request: user not found');
      }
      case 'getChatAdministrators':
        this.chatOf(params);
        return this.botMember.status === 'administrator' ? [{ user: this.bot, ...this.botMember }] : [];
      case 'getChatMemberCount':
        this.chatOf(params);
        return this.subscribers;
      case 'sendMessage': {
        if (String(params.get('chat_id')) === String(this.discussion.id)) return this.sendToGroup(params);
        const chat = this.chatOf(params);
        const text = params.get('text');
        if (typeof text !== 'string' || text.trim() === '') throw new BotApiError(400, 'Bad Request: message text is empty');
        if (text.length > 4096) throw new BotApiError(400, 'Bad Request: message is too long');
        this.mayPost();
        const preview = params.get('link_preview_options');
        return this.view(
          this.store({ chat, text, ...(typeof preview === 'string' ? { link_preview_options: JSON.parse(preview) } : {}) }, params, []),
        );
      }
      case 'sendPhoto':
      case 'sendVideo': {
        const chat = this.chatOf(params);
        const kind = method === 'sendPhoto' ? 'photo' : 'video';
        const value = this.file(params.get(kind), params);
        const caption = this.caption(params.get('caption'));
        this.mayPost();
        return this.view(
          this.store(
            { chat, ...this.media(kind, value), ...(caption ? { caption } : {}) },
            params,
            typeof value === 'string' ? [] : [value],
          ),
        );
      }
      case 'sendMediaGroup': {
        const chat = this.chatOf(params);
        let items: Array<{ type: string; media: string; caption?: string }>;
        try {
          items = JSON.parse(String(params.get('media') ?? ''));
        } catch {
          throw new BotApiError(400, "Bad Request: can't parse media JSON object");
        }
        if (!Array.isArray(items) || items.length < 2 || items.length > 10)
          throw new BotApiError(400, 'Bad Request: wrong number of media in the album');
        const resolved = items.map((item) => {
          if (item.type !== 'photo' && item.type !== 'video')
            throw new BotApiError(400, `Bad Request: unsupported media type "${item.type}" in the album`);
          return { item, value: this.file(item.media, params), caption: this.caption(item.caption) };
        });
        this.mayPost();
        const group = `${Date.now()}${this.nextId}`;
        return resolved.map(({ item, value, caption }) =>
          this.view(
            this.store(
              { chat, media_group_id: group, ...this.media(item.type as 'photo' | 'video', value), ...(caption ? { caption } : {}) },
              params,
              typeof value === 'string' ? [] : [value],
            ),
          ),
        );
      }
      case 'editMessageReplyMarkup': {
        if (String(params.get('chat_id')) === String(this.discussion.id)) {
          // In a group a bot edits only its own messages: anyone else's "can't be edited".
          const target = this.groupMessages.find((m) => m.message_id === Number(params.get('message_id')) && !m.deleted);
          if (!target) throw new BotApiError(400, 'Bad Request: message to edit not found');
          if (target.from?.id !== this.bot.id) throw new BotApiError(400, "Bad Request: message can't be edited");
          throw new BotApiError(
            400,
            'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
          );
        }
        const chat = this.chatOf(params);
        if (!messageOf(chat)) throw new BotApiError(400, 'Bad Request: message to edit not found');
        // None of the stored messages has a keyboard: asking for none changes nothing.
        throw new BotApiError(
          400,
          'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      case 'deleteMessage': {
        if (String(params.get('chat_id')) === String(this.discussion.id)) {
          const target = this.groupMessages.find((m) => m.message_id === Number(params.get('message_id')) && !m.deleted);
          if (!target) throw new BotApiError(400, 'Bad Request: message to delete not found');
          target.deleted = true;
          return true;
        }
        const chat = this.chatOf(params);
        const message = messageOf(chat);
        if (!message) throw new BotApiError(400, 'Bad Request: message to delete not found');
        message.deleted = true;
        return true;
      }
      case 'setWebhook': {
        const url = String(params.get('url') ?? '');
        const dropPending = params.get('drop_pending_updates') === 'true';
        if (url === '') {
          this.webhook = null;
          if (dropPending) this.updates = [];
          return true;
        }
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          throw new BotApiError(400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known');
        }
        if (parsed.protocol !== 'https:') throw new BotApiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        if (!['', '443', '80', '88', '8443'].includes(parsed.port))
          throw new BotApiError(400, 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
        if (!this.webhookRoutes.has(parsed.origin))
          throw new BotApiError(400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known');
        const secret = params.get('secret_token');
        if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret)))
          throw new BotApiError(400, 'Bad Request: secret token contains unallowed characters');
        const allowed = params.get('allowed_updates');
        this.webhook = {
          url,
          ...(typeof secret === 'string' ? { secret } : {}),
          // "If not specified, the previous setting will be used."
          allowedUpdates: typeof allowed === 'string' ? (JSON.parse(allowed) as string[]) : (this.webhook?.allowedUpdates ?? []),
        };
        if (dropPending) this.updates = [];
        // last_error_date is kept: the documentation does not say that setting the webhook again clears it.
        void this.deliverPending();
        return true;
      }
      case 'deleteWebhook':
        this.webhook = null;
        if (params.get('drop_pending_updates') === 'true') this.updates = [];
        return true;
      case 'getWebhookInfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.pendingUpdates(),
          ...(this.webhook && this.lastErrorDate !== undefined
            ? { last_error_date: this.lastErrorDate, last_error_message: this.lastErrorMessage }
            : {}),
          ...(this.webhook ? { max_connections: 40, allowed_updates: this.webhook.allowedUpdates } : {}),
        };
      case 'getUpdates': {
        if (this.webhook)
          throw new BotApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          );
        const allowed = params.get('allowed_updates');
        const kinds: string[] = typeof allowed === 'string' ? JSON.parse(allowed) : [];
        const offset = Number(params.get('offset') ?? 0);
        if (offset > 0) this.updates = this.updates.filter((u) => (u as { update_id: number }).update_id >= offset);
        return this.updates
          .filter((u) => kinds.length === 0 || kinds.some((k) => k in (u as object)))
          .slice(0, Number(params.get('limit') ?? 100));
      }
      default:
        throw new BotApiError(404, 'Not Found');
    }
  }
}
