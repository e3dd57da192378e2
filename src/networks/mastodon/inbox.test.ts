/**
 * The Mastodon inbox against the local server speaking Mastodon's documented REST API
 * (testing/server.ts): notifications with min_id/max_id and Link headers, conversations,
 * contexts, Idempotency-Key replay, favourites, mutes and blocks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundItem, InboxAdapter, InboxTarget, ReplyInput } from '../inbox.ts';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext } from '../types.ts';
import { createMastodonAdapter } from './index.ts';
import { linkParam } from './inbox.ts';
import { FakeMastodonServer } from './testing/server.ts';

const server = new FakeMastodonServer();
let inbox: InboxAdapter;
let ctx: ChannelContext;

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset();
  const adapter = createMastodonAdapter({ now: () => server.clock, requestTimeoutMs: 2_000 });
  if (!adapter.inbox) throw new Error('the Mastodon adapter has no inbox');
  inbox = adapter.inbox;
  ctx = {
    channelId: 'ch_inbox',
    settings: { instanceUrl: server.baseUrl },
    credentials: { accessToken: server.token },
    allowPrivateUrls: true,
  };
});

const HOUR = 3_600_000;

describe('Mastodon inbox', () => {
  it('reads mentions, replies in our threads and direct messages, then only what is new after the cursor', async () => {
    const t0 = server.clock - 2 * HOUR;
    // Too old for the backfill window (notification ids grow with time, as on Mastodon).
    server.seedMention('@plaza hace mucho', 'old@social.example', t0 - 40 * 24 * HOUR);
    const ours = server.seedStatus('Abrimos el domingo', t0);
    const reply = server.seedMention('@plaza ¿a qué hora?', 'ana@social.example', t0 + 60_000, ours.id);
    const nested = server.seedMention('@plaza @ana yo también quiero saberlo', 'luis@otra.example', t0 + 120_000, reply.id);
    const lone = server.seedMention('Hola @plaza <script>alert(1)</script>', 'eva@social.example', t0 + 180_000);
    server.seedNotification('favourite', 'ana@social.example', ours.id);
    server.seedNotification('follow', 'luis@otra.example', null);
    const dm = server.seedDirect('¿Tenéis talla M?', 'ana@social.example', t0 + 240_000);

    const first = await inbox.fetchInbound(ctx, { cursor: null, since: new Date(t0 - HOUR).toISOString() });
    expect(first.hasMore).toBe(false);
    const byId = new Map(first.items.map((item) => [item.remoteId, item]));
    expect(byId.get(reply.id)).toMatchObject({
      kind: 'reply',
      threadRemoteId: ours.id,
      postRemoteId: ours.id,
      inReplyToRemoteId: ours.id,
      text: '@plaza ¿a qué hora?',
    });
    expect(byId.get(reply.id)?.author).toMatchObject({ handle: 'ana@social.example', id: server.remoteAccountId('ana@social.example') });
    expect(byId.get(nested.id)).toMatchObject({ kind: 'reply', threadRemoteId: ours.id, inReplyToRemoteId: reply.id });
    // Shown as text: the markup arrives escaped in `content` and comes back as the characters written.
    expect(byId.get(lone.id)).toMatchObject({ kind: 'mention', threadRemoteId: lone.id, text: 'Hola @plaza <script>alert(1)</script>' });
    expect(byId.get(dm.id)).toMatchObject({
      kind: 'direct_message',
      threadRemoteId: server.conversationIdOf(dm),
      text: '@plaza ¿Tenéis talla M?',
    });
    expect(first.items.map((item) => item.remoteId).sort()).toEqual([reply.id, nested.id, lone.id, dm.id].sort());
    const times = first.items.map((item) => Date.parse(item.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Only mentions were asked for: favourites and follows are not inbox items.
    const notificationReads = server.requests.filter((r) => r.path === '/api/v1/notifications');
    expect(notificationReads.every((r) => r.query.getAll('types[]').join() === 'mention')).toBe(true);

    // Nothing new: nothing returned; the next read goes forward with min_id.
    server.requests.length = 0;
    const quiet = await inbox.fetchInbound(ctx, { cursor: first.cursor });
    expect(quiet.items).toEqual([]);
    expect(server.requests.find((r) => r.path === '/api/v1/notifications')?.query.get('min_id')).toBe(server.notifications.at(-1)?.id);

    const later = server.seedMention('@plaza gracias', 'ana@social.example', server.clock, ours.id);
    const dmAgain = server.seedDirect('¿Y la L?', 'ana@social.example', server.clock + 1000, dm.id);
    const next = await inbox.fetchInbound(ctx, { cursor: quiet.cursor });
    expect(
      next.items
        .filter((item) => !first.items.some((seen) => seen.remoteId === item.remoteId))
        .map((item) => item.remoteId)
        .sort(),
    ).toEqual([later.id, dmAgain.id].sort());
    expect(next.items.find((item) => item.remoteId === dmAgain.id)?.threadRemoteId).toBe(server.conversationIdOf(dm));
  });

  it('pages a large backlog forward with min_id and the Link header, and reports hasMore', async () => {
    const ours = server.seedStatus('Sorteo', server.clock - HOUR);
    const first = await inbox.fetchInbound(ctx, { cursor: null, since: new Date(server.clock - 2 * HOUR).toISOString() });
    for (let index = 0; index < 430; index += 1)
      server.seedMention(`@plaza participo ${index}`, `p${index}@social.example`, server.clock - HOUR + index, ours.id);
    const seen = new Set<string>();
    let cursor = first.cursor;
    let calls = 0;
    for (;;) {
      calls += 1;
      const page = await inbox.fetchInbound(ctx, { cursor });
      for (const item of page.items) if (item.kind === 'reply' && !item.fromUs) seen.add(item.remoteId);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(seen.size).toBe(430);
    expect(calls).toBe(2);
    const minIds = server.requests
      .filter((r) => r.path === '/api/v1/notifications' && r.query.has('min_id'))
      .map((r) => r.query.get('min_id'));
    expect(new Set(minIds).size).toBe(minIds.length);
  });

  it('answers in public and by direct message exactly once, with an Idempotency-Key from the reply id', async () => {
    const ours = server.seedStatus('Nuevo horario', server.clock - HOUR);
    server.seedMention('@plaza no me funcionó', 'ana@social.example', server.clock - HOUR / 2, ours.id);
    const dm = server.seedDirect('¿Hacéis envíos?', 'luis@otra.example', server.clock - HOUR / 4);
    const { items } = await inbox.fetchInbound(ctx, { cursor: null, since: new Date(server.clock - 2 * HOUR).toISOString() });
    const comment = items.find((item) => item.kind === 'reply') as InboundItem;

    const input: ReplyInput = {
      replyId: 'rep_1',
      target: inboxTargetOf(comment),
      mode: 'public',
      text: '@ana lo sentimos, ¿nos escribes?',
    };
    expect(await inbox.findReply(ctx, input)).toBeNull();
    // The answer is lost after the server created the status: the retry replays the key.
    server.script({ method: 'POST', path: '/api/v1/statuses', delayAfterHandlingMs: 5_000 });
    const lost = await networkRejection(inbox.reply(ctx, input));
    expect(lost.kind).toBe('ambiguous');
    const found = await inbox.findReply(ctx, input);
    expect(found).not.toBeNull();
    const retried = await inbox.reply(ctx, input);
    expect(retried.remoteId).toBe(found?.remoteId);
    const posts = server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');
    expect(posts.map((r) => r.headers['idempotency-key'])).toEqual(['plaza-reply:rep_1', 'plaza-reply:rep_1']);
    expect([...server.statuses.values()].filter((s) => s.text === input.text)).toHaveLength(1);

    const dmItem = items.find((item) => item.remoteId === dm.id) as InboundItem;
    const sent = await inbox.reply(ctx, {
      replyId: 'rep_2',
      target: inboxTargetOf(dmItem),
      mode: 'direct_message',
      text: 'Sí, a toda España',
    });
    const stored = server.statuses.get(sent.remoteId);
    expect(stored).toMatchObject({ visibility: 'direct', inReplyToId: dm.id, text: '@luis@otra.example Sí, a toda España' });
    const after = await inbox.fetchInbound(ctx, { cursor: null, since: new Date(server.clock - 2 * HOUR).toISOString() });
    expect(after.items.find((item) => item.remoteId === sent.remoteId)).toMatchObject({
      fromUs: true,
      kind: 'direct_message',
      threadRemoteId: dmItem.threadRemoteId,
    });
    expect(after.items.find((item) => item.remoteId === retried.remoteId)).toMatchObject({
      fromUs: true,
      kind: 'reply',
      threadRemoteId: ours.id,
    });

    expect((await networkRejection(inbox.reply(ctx, { ...input, replyId: 'rep_3', mode: 'private' }))).code).toBe('action_not_supported');
    const deleted = { ...inboxTargetOf(comment), remoteId: '999999' };
    expect((await networkRejection(inbox.reply(ctx, { ...input, replyId: 'rep_4', target: deleted }))).code).toBe('not_found');
  });

  it('favourites, unfavourites, mutes, blocks and deletes only our own statuses', async () => {
    const ours = server.seedStatus('Menú', server.clock - HOUR);
    const theirs = server.seedMention('@plaza ¡qué rico!', 'ana@social.example', server.clock - HOUR / 2, ours.id);
    const target: InboxTarget = {
      remoteId: theirs.id,
      kind: 'reply',
      threadRemoteId: ours.id,
      authorId: server.remoteAccountId('ana@social.example'),
      authorHandle: 'ana@social.example',
    };
    await inbox.act(ctx, 'like', target);
    await inbox.act(ctx, 'like', target);
    expect(server.statuses.get(theirs.id)?.favourites).toBe(1);
    await inbox.act(ctx, 'unlike', target);
    expect(server.favouritedByMe.has(theirs.id)).toBe(false);
    await inbox.act(ctx, 'mute', target);
    await inbox.act(ctx, 'block', target);
    expect(server.muted.has(target.authorId)).toBe(true);
    expect(server.blocked.has(target.authorId)).toBe(true);
    expect((await networkRejection(inbox.act(ctx, 'delete', target))).code).toBe('not_owner');
    const mine = await inbox.reply(ctx, { replyId: 'rep_del', target, mode: 'public', text: 'Gracias' });
    await inbox.act(ctx, 'delete', { ...target, remoteId: mine.remoteId });
    await inbox.act(ctx, 'delete', { ...target, remoteId: mine.remoteId });
    expect(server.statuses.has(mine.remoteId)).toBe(false);
    expect((await networkRejection(inbox.act(ctx, 'hide', target))).code).toBe('action_not_supported');
  });

  it('reads Link headers as documented', () => {
    const headers = new Headers({
      link: '<https://mastodon.example/api/v1/notifications?max_id=34975535>; rel="next", <https://mastodon.example/api/v1/notifications?min_id=34975861>; rel="prev"',
    });
    expect(linkParam(headers, 'next', 'max_id')).toBe('34975535');
    expect(linkParam(headers, 'prev', 'min_id')).toBe('34975861');
    expect(linkParam(new Headers(), 'next', 'max_id')).toBeUndefined();
  });
});
