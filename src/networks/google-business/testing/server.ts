/**
 * Test-only: a local server speaking the Google Business Profile APIs as Google documents them,
 * at `/<official host>/<path>` (networks/endpoints.ts): accounts.list (Account Management v1),
 * accounts.locations.list and locations.get (Business Information v1, `readMask` required),
 * localPosts create / list / delete and reviews list / get / updateReply (My Business v4),
 * fetchMultiDailyMetricsTimeSeries (Performance v1). LocalPost bodies are checked (summary length,
 * topicType, event schedule for events and offers, a link for buttons other than CALL, photos by
 * sourceUrl); errors in Google's shape; a bad token answers 401. Google's sign-in (consent page, code
 * exchange and refresh: google-api/testing/sign-in.ts) hands out this server's tokens, for
 * connecting from the web app.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGoogleSignIn, GOOGLE_CONSENT_PATH, GOOGLE_TOKEN_PATH } from '../../google-api/testing/sign-in.ts';
import type { GbpLocalPost, GbpReview } from '../api.ts';

const V4 = '/mybusiness.googleapis.com/v4';

export class FakeGbpServer {
  readonly token = `ya29.${randomBytes(12).toString('hex')}`;
  readonly refreshToken = `1//${randomBytes(12).toString('hex')}`;
  /** Google's sign-in of the locations' manager: `signIn.app` is the Google app to enter in Plaza. */
  readonly signIn = new FakeGoogleSignIn({ accessToken: () => this.token, refreshToken: () => this.refreshToken });
  readonly accountName = `accounts/${100000 + Math.floor(Math.random() * 899999)}`;
  readonly locationName = `locations/${100000 + Math.floor(Math.random() * 899999)}`;
  readonly otherLocationName = `locations/${1000000 + Math.floor(Math.random() * 899999)}`;
  readonly posts: Array<GbpLocalPost & { deleted?: boolean }> = [];
  readonly reviews: GbpReview[] = [];
  clock = Date.now();
  baseUrl = '';
  private server?: http.Server;

  get parent(): string {
    return `${this.accountName}/${this.locationName}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.error(res, 500, 'INTERNAL', String(error)));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  postsWithText(text: string): number {
    return this.posts.filter((p) => !p.deleted && p.summary === text).length;
  }

  addReview(comment: string, stars: GbpReview['starRating'] = 'FIVE', author = 'Lucía'): GbpReview {
    this.clock += 1000;
    const reviewId = randomBytes(10).toString('hex');
    const at = new Date(this.clock).toISOString();
    const review: GbpReview = {
      name: `${this.parent}/reviews/${reviewId}`,
      reviewId,
      reviewer: { displayName: author },
      starRating: stars,
      comment,
      createTime: at,
      updateTime: at,
    };
    this.reviews.push(review);
    return review;
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  }

  private error(res: http.ServerResponse, status: number, statusText: string, message: string): void {
    if (res.headersSent) return;
    this.json(res, status, { error: { code: status, message, status: statusText } });
  }

  private async body(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    return text ? JSON.parse(text) : null;
  }

  private invalid(post: GbpLocalPost): string | null {
    if (typeof post.summary === 'string' && [...post.summary].length > 1500) return 'summary is too long';
    if (!['STANDARD', 'EVENT', 'OFFER', 'ALERT'].includes(post.topicType ?? '')) return 'topicType is required';
    if (
      (post.topicType === 'EVENT' || post.topicType === 'OFFER') &&
      !(post.event?.title && post.event.schedule?.startDate && post.event.schedule.endDate)
    )
      return 'event.title and event.schedule are required';
    if (post.topicType === 'OFFER' && post.callToAction) return 'offers take no callToAction';
    if (post.callToAction) {
      if (!['BOOK', 'ORDER', 'SHOP', 'LEARN_MORE', 'SIGN_UP', 'CALL'].includes(post.callToAction.actionType))
        return 'callToAction.actionType is invalid';
      if (post.callToAction.actionType !== 'CALL' && !post.callToAction.url) return 'callToAction.url is required';
    }
    for (const media of post.media ?? [])
      if (media.mediaFormat !== 'PHOTO' || !media.sourceUrl) return 'media needs mediaFormat PHOTO and a sourceUrl';
    if (!post.summary && !post.media?.length && post.topicType === 'STANDARD') return 'summary is required';
    return null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? 'GET';
    if (path === GOOGLE_CONSENT_PATH && method === 'GET') return this.signIn.consent(url.searchParams, res);
    if (path === GOOGLE_TOKEN_PATH && method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      if (form.get('grant_type') === 'authorization_code') return this.signIn.exchange(form, res);
      if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === this.refreshToken)
        return this.json(res, 200, { access_token: this.token, expires_in: 3599, token_type: 'Bearer' });
      return this.json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      req.resume();
      return this.error(
        res,
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    }
    if (path === '/mybusinessaccountmanagement.googleapis.com/v1/accounts' && method === 'GET')
      return this.json(res, 200, {
        accounts: [{ name: this.accountName, accountName: 'Café Aroma', type: 'LOCATION_GROUP', verificationState: 'VERIFIED' }],
      });
    if (path === `/mybusinessbusinessinformation.googleapis.com/v1/${this.accountName}/locations` && method === 'GET') {
      if (!url.searchParams.get('readMask'))
        return this.error(res, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: read_mask is required');
      const first = url.searchParams.get('pageToken') === null;
      return this.json(res, 200, {
        locations: first
          ? [
              {
                name: this.locationName,
                title: 'Café Aroma',
                languageCode: 'es',
                storefrontAddress: { locality: 'Sevilla' },
                metadata: { mapsUri: 'https://maps.google.com/maps?cid=123' },
              },
            ]
          : [{ name: this.otherLocationName, title: 'Café Aroma Triana', storefrontAddress: { locality: 'Sevilla' } }],
        ...(first ? { nextPageToken: 'p2' } : {}),
      });
    }
    if (path === `/mybusinessbusinessinformation.googleapis.com/v1/${this.locationName}` && method === 'GET')
      return this.json(res, 200, { name: this.locationName, title: 'Café Aroma' });
    if (path === `${V4}/${this.parent}/localPosts` && method === 'POST') {
      const post = (await this.body(req)) as GbpLocalPost;
      const problem = this.invalid(post);
      if (problem) return this.error(res, 400, 'INVALID_ARGUMENT', `Request contains an invalid argument: ${problem}`);
      this.clock += 1000;
      const id = randomBytes(8).toString('hex');
      const at = new Date(this.clock).toISOString();
      const stored = {
        ...post,
        name: `${this.parent}/localPosts/${id}`,
        createTime: at,
        updateTime: at,
        state: 'LIVE' as const,
        searchUrl: `https://local.google.com/place?id=123&use=posts&lpsid=${id}`,
      };
      this.posts.push(stored);
      return this.json(res, 200, stored);
    }
    if (path === `${V4}/${this.parent}/localPosts` && method === 'GET') {
      const live = this.posts.filter((p) => !p.deleted).reverse();
      const size = Math.min(100, Number(url.searchParams.get('pageSize') ?? 20));
      const start = Number(url.searchParams.get('pageToken') ?? 0);
      return this.json(res, 200, {
        localPosts: live.slice(start, start + size).map(({ deleted: _deleted, ...p }) => p),
        ...(start + size < live.length ? { nextPageToken: String(start + size) } : {}),
      });
    }
    const postMatch = new RegExp(`^${V4}/(${this.parent}/localPosts/[0-9a-f]+)$`).exec(path);
    if (postMatch && method === 'DELETE') {
      const post = this.posts.find((p) => p.name === postMatch[1] && !p.deleted);
      if (!post) return this.error(res, 404, 'NOT_FOUND', 'Requested entity was not found.');
      post.deleted = true;
      return this.json(res, 200, {});
    }
    if (path === `${V4}/${this.parent}/reviews` && method === 'GET') {
      const sorted = [...this.reviews].sort((a, b) => (b.updateTime ?? '').localeCompare(a.updateTime ?? ''));
      const size = Math.min(50, Number(url.searchParams.get('pageSize') ?? 50));
      const start = Number(url.searchParams.get('pageToken') ?? 0);
      return this.json(res, 200, {
        reviews: sorted.slice(start, start + size),
        averageRating: sorted.length ? 4.5 : 0,
        totalReviewCount: sorted.length,
        ...(start + size < sorted.length ? { nextPageToken: String(start + size) } : {}),
      });
    }
    const reviewMatch = new RegExp(`^${V4}/(${this.parent}/reviews/[0-9a-f]+)(/reply)?$`).exec(path);
    if (reviewMatch) {
      const review = this.reviews.find((r) => r.name === reviewMatch[1]);
      if (!review) return this.error(res, 404, 'NOT_FOUND', 'Requested entity was not found.');
      if (!reviewMatch[2] && method === 'GET') return this.json(res, 200, review);
      if (reviewMatch[2] && method === 'PUT') {
        const body = (await this.body(req)) as { comment?: string };
        if (!body?.comment || [...body.comment].length > 4096)
          return this.error(res, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: comment');
        this.clock += 1000;
        review.reviewReply = { comment: body.comment, updateTime: new Date(this.clock).toISOString() };
        return this.json(res, 200, review.reviewReply);
      }
    }
    if (
      path === `/businessprofileperformance.googleapis.com/v1/${this.locationName}:fetchMultiDailyMetricsTimeSeries` &&
      method === 'GET'
    ) {
      const metrics = url.searchParams.getAll('dailyMetrics');
      if (!metrics.length || !url.searchParams.get('dailyRange.startDate.year'))
        return this.error(res, 400, 'INVALID_ARGUMENT', 'dailyMetrics and dailyRange are required');
      return this.json(res, 200, {
        multiDailyMetricTimeSeries: [
          {
            dailyMetricTimeSeries: metrics.map((dailyMetric, i) => ({
              dailyMetric,
              timeSeries: {
                datedValues: [
                  { date: { year: 2026, month: 1, day: 1 }, value: String(10 + i) },
                  { date: { year: 2026, month: 1, day: 2 }, value: String(i) },
                ],
              },
            })),
          },
        ],
      });
    }
    req.resume();
    this.error(res, 404, 'NOT_FOUND', `No route for ${method} ${path}`);
  }
}
