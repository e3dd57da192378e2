/**
 * Test-only: a local Facebook Graph API server for Pages, built from Meta's documented requests
 * and answers (Pages API, Page Photos/Videos/Reels publishing, resumable upload, Page insights,
 * Facebook Login token exchange). It keeps every post it accepted (the duplicate oracle), refuses
 * a repeated status with code 506 as Facebook does, and, through GraphTestServer, injects an
 * expired token, throttling with `X-Business-Use-Case-Usage`, 5xx and lost answers.
 */
import { randomUUID } from 'node:crypto';
import {
  consentRedirect,
  type GraphAnswer,
  type GraphCall,
  GraphTestServer,
  graphErrorAnswer,
  takeConsentCode,
} from '../../meta-graph/testing/graph-server.ts';

export interface FakePost {
  id: string;
  pageId: string;
  message: string;
  link?: string;
  kind: 'status' | 'link' | 'photo' | 'album' | 'video' | 'reel';
  photoIds: string[];
  videoId?: string;
  createdAt: number;
  deleted: boolean;
  comments: Array<{ id: string; message: string }>;
  reactions: number;
  shares: number;
  views: number;
  viewers: number;
}

/** A comment on a Page post (the inbox): top-level, or a reply to one (Facebook nests one level). */
export interface FakeComment {
  id: string;
  postId: string;
  parentId?: string;
  message: string;
  fromId: string;
  fromName: string;
  createdAt: number;
  hidden: boolean;
  deleted: boolean;
  liked: boolean;
  privateReplyId?: string;
}

/** One person's Messenger conversation with the Page (keyed by their page-scoped id). */
export interface FakeConversation {
  id: string;
  psid: string;
  name: string;
  messages: Array<{ id: string; message: string; fromId: string; createdAt: number }>;
  /** The person's last message (the 24-hour window runs from it). */
  lastUserAt: number;
}

interface UploadSession {
  videoId: string;
  pageId: string;
  bytes: Uint8Array[];
  received: number;
  size: number;
  finished: boolean;
}

interface ReelUpload {
  videoId: string;
  pageId: string;
  received: number;
  size: number;
}

const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

/** A Graph server with one user who manages two Pages. */
export class FakeFacebookServer extends GraphTestServer {
  readonly appId = 'app-123';
  readonly appSecret = 'app-secret-456';
  readonly userId = '10001';
  readonly pageId = '20002';
  readonly otherPageId = '20003';
  /** Issued for the code exchange `authCode` (any redirect URL); the login dialog issues others. */
  readonly authCode = 'code-ok';
  /** Codes the login dialog issued, with the redirect URL each was issued for. */
  readonly consentCodes = new Map<string, string>();
  readonly shortUserToken = 'fb-short-user-token';
  longUserToken = 'fb-long-user-token-1';
  readonly pageTokens = new Map([
    ['page-token-20002', '20002'],
    ['page-token-20003', '20003'],
  ]);
  /** Tokens Facebook no longer honours (expired). */
  readonly expiredTokens = new Set<string>();
  readonly posts = new Map<string, FakePost>();
  readonly unpublishedPhotos = new Map<string, { pageId: string; bytes: number; alt?: string }>();
  readonly sessions = new Map<string, UploadSession>();
  readonly reels = new Map<string, ReelUpload>();
  readonly videoPosts = new Map<string, string>();
  /** Bytes per transfer chunk the server asks for. */
  chunkBytes = 1024;
  /** False: the Page is too small for insights (under 100 likes); insights answer an error. */
  insightsAvailable = true;
  followers = 1234;
  private sequence = 1000;
  readonly tagged: Array<{ id: string; message: string; created_time: string; from: { id: string; name: string } }> = [];
  readonly comments = new Map<string, FakeComment>();
  readonly conversations = new Map<string, FakeConversation>();
  /** False: the Page token lacks pages_messaging (conversations answer code 200). */
  messagingAllowed = true;

  /** Someone comments on a post (or answers a comment): the inbox reads it. */
  addComment(postId: string, input: { fromId: string; fromName: string; message: string; parentId?: string; at?: number }): FakeComment {
    const comment: FakeComment = {
      id: `${postId.split('_')[1] ?? postId}_${this.nextId()}`,
      postId,
      message: input.message,
      fromId: input.fromId,
      fromName: input.fromName,
      createdAt: input.at ?? this.clock,
      hidden: false,
      deleted: false,
      liked: false,
    };
    if (input.parentId) comment.parentId = this.comments.get(input.parentId)?.parentId ?? input.parentId;
    this.comments.set(comment.id, comment);
    return comment;
  }

  /** Someone writes to the Page in Messenger. */
  addMessage(psid: string, name: string, message: string, at = this.clock): string {
    const conversation = this.conversationWith(psid, name);
    const id = `m_${this.nextId()}`;
    conversation.messages.push({ id, message, fromId: psid, createdAt: at });
    conversation.lastUserAt = Math.max(conversation.lastUserAt, at);
    return id;
  }

  private conversationWith(psid: string, name: string): FakeConversation {
    let conversation = this.conversations.get(psid);
    if (!conversation) {
      conversation = { id: `t_${this.nextId()}`, psid, name, messages: [], lastUserAt: 0 };
      this.conversations.set(psid, conversation);
    }
    return conversation;
  }

  /** The Page's messages and comments with this text: the duplicate oracle of the inbox. */
  answersWithText(text: string): number {
    const comments = [...this.comments.values()].filter((c) => !c.deleted && c.fromId === this.pageId && c.message === text).length;
    const messages = [...this.conversations.values()]
      .flatMap((c) => c.messages)
      .filter((m) => m.fromId === this.pageId && m.message === text);
    return comments + messages.length;
  }

  get pageToken(): string {
    return 'page-token-20002';
  }

  /** Live posts whose message is exactly `text`: the duplicate oracle. */
  postsWithText(text: string): number {
    return [...this.posts.values()].filter((post) => !post.deleted && post.message === text).length;
  }

  private nextId(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  private addPost(pageId: string, fields: Partial<FakePost> & Pick<FakePost, 'kind' | 'message'>): FakePost {
    const id = `${pageId}_${this.nextId()}`;
    const post: FakePost = {
      id,
      pageId,
      photoIds: [],
      createdAt: this.clock,
      deleted: false,
      comments: [],
      reactions: 3,
      shares: 1,
      views: 40,
      viewers: 25,
      ...fields,
    };
    this.posts.set(id, post);
    return post;
  }

  private invalidToken(): GraphAnswer {
    return graphErrorAnswer(400, 190, 'Invalid OAuth access token - Cannot parse access token');
  }

  /** Who the token is: the user, a Page, or an error answer. */
  private whoIs(call: GraphCall): { user: true } | { pageId: string } | GraphAnswer {
    const token = call.token;
    if (!token) return graphErrorAnswer(400, 104, 'An access token is required to request this resource.');
    if (this.expiredTokens.has(token)) {
      return graphErrorAnswer(400, 190, 'Error validating access token: Session has expired on Thursday, 05-Mar-26 10:00:00 PST.', {
        error_subcode: 463,
      });
    }
    const pageId = this.pageTokens.get(token);
    if (pageId) return { pageId };
    if (token === this.longUserToken || token === this.shortUserToken) return { user: true };
    return this.invalidToken();
  }

  protected route(call: GraphCall): GraphAnswer {
    const { method, segments, params } = call;
    if (call.host === 'rupload.facebook.com') return this.rupload(call);
    const [first = '', second] = segments;
    if (call.host === 'www.facebook.com' && first === 'dialog' && second === 'oauth')
      return consentRedirect(call, this.appId, this.consentCodes, 'fb-code');
    if (first === 'oauth' && second === 'access_token') return this.token(call);

    const who = this.whoIs(call);
    if ('body' in who) return who;

    if (first === 'me') {
      if (!('user' in who)) return graphErrorAnswer(400, 100, 'Unsupported request for a Page token');
      if (second === 'accounts') {
        return {
          body: {
            data: [
              {
                id: this.pageId,
                name: 'Café Plaza',
                username: 'cafeplaza',
                access_token: 'page-token-20002',
                tasks: ['CREATE_CONTENT'],
                picture: { data: { url: 'https://example.test/p.png' } },
              },
              { id: this.otherPageId, name: 'Café Plaza Madrid', access_token: 'page-token-20003', tasks: ['CREATE_CONTENT'] },
            ],
            paging: { cursors: { before: 'a', after: 'b' } },
          },
        };
      }
      if (second === 'permissions' && method === 'DELETE') return { body: { success: true } };
      return { body: { id: this.userId, name: 'Ana Community' } };
    }
    if (!('pageId' in who)) return graphErrorAnswer(400, 210, 'A Page access token is required to request this resource.');

    // /{page}/...
    if (first === who.pageId) return this.pageEdge(call, who.pageId, second);
    if (first === this.otherPageId || first === this.pageId)
      return graphErrorAnswer(403, 200, 'Permissions error: the token is not this Page’s');

    // /{object}/...
    const comment = this.comments.get(first);
    if (comment) return this.commentEdge(call, comment, who.pageId, second);
    const post = this.posts.get(first);
    const videoPostId = this.videoPosts.get(first);
    if (!second && method === 'GET' && (this.sessions.has(first) || this.reels.has(first))) {
      const reel = this.reels.get(first);
      const complete = reel ? reel.size > 0 && reel.received >= reel.size : true;
      return {
        body: {
          id: first,
          post_id: videoPostId,
          permalink_url: videoPostId ? `/${videoPostId}` : undefined,
          status: {
            video_status: videoPostId ? 'ready' : 'upload',
            uploading_phase: { status: complete ? 'complete' : 'in_progress', bytes_transferred: reel?.received ?? 0 },
          },
        },
      };
    }
    if (!post || post.deleted || post.pageId !== who.pageId)
      return graphErrorAnswer(400, 100, `Unsupported get request. Object with ID '${first}' does not exist`, { error_subcode: 33 });
    if (!second && method === 'DELETE') {
      post.deleted = true;
      return { body: { success: true } };
    }
    if (!second && method === 'GET') {
      return {
        body: {
          id: post.id,
          reactions: { data: [], summary: { total_count: post.reactions } },
          comments: { data: [], summary: { total_count: post.comments.length } },
          ...(post.shares ? { shares: { count: post.shares } } : {}),
        },
      };
    }
    if (second === 'comments' && method === 'POST') {
      const comment = { id: `${post.id.split('_')[1]}_${this.nextId()}`, message: params.message ?? '' };
      post.comments.push(comment);
      // The Page's own comment (a first comment) is read back by GET /{post-id}/comments like anyone's.
      this.comments.set(comment.id, {
        id: comment.id,
        postId: post.id,
        message: comment.message,
        fromId: post.pageId,
        fromName: 'Page',
        createdAt: this.clock,
        hidden: false,
        deleted: false,
        liked: false,
      });
      return { body: { id: comment.id } };
    }
    if (second === 'comments' && method === 'GET') {
      const all = [...this.comments.values()].filter(
        (c) => c.postId === post.id && !c.deleted && (params.filter === 'stream' || !c.parentId),
      );
      return this.commentPage(all, params);
    }
    if (second === 'insights' && method === 'GET') {
      if (!this.insightsAvailable) return graphErrorAnswer(400, 100, '(#100) The insights for this object are not available');
      const metrics = (params.metric ?? '').split(',');
      const known: Record<string, number> = { post_media_view: post.views, post_total_media_view_unique: post.viewers };
      const unknown = metrics.find((name) => !(name in known));
      if (unknown) return graphErrorAnswer(400, 100, `(#100) The value must be a valid insights metric: ${unknown}`);
      return {
        body: {
          data: metrics.map((name) => ({
            name,
            period: 'lifetime',
            values: [{ value: known[name] }],
            id: `${post.id}/insights/${name}/lifetime`,
          })),
        },
      };
    }
    return graphErrorAnswer(400, 100, 'Unsupported request');
  }

  private pageEdge(call: GraphCall, pageId: string, edge: string | undefined): GraphAnswer {
    const { method, params } = call;
    if (!edge && method === 'GET')
      return { body: { id: pageId, name: 'Café Plaza', username: 'cafeplaza', followers_count: this.followers } };
    if (edge === 'feed' && method === 'POST') {
      const message = params.message ?? '';
      const attached = Object.keys(params)
        .filter((key) => key.startsWith('attached_media['))
        .map((key) => (JSON.parse(params[key]!) as { media_fbid: string }).media_fbid);
      for (const id of attached) if (!this.unpublishedPhotos.has(id)) return graphErrorAnswer(400, 100, `Invalid media_fbid ${id}`);
      if (!message && !params.link && attached.length === 0) return graphErrorAnswer(400, 100, '(#100) Missing message or attachment');
      // Facebook refuses the same status twice in a row on a Page (code 506).
      const latest = [...this.posts.values()].filter((p) => p.pageId === pageId && !p.deleted && p.kind === 'status').at(-1);
      if (attached.length === 0 && !params.link && latest && latest.message === message) {
        return graphErrorAnswer(400, 506, 'Duplicate status message', {
          error_subcode: 1455006,
          error_user_msg: 'This status update is identical to the last one you posted.',
        });
      }
      const kind = attached.length ? 'album' : params.link ? 'link' : 'status';
      const post = this.addPost(pageId, { kind, message, link: params.link, photoIds: attached });
      for (const id of attached) this.unpublishedPhotos.delete(id);
      return { body: { id: post.id } };
    }
    if (edge === 'photos' && method === 'POST') {
      const source = call.files.source;
      if (!source && !params.url) return graphErrorAnswer(400, 324, '(#324) Requires upload file');
      const photoId = this.nextId();
      if (params.published === 'false') {
        this.unpublishedPhotos.set(photoId, { pageId, bytes: source?.byteLength ?? 0, alt: params.alt_text_custom });
        return { body: { id: photoId } };
      }
      const post = this.addPost(pageId, { kind: 'photo', message: params.message ?? params.caption ?? '', photoIds: [photoId] });
      return { body: { id: photoId, post_id: post.id } };
    }
    if (edge === 'videos' && method === 'POST') return this.resumable(call, pageId);
    if (edge === 'video_reels' && method === 'POST') return this.reelPhase(call, pageId);
    if (edge === 'posts' && method === 'GET') {
      const since = params.since ? Number(params.since) * 1000 : 0;
      const data = [...this.posts.values()]
        .filter((p) => p.pageId === pageId && !p.deleted && p.createdAt >= since)
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, Number(params.limit ?? 25))
        .map((p) => ({
          id: p.id,
          ...(p.message ? { message: p.message } : {}),
          created_time: new Date(p.createdAt).toISOString().replace('.000Z', '+0000'),
          updated_time: graphTime(
            Math.max(p.createdAt, ...[...this.comments.values()].filter((c) => c.postId === p.id).map((c) => c.createdAt)),
          ),
          permalink_url: `https://www.facebook.com/${p.id}`,
        }));
      return { body: { data, paging: { cursors: { before: 'x', after: 'y' } } } };
    }
    if (edge === 'conversations' && method === 'GET') {
      if (!this.messagingAllowed) return graphErrorAnswer(403, 200, '(#200) Requires pages_messaging permission to manage the object');
      if (params.platform !== 'messenger') return graphErrorAnswer(400, 100, 'platform must be messenger or instagram');
      const limit = Number(params.limit ?? 25);
      const list = [...this.conversations.values()]
        .filter((c) => !params.user_id || c.psid === params.user_id)
        .map((c) => ({ c, updated: Math.max(0, ...c.messages.map((m) => m.createdAt)) }))
        .sort((a, b) => b.updated - a.updated)
        .slice(0, limit);
      return {
        body: {
          data: list.map(({ c, updated }) => ({
            id: c.id,
            updated_time: graphTime(updated),
            participants: {
              data: [
                { id: c.psid, name: c.name },
                { id: pageId, name: 'Café Plaza' },
              ],
            },
            messages: {
              data: [...c.messages]
                .sort((a, b) => b.createdAt - a.createdAt)
                .slice(0, 25)
                .map((m) => ({
                  id: m.id,
                  message: m.message,
                  created_time: graphTime(m.createdAt),
                  from: m.fromId === pageId ? { id: pageId, name: 'Café Plaza' } : { id: c.psid, name: c.name },
                })),
            },
          })),
        },
      };
    }
    if (edge === 'messages' && method === 'POST') return this.sendMessage(params, pageId);
    if (edge === 'tagged' && method === 'GET') {
      const since = params.since ? Number(params.since) * 1000 : 0;
      return { body: { data: this.tagged.filter((t) => Date.parse(t.created_time) >= since) } };
    }
    return graphErrorAnswer(400, 100, `Unsupported edge ${edge}`);
  }

  /** GET /{post}/comments, /{comment}/comments: newest first or oldest first, `after` is an offset. */
  private commentPage(list: FakeComment[], params: Record<string, string>): GraphAnswer {
    const sorted = [...list].sort((a, b) =>
      params.order === 'reverse_chronological' ? b.createdAt - a.createdAt : a.createdAt - b.createdAt,
    );
    const offset = Number(params.after ?? 0) || 0;
    const limit = Number(params.limit ?? 25);
    const slice = sorted.slice(offset, offset + limit);
    const more = offset + limit < sorted.length;
    return {
      body: {
        data: slice.map((c) => ({
          id: c.id,
          message: c.message,
          created_time: graphTime(c.createdAt),
          from: { id: c.fromId, name: c.fromName },
          ...(c.parentId ? { parent: { id: c.parentId } } : {}),
          permalink_url: `https://www.facebook.com/${c.postId}?comment_id=${c.id}`,
          is_hidden: c.hidden,
        })),
        paging: {
          cursors: { before: String(offset), after: String(offset + limit) },
          ...(more ? { next: 'https://graph.facebook.com/next' } : {}),
        },
      },
    };
  }

  /** /{comment}: read, hide, delete, answer, like. */
  private commentEdge(call: GraphCall, comment: FakeComment, pageId: string, edge: string | undefined): GraphAnswer {
    const { method, params } = call;
    const post = this.posts.get(comment.postId);
    if (comment.deleted || !post || post.pageId !== pageId)
      return graphErrorAnswer(400, 100, `Unsupported get request. Object with ID '${comment.id}' does not exist`, { error_subcode: 33 });
    if (!edge && method === 'DELETE') {
      comment.deleted = true;
      return { body: { success: true } };
    }
    if (!edge && method === 'POST') {
      if (params.is_hidden === undefined) return graphErrorAnswer(400, 100, 'Nothing to update');
      if (comment.fromId === pageId) return graphErrorAnswer(400, 100, '(#100) A Page cannot hide its own comments');
      comment.hidden = params.is_hidden === 'true';
      return { body: { success: true } };
    }
    if (!edge && method === 'GET') return { body: { id: comment.id, message: comment.message, is_hidden: comment.hidden } };
    if (edge === 'likes') {
      if (method === 'POST') comment.liked = true;
      else if (method === 'DELETE') comment.liked = false;
      return { body: { success: true } };
    }
    if (edge === 'comments' && method === 'GET')
      return this.commentPage(
        [...this.comments.values()].filter((c) => !c.deleted && c.parentId === (comment.parentId ?? comment.id)),
        params,
      );
    if (edge === 'comments' && method === 'POST') {
      if (!params.message) return graphErrorAnswer(400, 100, '(#100) Missing message');
      const reply = this.addComment(comment.postId, {
        fromId: pageId,
        fromName: 'Café Plaza',
        message: params.message,
        parentId: comment.id,
      });
      return { body: { id: reply.id } };
    }
    return graphErrorAnswer(400, 100, 'Unsupported request');
  }

  /** POST /{page}/messages: a Messenger reply (24-hour window) or a private reply to a comment (once, 7 days). */
  private sendMessage(params: Record<string, string>, pageId: string): GraphAnswer {
    if (!this.messagingAllowed) return graphErrorAnswer(403, 200, '(#200) Requires pages_messaging permission to manage the object');
    let recipient: { id?: string; comment_id?: string };
    let message: { text?: string };
    try {
      recipient = JSON.parse(params.recipient ?? '{}') as typeof recipient;
      message = JSON.parse(params.message ?? '{}') as typeof message;
    } catch {
      return graphErrorAnswer(400, 100, '(#100) param recipient must be a JSON object');
    }
    if (!message.text) return graphErrorAnswer(400, 100, '(#100) The parameter message is required');
    const outside = () => graphErrorAnswer(400, 10, '(#10) This message is sent outside of allowed window.', { error_subcode: 2018278 });
    if (recipient.comment_id) {
      const comment = this.comments.get(recipient.comment_id);
      if (!comment || comment.deleted) return graphErrorAnswer(400, 100, '(#100) No matching comment', { error_subcode: 33 });
      if (comment.privateReplyId) return graphErrorAnswer(400, 10900, '(#10900) Activity already replied to');
      if (this.clock - comment.createdAt > 7 * 24 * 3_600_000) return outside();
      const conversation = this.conversationWith(comment.fromId, comment.fromName);
      const id = `m_${this.nextId()}`;
      conversation.messages.push({ id, message: message.text, fromId: pageId, createdAt: this.clock });
      comment.privateReplyId = id;
      return { body: { recipient_id: comment.fromId, message_id: id } };
    }
    const conversation = recipient.id ? this.conversations.get(recipient.id) : undefined;
    if (!conversation) return graphErrorAnswer(400, 100, '(#100) No matching user found', { error_subcode: 2018001 });
    if (params.messaging_type === 'RESPONSE' && this.clock - conversation.lastUserAt > 24 * 3_600_000) return outside();
    const id = `m_${this.nextId()}`;
    conversation.messages.push({ id, message: message.text, fromId: pageId, createdAt: this.clock });
    return { body: { recipient_id: conversation.psid, message_id: id } };
  }

  /** POST /{page}/videos on graph-video.facebook.com: upload_phase start, transfer, finish. */
  private resumable(call: GraphCall, pageId: string): GraphAnswer {
    const { params } = call;
    if (params.upload_phase === 'start') {
      const size = Number(params.file_size);
      if (!Number.isFinite(size) || size <= 0) return graphErrorAnswer(400, 100, 'file_size is required');
      const videoId = this.nextId();
      const sessionId = `session-${randomUUID()}`;
      this.sessions.set(sessionId, { videoId, pageId, bytes: [], received: 0, size, finished: false });
      this.sessions.set(videoId, this.sessions.get(sessionId)!);
      return {
        body: { video_id: videoId, upload_session_id: sessionId, start_offset: '0', end_offset: String(Math.min(size, this.chunkBytes)) },
      };
    }
    const session = this.sessions.get(params.upload_session_id ?? '');
    if (!session || session.pageId !== pageId)
      return graphErrorAnswer(400, 6000, 'There was a problem uploading your video file', { error_subcode: 1363020 });
    const offsets = () => ({
      start_offset: String(session.received),
      end_offset: String(Math.min(session.size, session.received + this.chunkBytes)),
    });
    if (params.upload_phase === 'transfer') {
      const chunk = call.files.video_file_chunk;
      const start = Number(params.start_offset);
      if (!chunk) return graphErrorAnswer(400, 100, 'video_file_chunk is required');
      if (start !== session.received) {
        // The documented answer to a chunk at the wrong offset: where the upload really stands.
        return graphErrorAnswer(400, 6001, 'Invalid start offset', { error_subcode: 1363037, error_data: offsets() });
      }
      session.bytes.push(chunk);
      session.received += chunk.byteLength;
      return { body: offsets() };
    }
    if (params.upload_phase === 'finish') {
      if (session.received !== session.size)
        return graphErrorAnswer(400, 6001, 'The video upload is incomplete', { error_subcode: 1363019 });
      if (!session.finished) {
        session.finished = true;
        const post = this.addPost(pageId, { kind: 'video', message: params.description ?? '', videoId: session.videoId });
        this.videoPosts.set(session.videoId, post.id);
      }
      return { body: { success: true } };
    }
    return graphErrorAnswer(400, 100, 'upload_phase must be start, transfer or finish');
  }

  /** The whole video a session received (to check a resumed upload byte for byte). */
  uploadedVideo(videoId: string): Uint8Array | undefined {
    const session = this.sessions.get(videoId);
    if (!session) return undefined;
    return new Uint8Array(Buffer.concat(session.bytes.map((b) => Buffer.from(b))));
  }

  /** POST /{page}/video_reels: upload_phase start, finish. */
  private reelPhase(call: GraphCall, pageId: string): GraphAnswer {
    const { params } = call;
    if (params.upload_phase === 'start') {
      const videoId = this.nextId();
      this.reels.set(videoId, { videoId, pageId, received: 0, size: 0 });
      return { body: { video_id: videoId, upload_url: `https://rupload.facebook.com/video-upload/v25.0/${videoId}` } };
    }
    if (params.upload_phase === 'finish') {
      const reel = this.reels.get(params.video_id ?? '');
      if (!reel || reel.pageId !== pageId) return graphErrorAnswer(400, 100, 'Unknown video_id');
      if (reel.size === 0 || reel.received < reel.size) return graphErrorAnswer(400, 6001, 'The video upload is incomplete');
      let postId = this.videoPosts.get(reel.videoId);
      if (!postId && params.video_state === 'PUBLISHED') {
        postId = this.addPost(pageId, { kind: 'reel', message: params.description ?? '', videoId: reel.videoId }).id;
        this.videoPosts.set(reel.videoId, postId);
      }
      return { body: { success: true } };
    }
    return graphErrorAnswer(400, 100, 'upload_phase must be start or finish');
  }

  /** POST rupload.facebook.com/video-upload/{version}/{video_id} with `offset` and `file_size` headers. */
  private rupload(call: GraphCall): GraphAnswer {
    const videoId = call.segments.at(-1) ?? '';
    const reel = this.reels.get(videoId);
    if (!call.token || !this.pageTokens.has(call.token))
      return { status: 401, body: { debug_info: { type: 'AuthError', message: 'Invalid OAuth access token' } } };
    if (!reel) return { status: 400, body: { debug_info: { type: 'NotFoundError', message: 'Unknown video' } } };
    const offset = Number(call.headers.offset ?? 0);
    const size = Number(call.headers.file_size ?? 0);
    if (offset !== reel.received)
      return { status: 400, body: { debug_info: { type: 'OffsetMismatch', message: `Expected offset ${reel.received}` } } };
    reel.size = size;
    reel.received += call.raw.byteLength;
    return { body: { success: true } };
  }

  /** GET|POST /oauth/access_token: code exchange and fb_exchange_token. */
  private token(call: GraphCall): GraphAnswer {
    const { params } = call;
    if (params.client_id !== this.appId || params.client_secret !== this.appSecret) {
      return graphErrorAnswer(400, 1, 'Error validating client secret.', { type: 'OAuthException' });
    }
    if (params.grant_type === 'fb_exchange_token') {
      const token = params.fb_exchange_token ?? '';
      if (this.expiredTokens.has(token))
        return graphErrorAnswer(400, 190, 'Error validating access token: Session has expired on Thursday, 05-Mar-26 10:00:00 PST.', {
          error_subcode: 463,
        });
      if (token !== this.shortUserToken && token !== this.longUserToken) return this.invalidToken();
      // Each exchange hands out a fresh long-lived token (the old one keeps working until it expires).
      this.longUserToken = `fb-long-user-token-${this.nextId()}`;
      this.expiredTokens.delete(this.longUserToken);
      return { body: { access_token: this.longUserToken, token_type: 'bearer', expires_in: 5_184_000 } };
    }
    if (params.code !== undefined) {
      if (params.code !== this.authCode && !takeConsentCode(this.consentCodes, params.code, params.redirect_uri))
        return graphErrorAnswer(400, 100, 'This authorization code has been used.', { error_subcode: 36009 });
      return { body: { access_token: this.shortUserToken, token_type: 'bearer', expires_in: 3600 } };
    }
    return graphErrorAnswer(400, 100, 'Missing grant');
  }
}
