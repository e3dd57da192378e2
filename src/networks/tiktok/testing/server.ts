/**
 * Test-only: a local TikTok Open API (v2) built from TikTok's documentation (developers.tiktok.com:
 * Content Posting API "Query Creator Info", "Direct Post", "Upload" (inbox), "Get Post Status",
 * "Media Transfer Guide"; Display API "List Videos", "Query Videos", "Get User Info"; Login Kit
 * "Manage User Access Tokens"). TikTok publishes no OpenAPI document, so each request is checked
 * here against what those pages require (method, required fields and enums, scopes, the chunk
 * rules of a FILE_UPLOAD, Content-Range of each chunk); a request that breaks them is answered as
 * TikTok does (400 `invalid_params`) and recorded in `violations`, so a test fails.
 *
 * Reached as `/<official host>/<path>` (endpoints.ts): `/open.tiktokapis.com/v2/...` and the upload
 * host `/open-upload.tiktokapis.com/video/`. Every answer is TikTok's envelope
 * `{ data, error: { code, message, log_id } }`. Login Kit's authorization page
 * (`/www.tiktok.com/v2/auth/authorize/`) approves at once and sends the browser back with a code.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const UPLOAD_HOST = 'open-upload.tiktokapis.com';
const PRIVACY = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'];
const MB = 1024 * 1024;

export interface FakeTikTokPublish {
  publishId: string;
  mode: 'direct' | 'inbox';
  mediaType: 'VIDEO' | 'PHOTO';
  postInfo: Record<string, unknown>;
  videoSize: number;
  chunkSize: number;
  chunks: number;
  received: Array<{ start: number; end: number }>;
  photoUrls: string[];
  pollsLeft: number;
  postId?: string;
  /** create_time as TikTok gives it (whole seconds). */
  createdAt?: number;
  /** When the post was made, in ms (the benchmarks' lateness). */
  postedAt?: number;
}

export class FakeTikTokServer {
  baseUrl = '';
  readonly violations: string[] = [];
  readonly requests: Array<{ method: string; host: string; path: string; query: string }> = [];
  readonly user = {
    open_id: '-000OBsa9bVwRmBMtePe4CgBCDSmRp-R2UHx',
    username: 'plazacafe',
    display_name: 'Plaza Café',
    avatar_url: 'https://p16.tiktokcdn.com/a.jpeg',
    follower_count: 2048,
  };
  readonly creator = {
    creator_avatar_url: 'https://p16.tiktokcdn.com/a.jpeg',
    creator_username: 'plazacafe',
    creator_nickname: 'Plaza Café',
    privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
    comment_disabled: false,
    duet_disabled: true,
    stitch_disabled: false,
    max_video_post_duration_sec: 300,
  };
  readonly app = { clientKey: 'awtiktokkey', clientSecret: 'tiktok-secret' };
  readonly publishes = new Map<string, FakeTikTokPublish>();
  token = `act.${randomBytes(12).toString('hex')}`;
  refreshToken = `rft.${randomBytes(12).toString('hex')}`;
  /** Scopes the token carries (an app without direct posting approval lacks video.publish). */
  scopes = new Set(['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.publish', 'video.upload', 'video.list']);
  statusPolls = 1;
  private server?: http.Server;
  /** Ids are TikTok-wide: each server starts at its own random point, so two servers never share one. */
  private nextId = 7_300_000_000_000_000_000n + (BigInt(randomBytes(5).readUIntBE(0, 5)) << 16n);
  private codes = new Set<string>();

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`server error: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: {}, error: { code: 'internal_error', message: 'Internal error', log_id: 'x' } }));
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

  /** Live direct posts whose caption (video title or photo description) is exactly this text. */
  postsWithText(text: string): number {
    return [...this.publishes.values()].filter((p) => p.postId && p.mode === 'direct' && this.captionOf(p) === text).length;
  }

  /**
   * Login Kit's authorization page once the creator has clicked "Continue": a 302 back to
   * `redirect_uri` with `code`, `scopes` and `state`; a wrong client key or a missing redirect URL,
   * scope or state is refused on the page itself.
   */
  private consent(query: URLSearchParams, res: http.ServerResponse): void {
    const redirectUri = query.get('redirect_uri');
    const problem =
      query.get('client_key') !== this.app.clientKey
        ? 'client_key'
        : !redirectUri
          ? 'redirect_uri'
          : query.get('response_type') !== 'code'
            ? 'response_type'
            : !query.get('scope')
              ? 'scope'
              : !query.get('state')
                ? 'state'
                : null;
    if (problem) {
      this.violations.push(`authorization page: ${problem} missing or wrong`);
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>TikTok</title><p>Something went wrong. Please try again later. (${problem})</p>`);
      return;
    }
    const target = new URL(redirectUri!);
    target.searchParams.set('code', this.authorize());
    target.searchParams.set('scopes', query.get('scope')!);
    target.searchParams.set('state', query.get('state')!);
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  authorize(): string {
    const code = `code-${randomBytes(6).toString('hex')}`;
    this.codes.add(code);
    return code;
  }

  private captionOf(p: FakeTikTokPublish): string {
    return String(p.mediaType === 'VIDEO' ? (p.postInfo.title ?? '') : (p.postInfo.description ?? ''));
  }

  private newId(): string {
    this.nextId += BigInt(1 + Math.floor(Math.random() * 1000));
    return this.nextId.toString();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    const host = url.pathname.split('/')[1];
    const path = url.pathname.slice(host.length + 1) || '/';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    this.requests.push({ method, host, path, query: url.search });
    const logId = randomBytes(8).toString('hex').toUpperCase();
    const reply = (status: number, data: unknown, error: { code: string; message?: string } = { code: 'ok' }) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      // TikTok writes post ids as JSON numbers (int64), beyond what a JavaScript number holds exactly.
      const text = JSON.stringify({ data, error: { code: error.code, message: error.message ?? '', log_id: logId } });
      res.end(text.replace(/"publicaly_available_post_id":\["(\d+)"\]/, '"publicaly_available_post_id":[$1]'));
    };
    const invalid = (message: string) => {
      this.violations.push(`${method} ${host}${path}: ${message}`);
      return reply(400, {}, { code: 'invalid_params', message });
    };

    if (host === UPLOAD_HOST) return this.upload(req, url, raw, res, invalid);
    if (host === 'www.tiktok.com' && path === '/v2/auth/authorize/' && method === 'GET') return this.consent(url.searchParams, res);
    if (host !== 'open.tiktokapis.com') return invalid('unknown host');
    if (path === '/v2/oauth/token/') return this.oauthToken(method, String(req.headers['content-type'] ?? ''), raw.toString('utf8'), res);

    if (String(req.headers.authorization ?? '') !== `Bearer ${this.token}`)
      return reply(401, {}, { code: 'access_token_invalid', message: 'The access token is invalid or not found in the request.' });
    let body: Record<string, unknown> = {};
    if (method === 'POST') {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
        return invalid('Content-Type must be application/json; charset=UTF-8');
      try {
        body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        return invalid('body is not JSON');
      }
    }
    const needScope = (scope: string) => {
      if (this.scopes.has(scope)) return false;
      reply(
        401,
        {},
        { code: 'scope_not_authorized', message: `The user did not authorize the scope required for completing this request (${scope}).` },
      );
      return true;
    };
    const fields = (allowed: string[]) => {
      const asked = (url.searchParams.get('fields') ?? '').split(',').filter(Boolean);
      if (asked.length === 0) return 'fields is required';
      const unknown = asked.filter((f) => !allowed.includes(f));
      return unknown.length > 0 ? `unknown fields ${unknown.join(',')}` : null;
    };

    if (method === 'GET' && path === '/v2/user/info/') {
      if (needScope('user.info.basic')) return;
      const problem = fields([
        'open_id',
        'union_id',
        'avatar_url',
        'avatar_url_100',
        'avatar_large_url',
        'display_name',
        'bio_description',
        'profile_deep_link',
        'is_verified',
        'username',
        'follower_count',
        'following_count',
        'likes_count',
        'video_count',
      ]);
      if (problem) return invalid(problem);
      const asked = (url.searchParams.get('fields') ?? '').split(',');
      return reply(200, { user: Object.fromEntries(Object.entries(this.user).filter(([k]) => asked.includes(k))) });
    }
    if (method === 'POST' && path === '/v2/post/publish/creator_info/query/') {
      if (needScope('video.publish')) return;
      return reply(200, this.creator);
    }
    if (method === 'POST' && (path === '/v2/post/publish/video/init/' || path === '/v2/post/publish/inbox/video/init/')) {
      const direct = path === '/v2/post/publish/video/init/';
      if (needScope(direct ? 'video.publish' : 'video.upload')) return;
      const source = (body.source_info ?? {}) as Record<string, unknown>;
      if (source.source !== 'FILE_UPLOAD') return invalid('source_info.source must be FILE_UPLOAD here');
      const size = Number(source.video_size);
      const chunkSize = Number(source.chunk_size);
      const count = Number(source.total_chunk_count);
      if (!(size > 0) || !(chunkSize > 0) || !(count > 0)) return invalid('video_size, chunk_size and total_chunk_count are required');
      if (size < 5 * MB && (chunkSize !== size || count !== 1)) return invalid('a video under 5 MB goes in one chunk');
      if (count > 1 && (chunkSize < 5 * MB || chunkSize > 64 * MB)) return invalid('chunk_size must be 5 MB to 64 MB');
      if (count !== Math.max(1, Math.floor(size / chunkSize))) return invalid('total_chunk_count must be floor(video_size / chunk_size)');
      let postInfo: Record<string, unknown> = {};
      if (direct) {
        postInfo = (body.post_info ?? {}) as Record<string, unknown>;
        const problem = this.checkPostInfo(postInfo, true);
        if (problem) return reply(400, {}, problem);
      } else if (body.post_info !== undefined) return invalid('inbox uploads take no post_info');
      const publish = this.newPublish(direct ? 'direct' : 'inbox', 'VIDEO', postInfo, { size, chunkSize, count });
      return reply(200, {
        publish_id: publish.publishId,
        upload_url: `https://${UPLOAD_HOST}/video/?upload_id=${publish.publishId.slice(-12)}&upload_token=${randomBytes(8).toString('hex')}`,
      });
    }
    if (method === 'POST' && path === '/v2/post/publish/content/init/') {
      const mode = body.post_mode === 'DIRECT_POST' ? 'direct' : body.post_mode === 'MEDIA_UPLOAD' ? 'inbox' : null;
      if (!mode) return invalid('post_mode must be DIRECT_POST or MEDIA_UPLOAD');
      if (body.media_type !== 'PHOTO') return invalid('media_type must be PHOTO');
      if (needScope(mode === 'direct' ? 'video.publish' : 'video.upload')) return;
      const source = (body.source_info ?? {}) as Record<string, unknown>;
      const images = source.photo_images as unknown;
      if (source.source !== 'PULL_FROM_URL' || !Array.isArray(images) || images.length === 0 || images.length > 35)
        return invalid('photo_images: 1 to 35 URLs pulled from a verified domain');
      if (typeof source.photo_cover_index !== 'number' || source.photo_cover_index >= images.length)
        return invalid('photo_cover_index is required and within photo_images');
      const postInfo = (body.post_info ?? {}) as Record<string, unknown>;
      if (mode === 'direct') {
        const problem = this.checkPostInfo(postInfo, false);
        if (problem) return reply(400, {}, problem);
      }
      const publish = this.newPublish(mode, 'PHOTO', postInfo, { size: 0, chunkSize: 0, count: 0 });
      publish.photoUrls = images as string[];
      this.complete(publish);
      return reply(200, { publish_id: publish.publishId });
    }
    if (method === 'POST' && path === '/v2/post/publish/status/fetch/') {
      const publish = this.publishes.get(String(body.publish_id ?? ''));
      if (!publish) return reply(400, {}, { code: 'invalid_publish_id', message: 'publish_id does not exist' });
      if (publish.createdAt === undefined)
        return reply(200, { status: 'PROCESSING_UPLOAD', uploaded_bytes: publish.received.reduce((n, r) => n + r.end - r.start + 1, 0) });
      if (publish.pollsLeft > 0) {
        publish.pollsLeft -= 1;
        return reply(200, { status: publish.mediaType === 'PHOTO' ? 'PROCESSING_DOWNLOAD' : 'PROCESSING_UPLOAD' });
      }
      if (publish.mode === 'inbox') return reply(200, { status: 'SEND_TO_USER_INBOX' });
      const visible = publish.postInfo.privacy_level === 'PUBLIC_TO_EVERYONE';
      return reply(200, { status: 'PUBLISH_COMPLETE', ...(visible ? { publicaly_available_post_id: [publish.postId] } : {}) });
    }
    if (method === 'POST' && path === '/v2/video/list/') {
      if (needScope('video.list')) return;
      const problem = fields([
        'id',
        'create_time',
        'cover_image_url',
        'share_url',
        'video_description',
        'duration',
        'height',
        'width',
        'title',
        'embed_html',
        'embed_link',
        'like_count',
        'comment_count',
        'share_count',
        'view_count',
      ]);
      if (problem) return invalid(problem);
      const max = Number(body.max_count ?? 10);
      if (!(max >= 1 && max <= 20)) return invalid('max_count must be 1 to 20');
      const cursor = Number(body.cursor ?? Number.MAX_SAFE_INTEGER);
      const all = this.posted()
        .filter((p) => p.createdAt! < cursor)
        .sort((a, b) => b.createdAt! - a.createdAt!);
      const page = all.slice(0, max);
      return reply(200, {
        videos: page.map((p) => this.videoView(p, url)),
        cursor: page.at(-1)?.createdAt ?? 0,
        has_more: all.length > max,
      });
    }
    if (method === 'POST' && path === '/v2/video/query/') {
      if (needScope('video.list')) return;
      const problem = fields([
        'id',
        'create_time',
        'cover_image_url',
        'share_url',
        'video_description',
        'duration',
        'title',
        'like_count',
        'comment_count',
        'share_count',
        'view_count',
      ]);
      if (problem) return invalid(problem);
      const ids = ((body.filters as { video_ids?: unknown } | undefined)?.video_ids ?? []) as string[];
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20) return invalid('filters.video_ids: 1 to 20 ids');
      return reply(200, {
        videos: this.posted()
          .filter((p) => ids.includes(p.postId!))
          .map((p) => this.videoView(p, url)),
        cursor: 0,
        has_more: false,
      });
    }
    return invalid(`no such endpoint ${method} ${path}`);
  }

  private checkPostInfo(info: Record<string, unknown>, video: boolean): { code: string; message: string } | null {
    if (!PRIVACY.includes(String(info.privacy_level))) return { code: 'invalid_params', message: 'post_info.privacy_level is required' };
    if (!this.creator.privacy_level_options.includes(String(info.privacy_level)))
      return { code: 'privacy_level_option_mismatch', message: 'privacy_level is not one of the creator’s privacy_level_options' };
    if (video && typeof info.title === 'string' && info.title.length > 2200)
      return { code: 'invalid_params', message: 'title is over 2200 runes' };
    if (!video && typeof info.title === 'string' && info.title.length > 90)
      return { code: 'invalid_params', message: 'title is over 90 runes' };
    if (this.creator.comment_disabled && info.disable_comment === false)
      return { code: 'invalid_params', message: 'comments are disabled by the creator' };
    if (video && this.creator.duet_disabled && info.disable_duet === false)
      return { code: 'invalid_params', message: 'duets are disabled by the creator' };
    if (info.brand_content_toggle === true && info.privacy_level === 'SELF_ONLY')
      return { code: 'invalid_params', message: 'branded content cannot be private' };
    for (const key of Object.keys(info)) {
      const known = video
        ? [
            'title',
            'privacy_level',
            'disable_duet',
            'disable_stitch',
            'disable_comment',
            'video_cover_timestamp_ms',
            'brand_content_toggle',
            'brand_organic_toggle',
            'is_aigc',
          ]
        : ['title', 'description', 'privacy_level', 'disable_comment', 'auto_add_music', 'brand_content_toggle', 'brand_organic_toggle'];
      if (!known.includes(key)) {
        this.violations.push(`post_info.${key} is not documented`);
        return { code: 'invalid_params', message: `post_info.${key} is not documented` };
      }
    }
    return null;
  }

  private newPublish(
    mode: 'direct' | 'inbox',
    mediaType: 'VIDEO' | 'PHOTO',
    postInfo: Record<string, unknown>,
    plan: { size: number; chunkSize: number; count: number },
  ): FakeTikTokPublish {
    const kind = mediaType === 'VIDEO' ? 'v_pub_file' : 'p_pub_url';
    const publish: FakeTikTokPublish = {
      publishId: `${mode === 'inbox' ? 'v_inbox_file' : kind}~v2-1.${this.newId()}`,
      mode,
      mediaType,
      postInfo,
      videoSize: plan.size,
      chunkSize: plan.chunkSize,
      chunks: plan.count,
      received: [],
      photoUrls: [],
      pollsLeft: this.statusPolls,
    };
    this.publishes.set(publish.publishId, publish);
    return publish;
  }

  private complete(publish: FakeTikTokPublish): void {
    publish.postedAt = Date.now();
    publish.createdAt = Math.floor(publish.postedAt / 1000);
    if (publish.mode === 'direct') publish.postId = this.newId();
  }

  private posted(): FakeTikTokPublish[] {
    return [...this.publishes.values()].filter((p) => p.postId);
  }

  private videoView(p: FakeTikTokPublish, url: URL): Record<string, unknown> {
    const all: Record<string, unknown> = {
      id: p.postId,
      create_time: p.createdAt,
      title: this.captionOf(p).slice(0, 150),
      video_description: this.captionOf(p),
      share_url: `https://www.tiktok.com/@${this.user.username}/video/${p.postId}`,
      like_count: 31,
      comment_count: 4,
      share_count: 2,
      view_count: 980,
    };
    const asked = (url.searchParams.get('fields') ?? '').split(',');
    return Object.fromEntries(Object.entries(all).filter(([k]) => asked.includes(k)));
  }

  private upload(req: http.IncomingMessage, url: URL, raw: Buffer, res: http.ServerResponse, invalid: (m: string) => void): void {
    if (req.method !== 'PUT') return invalid('uploads are PUT');
    const id = url.searchParams.get('upload_id');
    const publish = [...this.publishes.values()].find((p) => p.publishId.endsWith(id ?? '-none-'));
    if (!publish || !url.searchParams.get('upload_token')) return invalid('unknown upload');
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
    if (!range) return invalid('Content-Range: bytes {first}-{last}/{total} is required');
    const [start, end, total] = range.slice(1).map(Number);
    if (total !== publish.videoSize) return invalid('Content-Range total is not the video_size of the init');
    if (end - start + 1 !== raw.length) return invalid('the chunk’s length does not match its Content-Range');
    const index = publish.received.length;
    const expectedStart = index * publish.chunkSize;
    const expectedEnd = index === publish.chunks - 1 ? publish.videoSize - 1 : expectedStart + publish.chunkSize - 1;
    if (start !== expectedStart || end !== expectedEnd) return invalid(`chunk ${index} must be bytes ${expectedStart}-${expectedEnd}`);
    if (!['video/mp4', 'video/quicktime', 'video/webm'].includes(String(req.headers['content-type'])))
      return invalid('Content-Type must be the video’s type');
    publish.received.push({ start, end });
    const done = publish.received.length === publish.chunks;
    if (done) this.complete(publish);
    res.writeHead(done ? 201 : 206);
    res.end();
  }

  private oauthToken(method: string, contentType: string, raw: string, res: http.ServerResponse): void {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (method !== 'POST' || !contentType.startsWith('application/x-www-form-urlencoded')) {
      this.violations.push('token: POST application/x-www-form-urlencoded expected');
      return answer(400, { error: 'invalid_request', error_description: 'Content-Type', log_id: 'x' });
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (form.client_key !== this.app.clientKey || form.client_secret !== this.app.clientSecret)
      return answer(401, { error: 'invalid_client', error_description: 'Client key or secret is incorrect.', log_id: 'x' });
    const valid =
      form.grant_type === 'authorization_code'
        ? this.codes.delete(form.code) && Boolean(form.redirect_uri)
        : form.grant_type === 'refresh_token' && form.refresh_token === this.refreshToken;
    if (!valid)
      return answer(400, {
        error: 'invalid_grant',
        error_description: 'Authorization code or refresh token is expired or invalid.',
        log_id: 'x',
      });
    this.token = `act.${randomBytes(12).toString('hex')}`;
    answer(200, {
      access_token: this.token,
      expires_in: 86_400,
      open_id: this.user.open_id,
      refresh_expires_in: 31_536_000,
      refresh_token: this.refreshToken,
      scope: [...this.scopes].join(','),
      token_type: 'Bearer',
    });
  }
}
