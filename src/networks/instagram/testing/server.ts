/**
 * Test-only: a local Instagram Graph API server built from Meta's documented content publishing
 * requests and answers, on both hosts (graph.instagram.com for Instagram Login tokens,
 * graph.facebook.com for Page tokens): media containers with `status_code` going IN_PROGRESS →
 * FINISHED (or ERROR / EXPIRED on demand), `media_publish`, `content_publishing_limit`, carousels
 * of child containers, stories, reels, comments, insights, tags, the token endpoints
 * (code exchange, ig_exchange_token, ig_refresh_token) and the Page listing for Facebook Login.
 * It keeps every published media (the duplicate oracle); GraphTestServer injects the rest.
 */
import {
  consentRedirect,
  type GraphAnswer,
  type GraphCall,
  GraphTestServer,
  graphErrorAnswer,
  takeConsentCode,
} from '../../meta-graph/testing/graph-server.ts';

type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface FakeContainer {
  id: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL' | 'REELS' | 'STORIES';
  caption: string;
  url?: string;
  children: string[];
  carouselItem: boolean;
  shareToFeed?: string;
  status: ContainerStatus;
  pollsLeft: number;
  fate?: 'ERROR' | 'EXPIRED';
  mediaId?: string;
}

export interface FakeMedia {
  id: string;
  caption: string;
  mediaType: string;
  productType: 'FEED' | 'REELS' | 'STORY';
  timestamp: number;
  containerId: string;
  deleted: boolean;
  comments: Array<{ id: string; text: string; username: string; timestamp: number }>;
}

/** A comment on the account's media (the inbox): top-level, or a reply to one (one level). */
export interface FakeIgComment {
  id: string;
  mediaId: string;
  parentId?: string;
  text: string;
  fromId: string;
  username: string;
  timestamp: number;
  hidden: boolean;
  deleted: boolean;
  privateReplied: boolean;
}

/** One person's direct conversation with the account (keyed by their Instagram-scoped id). */
export interface FakeIgConversation {
  id: string;
  igsid: string;
  username: string;
  messages: Array<{ id: string; message: string; fromId: string; at: number }>;
  lastUserAt: number;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+0000');

/** One professional account, reachable with an Instagram Login token or a linked Page's token. */
export class FakeInstagramServer extends GraphTestServer {
  readonly appId = 'ig-app-1';
  readonly appSecret = 'ig-app-secret';
  readonly igUserId = '17841400000000001';
  readonly pageId = '30003';
  readonly authCode = 'ig-code-ok';
  /** The professional account's name. */
  accountName = 'Café Plaza';
  /**
   * The Meta app of the Facebook Login way in (the same app as the Facebook Pages network, so its
   * own id and secret); by default the Instagram app's.
   */
  facebookApp = { id: this.appId, secret: this.appSecret };
  /** Codes the sign-in pages issued, with the redirect URL each was issued for. */
  readonly consentCodes = new Map<string, string>();
  readonly shortToken = 'ig-short-token';
  longToken = 'ig-long-token-1';
  readonly fbUserToken = 'fb-user-for-ig';
  readonly pageToken = 'page-token-30003';
  readonly expiredTokens = new Set<string>();
  readonly containers = new Map<string, FakeContainer>();
  readonly media = new Map<string, FakeMedia>();
  /** Status polls a new container answers IN_PROGRESS before FINISHED. */
  pollsUntilFinished = 1;
  /** The next container ends in this state instead of FINISHED. */
  nextContainerFate?: 'ERROR' | 'EXPIRED';
  quotaTotal = 100;
  /** Posts published through the API in the last 24 hours, counted from `media` unless set. */
  quotaUsageOverride?: number;
  followers = 5120;
  readonly tagged: Array<{ id: string; caption: string; username: string; timestamp: number }> = [];
  private sequence = 5000;
  readonly comments = new Map<string, FakeIgComment>();
  readonly conversations = new Map<string, FakeIgConversation>();
  /** False: the token lacks the messages permission (conversations answer code 230). */
  messagingAllowed = true;

  /** Someone comments on a media (or answers a comment). */
  addComment(mediaId: string, input: { fromId: string; username: string; text: string; parentId?: string; at?: number }): FakeIgComment {
    const comment: FakeIgComment = {
      id: this.nextId(),
      mediaId,
      text: input.text,
      fromId: input.fromId,
      username: input.username,
      timestamp: input.at ?? this.clock,
      hidden: false,
      deleted: false,
      privateReplied: false,
    };
    if (input.parentId) comment.parentId = this.comments.get(input.parentId)?.parentId ?? input.parentId;
    this.comments.set(comment.id, comment);
    return comment;
  }

  /** Someone writes to the account. */
  addMessage(igsid: string, username: string, message: string, at = this.clock): string {
    const conversation = this.conversationWith(igsid, username);
    const id = `aWdf${this.nextId()}`;
    conversation.messages.push({ id, message, fromId: igsid, at });
    conversation.lastUserAt = Math.max(conversation.lastUserAt, at);
    return id;
  }

  private conversationWith(igsid: string, username: string): FakeIgConversation {
    let conversation = this.conversations.get(igsid);
    if (!conversation) {
      conversation = { id: `ig-conv-${this.nextId()}`, igsid, username, messages: [], lastUserAt: 0 };
      this.conversations.set(igsid, conversation);
    }
    return conversation;
  }

  /** The account's replies and messages with this text: the inbox's duplicate oracle. */
  answersWithText(text: string): number {
    const comments = [...this.comments.values()].filter((c) => !c.deleted && c.fromId === this.igUserId && c.text === text).length;
    const messages = [...this.conversations.values()]
      .flatMap((c) => c.messages)
      .filter((m) => m.fromId === this.igUserId && m.message === text);
    return comments + messages.length;
  }

  private igComment(c: FakeIgComment) {
    return {
      id: c.id,
      text: c.text,
      timestamp: iso(c.timestamp),
      username: c.username,
      from: { id: c.fromId, username: c.username },
      ...(c.parentId ? { parent_id: c.parentId } : {}),
      hidden: c.hidden,
    };
  }

  private inboxRoute(call: GraphCall, first: string, second: string | undefined): GraphAnswer | undefined {
    const { method, params } = call;
    if (first === 'me' && second === 'conversations' && method === 'GET') {
      if (!this.messagingAllowed) return graphErrorAnswer(403, 230, '(#230) Requires instagram_business_manage_messages permission');
      if (params.platform !== 'instagram') return graphErrorAnswer(400, 100, 'platform must be instagram');
      const list = [...this.conversations.values()]
        .filter((c) => !params.user_id || c.igsid === params.user_id)
        .map((c) => ({ c, updated: Math.max(0, ...c.messages.map((m) => m.at)) }))
        .sort((a, b) => b.updated - a.updated)
        .slice(0, Number(params.limit ?? 25));
      return {
        body: {
          data: list.map(({ c, updated }) => ({
            id: c.id,
            updated_time: iso(updated),
            participants: {
              data: [
                { id: c.igsid, username: c.username },
                { id: this.igUserId, username: 'cafeplaza' },
              ],
            },
            messages: {
              data: [...c.messages]
                .sort((a, b) => b.at - a.at)
                .slice(0, 25)
                .map((m) => ({
                  id: m.id,
                  message: m.message,
                  created_time: iso(m.at),
                  from: m.fromId === this.igUserId ? { id: this.igUserId, username: 'cafeplaza' } : { id: c.igsid, username: c.username },
                })),
            },
          })),
        },
      };
    }
    if (first === 'me' && second === 'messages' && method === 'POST') {
      if (!this.messagingAllowed) return graphErrorAnswer(403, 230, '(#230) Requires instagram_business_manage_messages permission');
      const recipient = JSON.parse(params.recipient ?? '{}') as { id?: string; comment_id?: string };
      const message = JSON.parse(params.message ?? '{}') as { text?: string };
      if (!message.text) return graphErrorAnswer(400, 100, '(#100) The parameter message is required');
      const outside = () => graphErrorAnswer(400, 10, '(#10) This message is sent outside of allowed window.', { error_subcode: 2534022 });
      let conversation: FakeIgConversation | undefined;
      if (recipient.comment_id) {
        const comment = this.comments.get(recipient.comment_id);
        if (!comment || comment.deleted) return graphErrorAnswer(400, 100, '(#100) No matching comment', { error_subcode: 33 });
        if (comment.privateReplied) return graphErrorAnswer(400, 10900, '(#10900) Activity already replied to');
        if (this.clock - comment.timestamp > 7 * 24 * 3_600_000) return outside();
        comment.privateReplied = true;
        conversation = this.conversationWith(comment.fromId, comment.username);
      } else {
        conversation = recipient.id ? this.conversations.get(recipient.id) : undefined;
        if (!conversation) return graphErrorAnswer(400, 100, '(#100) No matching user found', { error_subcode: 2534014 });
        if (this.clock - conversation.lastUserAt > 24 * 3_600_000) return outside();
      }
      const id = `aWdf${this.nextId()}`;
      conversation.messages.push({ id, message: message.text, fromId: this.igUserId, at: this.clock });
      return { body: { recipient_id: conversation.igsid, message_id: id } };
    }
    const comment = this.comments.get(first);
    if (!comment) return undefined;
    if (comment.deleted || this.media.get(comment.mediaId)?.deleted !== false)
      return graphErrorAnswer(400, 100, `Unsupported get request. Object with ID '${first}' does not exist`, { error_subcode: 33 });
    if (!second && method === 'GET') return { body: this.igComment(comment) };
    if (!second && method === 'DELETE') {
      comment.deleted = true;
      return { body: { success: true } };
    }
    if (!second && method === 'POST') {
      if (params.hide === undefined) return graphErrorAnswer(400, 100, 'Nothing to update');
      comment.hidden = params.hide === 'true';
      return { body: { success: true } };
    }
    if (second === 'replies' && method === 'GET') {
      const replies = [...this.comments.values()].filter((c) => !c.deleted && c.parentId === (comment.parentId ?? comment.id));
      return { body: { data: replies.map((c) => this.igComment(c)) } };
    }
    if (second === 'replies' && method === 'POST') {
      if (!params.message) return graphErrorAnswer(400, 100, '(#100) Missing message');
      const reply = this.addComment(comment.mediaId, {
        fromId: this.igUserId,
        username: 'cafeplaza',
        text: params.message,
        parentId: comment.id,
      });
      return { body: { id: reply.id } };
    }
    return graphErrorAnswer(400, 100, 'Unsupported request');
  }

  /** Live media whose caption is exactly `text`: the duplicate oracle. */
  postsWithText(text: string): number {
    return [...this.media.values()].filter((m) => !m.deleted && m.caption === text).length;
  }

  private nextId(): string {
    this.sequence += 1;
    return `1790000000${this.sequence}`;
  }

  private tokenAnswer(call: GraphCall): GraphAnswer | undefined {
    const token = call.token;
    if (!token) return graphErrorAnswer(400, 190, 'An active access token must be used to query information about the current user.');
    if (this.expiredTokens.has(token))
      return graphErrorAnswer(400, 190, 'Error validating access token: Session has expired on Monday, 02-Mar-26 09:00:00 PST.', {
        error_subcode: 463,
      });
    const valid =
      call.host === 'graph.instagram.com'
        ? token === this.longToken || token === this.shortToken
        : token === this.pageToken || token === this.fbUserToken;
    return valid ? undefined : graphErrorAnswer(400, 190, 'Invalid OAuth access token - Cannot parse access token');
  }

  protected route(call: GraphCall): GraphAnswer {
    const { method, segments, params } = call;
    // The sign-in pages: Instagram Login on www.instagram.com, Facebook Login on www.facebook.com.
    if (call.host === 'www.instagram.com' && segments.join('/') === 'oauth/authorize')
      return consentRedirect(call, this.appId, this.consentCodes, 'ig-code');
    if (call.host === 'www.facebook.com' && segments.join('/') === 'dialog/oauth')
      return consentRedirect(call, this.facebookApp.id, this.consentCodes, 'fb-code');
    if (call.host === 'api.instagram.com' && segments.join('/') === 'oauth/access_token') return this.codeExchange(call);
    if (call.host === 'graph.instagram.com' && !call.version && (segments[0] === 'access_token' || segments[0] === 'refresh_access_token'))
      return this.longLived(call);
    if (call.host === 'graph.facebook.com' && segments.join('/') === 'oauth/access_token') {
      // Facebook Login for the Page-linked way in: the code exchange, then fb_exchange_token.
      if (params.client_id !== this.facebookApp.id || params.client_secret !== this.facebookApp.secret)
        return graphErrorAnswer(400, 1, 'Error validating client secret.', { type: 'OAuthException' });
      if (params.code !== undefined) {
        if (!takeConsentCode(this.consentCodes, params.code, params.redirect_uri))
          return graphErrorAnswer(400, 100, 'This authorization code has been used.', { error_subcode: 36009 });
        return { body: { access_token: this.fbUserToken, token_type: 'bearer', expires_in: 3600 } };
      }
      if (params.fb_exchange_token !== this.fbUserToken)
        return graphErrorAnswer(400, 190, 'Invalid OAuth access token - Cannot parse access token');
      return { body: { access_token: this.fbUserToken, token_type: 'bearer', expires_in: 5_184_000 } };
    }
    const refused = this.tokenAnswer(call);
    if (refused) return refused;
    const [first = '', second] = segments;
    const inbox = this.inboxRoute(call, first, second);
    if (inbox) return inbox;

    if (first === 'me') {
      if (call.host === 'graph.instagram.com')
        return {
          body: {
            user_id: this.igUserId,
            id: this.igUserId,
            username: 'cafeplaza',
            name: this.accountName,
            profile_picture_url: 'https://example.test/ig.png',
          },
        };
      if (second === 'accounts') {
        return {
          body: {
            data: [
              {
                id: this.pageId,
                name: 'Café Plaza',
                access_token: this.pageToken,
                instagram_business_account: { id: this.igUserId, username: 'cafeplaza', name: this.accountName },
              },
              { id: '30004', name: 'Page without Instagram', access_token: 'page-token-30004' },
            ],
          },
        };
      }
      return { body: { id: '40004', name: 'Ana Community' } };
    }

    if (first === this.igUserId) return this.userEdge(call, second);
    const container = this.containers.get(first);
    if (container && !second && method === 'GET') {
      if (container.status === 'IN_PROGRESS') {
        if (container.pollsLeft > 0) container.pollsLeft -= 1;
        else container.status = container.fate ?? 'FINISHED';
      }
      const status =
        container.status === 'ERROR'
          ? 'Error: 2207026 The video format is not supported'
          : container.status === 'EXPIRED'
            ? 'Expired'
            : container.status;
      return { body: { id: container.id, status_code: container.status, status } };
    }
    const media = this.media.get(first);
    if (!media || media.deleted)
      return graphErrorAnswer(400, 100, `Unsupported get request. Object with ID '${first}' does not exist`, { error_subcode: 33 });
    if (!second && method === 'DELETE') {
      if (call.host === 'graph.instagram.com') return graphErrorAnswer(400, 100, 'Unsupported delete request.');
      media.deleted = true;
      return { body: { success: true } };
    }
    if (!second && method === 'GET') {
      return {
        body: {
          id: media.id,
          permalink: `https://www.instagram.com/p/${media.id}/`,
          like_count: 12,
          comments_count: media.comments.length,
          media_product_type: media.productType,
        },
      };
    }
    if (second === 'comments' && method === 'POST') {
      const comment = { id: this.nextId(), text: params.message ?? '', username: 'cafeplaza', timestamp: this.clock };
      media.comments.push(comment);
      return { body: { id: comment.id } };
    }
    if (second === 'comments' && method === 'GET') {
      const inboxComments = [...this.comments.values()]
        .filter((c) => c.mediaId === media.id && !c.deleted && !c.parentId)
        .map((c) => ({
          ...this.igComment(c),
          replies: { data: [...this.comments.values()].filter((r) => r.parentId === c.id && !r.deleted).map((r) => this.igComment(r)) },
        }));
      return {
        body: {
          data: [
            ...media.comments.map((c) => ({ id: c.id, text: c.text, username: c.username, timestamp: iso(c.timestamp) })),
            ...inboxComments,
          ],
        },
      };
    }
    if (second === 'insights' && method === 'GET') {
      if (media.productType === 'STORY' && this.clock - media.timestamp > 24 * 60 * 60_000)
        return graphErrorAnswer(400, 10, '(#10) Not enough viewers for the media to show insights', { error_subcode: 2108006 });
      const known: Record<string, number> = { reach: 300, views: 520, likes: 12, comments: media.comments.length, saved: 7, shares: 4 };
      const metrics = (params.metric ?? '').split(',');
      const unknown = metrics.find((name) => !(name in known));
      if (unknown)
        return graphErrorAnswer(400, 100, `(#100) metric[0] must be one of the following values: ${Object.keys(known).join(', ')}`);
      return {
        body: {
          data: metrics.map((name) => ({
            name,
            period: 'lifetime',
            values: [{ value: known[name] }],
            id: `${media.id}/insights/${name}/lifetime`,
          })),
        },
      };
    }
    return graphErrorAnswer(400, 100, 'Unsupported request');
  }

  private quotaUsage(): number {
    return this.quotaUsageOverride ?? [...this.media.values()].filter((m) => this.clock - m.timestamp < 24 * 60 * 60_000).length;
  }

  private userEdge(call: GraphCall, edge: string | undefined): GraphAnswer {
    const { method, params } = call;
    if (!edge && method === 'GET')
      return { body: { id: this.igUserId, username: 'cafeplaza', name: this.accountName, followers_count: this.followers } };
    if (edge === 'content_publishing_limit')
      return { body: { data: [{ quota_usage: this.quotaUsage(), config: { quota_total: this.quotaTotal, quota_duration: 86400 } }] } };
    if (edge === 'media' && method === 'POST') return this.createContainer(params);
    if (edge === 'media_publish' && method === 'POST') {
      const container = this.containers.get(params.creation_id ?? '');
      if (!container || container.carouselItem)
        return graphErrorAnswer(400, 100, 'Invalid parameter', { error_subcode: 2207023, error_user_msg: 'The media type is unknown.' });
      if (this.quotaUsage() >= this.quotaTotal)
        return graphErrorAnswer(400, 9, 'Application request limit reached', {
          error_subcode: 2207042,
          error_user_msg: 'You have reached the maximum number of posts allowed.',
        });
      if (container.status === 'PUBLISHED') return { body: { id: container.mediaId } };
      if (container.status !== 'FINISHED')
        return graphErrorAnswer(400, 9007, 'Media ID is not available', {
          error_subcode: 2207027,
          error_user_msg: 'The media is not ready for publishing.',
        });
      const id = this.nextId();
      container.status = 'PUBLISHED';
      container.mediaId = id;
      const productType = container.mediaType === 'REELS' ? 'REELS' : container.mediaType === 'STORIES' ? 'STORY' : 'FEED';
      this.media.set(id, {
        id,
        caption: container.caption,
        mediaType: container.mediaType,
        productType,
        timestamp: this.clock,
        containerId: container.id,
        deleted: false,
        comments: [],
      });
      return { body: { id } };
    }
    if ((edge === 'media' || edge === 'stories') && method === 'GET') {
      const data = [...this.media.values()]
        .filter((m) => !m.deleted && (edge === 'stories' ? m.productType === 'STORY' : m.productType !== 'STORY'))
        .sort((a, b) => b.timestamp - a.timestamp)
        .slice(0, Number(params.limit ?? 25))
        .map((m) => ({
          id: m.id,
          ...(m.caption ? { caption: m.caption } : {}),
          media_type: m.mediaType,
          timestamp: iso(m.timestamp),
          comments_count: m.comments.length + [...this.comments.values()].filter((c) => c.mediaId === m.id && !c.deleted).length,
          permalink: `https://www.instagram.com/p/${m.id}/`,
        }));
      return { body: { data, paging: { cursors: { before: 'a', after: 'b' } } } };
    }
    if (edge === 'tags' && method === 'GET') {
      return {
        body: {
          data: this.tagged.map((t) => ({
            id: t.id,
            caption: t.caption,
            username: t.username,
            timestamp: iso(t.timestamp),
            permalink: `https://www.instagram.com/p/${t.id}/`,
          })),
        },
      };
    }
    return graphErrorAnswer(400, 100, `Unsupported edge ${edge}`);
  }

  private createContainer(params: Record<string, string>): GraphAnswer {
    const type = params.media_type ?? (params.video_url ? 'VIDEO' : 'IMAGE');
    const url = params.image_url ?? params.video_url;
    const mediaType = (['IMAGE', 'VIDEO', 'CAROUSEL', 'REELS', 'STORIES'] as const).find((t) => t === type);
    if (!mediaType) return graphErrorAnswer(400, 100, 'The parameter media_type is invalid');
    const children = mediaType === 'CAROUSEL' ? (params.children ?? '').split(',').filter(Boolean) : [];
    if (mediaType === 'CAROUSEL') {
      if (children.length < 2 || children.length > 10)
        return graphErrorAnswer(400, 100, 'A carousel needs 2 to 10 children', { error_subcode: 2207009 });
      for (const child of children)
        if (this.containers.get(child)?.status !== 'FINISHED')
          return graphErrorAnswer(400, 100, `Child ${child} is not ready`, { error_subcode: 2207027 });
    } else if (!url || !/^https?:\/\//.test(url)) {
      return graphErrorAnswer(400, 9004, 'The media could not be fetched from this uri', { error_subcode: 2207052 });
    }
    const id = this.nextId();
    const fate = this.nextContainerFate;
    this.nextContainerFate = undefined;
    this.containers.set(id, {
      id,
      mediaType,
      caption: params.caption ?? '',
      url,
      children,
      carouselItem: params.is_carousel_item === 'true',
      shareToFeed: params.share_to_feed,
      status: 'IN_PROGRESS',
      pollsLeft: this.pollsUntilFinished,
      fate,
    });
    return { body: { id } };
  }

  /** POST api.instagram.com/oauth/access_token: the code for a short-lived token. */
  private codeExchange(call: GraphCall): GraphAnswer {
    const { params } = call;
    if (params.client_id !== this.appId || params.client_secret !== this.appSecret)
      return { status: 400, body: { error_type: 'OAuthException', code: 400, error_message: 'Invalid client secret' } };
    if (params.code !== this.authCode && !takeConsentCode(this.consentCodes, params.code, params.redirect_uri))
      return { status: 400, body: { error_type: 'OAuthException', code: 400, error_message: 'This authorization code has been used' } };
    return {
      body: {
        access_token: this.shortToken,
        user_id: this.igUserId,
        permissions: 'instagram_business_basic,instagram_business_content_publish',
      },
    };
  }

  /** GET graph.instagram.com/access_token (ig_exchange_token) and /refresh_access_token (ig_refresh_token). */
  private longLived(call: GraphCall): GraphAnswer {
    const { params, segments } = call;
    const token = params.access_token ?? '';
    if (this.expiredTokens.has(token))
      return graphErrorAnswer(400, 190, 'Error validating access token: Session has expired on Monday, 02-Mar-26 09:00:00 PST.', {
        error_subcode: 463,
      });
    if (segments[0] === 'access_token') {
      if (params.grant_type !== 'ig_exchange_token') return graphErrorAnswer(400, 100, 'Unsupported grant_type');
      if (params.client_secret !== this.appSecret)
        return graphErrorAnswer(400, 101, 'Error validating client secret.', { type: 'OAuthException' });
      if (token !== this.shortToken) return graphErrorAnswer(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    } else {
      if (params.grant_type !== 'ig_refresh_token') return graphErrorAnswer(400, 100, 'Unsupported grant_type');
      if (token !== this.longToken) return graphErrorAnswer(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    this.longToken = `ig-long-token-${this.nextId()}`;
    return { body: { access_token: this.longToken, token_type: 'bearer', expires_in: 5_183_944 } };
  }
}
