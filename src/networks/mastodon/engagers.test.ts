/**
 * Contract tests for fetchEngagers against the local server speaking the
 * documented Mastodon shapes (testing/server.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext, type NetworkAdapter } from '../types.ts';
import { FakeMastodonServer } from './testing/server.ts';
import { nextPageQuery } from './engagers.ts';
import { createMastodonAdapter } from './index.ts';

const server = new FakeMastodonServer();
let adapter: NetworkAdapter;
let ctx: ChannelContext;

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset();
  adapter = createMastodonAdapter({ now: () => server.clock, sleep: async () => undefined, requestTimeoutMs: 2_000 });
  ctx = {
    channelId: 'ch_1',
    settings: { instanceUrl: server.baseUrl },
    credentials: { accessToken: server.token },
    allowPrivateUrls: true,
  };
});

describe('mastodon fetchEngagers', () => {
  it('pages favourites and boosts, adds direct replies, and flags followers through relationships', async () => {
    const post = server.seedStatus('Nuevo catálogo', server.clock);
    // 90 favourites: two pages of at most 80.
    const fans = Array.from({ length: 90 }, (_, i) => `fan${i}@remote.example`);
    server.favouritedBy.set(post.id, fans);
    server.rebloggedBy.set(post.id, ['fan0@remote.example', 'booster@other.example']);
    for (const acct of fans.slice(0, 30)) server.followers.add(acct);
    server.followers.add('replier@remote.example');
    server.seedMention('¡Me encanta!', 'replier@remote.example', server.clock + 1000, post.id);
    // The brand's own follow-up and a reply to a reply are not direct engagement with the post.
    const followUp = server.seedStatus('Segunda parte', server.clock + 2000, { inReplyToId: post.id });
    server.seedMention('Yo también', 'nested@remote.example', server.clock + 3000, followUp.id);

    const result = await adapter.fetchEngagers!(ctx, post.id);

    expect(result.truncated).toBe(false);
    const byId = new Map(result.accounts.map((a) => [a.id, a.follower]));
    expect(byId.size).toBe(92);
    expect(result.accounts).toHaveLength(92);
    expect(byId.get(server.remoteAccountId('fan0@remote.example'))).toBe(true);
    expect(byId.get(server.remoteAccountId('fan50@remote.example'))).toBe(false);
    expect(byId.get(server.remoteAccountId('booster@other.example'))).toBe(false);
    expect(byId.get(server.remoteAccountId('replier@remote.example'))).toBe(true);
    expect(byId.has(server.me.id)).toBe(false);
    expect(byId.has(server.remoteAccountId('nested@remote.example'))).toBe(false);
    expect([...byId.values()].filter(Boolean)).toHaveLength(31);
    const favouritePages = server.requests.filter((r) => r.path.endsWith('/favourited_by'));
    expect(favouritePages).toHaveLength(2);
    expect(favouritePages[1]!.query.get('max_id')).toBe('80');
    const relationships = server.requests.filter((r) => r.path === '/api/v1/accounts/relationships');
    expect(relationships.map((r) => r.query.getAll('id[]').length)).toEqual([40, 40, 12]);
  });

  // GET /api/v1/statuses/:id/quotes (Mastodon 4.5+), as documented at
  // https://docs.joinmastodon.org/methods/statuses/#quotes: an array of Status, `limit` up to 40,
  // paged through the Link header (rel="next" carries max_id), 404 when the status is not there.
  describe('quotes', () => {
    const quotesPath = (statusId: string) => `/api/v1/statuses/${statusId}/quotes`;
    /** A Status by `acct` quoting `quoted`, with the documented `quote` attribute. */
    const quoteOf = (quoted: ReturnType<typeof server.seedStatus>, acct: string) => ({
      ...server.statusJson(server.seedStatus('Mirad esto', server.clock + 5000, { accountId: `remote:${acct}` })),
      quote: { state: 'accepted', quoted_status: server.statusJson(quoted) },
    });

    it('adds the authors of quoting statuses across Link-header pages, once each, with their follower flags', async () => {
      const post = server.seedStatus('Nuevo catálogo', server.clock);
      server.favouritedBy.set(post.id, ['fan@remote.example']);
      server.followers.add('fan@remote.example');
      server.followers.add('quoter1@remote.example');
      const next = `<${server.baseUrl}${quotesPath(post.id)}?limit=40&max_id=115107231976600838>; rel="next", <${server.baseUrl}${quotesPath(post.id)}?limit=40&since_id=115107232286434584>; rel="prev"`;
      server.script({
        method: 'GET',
        path: quotesPath(post.id),
        status: 200,
        headers: { link: next },
        body: [quoteOf(post, 'quoter1@remote.example'), quoteOf(post, 'fan@remote.example')],
      });
      server.script({ method: 'GET', path: quotesPath(post.id), status: 200, body: [quoteOf(post, 'quoter2@other.example')] });

      const result = await adapter.fetchEngagers!(ctx, post.id);

      expect(result.truncated).toBe(false);
      expect(new Map(result.accounts.map((a) => [a.id, a.follower]))).toEqual(
        new Map([
          [server.remoteAccountId('fan@remote.example'), true],
          [server.remoteAccountId('quoter1@remote.example'), true],
          [server.remoteAccountId('quoter2@other.example'), false],
        ]),
      );
      const pages = server.requests.filter((r) => r.path === quotesPath(post.id));
      expect(pages.map((r) => [...r.query])).toEqual([
        [['limit', '40']],
        [
          ['limit', '40'],
          ['max_id', '115107231976600838'],
        ],
      ]);
    });

    it('flags truncation when the quotes still have a next page after enough pages to fill the cap', async () => {
      const post = server.seedStatus('Hola', server.clock);
      const next = `<${server.baseUrl}${quotesPath(post.id)}?limit=40&max_id=1>; rel="next"`;
      server.script({
        method: 'GET',
        path: quotesPath(post.id),
        status: 200,
        headers: { link: next },
        body: [quoteOf(post, 'quoter@remote.example')],
        times: 100,
      });

      const result = await adapter.fetchEngagers!(ctx, post.id);

      expect(server.requests.filter((r) => r.path === quotesPath(post.id))).toHaveLength(25);
      expect(result.accounts).toEqual([{ id: server.remoteAccountId('quoter@remote.example'), follower: false }]);
      expect(result.truncated).toBe(true);
    });

    it('counts no quotes on a server before 4.5, which answers 404 for the endpoint', async () => {
      const post = server.seedStatus('Hola', server.clock);
      server.favouritedBy.set(post.id, ['fan@remote.example']);
      server.script({ method: 'GET', path: quotesPath(post.id), status: 404, body: { error: 'Record not found' } });

      const result = await adapter.fetchEngagers!(ctx, post.id);

      expect(result).toEqual({ accounts: [{ id: server.remoteAccountId('fan@remote.example'), follower: false }], truncated: false });
    });

    it('fails like the other lists on any other error', async () => {
      const post = server.seedStatus('Hola', server.clock);
      server.script({ method: 'GET', path: quotesPath(post.id), status: 503, body: { error: 'Service Unavailable' } });
      const error = await adapter.fetchEngagers!(ctx, post.id).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).kind).toBe('transient');
    });
  });

  it('reports a 429 as rate_limited with the wait, like fetchMetrics', async () => {
    const post = server.seedStatus('Hola', server.clock);
    server.script({
      method: 'GET',
      path: `/api/v1/statuses/${post.id}/favourited_by`,
      status: 429,
      headers: { 'retry-after': '30' },
      body: { error: 'Too many requests' },
    });
    const error = await adapter.fetchEngagers!(ctx, post.id).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('rate_limited');
    expect((error as NetworkError).details.retryAfterMs).toBe(30_000);
  });

  it('reads the next page from the Link header', () => {
    expect(
      nextPageQuery(
        '<https://m.example/api/v1/statuses/1/favourited_by?limit=80&max_id=123>; rel="next", <https://m.example/x?min_id=9>; rel="prev"',
      ),
    ).toEqual([
      ['limit', '80'],
      ['max_id', '123'],
    ]);
    expect(nextPageQuery('<https://m.example/x?min_id=9>; rel="prev"')).toBeNull();
    expect(nextPageQuery(null)).toBeNull();
  });
});
