/**
 * A LinkedIn page channel's inbox through Plaza's own paths, against the local LinkedIn server: the
 * channel read by the inbox's sync (30-day backfill, then the cursor; the same comments read again
 * stored once), a reply queued from the API and sent by the reply engine exactly once although its
 * answer was lost, a teammate's second reply warned about, and a reply to a comment deleted on
 * LinkedIn failed with the translated inbox_item_deleted code; on a signed-in channel, an expired
 * access token (401, 65601) renewed with the refresh token by the sync and by the reply engine; a
 * profile channel without partner access shown with LinkedIn's reason on the inbox's channel list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLinkedInServer } from '../src/networks/linkedin/testing/server.ts';
import { createLinkedInOAuthProvider } from '../src/networks/linkedin/oauth.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { channelContext } from '../src/modules/channels/service.ts';
import { channelRepository } from '../src/modules/channels/repository.ts';
import { ingestInbound } from '../src/modules/inbox/commands.ts';
import { processDueReplies } from '../src/modules/inbox/replies.ts';
import { createCaller, createTestApp, type Caller, type TestApp } from './helpers/app.ts';

const li = new FakeLinkedInServer();
// The adapter reads "the last 30 days" on the real clock: the server and Plaza run on it too.
li.clock = Date.now();
const clock = new ManualClock(li.clock);
let t: TestApp;
let owner: Caller;
let workspaceId = '';
let channelId = '';
let base = '';

beforeAll(async () => {
  await li.start();
  t = await createTestApp('embedded', { clock });
  t.ctx.config.allowPrivateUrls = true;
  t.ctx.config.networkOrigins = { linkedin: li.baseUrl };
  owner = await createCaller(t, 'ana@cafe.test');
  const ws = await owner.request('POST', '/api/v1/workspaces', { name: 'Café', timeZone: 'Europe/Madrid', language: 'es' });
  workspaceId = ws.json().id;
  base = `/api/v1/workspaces/${workspaceId}/inbox`;
  const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
    network: 'linkedin',
    name: 'Café Aroma',
    fields: { accessToken: li.token, authorUrn: li.organizationUrn },
  });
  expect(created.statusCode, created.body).toBe(201);
  channelId = created.json().id;
}, 400_000);
afterAll(async () => {
  await t?.close();
  await li.stop();
});

describe('LinkedIn inbox through Plaza', () => {
  it('reads, answers once through a lost answer, and refuses a deleted comment with a translated code', async () => {
    const channel = (await channelRepository.find(t.ctx.database.db, workspaceId, channelId))!;
    const post = await t.ctx.networks
      .get('linkedin')
      .publish(channelContext(t.ctx, channel), { publicationId: 'p1', text: 'Nueva carta de otoño', media: [] });
    li.clock = clock.now();
    const question = li.addComment(post.remoteId, 'urn:li:person:lucia', 'Pues a mí no me funcionó');
    const spam = li.addComment(post.remoteId, 'urn:li:person:bot', 'Compra seguidores');
    li.addComment(post.remoteId, 'urn:li:person:mario', 'A mí tampoco', question.urn);

    const first = await owner.request('POST', `${base}/channels/${channelId}/sync`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 3, duplicates: 0, backfill: 'done' });
    expect((await owner.request('POST', `${base}/channels/${channelId}/sync`)).json()).toMatchObject({ created: 0 });
    // The same comments read again (from the start) are stored once.
    const page = await t.ctx.networks.get('linkedin').inbox!.fetchInbound(channelContext(t.ctx, channel), {
      cursor: null,
      since: new Date(clock.now() - 3_600_000).toISOString(),
    });
    expect(await ingestInbound(t.ctx, channel, page.items, 'poll')).toEqual({ created: 0, duplicates: 3 });

    const conversations = (await owner.request('GET', `${base}/conversations`)).json().items as Array<{ id: string }>;
    expect(conversations).toHaveLength(1);
    const conversationId = conversations[0]!.id;
    const detail = (await owner.request('GET', `${base}/conversations/${conversationId}`)).json();
    expect(detail.capabilities.actions).toEqual(['reply', 'like', 'unlike', 'delete']);
    const itemOf = (urn: string) => (detail.items as Array<{ id: string; remoteId: string }>).find((i) => i.remoteId === urn)!.id;

    // Answered from the inbox; the answer to the request is lost after LinkedIn stored the comment.
    const text = 'Lo sentimos, Lucía: te escribimos ahora';
    const queued = await owner.request('POST', `${base}/conversations/${conversationId}/replies`, { text, itemId: itemOf(question.urn) });
    expect(queued.statusCode, queued.body).toBe(202);
    li.loseNextAnswer('POST', /\/socialActions\/.+\/comments$/);
    expect(await processDueReplies(t.ctx, { owner: 'w1' })).toMatchObject({ retry: 1 });
    expect(li.commentsWithText(text)).toBe(1);
    clock.advance(120_000);
    li.clock = clock.now();
    expect(await processDueReplies(t.ctx, { owner: 'w2' })).toMatchObject({ sent: 1 });
    expect(li.commentsWithText(text)).toBe(1);
    const sent = (await owner.request('GET', `${base}/conversations/${conversationId}`)).json().replies[0];
    expect(sent).toMatchObject({ state: 'sent', remoteId: expect.stringMatching(/^urn:li:comment:/) });
    expect(li.comment(sent.remoteId)).toMatchObject({ actor: li.organizationUrn, parentComment: question.urn });

    // A teammate answering the same comment is told it was answered already.
    const second = await owner.request('POST', `${base}/conversations/${conversationId}/replies`, {
      text: 'Otra respuesta',
      itemId: itemOf(question.urn),
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('inbox_already_answered');

    // Deleted on LinkedIn before the reply went out: failed with a code the web app words in es and en.
    li.deleteCommentNow(spam.urn);
    const doomed = await owner.request('POST', `${base}/conversations/${conversationId}/replies`, {
      text: 'No lo verás',
      itemId: itemOf(spam.urn),
      force: true,
    });
    expect(doomed.statusCode, doomed.body).toBe(202);
    expect(await processDueReplies(t.ctx, { owner: 'w3' })).toMatchObject({ failed: 1 });
    const failed = (await owner.request('GET', `${base}/conversations/${conversationId}`))
      .json()
      .replies.find((r: { id: string }) => r.id === doomed.json().id);
    expect(failed).toMatchObject({ state: 'failed', errorCode: 'inbox_item_deleted', text: 'No lo verás' });
    expect(li.commentsWithText('No lo verás')).toBe(0);
  }, 120_000);

  it('says beside a profile channel that LinkedIn keeps its comments from the inbox (no partner access)', async () => {
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      network: 'linkedin',
      name: 'Ana en LinkedIn',
      fields: { accessToken: li.token, authorUrn: li.personUrn },
    });
    expect(created.statusCode, created.body).toBe(201);
    const profileId = created.json().id;
    const synced = await owner.request('POST', `${base}/channels/${profileId}/sync`);
    expect(synced.statusCode, synced.body).toBe(200);
    const channels = (await owner.request('GET', `${base}/channels`)).json().items as Array<{
      channelId: string;
      unavailableCode: string | null;
    }>;
    expect(channels.find((c) => c.channelId === profileId)?.unavailableCode).toBe('linkedin_member_comments_restricted');
    expect(channels.find((c) => c.channelId === channelId)?.unavailableCode).toBeNull();
    await owner.request('DELETE', `/api/v1/workspaces/${workspaceId}/channels/${profileId}`);
  }, 120_000);

  it('renews an expired access token with the refresh token when reading and when answering', async () => {
    t.ctx.config.networkApps = { ...t.ctx.config.networkApps, linkedin: { clientId: li.app.clientId, clientSecret: li.app.clientSecret } };
    const provider = createLinkedInOAuthProvider();
    const tokens = await provider.exchangeCode(li.issueCode(), li.app.redirectUri, li.app, { origin: li.baseUrl, allowPrivateUrls: true });
    const created = await owner.request('POST', `/api/v1/workspaces/${workspaceId}/channels`, {
      network: 'linkedin',
      name: 'Café Aroma (sign-in)',
      fields: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, authorUrn: li.organizationUrn },
    });
    expect(created.statusCode, created.body).toBe(201);
    const signedIn = created.json().id as string;
    const row = (await channelRepository.find(t.ctx.database.db, workspaceId, signedIn))!;
    const post = await t.ctx.networks
      .get('linkedin')
      .publish(channelContext(t.ctx, row), { publicationId: 'p2', text: 'Horario de verano', media: [] });
    li.clock = clock.now();
    const question = li.addComment(post.remoteId, 'urn:li:person:nora', '¿Abrís en agosto?');

    li.expireToken(tokens.accessToken);
    const read = await owner.request('POST', `${base}/channels/${signedIn}/sync`);
    expect(read.json()).toMatchObject({ backfill: 'done' });
    expect(read.json().created).toBeGreaterThan(0);
    expect(read.json().errorCode).toBeUndefined();
    const renewed = (await channelRepository.find(t.ctx.database.db, workspaceId, signedIn))!;
    expect(renewed.credentials_sealed).not.toBe(row.credentials_sealed);

    // Expired again before the reply goes out: renewed again, and the reply is sent once.
    li.expireToken(t.ctx.secrets.open<{ accessToken: string }>(renewed.credentials_sealed).accessToken);
    const conversation = (await owner.request('GET', `${base}/conversations?channelId=${signedIn}`)).json().items as Array<{
      id: string;
      threadRemoteId: string;
    }>;
    const mine = conversation.find((c) => c.threadRemoteId === post.remoteId)!;
    const detail = (await owner.request('GET', `${base}/conversations/${mine.id}`)).json();
    const itemId = (detail.items as Array<{ id: string; remoteId: string }>).find((i) => i.remoteId === question.urn)!.id;
    const text = 'Sí, todo agosto de 8 a 15';
    expect((await owner.request('POST', `${base}/conversations/${mine.id}/replies`, { text, itemId })).statusCode).toBe(202);
    expect(await processDueReplies(t.ctx, { owner: 'w4' })).toMatchObject({ sent: 1 });
    expect(li.commentsWithText(text)).toBe(1);
  }, 120_000);
});
