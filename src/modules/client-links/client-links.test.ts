/**
 * Client approval links over the real API on both databases: a manager makes a link for a period, the
 * client (no account) sees only that period's posts of that workspace with each channel's text and media,
 * approves or rejects with a comment (recorded as the client), and the link stops at its expiry or revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestApp, ManualClock, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';
import { storeMedia } from '../media/commands.ts';

describe.each(DB_KINDS)('client approval links on %s', (kind) => {
  let t: TestApp;
  let s: Scenario;
  let other: Scenario;
  const clock = new ManualClock(Date.now());
  // Madrid: 2030-03-31 is the spring-forward day; the period's days are the brand's days.
  const inPeriod = '2030-03-31T09:00:00+02:00';
  const beforePeriod = '2030-03-29T23:30:00+01:00';
  let inside: string;
  let outside: string;
  let mediaId: string;
  let otherMediaId: string;

  const anonymous = (method: 'GET' | 'POST', url: string, body?: object) =>
    t.app.inject({ method, url, ...(body !== undefined && { payload: body }) });
  const tokenOf = (url: string) => new URL(url).hash.replace('#token=', '');

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    s = await given(t)
      .workspace({ name: 'Panadería Sol', timeZone: 'Europe/Madrid' })
      .sandboxChannel({ name: 'Sol en Sandbox' })
      .member('editor');
    other = await given(t).workspace({ name: 'Otra marca' }).sandboxChannel().scheduledPost({ content: 'De otra marca', at: inPeriod });
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#e8a33d' } })
      .png()
      .toBuffer();
    const otherPng = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#3d7be8' } })
      .png()
      .toBuffer();
    mediaId = (await storeMedia(t.ctx, { workspaceId: s.workspaceId, actorUserId: s.owner.userId, bytes: png })).id;
    otherMediaId = (await storeMedia(t.ctx, { workspaceId: s.workspaceId, actorUserId: s.owner.userId, bytes: otherPng })).id;
    const post = async (content: string, at: string, media: string) => {
      const res = await s.api('POST', '/posts', {
        content,
        media: [{ mediaId: media, alt: 'Pan' }],
        channels: [{ channelId: s.channelId, text: `${content} (sandbox)` }],
        scheduledAt: at,
        action: 'schedule',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    inside = await post('Croissants de domingo', inPeriod, mediaId);
    outside = await post('Viernes de pan', beforePeriod, otherMediaId);
  });
  afterAll(async () => t?.close());

  async function createLink(body: Record<string, unknown> = {}) {
    const res = await s.api('POST', '/client-links', {
      clientName: 'Lucía (cliente)',
      language: 'es',
      firstDay: '2030-03-30',
      lastDay: '2030-04-05',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; url: string; status: string };
  }

  it('needs a signed-in manager: 401 signed out, 403 for an editor, 404 for another workspace', async () => {
    const body = { clientName: 'X', firstDay: '2030-03-30', lastDay: '2030-04-05' };
    expect((await anonymous('POST', `/api/v1/workspaces/${s.workspaceId}/client-links`, body)).statusCode).toBe(401);
    expect((await s.member('editor').request('POST', `/api/v1/workspaces/${s.workspaceId}/client-links`, body)).statusCode).toBe(403);
    expect((await other.owner.request('GET', `/api/v1/workspaces/${s.workspaceId}/client-links`)).statusCode).toBe(404);
    const link = await createLink();
    expect((await other.owner.request('DELETE', `/api/v1/workspaces/${other.workspaceId}/client-links/${link.id}`)).statusCode).toBe(404);
    expect((await other.owner.request('GET', `/api/v1/workspaces/${other.workspaceId}/client-links/${link.id}`)).statusCode).toBe(404);
  });

  it('refuses a backwards or too long period with a code, creating nothing', async () => {
    const before = (await s.api('GET', '/client-links')).json().items.length;
    const backwards = await s.api('POST', '/client-links', { clientName: 'X', firstDay: '2030-04-05', lastDay: '2030-03-30' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('client_link_period_invalid');
    const long = await s.api('POST', '/client-links', { clientName: 'X', firstDay: '2030-01-01', lastDay: '2030-12-31' });
    expect(long.json().error.code).toBe('client_link_period_invalid');
    expect((await s.api('GET', '/client-links')).json().items.length).toBe(before);
  });

  it('shows the client only the posts of its period in its workspace, with each channel’s text and media', async () => {
    const link = await createLink();
    expect(link.url).toMatch(/\/client#token=[A-Za-z0-9_-]{40,}$/);
    const stored = await t.ctx.database.db
      .selectFrom('client_links')
      .select('token_hash')
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(tokenOf(link.url));
    const res = await anonymous('POST', '/api/v1/client-review/open', { token: tokenOf(link.url) });
    expect(res.statusCode, res.body).toBe(200);
    const review = res.json();
    expect(review).toMatchObject({
      workspaceName: 'Panadería Sol',
      clientName: 'Lucía (cliente)',
      language: 'es',
      timeZone: 'Europe/Madrid',
    });
    expect(review.posts.map((p: { id: string }) => p.id)).toEqual([inside]);
    const channel = review.posts[0].channels[0];
    expect(channel).toMatchObject({ network: 'sandbox', channelName: 'Sol en Sandbox', text: 'Croissants de domingo (sandbox)' });
    expect(JSON.stringify(review)).not.toContain('De otra marca');
    expect(JSON.stringify(review)).not.toContain('sandbox-token');
    const image = await anonymous('GET', channel.media[0].url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    // The signature names one link and one file: another file, or a forged signature, opens nothing.
    expect((await anonymous('GET', channel.media[0].url.replace(mediaId, otherMediaId))).statusCode).toBe(404);
    expect((await anonymous('GET', channel.media[0].url.replace(/sig=.*/, 'sig=forged'))).statusCode).toBe(404);
  });

  it('records the client’s approval and rejection (with comment) in the post history and the audit log, as the client', async () => {
    const link = await createLink();
    const token = tokenOf(link.url);
    const noComment = await anonymous('POST', '/api/v1/client-review/decide', { token, postId: inside, decision: 'rejected' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.code).toBe('reject_comment_required');
    const outOfPeriod = await anonymous('POST', '/api/v1/client-review/decide', { token, postId: outside, decision: 'approved' });
    expect(outOfPeriod.statusCode).toBe(404);
    const otherWorkspace = await anonymous('POST', '/api/v1/client-review/decide', { token, postId: other.postId, decision: 'approved' });
    expect(otherWorkspace.statusCode).toBe(404);

    const rejected = await anonymous('POST', '/api/v1/client-review/decide', {
      token,
      postId: inside,
      decision: 'rejected',
      comment: 'Mejor con la foto del escaparate',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const approved = await anonymous('POST', '/api/v1/client-review/decide', {
      token,
      postId: inside,
      decision: 'approved',
      comment: 'Ahora sí',
    });
    expect(approved.json()).toMatchObject({ decision: 'approved', comment: 'Ahora sí' });

    const review = (await anonymous('POST', '/api/v1/client-review/open', { token })).json();
    expect(review.posts[0].decision).toMatchObject({ decision: 'approved', comment: 'Ahora sí' });
    const audit = (await s.api('GET', '/events?type=client_link.rejected')).json().items;
    expect(audit[0]).toMatchObject({
      subjectType: 'post',
      subjectId: inside,
      actorUserId: null,
      data: { clientName: 'Lucía (cliente)', clientLinkId: link.id, comment: 'Mejor con la foto del escaparate' },
    });
    const history = (await s.api('GET', `/posts/${inside}`)).json();
    expect(JSON.stringify(history)).toContain('client_link.approved');
    const detail = (await s.api('GET', `/client-links/${link.id}`)).json();
    expect(detail.decisions).toEqual([expect.objectContaining({ postId: inside, decision: 'approved', comment: 'Ahora sí' })]);
    const listed = (await s.api('GET', '/client-links')).json().items.find((l: { id: string }) => l.id === link.id);
    expect(listed).toMatchObject({ status: 'active', approved: 1, rejected: 0 });
  });

  it('a revoked link opens nothing at once: 410 client_link_revoked, media included', async () => {
    const link = await createLink();
    const token = tokenOf(link.url);
    const mediaUrl = (await anonymous('POST', '/api/v1/client-review/open', { token })).json().posts[0].channels[0].media[0].url;
    expect((await s.api('DELETE', `/client-links/${link.id}`)).statusCode).toBe(204);
    const open = await anonymous('POST', '/api/v1/client-review/open', { token });
    expect(open.statusCode).toBe(410);
    expect(open.json().error).toMatchObject({ code: 'client_link_revoked', details: { language: 'es' } });
    const decide = await anonymous('POST', '/api/v1/client-review/decide', { token, postId: inside, decision: 'approved' });
    expect(decide.json().error.code).toBe('client_link_revoked');
    expect((await anonymous('GET', mediaUrl)).statusCode).toBe(404);
    expect((await s.api('GET', '/client-links')).json().items.find((l: { id: string }) => l.id === link.id).status).toBe('revoked');
    expect((await s.api('GET', '/events?type=client_link.revoked')).json().items.length).toBe(1);
  });

  it('an expired link answers 410 client_link_expired; an unknown token 404 client_link_invalid', async () => {
    const link = await createLink({ validDays: 1, language: 'en' });
    const token = tokenOf(link.url);
    expect((await anonymous('POST', '/api/v1/client-review/open', { token })).statusCode).toBe(200);
    clock.advance(86_400_000 + 1_000);
    const expired = await anonymous('POST', '/api/v1/client-review/open', { token });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error).toMatchObject({ code: 'client_link_expired', details: { language: 'en' } });
    const unknown = await anonymous('POST', '/api/v1/client-review/open', { token: 'x'.repeat(43) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('client_link_invalid');
  });

  it('limits how often one address may try tokens on the public routes (429 once over the limit)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push((await anonymous('POST', '/api/v1/client-review/open', { token: `guess-${i}`.padEnd(43, 'x') })).statusCode);
    expect(statuses.filter((status) => status === 404).length).toBeLessThanOrEqual(60);
    expect(statuses.at(-1)).toBe(429);
  });
});
