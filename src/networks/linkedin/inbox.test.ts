/**
 * The LinkedIn inbox against the local LinkedIn server (testing/server.ts): comments and nested
 * comments on a page's posts read with the 30-day backfill and a durable cursor (the same items
 * again from an older cursor, never new ids), a profile without r_member_social told apart, replies
 * as the page sent once (a lost answer reconciled by reading the comments, never sent blindly; the
 * same saved text twice is two replies), a deleted comment, like / unlike / delete of our own reply,
 * an expired token refreshed, and LinkedIn's throttling.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundItem, ReplyInput } from '../inbox.ts';
import { inboxTargetOf, networkRejection } from '../testing/inbox.ts';
import type { ChannelContext, PublishInput } from '../types.ts';
import { createLinkedInAdapter } from './adapter.ts';
import { MEMBER_COMMENTS_RESTRICTED } from './inbox.ts';
import { createLinkedInOAuthProvider } from './oauth.ts';
import { FakeLinkedInServer } from './testing/server.ts';

const server = new FakeLinkedInServer();
const adapter = createLinkedInAdapter({ now: () => server.clock, sleep: async () => {}, requestTimeoutMs: 2_000 });
const inbox = adapter.inbox!;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let counter = 0;

const channel = (kind: 'organization' | 'person' = 'organization', token = server.token, extra: Partial<ChannelContext> = {}) =>
  ({
    channelId: `li-inbox-${kind}`,
    settings: { authorUrn: kind === 'organization' ? server.organizationUrn : server.personUrn, kind },
    credentials: { accessToken: token },
    origin: server.baseUrl,
    allowPrivateUrls: true,
    now: () => server.clock,
    ...extra,
  }) satisfies ChannelContext;

const post = (text: string): PublishInput => ({
  publicationId: `pub-${++counter}`,
  text,
  media: [],
  firstAttemptAt: new Date(server.clock).toISOString(),
});

const since = (ago = HOUR) => new Date(server.clock - ago).toISOString();
const byId = (items: InboundItem[], id: string) => items.find((i) => i.remoteId === id)!;

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.reset());

describe('LinkedIn inbox: reading', () => {
  it('reads comments and nested comments on the page’s posts as one conversation per post, then only what is new', async () => {
    expect(inbox.capabilities).toEqual({
      kinds: ['comment', 'reply'],
      actions: ['reply', 'like', 'unlike', 'delete'],
      maxReplyChars: 1_250,
    });
    const ours = await adapter.publish(channel(), post('Nuevo menú de otoño'));
    server.clock += 60_000;
    const question = server.addComment(ours.remoteId, 'urn:li:person:ana1', 'Pues a mí no me funcionó <script>x</script>');
    const answer = server.addComment(ours.remoteId, 'urn:li:person:luis2', 'A mí sí', question.urn);
    const ownAnswer = server.addComment(ours.remoteId, server.organizationUrn, 'Lo sentimos, Ana', question.urn);
    // A post of the page made on LinkedIn itself (not by Plaza): read as well.
    const native = await adapter.publish(channel(), post('Publicado desde LinkedIn'));
    const other = server.addComment(native.remoteId, 'urn:li:organization:2002', '¡Enhorabuena!');

    const first = await inbox.fetchInbound(channel(), { cursor: null, since: since() });
    expect(first.items.map((i) => i.remoteId)).toEqual([question.urn, answer.urn, ownAnswer.urn, other.urn]);
    expect(byId(first.items, question.urn)).toEqual({
      remoteId: question.urn,
      kind: 'comment',
      threadRemoteId: ours.remoteId,
      postRemoteId: ours.remoteId,
      inReplyToRemoteId: ours.remoteId,
      author: { id: 'urn:li:person:ana1', handle: 'urn:li:person:ana1' },
      text: 'Pues a mí no me funcionó <script>x</script>',
      url: `https://www.linkedin.com/feed/update/${ours.remoteId}/?commentUrn=${encodeURIComponent(question.urn)}`,
      createdAt: new Date(question.createdAt).toISOString(),
    });
    expect(byId(first.items, answer.urn)).toMatchObject({ kind: 'reply', inReplyToRemoteId: question.urn, threadRemoteId: ours.remoteId });
    expect(byId(first.items, ownAnswer.urn).fromUs).toBe(true);
    expect(byId(first.items, other.urn).threadRemoteId).toBe(native.remoteId);
    expect(first.hasMore).toBe(false);
    expect(first.unavailable).toBeUndefined();
    // Every URL carried a LinkedIn-Version header, and URNs were encoded (the server refuses bare ones).
    expect(server.requests.every((r) => !r.path.startsWith('/api.linkedin.com/rest/') || r.headers['linkedin-version'])).toBe(true);

    // Nothing new: nothing read again. A new nested comment under the old comment: only it.
    const quiet = await inbox.fetchInbound(channel(), { cursor: first.cursor });
    expect(quiet.items).toEqual([]);
    const later = server.addComment(ours.remoteId, 'urn:li:person:ana1', 'Ahora sí, gracias', question.urn);
    const next = await inbox.fetchInbound(channel(), { cursor: quiet.cursor });
    expect(next.items.map((i) => i.remoteId)).toEqual([later.urn]);
    // Redelivery (an older cursor read again, e.g. a worker died before saving it): the same ids, so the inbox stores them once.
    const again = await inbox.fetchInbound(channel(), { cursor: first.cursor });
    expect(again.items.map((i) => i.remoteId)).toEqual([later.urn]);
    expect(again.items[0]).toEqual(next.items[0]);
  });

  it('backfills the last 30 days on the first read (and not what is older), paging through long threads', async () => {
    const old = await adapter.publish(channel(), post('Hace mucho'));
    server.addComment(old.remoteId, 'urn:li:person:viejo', 'Comentario antiguo');
    server.clock += 40 * DAY;
    const recent = await adapter.publish(channel(), post('Esta semana'));
    const comments = Array.from({ length: 130 }, (_, i) => server.addComment(recent.remoteId, `urn:li:person:p${i}`, `Comentario ${i}`));
    const nested = Array.from({ length: 120 }, (_, i) =>
      server.addComment(recent.remoteId, `urn:li:person:q${i}`, `Respuesta ${i}`, comments[0]!.urn),
    );
    const page = await inbox.fetchInbound(channel(), { cursor: null });
    expect(page.items).toHaveLength(250);
    expect(new Set(page.items.map((i) => i.remoteId)).size).toBe(250);
    expect(page.items.map((i) => i.remoteId)).toContain(nested.at(-1)!.urn);
    expect(page.items.some((i) => i.text === 'Comentario antiguo')).toBe(false);
    // Oldest first.
    expect(page.items.map((i) => i.createdAt)).toEqual([...page.items.map((i) => i.createdAt)].sort());
  });

  it('a profile without r_member_social says comments are unavailable; with it, reads the posts Plaza published there', async () => {
    const published = await adapter.publish(channel('person'), post('Mi primer post'));
    const comment = server.addComment(published.remoteId, 'urn:li:person:eva3', '¡Bravo!');
    const plain = await inbox.fetchInbound(channel('person'), { cursor: null, since: since() });
    expect(plain.items).toEqual([]);
    expect(plain.unavailable).toEqual([{ kinds: ['comment', 'reply'], code: MEMBER_COMMENTS_RESTRICTED }]);

    const partner = server.issueToken(['openid', 'profile', 'w_member_social', 'r_member_social']);
    const publishedOnChannel = async () => [
      { publicationId: 'p', remoteId: published.remoteId, publishedAt: new Date(server.clock).toISOString() },
    ];
    const read = await inbox.fetchInbound(channel('person', partner, { publishedOnChannel }), { cursor: null, since: since() });
    expect(read.items.map((i) => i.remoteId)).toEqual([comment.urn]);
    expect(read.unavailable).toBeUndefined();
  });

  it('an expired token is token_expired; after a refresh the read goes on from the cursor. A 429 says how long to wait', async () => {
    const provider = createLinkedInOAuthProvider({ now: () => server.clock });
    const oauthCtx = { origin: server.baseUrl, allowPrivateUrls: true };
    const signedIn = await provider.exchangeCode(server.issueCode(), server.app.redirectUri, server.app, oauthCtx);
    const published = await adapter.publish(channel(), post('Tokens'));
    const first = await inbox.fetchInbound(channel('organization', signedIn.accessToken), { cursor: null, since: since() });
    const comment = server.addComment(published.remoteId, 'urn:li:person:rosa', '¿Abrís en agosto?');
    server.expireToken(signedIn.accessToken);
    const expired = await networkRejection(inbox.fetchInbound(channel('organization', signedIn.accessToken), { cursor: first.cursor }));
    expect(expired).toMatchObject({ kind: 'auth', code: 'token_expired' });
    const renewed = await provider.refresh!(signedIn, server.app, oauthCtx);
    const read = await inbox.fetchInbound(channel('organization', renewed.accessToken), { cursor: first.cursor });
    expect(read.items.map((i) => i.remoteId)).toEqual([comment.urn]);

    server.fail({
      method: 'GET',
      path: /\/comments$/,
      status: 429,
      body: { status: 429, message: 'Too many requests' },
      headers: { 'retry-after': '30' },
    });
    const throttled = await networkRejection(inbox.fetchInbound(channel('organization', renewed.accessToken), { cursor: read.cursor }));
    expect(throttled).toMatchObject({ kind: 'rate_limited', code: 'rate_limited' });
    expect(throttled.details.retryAfterMs).toBe(30_000);
  });
});

describe('LinkedIn inbox: answering', () => {
  async function commented() {
    const published = await adapter.publish(channel(), post(`Post ${++counter}`));
    const question = server.addComment(published.remoteId, 'urn:li:person:pablo', '¿Hay opción vegana?');
    const followUp = server.addComment(published.remoteId, 'urn:li:person:irene', '¿Y sin gluten?', question.urn);
    const page = await inbox.fetchInbound(channel(), { cursor: null, since: since() });
    return { published, question, followUp, page };
  }

  it('answers as the page exactly once, even when the answer is lost; a reply to a nested comment goes under its comment', async () => {
    const { question, followUp, page } = await commented();
    const target = inboxTargetOf(byId(page.items, question.urn));
    const input: ReplyInput = { replyId: 'r-1', target, mode: 'public', text: 'Sí, tres platos veganos 🌱', queuedAt: since(60_000) };
    expect(await inbox.findReply(channel(), input)).toBeNull();
    server.loseNextAnswer('POST', /\/socialActions\/.+\/comments$/);
    const lost = await networkRejection(inbox.reply(channel(), input));
    expect(lost.kind).toBe('ambiguous');
    // LinkedIn has it: the lookup finds it, and a retry returns it instead of commenting again.
    const found = await inbox.findReply(channel(), input);
    expect(found?.remoteId).toMatch(/^urn:li:comment:\(/);
    expect(await inbox.reply(channel(), input)).toEqual(found);
    expect(server.commentsWithText(input.text)).toBe(1);
    expect(server.comment(found!.remoteId)).toMatchObject({ actor: server.organizationUrn, parentComment: question.urn });

    // Answering the nested comment: LinkedIn nests one level, so it goes under the first-level comment.
    const nestedInput: ReplyInput = {
      replyId: 'r-2',
      target: inboxTargetOf(byId(page.items, followUp.urn)),
      mode: 'public',
      text: 'También',
    };
    const nested = await inbox.reply(channel(), nestedInput);
    expect(server.comment(nested.remoteId)).toMatchObject({ parentComment: question.urn, text: 'También' });
    // Without the stored parent, the adapter finds it on LinkedIn.
    const { inReplyToRemoteId: _parent, ...bare } = nestedInput.target;
    expect(await inbox.findReply(channel(), { ...nestedInput, target: bare })).toEqual(nested);

    // The same saved reply sent again to the same comment is a second reply, not the first one found again.
    const repeat: ReplyInput = { ...input, replyId: 'r-3', queuedAt: new Date(server.clock).toISOString() };
    const repliesOnChannel = async () => [{ replyId: 'r-1', remoteId: found!.remoteId, sentAt: new Date(server.clock).toISOString() }];
    const second = await inbox.reply(channel('organization', server.token, { repliesOnChannel }), repeat);
    expect(second.remoteId).not.toBe(found!.remoteId);
    expect(server.commentsWithText(input.text)).toBe(2);

    expect((await networkRejection(inbox.reply(channel(), { ...input, replyId: 'r-4', mode: 'private' }))).code).toBe(
      'action_not_supported',
    );
    expect((await networkRejection(inbox.reply(channel(), { ...input, replyId: 'r-5', text: '  ' }))).code).toBe('invalid_content');
  });

  it('refuses a reply to a deleted comment with not_found, sending nothing', async () => {
    const { question, page } = await commented();
    server.deleteCommentNow(question.urn);
    const input: ReplyInput = { replyId: 'r-gone', target: inboxTargetOf(byId(page.items, question.urn)), mode: 'public', text: 'Hola' };
    expect(await networkRejection(inbox.reply(channel(), input))).toMatchObject({ kind: 'permanent', code: 'not_found' });
    expect(server.commentsWithText('Hola')).toBe(0);
  });

  it('likes and unlikes as the page, deletes only its own comments, and has no hide, mute or block', async () => {
    const { question, page } = await commented();
    const target = inboxTargetOf(byId(page.items, question.urn));
    await inbox.act(channel(), 'like', target);
    await inbox.act(channel(), 'like', target); // liked already: fine
    expect([...server.comment(question.urn)!.likedBy]).toEqual([server.organizationUrn]);
    await inbox.act(channel(), 'unlike', target);
    await inbox.act(channel(), 'unlike', target);
    expect(server.comment(question.urn)!.likedBy.size).toBe(0);

    const sent = await inbox.reply(channel(), { replyId: 'r-del', target, mode: 'public', text: 'Lo borraremos' });
    const reread = await inbox.fetchInbound(channel(), { cursor: null, since: since() });
    const own = inboxTargetOf(byId(reread.items, sent.remoteId));
    expect(own).toMatchObject({ kind: 'reply', authorId: server.organizationUrn, inReplyToRemoteId: question.urn });
    await inbox.act(channel(), 'delete', own);
    expect(server.comment(sent.remoteId)!.deleted).toBe(true);
    await inbox.act(channel(), 'delete', own); // gone already: fine
    expect((await networkRejection(inbox.act(channel(), 'delete', target))).code).toBe('action_not_supported');
    expect(server.comment(question.urn)!.deleted).toBeFalsy();
    for (const action of ['hide', 'mute', 'block'] as const)
      expect((await networkRejection(inbox.act(channel(), action, target))).code).toBe('action_not_supported');
  });
});
