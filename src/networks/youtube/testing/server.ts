/**
 * Test-only: a local server speaking the YouTube Data API v3 as Google documents it, at
 * `/<official host>/<path>` (networks/endpoints.ts):
 *
 * - resumable uploads (POST /www.googleapis.com/upload/youtube/v3/videos?uploadType=resumable:
 *   `X-Upload-Content-Length`/`-Type`, the session URI in `Location`; PUT chunks with
 *   `Content-Range: bytes a-b/total`, `308 Resume Incomplete` with `Range: bytes=0-N`, the video
 *   resource (201... Google answers 200 or 201) on the last one; the status query
 *   `Content-Range: bytes *\/total`; 404 for an unknown or expired session);
 * - connections cut by the server at chosen fractions of an upload (what arrived is kept, rounded
 *   down to 256 KiB, the way a session keeps what it received); uploaded bytes are hashed, never
 *   held, so a 200 MB upload costs the server no memory;
 * - thumbnails.set, videos.list (status, statistics, snippet), videos.update (status), videos.delete,
 *   channels.list (mine / id), playlistItems.list of the uploads playlist (newest first),
 *   commentThreads.list (allThreadsRelatedToChannelId, published threads, newest first), comments.list
 *   (parentId), comments.insert (replies; a reply's id is `<parent id>.<id>` as on YouTube),
 *   comments.setModerationStatus (heldForReview, published, rejected, banAuthor) and comments.delete
 *   (the channel's own comments only);
 * - the daily quota per bucket (units 10,000, videos.insert 100) with Google's 403 `quotaExceeded`
 *   body, Google's 401 body for a bad token, and the OAuth token endpoint (refresh);
 * - Google's sign-in (consent page and code exchange, google-api/testing/sign-in.ts) handing out
 *   this server's tokens, for connecting from the web app.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGoogleSignIn, GOOGLE_CONSENT_PATH, GOOGLE_TOKEN_PATH } from '../../google-api/testing/sign-in.ts';

const UNIT = 256 * 1024;
const API = '/www.googleapis.com/youtube/v3';
const UPLOAD = '/www.googleapis.com/upload/youtube/v3';

export interface StoredVideo {
  id: string;
  title: string;
  description: string;
  tags: string[];
  categoryId: string;
  privacyStatus: string;
  madeForKids: boolean;
  publishedAt: string;
  /** When videos.update first took it out of private (server clock, ms). */
  releasedAt?: number;
  size: number;
  sha256: string;
  thumbnail?: { mimeType: string; bytes: number };
  stats: { viewCount: number; likeCount: number; commentCount: number };
  deleted: boolean;
}

interface Session {
  id: string;
  total: number;
  mimeType: string;
  metadata: { snippet?: Record<string, unknown>; status?: Record<string, unknown> };
  /** Bytes kept (a multiple of 256 KiB until the last one). */
  received: number;
  hash: ReturnType<typeof createHash>;
  /** Received but not yet a whole 256 KiB block: dropped when the connection is cut. */
  pending: Buffer[];
  pendingBytes: number;
  videoId?: string;
  expired: boolean;
}

export interface StoredComment {
  id: string;
  videoId: string;
  text: string;
  author: string;
  authorChannelId: string;
  publishedAt: string;
  parentId?: string;
  moderationStatus: 'published' | 'heldForReview' | 'rejected';
}

export class FakeYouTubeServer {
  readonly token = `ya29.${randomBytes(12).toString('hex')}`;
  readonly refreshToken = `1//${randomBytes(12).toString('hex')}`;
  /** Google's sign-in for this channel's owner: `signIn.app` is the Google app to enter in Plaza. */
  readonly signIn = new FakeGoogleSignIn({ accessToken: () => this.token, refreshToken: () => this.refreshToken });
  readonly channelId = `UC${randomBytes(11).toString('base64url').slice(0, 22)}`;
  get uploadsPlaylistId(): string {
    return `UU${this.channelId.slice(2)}`;
  }
  readonly videos = new Map<string, StoredVideo>();
  readonly comments: StoredComment[] = [];
  /** Channel ids banned with banAuthor. */
  readonly bannedAuthors = new Set<string>();
  private readonly sessions = new Map<string, Session>();
  /** Bytes received in upload PUT bodies, resends included (the resend oracle). */
  uploadBytesReceived = 0;
  uploadPuts = 0;
  statusQueries = 0;
  /** Fractions of an upload's size at which the server cuts the connection (each once). */
  private cuts: number[] = [];
  quotaLimit = { units: 10_000, uploads: 100 };
  quotaUsed = { units: 0, uploads: 0 };
  clock = Date.now();
  private server?: http.Server;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.json(res, 500, { error: { code: 500, message: String(error), status: 'INTERNAL' } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Cuts the connection of the next uploads when they reach these fractions of their size. */
  cutUploadsAt(fractions: number[]): void {
    this.cuts = [...fractions].sort((a, b) => a - b);
  }

  /** Makes every upload session forget itself (as after a week). */
  expireSessions(): void {
    for (const session of this.sessions.values()) session.expired = true;
  }

  postsWithText(text: string): number {
    return [...this.videos.values()].filter((v) => !v.deleted && v.description === text).length;
  }

  addComment(videoId: string, text: string, author = 'Viewer', parentId?: string): StoredComment {
    this.clock += 1000;
    const id = `Ug${randomBytes(8).toString('hex')}`;
    const comment: StoredComment = {
      id: parentId ? `${parentId}.${randomBytes(6).toString('hex')}` : id,
      videoId,
      text,
      author,
      authorChannelId: `UC${randomBytes(11).toString('hex').slice(0, 22)}`,
      publishedAt: new Date(this.clock).toISOString(),
      ...(parentId ? { parentId } : {}),
      moderationStatus: 'published',
    };
    this.comments.push(comment);
    return comment;
  }

  private json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private error(res: http.ServerResponse, status: number, reason: string, message: string, domain = 'youtube.api'): void {
    const statusText = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND' }[status] ?? 'UNKNOWN';
    this.json(res, status, { error: { code: status, message, errors: [{ message, domain, reason }], status: statusText } });
  }

  /** Charges the quota; false (and a 403 quotaExceeded) when the bucket is spent. */
  private charge(res: http.ServerResponse, bucket: 'units' | 'uploads', cost: number): boolean {
    if (this.quotaUsed[bucket] + cost > this.quotaLimit[bucket]) {
      this.error(
        res,
        403,
        'quotaExceeded',
        'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
      );
      return false;
    }
    this.quotaUsed[bucket] += cost;
    return true;
  }

  private async body(req: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (path.startsWith('/__control/')) return this.control(req, res, path);
    if (path === GOOGLE_CONSENT_PATH && method === 'GET') return this.signIn.consent(url.searchParams, res);
    if (path === GOOGLE_TOKEN_PATH && method === 'POST') {
      const form = new URLSearchParams((await this.body(req)).toString());
      if (form.get('grant_type') === 'authorization_code') return this.signIn.exchange(form, res);
      if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === this.refreshToken)
        return this.json(res, 200, {
          access_token: this.token,
          expires_in: 3599,
          scope: 'https://www.googleapis.com/auth/youtube.upload',
          token_type: 'Bearer',
        });
      return this.json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    }
    // Upload session URIs carry their own authorization (the upload_id); everything else needs the bearer token.
    const session = url.searchParams.get('upload_id');
    if (!(path === `${UPLOAD}/videos` && method === 'PUT' && session)) {
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        req.resume();
        return this.error(
          res,
          401,
          'authError',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
          'global',
        );
      }
    }
    if (path === `${UPLOAD}/videos` && method === 'POST') return this.startSession(req, res, url);
    if (path === `${UPLOAD}/videos` && method === 'PUT' && session) return this.putChunk(req, res, session);
    if (path === `${UPLOAD}/thumbnails/set` && method === 'POST') {
      const bytes = await this.body(req);
      if (!this.charge(res, 'units', 50)) return;
      const video = this.videos.get(url.searchParams.get('videoId') ?? '');
      if (!video || video.deleted) return this.error(res, 404, 'videoNotFound', 'The video that you are trying to update cannot be found.');
      if (bytes.length > 2 * 1024 * 1024) return this.error(res, 400, 'mediaBodyRequired', 'The image is larger than 2 MB.');
      video.thumbnail = { mimeType: String(req.headers['content-type']), bytes: bytes.length };
      return this.json(res, 200, {
        kind: 'youtube#thumbnailSetResponse',
        items: [{ default: { url: `https://i.ytimg.com/vi/${video.id}/default.jpg` } }],
      });
    }
    if (path === `${API}/channels` && method === 'GET') {
      if (!this.charge(res, 'units', 1)) return;
      const mine = url.searchParams.get('mine') === 'true' || url.searchParams.get('id') === this.channelId;
      const items = mine
        ? [
            {
              kind: 'youtube#channel',
              id: this.channelId,
              snippet: {
                title: 'Plaza Test Channel',
                customUrl: '@plazatest',
                thumbnails: { default: { url: 'https://yt3.ggpht.com/a.jpg' } },
              },
              contentDetails: { relatedPlaylists: { uploads: this.uploadsPlaylistId, likes: '' } },
              statistics: { subscriberCount: '1234', hiddenSubscriberCount: false, videoCount: String(this.videos.size), viewCount: '99' },
            },
          ]
        : [];
      return this.json(res, 200, {
        kind: 'youtube#channelListResponse',
        pageInfo: { totalResults: items.length, resultsPerPage: 5 },
        items,
      });
    }
    if (path === `${API}/playlistItems` && method === 'GET') {
      if (!this.charge(res, 'units', 1)) return;
      if (url.searchParams.get('playlistId') !== this.uploadsPlaylistId)
        return this.error(
          res,
          404,
          'playlistNotFound',
          "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.",
        );
      const max = Math.min(50, Number(url.searchParams.get('maxResults') ?? 5));
      const start = Number(url.searchParams.get('pageToken') ?? 0);
      const live = [...this.videos.values()].filter((v) => !v.deleted).reverse();
      const page = live.slice(start, start + max);
      return this.json(res, 200, {
        kind: 'youtube#playlistItemListResponse',
        ...(start + max < live.length ? { nextPageToken: String(start + max) } : {}),
        pageInfo: { totalResults: live.length, resultsPerPage: max },
        items: page.map((v) => ({
          kind: 'youtube#playlistItem',
          id: `PI${v.id}`,
          snippet: {
            publishedAt: v.publishedAt,
            channelId: this.channelId,
            title: v.title,
            description: v.description,
            playlistId: this.uploadsPlaylistId,
            resourceId: { kind: 'youtube#video', videoId: v.id },
          },
          contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt },
        })),
      });
    }
    if (path === `${API}/videos` && method === 'GET') {
      if (!this.charge(res, 'units', 1)) return;
      const ids = (url.searchParams.get('id') ?? '').split(',');
      const items = ids
        .map((id) => this.videos.get(id))
        .filter((v): v is StoredVideo => !!v && !v.deleted)
        .map((v) => this.resource(v));
      return this.json(res, 200, {
        kind: 'youtube#videoListResponse',
        pageInfo: { totalResults: items.length, resultsPerPage: items.length },
        items,
      });
    }
    if (path === `${API}/videos` && method === 'PUT') {
      const body = JSON.parse((await this.body(req)).toString()) as {
        id?: string;
        status?: { privacyStatus?: string; selfDeclaredMadeForKids?: boolean };
      };
      if (!this.charge(res, 'units', 50)) return;
      if (url.searchParams.get('part') !== 'status') return this.error(res, 400, 'invalidPart', 'Only the status part is supported here.');
      const video = this.videos.get(body.id ?? '');
      if (!video || video.deleted) return this.error(res, 404, 'videoNotFound', 'The video that you are trying to update cannot be found.');
      if (!['public', 'unlisted', 'private'].includes(body.status?.privacyStatus ?? ''))
        return this.error(res, 400, 'invalidVideoMetadata', 'The request metadata is invalid.');
      if (video.privacyStatus === 'private' && body.status!.privacyStatus !== 'private') video.releasedAt ??= this.clock;
      video.privacyStatus = body.status!.privacyStatus!;
      video.madeForKids = body.status?.selfDeclaredMadeForKids === true;
      return this.json(res, 200, this.resource(video));
    }
    if (path === `${API}/videos` && method === 'DELETE') {
      if (!this.charge(res, 'units', 50)) return;
      const video = this.videos.get(url.searchParams.get('id') ?? '');
      if (!video || video.deleted) return this.error(res, 404, 'videoNotFound', 'The video that you are trying to delete cannot be found.');
      video.deleted = true;
      res.writeHead(204).end();
      return;
    }
    if (path === `${API}/commentThreads` && method === 'GET') {
      if (!this.charge(res, 'units', 1)) return;
      if (url.searchParams.get('allThreadsRelatedToChannelId') !== this.channelId)
        return this.error(res, 404, 'channelNotFound', 'Channel not found.');
      const wanted = url.searchParams.get('moderationStatus') ?? 'published';
      const tops = this.comments
        .filter((c) => !c.parentId && c.moderationStatus === wanted && this.videos.get(c.videoId) && !this.videos.get(c.videoId)!.deleted)
        .reverse();
      const max = Math.min(100, Number(url.searchParams.get('maxResults') ?? 20));
      const start = Number(url.searchParams.get('pageToken') ?? 0);
      return this.json(res, 200, {
        kind: 'youtube#commentThreadListResponse',
        ...(start + max < tops.length ? { nextPageToken: String(start + max) } : {}),
        pageInfo: { totalResults: tops.length, resultsPerPage: max },
        items: tops.slice(start, start + max).map((top) => ({
          kind: 'youtube#commentThread',
          id: top.id,
          snippet: {
            channelId: this.channelId,
            videoId: top.videoId,
            topLevelComment: this.comment(top),
            totalReplyCount: this.repliesOf(top.id).length,
            canReply: true,
            isPublic: true,
          },
          // As on YouTube, a thread carries at most five of its replies: comments.list (parentId) has them all.
          ...(this.repliesOf(top.id).length
            ? {
                replies: {
                  comments: this.repliesOf(top.id)
                    .slice(0, 5)
                    .map((c) => this.comment(c)),
                },
              }
            : {}),
        })),
      });
    }
    if (path === `${API}/comments` && method === 'GET') {
      if (!this.charge(res, 'units', 1)) return;
      const parentId = url.searchParams.get('parentId') ?? '';
      if (!this.comments.some((c) => c.id === parentId)) return this.error(res, 404, 'commentNotFound', 'The comment could not be found.');
      const replies = this.repliesOf(parentId);
      const max = Math.min(100, Number(url.searchParams.get('maxResults') ?? 20));
      const start = Number(url.searchParams.get('pageToken') ?? 0);
      return this.json(res, 200, {
        kind: 'youtube#commentListResponse',
        ...(start + max < replies.length ? { nextPageToken: String(start + max) } : {}),
        items: replies.slice(start, start + max).map((c) => this.comment(c)),
      });
    }
    if (path === `${API}/comments/setModerationStatus` && method === 'POST') {
      req.resume();
      if (!this.charge(res, 'units', 50)) return;
      const status = url.searchParams.get('moderationStatus');
      if (status !== 'published' && status !== 'heldForReview' && status !== 'rejected')
        return this.error(res, 400, 'invalidModerationStatus', 'The moderationStatus parameter is invalid.');
      const ban = url.searchParams.get('banAuthor') === 'true';
      if (ban && status !== 'rejected')
        return this.error(res, 400, 'banWithoutReject', 'banAuthor can only be used with moderationStatus rejected.');
      const ids = (url.searchParams.get('id') ?? '').split(',');
      const found = ids.map((id) => this.comments.find((c) => c.id === id));
      if (found.some((c) => !c)) return this.error(res, 404, 'commentNotFound', 'The comment could not be found.');
      for (const comment of found as StoredComment[]) {
        comment.moderationStatus = status;
        if (ban) this.bannedAuthors.add(comment.authorChannelId);
      }
      res.writeHead(204).end();
      return;
    }
    if (path === `${API}/comments` && method === 'DELETE') {
      if (!this.charge(res, 'units', 50)) return;
      const index = this.comments.findIndex((c) => c.id === url.searchParams.get('id'));
      if (index < 0) return this.error(res, 404, 'commentNotFound', 'The comment could not be found.');
      if (this.comments[index]!.authorChannelId !== this.channelId)
        return this.error(res, 403, 'forbidden', 'The comment could not be deleted: only its author can delete it.');
      this.comments.splice(index, 1);
      res.writeHead(204).end();
      return;
    }
    if (path === `${API}/comments` && method === 'POST') {
      const body = JSON.parse((await this.body(req)).toString()) as { snippet?: { parentId?: string; textOriginal?: string } };
      if (!this.charge(res, 'units', 50)) return;
      const parent = this.comments.find((c) => c.id === body.snippet?.parentId && !c.parentId);
      if (!parent) return this.error(res, 404, 'parentCommentNotFound', 'The parent comment could not be found.');
      const reply = this.addComment(parent.videoId, body.snippet?.textOriginal ?? '', 'Plaza Test Channel', parent.id);
      reply.authorChannelId = this.channelId;
      return this.json(res, 200, this.comment(reply));
    }
    req.resume();
    this.error(res, 404, 'notFound', `No route for ${method} ${path}`, 'global');
  }

  /** Test control over HTTP, for a server in another process (the benchmark): cuts, stats, videos. */
  private async control(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    const body = req.method === 'POST' ? (JSON.parse((await this.body(req)).toString() || '{}') as { fractions?: number[] }) : {};
    if (path === '/__control/cuts') this.cutUploadsAt(body.fractions ?? []);
    return this.json(res, 200, {
      token: this.token,
      channelId: this.channelId,
      uploadsPlaylistId: this.uploadsPlaylistId,
      uploadBytesReceived: this.uploadBytesReceived,
      uploadPuts: this.uploadPuts,
      statusQueries: this.statusQueries,
      videos: [...this.videos.values()].map(({ id, title, description, size, sha256, privacyStatus, deleted }) => ({
        id,
        title,
        description,
        size,
        sha256,
        privacyStatus,
        deleted,
      })),
    });
  }

  private repliesOf(parentId: string): StoredComment[] {
    return this.comments.filter((c) => c.parentId === parentId && c.moderationStatus === 'published');
  }

  private comment(c: StoredComment) {
    return {
      kind: 'youtube#comment',
      id: c.id,
      snippet: {
        channelId: this.channelId,
        videoId: c.videoId,
        textDisplay: c.text,
        textOriginal: c.text,
        authorDisplayName: c.author,
        authorChannelUrl: `http://www.youtube.com/@${c.author.replace(/\s+/g, '').toLowerCase()}`,
        authorChannelId: { value: c.authorChannelId },
        ...(c.parentId ? { parentId: c.parentId } : {}),
        publishedAt: c.publishedAt,
        updatedAt: c.publishedAt,
      },
    };
  }

  private resource(v: StoredVideo) {
    return {
      kind: 'youtube#video',
      id: v.id,
      snippet: {
        publishedAt: v.publishedAt,
        channelId: this.channelId,
        title: v.title,
        description: v.description,
        tags: v.tags,
        categoryId: v.categoryId,
      },
      status: {
        uploadStatus: 'uploaded',
        privacyStatus: v.privacyStatus,
        selfDeclaredMadeForKids: v.madeForKids,
        madeForKids: v.madeForKids,
      },
      statistics: {
        viewCount: String(v.stats.viewCount),
        likeCount: String(v.stats.likeCount),
        favoriteCount: '0',
        commentCount: String(v.stats.commentCount),
      },
    };
  }

  private async startSession(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const raw = (await this.body(req)).toString();
    if (url.searchParams.get('uploadType') !== 'resumable')
      return this.error(res, 400, 'invalidUploadType', 'Only resumable uploads here.');
    if (!this.charge(res, 'uploads', 1)) return;
    const total = Number(req.headers['x-upload-content-length']);
    if (!Number.isFinite(total) || total <= 0) return this.error(res, 400, 'invalidArgument', 'X-Upload-Content-Length is required.');
    let metadata: Session['metadata'];
    try {
      metadata = JSON.parse(raw) as Session['metadata'];
    } catch {
      return this.error(res, 400, 'parseError', 'Parse Error');
    }
    const title = metadata.snippet?.title;
    if (typeof title !== 'string' || title.trim() === '' || [...title].length > 100 || /[<>]/.test(title))
      return this.error(res, 400, 'invalidTitle', 'The request metadata specifies an invalid video title.');
    const description = metadata.snippet?.description;
    if (typeof description === 'string' && (Buffer.byteLength(description) > 5000 || /[<>]/.test(description)))
      return this.error(res, 400, 'invalidDescription', 'The request metadata specifies an invalid video description.');
    const id = randomBytes(16).toString('base64url');
    this.sessions.set(id, {
      id,
      total,
      mimeType: String(req.headers['x-upload-content-type'] ?? 'video/*'),
      metadata,
      received: 0,
      hash: createHash('sha256'),
      pending: [],
      pendingBytes: 0,
      expired: false,
    });
    const part = url.searchParams.get('part') ?? 'snippet,status';
    this.json(res, 200, undefined, {
      location: `https://www.googleapis.com/upload/youtube/v3/videos?uploadType=resumable&part=${encodeURIComponent(part)}&upload_id=${id}`,
      'x-guploader-uploadid': id,
    });
  }

  private flushBlocks(session: Session, final: boolean): void {
    while (session.pendingBytes >= UNIT || (final && session.pendingBytes > 0)) {
      const all = Buffer.concat(session.pending);
      const take = final ? all.length : UNIT;
      session.hash.update(all.subarray(0, take));
      session.received += take;
      const rest = all.subarray(take);
      session.pending = rest.length ? [Buffer.from(rest)] : [];
      session.pendingBytes = rest.length;
    }
  }

  private rangeHeader(session: Session): Record<string, string> {
    return session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {};
  }

  private async putChunk(req: http.IncomingMessage, res: http.ServerResponse, id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session || session.expired) {
      req.resume();
      return this.error(res, 404, 'notFound', 'The upload session was not found or has expired.', 'global');
    }
    const contentRange = String(req.headers['content-range'] ?? '');
    const query = /^bytes \*\/(\d+)$/.exec(contentRange);
    if (query) {
      req.resume();
      this.statusQueries += 1;
      if (session.videoId) return this.json(res, 200, this.resource(this.videos.get(session.videoId)!));
      res.writeHead(308, this.rangeHeader(session)).end();
      return;
    }
    const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange);
    if (!match || Number(match[3]) !== session.total) {
      req.resume();
      return this.error(res, 400, 'badContentRange', 'Content-Range is missing or does not match the session.', 'global');
    }
    const first = Number(match[1]);
    const last = Number(match[2]);
    if (first !== session.received) {
      // A chunk that does not start where the session stands: the client must ask first.
      req.resume();
      res.writeHead(308, this.rangeHeader(session)).end();
      return;
    }
    this.uploadPuts += 1;
    const cutAt = this.cuts.length ? Math.floor(this.cuts[0]! * session.total) : Number.POSITIVE_INFINITY;
    let position = first;
    let cut = false;
    await new Promise<void>((resolve) => {
      req.on('data', (chunk: Buffer) => {
        if (cut) return;
        this.uploadBytesReceived += chunk.length;
        let piece = chunk;
        if (position + piece.length >= cutAt && cutAt > position) {
          piece = piece.subarray(0, cutAt - position);
          cut = true;
        }
        session.pending.push(Buffer.from(piece));
        session.pendingBytes += piece.length;
        position += piece.length;
        this.flushBlocks(session, false);
        if (cut) {
          this.cuts.shift();
          // What arrived is kept in whole blocks; the rest of this chunk is lost with the connection.
          session.pending = [];
          session.pendingBytes = 0;
          req.socket.destroy();
          resolve();
        }
      });
      req.on('end', () => resolve());
      req.on('close', () => resolve());
    });
    if (cut) return;
    if (position !== last + 1) {
      session.pending = [];
      session.pendingBytes = 0;
      res.writeHead(308, this.rangeHeader(session)).end();
      return;
    }
    if (last + 1 < session.total) {
      res.writeHead(308, this.rangeHeader(session)).end();
      return;
    }
    this.flushBlocks(session, true);
    this.clock += 1000;
    const snippet = session.metadata.snippet ?? {};
    const status = session.metadata.status ?? {};
    const video: StoredVideo = {
      id: randomBytes(8).toString('base64url').slice(0, 11),
      title: String(snippet.title ?? ''),
      description: String(snippet.description ?? ''),
      tags: Array.isArray(snippet.tags) ? (snippet.tags as string[]) : [],
      categoryId: String(snippet.categoryId ?? '22'),
      privacyStatus: String(status.privacyStatus ?? 'public'),
      madeForKids: status.selfDeclaredMadeForKids === true,
      publishedAt: new Date(this.clock).toISOString(),
      size: session.total,
      sha256: session.hash.digest('hex'),
      stats: { viewCount: 42, likeCount: 7, commentCount: 0 },
      deleted: false,
    };
    this.videos.set(video.id, video);
    session.videoId = video.id;
    this.json(res, 200, this.resource(video));
  }
}
