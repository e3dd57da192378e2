/**
 * The ideas board, snippets and hashtag suggestions over the real API, on both databases: a card
 * tied to strategy becomes a draft post in one step (once, even when two people try at once),
 * its column follows the post, comments, snippets and hashtag sets, and suggestions with their
 * evidence from measured publications and listening mentions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ManualClock, type TestApp } from '../../../test/helpers/app.ts';
import { DB_KINDS } from '../../../test/helpers/db.ts';
import { given, type Scenario } from '../../../test/helpers/given.ts';

describe.each(DB_KINDS)('ideas on %s', (kind) => {
  let t: TestApp;
  let s: Scenario;
  const clock = new ManualClock(Date.parse('2026-05-20T10:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp(kind, { clock });
    s = await given(t).workspace({ timeZone: 'Europe/Madrid' }).sandboxChannel().member('viewer').member('approver').stranger();
  });
  afterAll(async () => t?.close());

  const created = async (path: string, body: unknown) => {
    const res = await s.api('POST', path, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const board = async () => (await s.api('GET', '/ideas')).json() as { columns: string[]; items: Array<Record<string, unknown>> };

  it('keeps cards tied to pillars, campaigns and objectives; one becomes a draft post in one step, and only once', async () => {
    const pillar = await created('/pillars', { name: 'Recetas' });
    const campaign = await created('/campaigns', { name: 'Verano' });
    const idea = await created('/ideas', {
      title: 'Receta de gazpacho',
      notes: 'Con foto del mercado #gazpacho',
      pillarId: pillar.id,
      campaignId: campaign.id,
      channelIds: [s.channelId],
    });
    expect(idea).toMatchObject({ column: 'idea', postId: null, pillarId: pillar.id, campaignId: campaign.id, comments: 0 });
    const [a, b] = await Promise.all([s.api('POST', `/ideas/${idea.id}/post`, {}), s.api('POST', `/ideas/${idea.id}/post`, {})]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('idea_already_posted');
    const postId = (a.statusCode === 201 ? a : b).json().postId;
    const post = (await s.api('GET', `/posts/${postId}`)).json();
    expect(post).toMatchObject({
      state: 'draft',
      content: 'Receta de gazpacho\n\nCon foto del mercado #gazpacho',
      pillarId: pillar.id,
      campaignId: campaign.id,
    });
    expect((await s.api('GET', `/posts?state=draft`)).json().items.filter((p: { id: string }) => p.id === postId)).toHaveLength(1);
    const card = (await board()).items.find((c) => c.id === idea.id)!;
    expect(card).toMatchObject({ column: 'draft', postId, postState: 'draft' });
  });

  it('moves cards only through the first columns; the later ones follow the post’s own workflow', async () => {
    const idea = await created('/ideas', { title: 'Encuesta de sabores' });
    const noChannel = await s.api('POST', `/ideas/${idea.id}/move`, { column: 'draft' });
    expect(noChannel.statusCode).toBe(422);
    expect(noChannel.json().error.code).toBe('idea_needs_channels');
    expect((await board()).items.find((c) => c.id === idea.id)).toMatchObject({ column: 'idea', postId: null });
    const skip = await s.api('POST', `/ideas/${idea.id}/move`, { column: 'scheduled' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.code).toBe('idea_move_not_allowed');
    const toDraft = await s.api('POST', `/ideas/${idea.id}/move`, { column: 'draft', channelIds: [s.channelId] });
    expect(toDraft.statusCode, toDraft.body).toBe(200);
    expect(toDraft.json()).toMatchObject({ from: 'idea', to: 'draft' });
    const postId = toDraft.json().postId;
    // Back to "idea" would orphan the draft: refused.
    expect((await s.api('POST', `/ideas/${idea.id}/move`, { column: 'idea' })).statusCode).toBe(409);
    // The post's own workflow moves the card: approve and schedule it, it stands in "scheduled".
    await t.ctx.database.db.updateTable('workspaces').set({ approval_required: true }).where('id', '=', s.workspaceId).execute();
    const toReview = await s.api('POST', `/ideas/${idea.id}/move`, { column: 'in_review' });
    expect(toReview.json()).toMatchObject({ from: 'draft', to: 'in_review' });
    const approve = await s.member('approver').request('POST', `/api/v1/workspaces/${s.workspaceId}/posts/${postId}/approve`, {});
    expect(approve.statusCode, approve.body).toBeLessThan(300);
    expect((await board()).items.find((c) => c.id === idea.id)).toMatchObject({ column: 'scheduled', postState: 'approved' });
  });

  it('takes comments on a card; a viewer reads the board but cannot write, a stranger sees nothing', async () => {
    const idea = await created('/ideas', { title: 'Vídeo del obrador' });
    const comment = await created(`/ideas/${idea.id}/comments`, { body: '¿Lo grabamos el jueves?' });
    expect(comment).toMatchObject({ body: '¿Lo grabamos el jueves?', authorName: 'Olga Owner' });
    const detail = (await s.api('GET', `/ideas/${idea.id}`)).json();
    expect(detail.comments).toBe(1);
    expect(detail.commentList.map((c: { body: string }) => c.body)).toEqual(['¿Lo grabamos el jueves?']);
    const viewer = s.member('viewer');
    expect((await viewer.request('GET', `/api/v1/workspaces/${s.workspaceId}/ideas`)).statusCode).toBe(200);
    expect((await viewer.request('POST', `/api/v1/workspaces/${s.workspaceId}/ideas`, { title: 'x' })).statusCode).toBe(403);
    expect((await s.stranger.request('GET', `/api/v1/workspaces/${s.workspaceId}/ideas/${idea.id}`)).statusCode).toBe(404);
    const strangerWs = (await s.stranger.request('GET', '/api/v1/me')).json().workspaces[0].id;
    expect((await s.stranger.request('GET', `/api/v1/workspaces/${strangerWs}/ideas/${idea.id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${s.workspaceId}/ideas` })).statusCode).toBe(401);
    const foreign = await s.api('POST', '/ideas', { title: 'x', pillarId: '00000000-0000-4000-8000-000000000000' });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.code).toBe('unknown_reference');
    // A card's place: positions order the board.
    const later = await created('/ideas', { title: 'Después' });
    expect((await s.api('PATCH', `/ideas/${later.id}`, { position: idea.position - 0.5 })).statusCode).toBe(200);
    const order = (await board()).items.filter((c) => c.column === 'idea').map((c) => c.id);
    expect(order.indexOf(later.id)).toBe(order.indexOf(idea.id) - 1);
    expect((await s.api('DELETE', `/ideas/${idea.id}`)).statusCode).toBe(204);
    expect((await s.api('GET', `/ideas/${idea.id}`)).statusCode).toBe(404);
  });

  it('saves snippets and hashtag sets, normalizing tags and refusing what is not one', async () => {
    const set = await created('/snippets', { kind: 'hashtags', name: 'Verano', body: 'gazpacho, #Verano2026 #gazpacho  tapas' });
    expect(set.hashtags).toEqual(['#gazpacho', '#Verano2026', '#tapas']);
    const bad = await s.api('POST', '/snippets', { kind: 'hashtags', name: 'Malo', body: '#ok no-vale' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'snippet_invalid_hashtag', details: { invalid: ['no-vale'] } });
    const again = await s.api('POST', '/snippets', { kind: 'hashtags', name: 'Verano', body: '#x' });
    expect(again.json().error.code).toBe('snippet_name_taken');
    const text = await created('/snippets', { kind: 'text', name: 'Firma', body: '— El equipo de Plaza' });
    expect((await s.api('PATCH', `/snippets/${text.id}`, { body: '— Equipo Plaza' })).json().body).toBe('— Equipo Plaza');
    const list = (await s.api('GET', '/snippets')).json().items.map((i: { name: string }) => i.name);
    expect(list).toEqual(['Verano', 'Firma']);
    expect((await s.api('GET', '/snippets?kind=text')).json().items).toHaveLength(1);
    expect((await s.api('DELETE', `/snippets/${text.id}`)).statusCode).toBe(204);
  });

  it('suggests hashtags from the brand’s best-performing posts and from listening’s trends, each with its evidence', async () => {
    const db = t.ctx.database.db;
    const texts = ['Hoy #Gazpacho', 'Más #gazpacho fresco', 'Otra vez #gazpacho', 'Lunes #lunes', 'Martes #lunes', 'Nada'];
    const engagements = [30, 20, 25, 1, 2, 5];
    for (const [i, text] of texts.entries()) {
      const post = await created('/posts', { content: text, channels: [{ channelId: s.channelId }] });
      const publishedAt = new Date(clock.now() - (i + 2) * 86_400_000);
      await db
        .insertInto('publication_metrics')
        .values({
          publication_id: post.publications[0].id,
          workspace_id: s.workspaceId,
          post_id: post.id,
          channel_id: s.channelId,
          network: 'sandbox',
          campaign_id: null,
          objective_id: null,
          segment_id: null,
          pillar_id: null,
          published_at: publishedAt,
          followers_at_post: 1000,
          captured_at: publishedAt,
          likes: engagements[i],
          replies: 0,
          reposts: 0,
          quotes: 0,
          impressions: null,
          reach: null,
          clicks: null,
          engagements_24h: engagements[i],
          missing: JSON.stringify({}),
        })
        .execute();
    }
    const query = await created('/listening/queries', { name: 'Marca', query: 'gazpacho', kind: 'brand' });
    const mention = async (n: number, text: string, hoursAgo: number) => {
      const at = new Date(clock.now() - hoursAgo * 3_600_000);
      const row = await db
        .insertInto('listening_mentions')
        .values({
          workspace_id: s.workspaceId,
          source_id: null,
          source_key: 'test',
          remote_id: `m${n}`,
          network: 'bluesky',
          url: null,
          author_name: null,
          author_reach: null,
          text,
          lang: 'es',
          sentiment: null,
          sentiment_score: null,
          auto_sentiment: null,
          published_at: at,
          ingested_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('listening_mention_matches')
        .values({ mention_id: row.id, query_id: query.id, workspace_id: s.workspaceId, published_at: at })
        .execute();
    };
    let n = 0;
    for (let i = 0; i < 6; i++) await mention(n++, `gazpacho y #OlaDeCalor ${i}`, 2 + i);
    for (let i = 0; i < 7; i++) await mention(n++, `gazpacho #siempre ${i}`, 30 + i * 24);
    for (let i = 0; i < 2; i++) await mention(n++, `gazpacho #siempre hoy ${i}`, 3 + i);
    const res = await s.api('GET', '/hashtag-suggestions');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Mean of all six: (30+20+25+1+2+5)/6/1000×100 = 1.383 %; #gazpacho: 2.5 % over 3 posts; #lunes below the mean is left out.
    expect(body.ownPosts).toMatchObject({ measuredPosts: 6, baselineRate: 1.383 });
    expect(body.ownPosts.items).toEqual([
      { tag: '#gazpacho', key: 'gazpacho', posts: 3, engagementRate: 2.5, baselineRate: 1.383, lift: 1.81 },
    ]);
    // #OlaDeCalor: 6 mentions today, none before (a new tag's past counts as 1 a day) → +600 %; #siempre: 2 today against 1 a day, under the 3 mentions a trend needs.
    expect(body.trends.items[0]).toEqual({ tag: '#OlaDeCalor', key: 'oladecalor', recent: 6, before: 0, growth: 600 });
    expect(body.trends.items.map((i: { key: string }) => i.key)).not.toContain('siempre');
    expect(body.trends.mentionsRead).toBe(15);
  });
});
