/**
 * Test-only: a Slack server built from Slack's documentation (api.slack.com: chat.postMessage,
 * conversations.history / replies / info, chat.delete, chat.getPermalink, auth.test, the
 * files.getUploadURLExternal → upload → files.completeUploadExternal flow, incoming webhooks).
 * As documented: Web API refusals are HTTP 200 `{ ok: false, error }`; rate limits are HTTP 429 with
 * Retry-After; message metadata comes back only with include_all_metadata; webhooks answer `ok`
 * as text, or 400 `no_text`, 404 `no_service`, 410 `channel_is_archived`. Reached through
 * networkUrl's host prefixes (/slack.com/api/…, /hooks.slack.com/…, /files.slack.com/…).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredMessage {
  ts: string;
  channel: string;
  text?: string;
  blocks?: Array<Record<string, unknown>>;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  unfurl_links?: boolean;
  deleted: boolean;
}

export class FakeSlackServer {
  readonly token = 'xoxb-1111-2222-plazatest';
  readonly channel = { id: 'C0PLAZA0001', name: 'anuncios', is_member: true, is_archived: false, num_members: 42 };
  readonly webhookPath = '/services/T0PLAZA/B0PLAZA/abcdefghijklmnop';
  webhookState: 'live' | 'revoked' | 'archived' = 'live';
  readonly messages: StoredMessage[] = [];
  readonly webhookPosts: Array<Record<string, unknown>> = [];
  readonly files = new Map<
    string,
    { filename: string; length: number; received?: { bytes: number; type: string }; completed: boolean; title?: string }
  >();
  private rateLimits: Array<{ seconds: number; afterCalls: number }> = [];
  private clock = 1_800_000_000;
  private seq = 0;
  private server: http.Server | undefined;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'internal_error', detail: (error as Error).message }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A chat.postMessage (the next, or the one after `afterCalls` more) answers 429 with Retry-After: `seconds`. */
  rateLimit(seconds: number, afterCalls = 0): void {
    this.rateLimits.push({ seconds, afterCalls });
  }

  /** The official webhook URL of this workspace's incoming webhook. */
  get webhookUrl(): string {
    return `https://hooks.slack.com${this.webhookPath}`;
  }

  postsWithText(text: string): number {
    return this.messages.filter((m) => !m.deleted && m.text === text).length + this.webhookPosts.filter((p) => p.text === text).length;
  }

  live(): StoredMessage[] {
    return this.messages.filter((m) => !m.deleted);
  }

  private async body(req: http.IncomingMessage): Promise<{ raw: Buffer; params: Record<string, unknown> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://local').searchParams);
    if (type.startsWith('application/json')) return { raw, params: { ...query, ...(raw.length ? JSON.parse(raw.toString('utf8')) : {}) } };
    if (type.startsWith('application/x-www-form-urlencoded'))
      return { raw, params: { ...query, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) } };
    return { raw, params: query };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const { raw, params } = await this.body(req);

    if (path.startsWith('/hooks.slack.com/services/')) {
      const text = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end(body);
      };
      if (path !== `/hooks.slack.com${this.webhookPath}` || this.webhookState === 'revoked') return text(404, 'no_service');
      if (this.webhookState === 'archived') return text(410, 'channel_is_archived');
      if (typeof params.text !== 'string' && !Array.isArray(params.blocks)) return text(400, 'no_text');
      this.webhookPosts.push(params);
      return text(200, 'ok');
    }

    if (path.startsWith('/files.slack.com/upload/v1/')) {
      const id = path.split('/').pop()!;
      const file = this.files.get(id);
      if (!file) return json(404, { ok: false, error: 'file_not_found' });
      file.received = { bytes: raw.length, type: req.headers['content-type'] ?? '' };
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${raw.length}`);
      return;
    }

    const method = /^\/slack\.com\/api\/([a-zA-Z.]+)$/.exec(path)?.[1];
    if (!method) return json(404, { ok: false, error: 'unknown_method' });
    if (req.headers.authorization !== `Bearer ${this.token}`) return json(200, { ok: false, error: 'invalid_auth' });
    const channelOk = () => {
      if (params.channel !== this.channel.id && params.channel_id !== this.channel.id) return 'channel_not_found';
      if (this.channel.is_archived) return 'is_archived';
      return null;
    };
    const ts = () => `${this.clock + this.seq}.${String(++this.seq).padStart(6, '0')}`;
    const view = (m: StoredMessage, withMetadata: boolean) => {
      const { deleted: _deleted, metadata, channel: _channel, unfurl_links: _unfurl, ...rest } = m;
      return { type: 'message', user: 'U0PLAZABOT', ...rest, ...(withMetadata && metadata ? { metadata } : {}) };
    };

    switch (method) {
      case 'auth.test':
        return json(200, {
          ok: true,
          url: 'https://plaza-test.slack.com/',
          team: 'Plaza Test',
          user: 'plaza',
          team_id: 'T0PLAZA',
          user_id: 'U0PLAZABOT',
          bot_id: 'B0PLAZA',
        });
      case 'conversations.info': {
        if (params.channel !== this.channel.id) return json(200, { ok: false, error: 'channel_not_found' });
        const { num_members, ...channel } = this.channel;
        return json(200, { ok: true, channel: { ...channel, ...(params.include_num_members === 'true' ? { num_members } : {}) } });
      }
      case 'chat.postMessage': {
        const problem = channelOk();
        if (problem) return json(200, { ok: false, error: problem });
        if (!this.channel.is_member) return json(200, { ok: false, error: 'not_in_channel' });
        const limit = this.rateLimits[0];
        if (limit && limit.afterCalls > 0) limit.afterCalls -= 1;
        else if (limit) {
          this.rateLimits.shift();
          return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.seconds) });
        }
        const blocks = params.blocks as Array<Record<string, unknown>> | undefined;
        if (typeof params.text !== 'string' && !blocks) return json(200, { ok: false, error: 'no_text' });
        if (typeof params.text === 'string' && params.text.length > 40_000) return json(200, { ok: false, error: 'msg_too_long' });
        if (blocks) {
          if (blocks.length > 50) return json(200, { ok: false, error: 'invalid_blocks' });
          for (const block of blocks) {
            const section = block.text as { text?: string } | undefined;
            if (block.type === 'section' && (section?.text?.length ?? 0) > 3000) return json(200, { ok: false, error: 'invalid_blocks' });
            if (block.type === 'image') {
              const file = this.files.get(String((block.slack_file as { id?: string } | undefined)?.id));
              if (!file?.completed || !file.received) return json(200, { ok: false, error: 'invalid_blocks' });
            }
          }
        }
        const thread = params.thread_ts as string | undefined;
        if (thread && !this.messages.some((m) => m.ts === thread && !m.deleted)) return json(200, { ok: false, error: 'thread_not_found' });
        const message: StoredMessage = {
          ts: ts(),
          channel: this.channel.id,
          ...(typeof params.text === 'string' ? { text: params.text } : {}),
          ...(blocks ? { blocks } : {}),
          ...(thread ? { thread_ts: thread } : {}),
          ...(params.metadata ? { metadata: params.metadata as StoredMessage['metadata'] } : {}),
          ...(typeof params.unfurl_links === 'boolean' ? { unfurl_links: params.unfurl_links } : {}),
          deleted: false,
        };
        this.messages.push(message);
        return json(200, { ok: true, channel: this.channel.id, ts: message.ts, message: view(message, false) });
      }
      case 'conversations.history': {
        const problem = channelOk();
        if (problem) return json(200, { ok: false, error: problem });
        const oldest = Number(params.oldest ?? 0);
        const messages = this.live()
          .filter((m) => !m.thread_ts && Number(m.ts) >= oldest)
          .reverse()
          .slice(0, Number(params.limit ?? 100))
          .map((m) => view(m, params.include_all_metadata === 'true'));
        return json(200, { ok: true, messages, has_more: false });
      }
      case 'conversations.replies': {
        const problem = channelOk();
        if (problem) return json(200, { ok: false, error: problem });
        const root = this.live().find((m) => m.ts === params.ts);
        if (!root) return json(200, { ok: false, error: 'thread_not_found' });
        const replies = this.live().filter((m) => m.thread_ts === root.ts);
        return json(200, {
          ok: true,
          messages: [root, ...replies].map((m) => view(m, params.include_all_metadata === 'true')),
          has_more: false,
        });
      }
      case 'chat.delete': {
        const message = this.live().find((m) => m.ts === params.ts && m.channel === params.channel);
        if (!message) return json(200, { ok: false, error: 'message_not_found' });
        message.deleted = true;
        return json(200, { ok: true, channel: params.channel, ts: params.ts });
      }
      case 'chat.getPermalink': {
        const message = this.live().find((m) => m.ts === params.message_ts);
        if (!message) return json(200, { ok: false, error: 'message_not_found' });
        return json(200, {
          ok: true,
          channel: params.channel,
          permalink: `https://plaza-test.slack.com/archives/${params.channel}/p${String(params.message_ts).replace('.', '')}`,
        });
      }
      case 'files.getUploadURLExternal': {
        const length = Number(params.length);
        if (typeof params.filename !== 'string' || !Number.isInteger(length) || length <= 0)
          return json(200, { ok: false, error: 'invalid_arguments' });
        const id = `F0${(this.files.size + 1).toString().padStart(8, '0')}`;
        this.files.set(id, { filename: params.filename, length, completed: false });
        return json(200, { ok: true, upload_url: `https://files.slack.com/upload/v1/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        let files: Array<{ id: string; title?: string }>;
        try {
          files = JSON.parse(String(params.files));
        } catch {
          return json(200, { ok: false, error: 'invalid_arguments' });
        }
        for (const entry of files) {
          const file = this.files.get(entry.id);
          if (!file?.received || file.received.bytes !== file.length) return json(200, { ok: false, error: 'upload_not_complete' });
          file.completed = true;
          file.title = entry.title;
        }
        return json(200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) });
      }
      default:
        return json(200, { ok: false, error: 'unknown_method' });
    }
  }
}
