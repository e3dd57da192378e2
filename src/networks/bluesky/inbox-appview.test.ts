/**
 * The Bluesky inbox against the REAL AppView (@atproto/bsky) indexing the reference PDS
 * (testing/appview.ts), and direct messages against the lexicon-validated chat service
 * (testing/chat.ts) reached through the PDS's atproto-proxy. Other accounts reply, mention,
 * quote, like and follow with their own sessions; the brand's channel reads and answers with the
 * adapter, as Plaza does.
 */
import { randomUUID } from 'node:crypto';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundItem, InboxTarget, ReplyInput } from '../inbox.ts';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext, PublishInput } from '../types.ts';
import { createBlueskyAdapter } from './index.ts';
import { inboxReplyRecordKey } from './record-key.ts';
import { startTestAppView, type TestAppView } from './testing/appview.ts';
import { startTestChatService, type TestChatService } from './testing/chat.ts';
import type { TestPdsAccount } from './testing/pds.ts';

let av: TestAppView;
let chat: TestChatService;
let brand: TestPdsAccount;
let bob: TestPdsAccount;
let carol: TestPdsAccount;
let bobAgent: AtpAgent;
let carolAgent: AtpAgent;

beforeAll(async () => {
  av = await startTestAppView();
  chat = await startTestChatService({ plcUrl: av.plcUrl });
  [brand, bob, carol] = await Promise.all([av.createAccount('brand'), av.createAccount('bob'), av.createAccount('carol')]);
  bobAgent = await login(bob);
  carolAgent = await login(carol);
}, 60_000);

afterAll(async () => {
  await chat?.close();
  await av?.close();
});

async function login(account: TestPdsAccount): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: av.url });
  await agent.login({ identifier: account.handle, password: account.password });
  return agent;
}

function channel(appPassword = brand.appPassword): ChannelContext {
  return {
    channelId: `channel-${randomUUID()}`,
    settings: { serviceUrl: av.url },
    credentials: { identifier: brand.handle, appPassword },
    allowPrivateUrls: true,
  };
}

function adapterWith(fetchImpl?: typeof fetch) {
  const adapter = createBlueskyAdapter({ chatProxy: chat.proxy, fetch: fetchImpl });
  if (!adapter.inbox) throw new Error('the Bluesky adapter has no inbox');
  return { adapter, inbox: adapter.inbox };
}

function publishInput(text: string): PublishInput {
  return { publicationId: randomUUID(), text, media: [] } as unknown as PublishInput;
}

type RepoRecord = { uri: string; cid: string; value: Record<string, unknown> };
async function listRecords(repo: string, collection: string): Promise<RepoRecord[]> {
  const response = await fetch(`${av.url}/xrpc/com.atproto.repo.listRecords?${new URLSearchParams({ repo, collection, limit: '100' })}`);
  return ((await response.json()) as { records: RepoRecord[] }).records;
}

/** Reads with the cursor until `predicate` holds (the AppView indexes asynchronously), returning everything read. */
async function readUntil(
  inbox: NonNullable<ReturnType<typeof adapterWith>['inbox']>,
  ctx: ChannelContext,
  start: { cursor: string | null; since?: string },
  predicate: (items: InboundItem[]) => boolean,
): Promise<{ items: InboundItem[]; cursor: string | null; pages: Awaited<ReturnType<typeof inbox.fetchInbound>>[] }> {
  await av.waitForIndex();
  const items: InboundItem[] = [];
  const pages = [];
  let cursor = start.cursor;
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const page = await inbox.fetchInbound(ctx, { cursor, since: start.since });
    pages.push(page);
    items.push(...page.items);
    cursor = page.cursor;
    if (predicate(items)) return { items, cursor, pages };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { items, cursor, pages };
}

describe('Bluesky inbox on the real AppView', () => {
  it('reads replies, mentions and quotes with a durable cursor, and answers exactly once after a lost answer', async () => {
    let loseNextReplyCreate = false;
    let failReadBack = false;
    const lossyFetch: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (failReadBack && url.includes('com.atproto.repo.getRecord')) {
        failReadBack = false;
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }) });
      }
      const body = input instanceof Request ? await input.clone().text() : String(init?.body ?? '');
      const response = await fetch(input, init);
      if (loseNextReplyCreate && url.includes('com.atproto.repo.createRecord') && body.includes('app.bsky.feed.post')) {
        loseNextReplyCreate = false;
        failReadBack = readBackFails;
        await response.arrayBuffer();
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      }
      return response;
    };
    let readBackFails = false;
    const { adapter, inbox } = adapterWith(lossyFetch);
    const ctx = channel();
    const since = new Date(Date.now() - 60_000).toISOString();

    const published = await adapter.publish(ctx, publishInput('¿Qué os parece el nuevo horario?'));
    await av.waitForIndex();
    const { data: posts } = await bobAgent.app.bsky.feed.getPosts({ uris: [published.remoteId] });
    const ref = { uri: published.remoteId, cid: posts.posts[0].cid };

    await bobAgent.follow(brand.did);
    const bobReply = await bobAgent.post({ text: 'Pues a mí no me funcionó', reply: { root: ref, parent: ref } });
    const mentionText = `Hola @${brand.handle} ¿abrís el domingo?`;
    const start = new TextEncoder().encode('Hola ').length;
    await bobAgent.post({
      text: mentionText,
      facets: [
        {
          index: { byteStart: start, byteEnd: start + 1 + brand.handle.length },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: brand.did }],
        },
      ],
    });
    await bobAgent.post({ text: 'Mirad esto', embed: { $type: 'app.bsky.embed.record', record: ref } });
    await bobAgent.like(ref.uri, ref.cid);
    await carolAgent.follow(brand.did);
    await carolAgent.repost(ref.uri, ref.cid);

    const first = await readUntil(inbox, ctx, { cursor: null, since }, (items) => items.length >= 3);
    const byText = new Map(first.items.map((item) => [item.text, item]));
    const reply = byText.get('Pues a mí no me funcionó');
    expect(reply).toMatchObject({
      remoteId: bobReply.uri,
      kind: 'reply',
      threadRemoteId: published.remoteId,
      postRemoteId: published.remoteId,
      inReplyToRemoteId: published.remoteId,
      author: { id: bob.did, handle: bob.handle },
    });
    expect(reply?.url).toMatch(new RegExp(`/profile/${bob.handle}/post/`));
    const mention = byText.get(mentionText);
    expect(mention).toMatchObject({ kind: 'mention', author: { id: bob.did } });
    expect(mention?.threadRemoteId).toBe(mention?.remoteId);
    expect(byText.get('Mirad esto')).toMatchObject({ kind: 'quote', postRemoteId: published.remoteId });
    // Likes, reposts and follows are not conversations: they never become inbox items.
    expect(first.items.map((item) => item.kind).sort()).toEqual(['mention', 'quote', 'reply']);
    expect(first.items.every((item) => !item.fromUs)).toBe(true);
    // Oldest first.
    const times = first.items.map((item) => Date.parse(item.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // The cursor is durable: reading again from it brings nothing new.
    const again = await inbox.fetchInbound(ctx, { cursor: first.cursor });
    const newAgain = again.items.filter((item) => !first.items.some((seen) => seen.remoteId === item.remoteId));
    expect(newAgain).toEqual([]);

    // A reply whose answer is lost: the adapter reads its record key back and reports success.
    const recoveredInput: ReplyInput = {
      replyId: randomUUID(),
      target: inboxTargetOf(mention as InboundItem),
      mode: 'public',
      text: 'Sí, de 10 a 14',
    };
    loseNextReplyCreate = true;
    const recovered = await inbox.reply(ctx, recoveredInput);
    expect(loseNextReplyCreate).toBe(false);
    expect((await listRecords(brand.did, 'app.bsky.feed.post')).filter((record) => record.uri === recovered.remoteId)).toHaveLength(1);

    // Lost, and the read-back fails too: 'ambiguous'; findReply finds it and the retry never posts twice.
    const input: ReplyInput = {
      replyId: randomUUID(),
      target: inboxTargetOf(reply as InboundItem),
      mode: 'public',
      text: 'Lo sentimos, ¿nos escribes por privado?',
    };
    loseNextReplyCreate = true;
    readBackFails = true;
    const lost = await networkRejection(inbox.reply(ctx, input));
    expect(lost.kind).toBe('ambiguous');
    const found = await inbox.findReply(ctx, input);
    expect(found?.remoteId).toBe(`at://${brand.did}/app.bsky.feed.post/${inboxReplyRecordKey(input.replyId)}`);
    const retried = await inbox.reply(ctx, input);
    expect(retried).toEqual(found);
    const ours = (await listRecords(brand.did, 'app.bsky.feed.post')).filter((record) => record.value.text === input.text);
    expect(ours).toHaveLength(1);
    expect(ours[0].value.reply).toMatchObject({ root: { uri: published.remoteId }, parent: { uri: bobReply.uri } });
    // A reply that was never sent is not found.
    expect(await inbox.findReply(ctx, { ...input, replyId: randomUUID() })).toBeNull();

    // Carol answers in the thread: the next read brings her reply and ours (fromUs), in the same conversation.
    await av.waitForIndex();
    const ourRef = { uri: retried.remoteId, cid: String(ours[0].cid) };
    await carolAgent.post({ text: 'A mí tampoco', reply: { root: ref, parent: ourRef } });
    const second = await readUntil(inbox, ctx, { cursor: again.cursor }, (items) => items.some((item) => item.text === 'A mí tampoco'));
    const carolReply = second.items.find((item) => item.text === 'A mí tampoco');
    expect(carolReply).toMatchObject({
      kind: 'reply',
      threadRemoteId: published.remoteId,
      inReplyToRemoteId: retried.remoteId,
      author: { id: carol.did },
    });
    expect(second.items.find((item) => item.remoteId === retried.remoteId)).toMatchObject({
      fromUs: true,
      threadRemoteId: published.remoteId,
    });
  });

  it('likes once, unlikes, mutes, blocks and deletes its own reply', async () => {
    const { adapter, inbox } = adapterWith();
    const ctx = channel();
    const published = await adapter.publish(ctx, publishInput('Nuevo menú de otoño'));
    await av.waitForIndex();
    const cid = (await bobAgent.app.bsky.feed.getPosts({ uris: [published.remoteId] })).data.posts[0].cid;
    const ref = { uri: published.remoteId, cid };
    const bobReply = await bobAgent.post({ text: '¡Qué buena pinta!', reply: { root: ref, parent: ref } });
    const { items } = await readUntil(inbox, ctx, { cursor: null, since: new Date(Date.now() - 60_000).toISOString() }, (read) =>
      read.some((item) => item.remoteId === bobReply.uri),
    );
    const target = inboxTargetOf(items.find((item) => item.remoteId === bobReply.uri) as InboundItem);

    await inbox.act(ctx, 'like', target);
    await inbox.act(ctx, 'like', target);
    await av.waitForIndex();
    const likes = (await listRecords(brand.did, 'app.bsky.feed.like')).filter(
      (record) => (record.value.subject as { uri: string }).uri === bobReply.uri,
    );
    expect(likes).toHaveLength(1);
    expect((await bobAgent.app.bsky.feed.getLikes({ uri: bobReply.uri })).data.likes.map((like) => like.actor.did)).toEqual([brand.did]);

    await inbox.act(ctx, 'unlike', target);
    expect(
      (await listRecords(brand.did, 'app.bsky.feed.like')).filter(
        (record) => (record.value.subject as { uri: string }).uri === bobReply.uri,
      ),
    ).toEqual([]);

    await inbox.act(ctx, 'mute', target);
    const brandAgent = await login(brand);
    expect((await brandAgent.app.bsky.actor.getProfile({ actor: bob.did })).data.viewer?.muted).toBe(true);

    // Deleting someone else's reply is refused; our own reply is deleted.
    expect((await networkRejection(inbox.act(ctx, 'delete', target))).code).toBe('not_owner');
    const sent = await inbox.reply(ctx, { replyId: randomUUID(), target, mode: 'public', text: 'Gracias' });
    await inbox.act(ctx, 'delete', { ...target, remoteId: sent.remoteId, authorId: brand.did, authorHandle: brand.handle });
    expect((await listRecords(brand.did, 'app.bsky.feed.post')).some((record) => record.uri === sent.remoteId)).toBe(false);

    // Blocked last: the AppView hides a blocked account's posts from us.
    await inbox.act(ctx, 'block', target);
    await inbox.act(ctx, 'block', target);
    const blocks = (await listRecords(brand.did, 'app.bsky.graph.block')).filter((record) => record.value.subject === bob.did);
    expect(blocks).toHaveLength(1);

    // What Bluesky does not offer, and replies to what no longer exists.
    expect((await networkRejection(inbox.act(ctx, 'hide', target))).code).toBe('action_not_supported');
    expect((await networkRejection(inbox.reply(ctx, { replyId: randomUUID(), target, mode: 'private', text: 'x' }))).code).toBe(
      'action_not_supported',
    );
    const gone = { ...target, remoteId: `at://${bob.did}/app.bsky.feed.post/3kzzzzzzzzzz2` };
    expect((await networkRejection(inbox.reply(ctx, { replyId: randomUUID(), target: gone, mode: 'public', text: 'Hola' }))).code).toBe(
      'not_found',
    );
    expect((await networkRejection(inbox.reply(ctx, { replyId: randomUUID(), target, mode: 'public', text: 'a'.repeat(301) }))).code).toBe(
      'invalid_content',
    );
  });
});

describe('Bluesky direct messages (chat.bsky.convo.* through the PDS proxy)', () => {
  it('says an app password without DM access cannot read or send them, and still reads notifications', async () => {
    const { inbox } = adapterWith();
    const ctx = channel();
    const page = await inbox.fetchInbound(ctx, { cursor: null, since: new Date(Date.now() - 60_000).toISOString() });
    expect(page.unavailable).toEqual([{ kinds: ['direct_message'], code: 'dm_access_required' }]);
    const target: InboxTarget = { remoteId: 'x', kind: 'mention', threadRemoteId: 'x', authorId: bob.did, authorHandle: bob.handle };
    const error = await networkRejection(inbox.reply(ctx, { replyId: randomUUID(), target, mode: 'direct_message', text: 'Hola' }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'dm_access_required' });
  });

  it('reads conversations with a cursor and answers once, with an app password allowed to use DMs', async () => {
    const brandAgent = await login(brand);
    const privileged = (
      await brandAgent.com.atproto.server.createAppPassword({ name: `plaza-dm-${randomUUID().slice(0, 8)}`, privileged: true })
    ).data.password;
    const { inbox } = adapterWith();
    const ctx = channel(privileged);
    const bobChat = bobAgent.withProxy('bsky_chat', chat.did);
    const { data: convoData } = await bobChat.chat.bsky.convo.getConvoForMembers({ members: [brand.did] });
    const convoId = convoData.convo.id;
    await bobChat.chat.bsky.convo.sendMessage({ convoId, message: { text: 'Hola, ¿tenéis talla M?' } });

    const first = await inbox.fetchInbound(ctx, { cursor: null, since: new Date(Date.now() - 60_000).toISOString() });
    expect(first.unavailable).toBeUndefined();
    const dm = first.items.find((item) => item.kind === 'direct_message');
    expect(dm).toMatchObject({
      kind: 'direct_message',
      threadRemoteId: convoId,
      text: 'Hola, ¿tenéis talla M?',
      author: { id: bob.did, handle: bob.handle },
      url: null,
    });
    expect(chat.calls.filter((call) => call.iss === brand.did).map((call) => call.nsid)).toContain('chat.bsky.convo.listConvos');

    const input: ReplyInput = {
      replyId: randomUUID(),
      target: inboxTargetOf(dm as InboundItem),
      mode: 'direct_message',
      text: 'Sí, te la guardamos',
    };
    const sent = await inbox.reply(ctx, input);
    // Retried after an unknown outcome: the message already there is returned, none is added.
    expect(await inbox.reply(ctx, input)).toEqual(sent);
    expect(await inbox.findReply(ctx, input)).toEqual(sent);
    expect(chat.messagesOf(convoId).map((message) => message.text)).toEqual(['Hola, ¿tenéis talla M?', 'Sí, te la guardamos']);

    await bobChat.chat.bsky.convo.sendMessage({ convoId, message: { text: 'Genial, gracias' } });
    const next = await inbox.fetchInbound(ctx, { cursor: first.cursor });
    const fresh = next.items.filter(
      (item) => item.kind === 'direct_message' && !first.items.some((seen) => seen.remoteId === item.remoteId),
    );
    expect(fresh.map((item) => [item.text, item.fromUs ?? false])).toEqual([
      ['Sí, te la guardamos', true],
      ['Genial, gracias', false],
    ]);
  });
});
