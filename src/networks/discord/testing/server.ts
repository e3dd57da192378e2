/**
 * Test-only: a local Discord HTTP API (v10), reached as `/discord.com/api/v10/...` (endpoints.ts).
 *
 * Every request and every answer is checked against Discord's published OpenAPI document
 * (discord-v10.openapi.json, next to this file); a request that breaks it is refused with 400
 * (Discord's 50035 "Invalid Form Body") and recorded in `violations`. For multipart requests the
 * `payload_json` part is checked as the JSON body it stands for.
 *
 * It keeps channels and messages (the duplicate oracle), answers the message already made for a
 * repeated `nonce` with `enforce_nonce` (as Discord does for a few minutes), executes webhooks
 * (`wait=true`, `thread_id`, `thread_name` in forum channels), refuses deleted webhooks with 404
 * Unknown Webhook (10015), and sends X-RateLimit-* headers with a bucket on every answer, with 429
 * and `retry_after` once a bucket is used up.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiValidator } from '../../testing/openapi.ts';

const SPEC_URL = new URL('./discord-v10.openapi.json', import.meta.url);
let sharedValidator: OpenApiValidator | undefined;
export function discordOpenApiValidator(): OpenApiValidator {
  sharedValidator ??= new OpenApiValidator(JSON.parse(readFileSync(SPEC_URL, 'utf8')));
  return sharedValidator;
}

export interface FakeDiscordMessage {
  id: string;
  channelId: string;
  content: string;
  authorId: string;
  webhookId?: string;
  nonce?: string;
  embeds: unknown[];
  attachments: Array<{ filename: string; description?: string; size: number }>;
  createdAt: number;
  deleted: boolean;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

export class FakeDiscordServer {
  baseUrl = '';
  readonly validator = discordOpenApiValidator();
  readonly violations: string[] = [];
  readonly requests: Array<{ method: string; path: string; query: string }> = [];
  readonly guildId = '613425648685547541';
  readonly bot = { id: '1100000000000000001', username: 'plaza-bot', token: `bot.${randomBytes(12).toString('hex')}` };
  readonly channels = new Map<string, { id: string; name: string; type: number; parentId?: string }>([
    ['1200000000000000001', { id: '1200000000000000001', name: 'anuncios', type: 0 }],
    ['1200000000000000002', { id: '1200000000000000002', name: 'foro', type: 15 }],
    ['1200000000000000003', { id: '1200000000000000003', name: 'hilo-de-novedades', type: 11, parentId: '1200000000000000001' }],
  ]);
  readonly webhooks = new Map<string, { id: string; token: string; channelId: string; name: string; deleted: boolean }>();
  readonly messages = new Map<string, FakeDiscordMessage>();
  /** Requests a bucket allows per window (tests lower it to see 429). */
  bucketLimit = 50;
  private server?: http.Server;
  private sequence = 0n;
  private buckets = new Map<string, { used: number; resetAt: number }>();

  constructor() {
    this.addWebhook('1200000000000000001', 'Plaza');
  }

  addWebhook(channelId: string, name: string): { id: string; token: string; url: string } {
    const id = this.snowflake();
    const token = randomBytes(34).toString('base64url');
    this.webhooks.set(id, { id, token, channelId, name, deleted: false });
    return { id, token, url: `https://discord.com/api/webhooks/${id}/${token}` };
  }

  get webhookUrl(): string {
    const first = [...this.webhooks.values()][0];
    return `https://discord.com/api/webhooks/${first.id}/${first.token}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`server error: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 0, message: '500: Internal Server Error' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Every bucket starts afresh. */
  resetBuckets(): void {
    this.buckets.clear();
  }

  postsWithText(text: string): number {
    return [...this.messages.values()].filter((m) => !m.deleted && m.content === text).length;
  }

  private snowflake(): string {
    this.sequence += 1n;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + this.sequence).toString();
  }

  private bucketHeaders(route: string): { headers: Record<string, string>; limited: boolean; retryAfter: number } {
    const now = Date.now();
    let bucket = this.buckets.get(route);
    if (!bucket || bucket.resetAt <= now) {
      bucket = { used: 0, resetAt: now + 5_000 };
      this.buckets.set(route, bucket);
    }
    bucket.used += 1;
    const resetAfter = Math.max(0, (bucket.resetAt - now) / 1000);
    const headers = {
      'x-ratelimit-limit': String(this.bucketLimit),
      'x-ratelimit-remaining': String(Math.max(0, this.bucketLimit - bucket.used)),
      'x-ratelimit-reset': String(bucket.resetAt / 1000),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': Buffer.from(route).toString('hex').slice(0, 32),
    };
    return { headers, limited: bucket.used > this.bucketLimit, retryAfter: resetAfter };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    const host = url.pathname.split('/')[1];
    const fullPath = url.pathname.slice(host.length + 1) || '/';
    const path = fullPath.replace(/^\/api\/v10/, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    this.requests.push({ method, path, query: url.search });
    const contentType = String(req.headers['content-type'] ?? '');
    const route = `${method} ${path.replace(/\/\d{15,25}/g, '/:id').replace(/(webhooks\/:id)\/[^/]+/, '$1')}`;
    const bucket = this.bucketHeaders(route);

    const reply = (status: number, body?: unknown) => {
      const problems = this.validator.checkResponse(method, path, status, 'application/json', body ?? null);
      if (problems.length > 0) this.violations.push(`answer ${status} to ${method} ${path}: ${JSON.stringify(problems)}`);
      const headers: Record<string, string> = { ...bucket.headers };
      if (status === 429) headers['retry-after'] = String(Math.ceil(bucket.retryAfter));
      if (body !== undefined) headers['content-type'] = 'application/json';
      res.writeHead(status, headers);
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (host !== 'discord.com' || !fullPath.startsWith('/api/v10/')) return reply(404, { code: 0, message: '404: Not Found' });

    let body: unknown;
    const files: Array<{ filename: string; size: number }> = [];
    const checks: Array<{ contentType: string; body: unknown }> = [];
    if (raw.length > 0) {
      if (contentType.startsWith('multipart/form-data')) {
        const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
        const fields: Record<string, unknown> = {};
        form.forEach((value, name) => {
          fields[name] = typeof value === 'string' ? value : { binary: true };
          if (typeof value !== 'string') files.push({ filename: (value as File).name, size: value.size });
        });
        body = JSON.parse(String(form.get('payload_json') ?? '{}'));
        checks.push({ contentType: 'application/json', body });
      } else {
        body = JSON.parse(raw.toString('utf8'));
        checks.push({ contentType, body });
      }
    } else checks.push({ contentType, body: undefined });
    for (const check of checks) {
      const problems = this.validator.checkRequest({
        method,
        path,
        query: url.searchParams,
        contentType: check.contentType,
        body: check.body,
      });
      if (problems.length > 0) {
        this.violations.push(`${method} ${path}${url.search}: ${JSON.stringify(problems)}`);
        return reply(400, { code: 50035, message: 'Invalid Form Body' });
      }
    }
    if (bucket.limited)
      return reply(429, { code: 0, message: 'You are being rate limited.', retry_after: bucket.retryAfter, global: false });
    const payload = (body ?? {}) as Record<string, unknown>;
    let m: RegExpExecArray | null;

    // Webhooks: the token in the path is the credential.
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(\d+))?$/.exec(path))) {
      const hook = this.webhooks.get(m[1]);
      if (!hook || hook.deleted) return reply(404, { code: 10015, message: 'Unknown Webhook' });
      if (hook.token !== m[2]) return reply(401, { code: 50027, message: 'Invalid Webhook Token' });
      if (m[3]) {
        const message = this.messages.get(m[3]);
        if (!message || message.deleted || message.webhookId !== hook.id) return reply(404, { code: 10008, message: 'Unknown Message' });
        if (method === 'DELETE') {
          message.deleted = true;
          return reply(204);
        }
        return reply(200, this.messageView(message));
      }
      if (method === 'GET')
        return reply(200, {
          id: hook.id,
          type: 1,
          name: hook.name,
          avatar: null,
          channel_id: hook.channelId,
          guild_id: this.guildId,
          application_id: null,
          token: hook.token,
        });
      let channelId = url.searchParams.get('thread_id') ?? hook.channelId;
      const target = this.channels.get(channelId);
      if (!target) return reply(404, { code: 10003, message: 'Unknown Channel' });
      if (this.channels.get(hook.channelId)?.type === 15) {
        if (!payload.thread_name && !url.searchParams.get('thread_id'))
          return reply(400, { code: 220001, message: 'Webhooks posted to forum channels must have a thread_name or thread_id' });
      }
      if (payload.thread_name) {
        const thread = { id: this.snowflake(), name: String(payload.thread_name), type: 11, parentId: hook.channelId };
        this.channels.set(thread.id, thread);
        channelId = thread.id;
      }
      const message = this.store(channelId, payload, files, hook.id, hook.id);
      return url.searchParams.get('wait') === 'true' ? reply(200, this.messageView(message)) : reply(204);
    }

    const auth = String(req.headers.authorization ?? '');
    if (auth !== `Bot ${this.bot.token}`) return reply(401, { code: 0, message: '401: Unauthorized' });
    if (method === 'GET' && path === '/users/@me')
      return reply(200, {
        id: this.bot.id,
        username: this.bot.username,
        avatar: null,
        discriminator: '0',
        public_flags: 0,
        flags: 0,
        bot: true,
        global_name: null,
        mfa_enabled: false,
        locale: 'es-ES',
      });
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      const channel = this.channels.get(m[1]);
      if (!channel) return reply(404, { code: 10003, message: 'Unknown Channel' });
      return reply(200, {
        id: channel.id,
        type: channel.type === 11 ? 0 : channel.type,
        flags: 0,
        guild_id: this.guildId,
        name: channel.name,
        position: 1,
      });
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      const channel = this.channels.get(m[1]);
      if (!channel) return reply(404, { code: 10003, message: 'Unknown Channel' });
      if (method === 'GET') {
        const after = BigInt(url.searchParams.get('after') ?? '0');
        const limit = Number(url.searchParams.get('limit') ?? '50');
        const list = [...this.messages.values()]
          .filter((x) => !x.deleted && x.channelId === channel.id && BigInt(x.id) > after)
          .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
          .slice(0, limit);
        return reply(
          200,
          list.map((x) => this.messageView(x)),
        );
      }
      if (payload.enforce_nonce === true && typeof payload.nonce === 'string') {
        const twin = [...this.messages.values()].find(
          (x) => x.nonce === payload.nonce && x.authorId === this.bot.id && Date.now() - x.createdAt < 5 * 60_000,
        );
        if (twin) return reply(200, this.messageView(twin));
      }
      return reply(200, this.messageView(this.store(channel.id, payload, files, this.bot.id)));
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'DELETE') {
      const message = this.messages.get(m[2]);
      if (!message || message.deleted || message.channelId !== m[1]) return reply(404, { code: 10008, message: 'Unknown Message' });
      message.deleted = true;
      return reply(204);
    }
    return reply(404, { code: 0, message: '404: Not Found' });
  }

  private store(
    channelId: string,
    payload: Record<string, unknown>,
    files: Array<{ filename: string; size: number }>,
    authorId: string,
    webhookId?: string,
  ): FakeDiscordMessage {
    const described = (payload.attachments ?? []) as Array<{ id: string; description?: string }>;
    const message: FakeDiscordMessage = {
      id: this.snowflake(),
      channelId,
      content: String(payload.content ?? ''),
      authorId,
      webhookId,
      nonce: typeof payload.nonce === 'string' ? payload.nonce : undefined,
      embeds: (payload.embeds ?? []) as unknown[],
      attachments: files.map((f, i) => ({ ...f, ...(described[i]?.description ? { description: described[i].description } : {}) })),
      createdAt: Date.now(),
      deleted: false,
    };
    this.messages.set(message.id, message);
    return message;
  }

  private messageView(message: FakeDiscordMessage): Record<string, unknown> {
    return {
      type: 0,
      id: message.id,
      channel_id: message.channelId,
      content: message.content,
      author: {
        id: message.authorId,
        username: message.webhookId ? 'Plaza' : this.bot.username,
        avatar: null,
        discriminator: '0000',
        public_flags: 0,
        flags: 0,
        global_name: null,
        primary_guild: null,
        bot: true,
      },
      mentions: [],
      mention_roles: [],
      attachments: message.attachments.map((a, i) => ({
        id: String(BigInt(message.id) + BigInt(i + 1)),
        filename: a.filename,
        size: a.size,
        url: `https://cdn.discordapp.com/attachments/${message.channelId}/${message.id}/${a.filename}`,
        proxy_url: `https://media.discordapp.net/attachments/${message.channelId}/${message.id}/${a.filename}`,
        ...(a.description ? { description: a.description } : {}),
      })),
      embeds: message.embeds.map((embed) => ({ type: 'rich', ...(embed as object) })),
      timestamp: new Date(message.createdAt).toISOString(),
      edited_timestamp: null,
      flags: 0,
      components: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      ...(message.webhookId ? { webhook_id: message.webhookId } : {}),
      ...(message.nonce ? { nonce: message.nonce } : {}),
    };
  }
}
