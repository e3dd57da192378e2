import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { given } from './helpers/given.ts';
import { PERMISSIONS } from '../src/server/permissions.ts';
import { ROLES } from '../src/db/schema.ts';

/**
 * Issue 12, items 15, 16 and 20 through the real API: the workspace's currency (budgets, costs,
 * conversions), links shortened and tagged with UTM the way the composer asks, campaign tags as
 * typed, switching to a new workspace, the roles explained from the permission table, and
 * notifications that name their post.
 */
describe('team, links, budgets and notifications (embedded)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('embedded');
  });
  afterAll(async () => t?.close());

  it('gives every workspace a currency: EUR for a Spanish brand, USD for an English one, or the one chosen', async () => {
    const s = await given(t).workspace({ language: 'es' });
    expect(s.workspace.currency).toBe('EUR');
    const en = await s.owner.request('POST', '/api/v1/workspaces', { name: 'Corner Café', timeZone: 'Europe/London', language: 'en' });
    expect(en.json().currency).toBe('USD');
    const chosen = await s.owner.request('POST', '/api/v1/workspaces', {
      name: 'Tea Room',
      timeZone: 'Europe/London',
      language: 'en',
      currency: 'gbp',
    });
    expect(chosen.statusCode, chosen.body).toBe(201);
    expect(chosen.json().currency).toBe('GBP');

    const changed = await s.api('PATCH', '', { currency: 'MXN' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().currency).toBe('MXN');
    const bad = await s.api('PATCH', '', { currency: 'EURO' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toEqual(expect.any(String));
    const unknown = await s.api('PATCH', '', { currency: 'XYZ' });
    expect(unknown.statusCode).toBe(400);

    const me = await s.owner.request('GET', '/api/v1/me');
    const mine = me.json().workspaces.find((w: { id: string }) => w.id === s.workspaceId);
    expect(mine.currency).toBe('MXN');
  });

  it('books costs and conversions in the workspace currency when none is given', async () => {
    const s = await given(t).workspace({ language: 'es' });
    const campaign = await s.api('POST', '/campaigns', { name: 'Navidad', budget: 1500 });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const cost = await s.api('POST', '/costs', { amount: 120.5, incurredOn: '2026-12-01', campaignId: campaign.json().id });
    expect(cost.statusCode, cost.body).toBe(201);
    expect(cost.json().currency).toBe('EUR');
    await s.api('PATCH', '', { currency: 'USD' });
    const later = await s.api('POST', '/costs', { amount: 10, incurredOn: '2026-12-02' });
    expect(later.json().currency).toBe('USD');
    const explicit = await s.api('POST', '/costs', { amount: 10, incurredOn: '2026-12-02', currency: 'eur' });
    expect(explicit.json().currency).toBe('EUR');
    const conversion = await s.api('POST', '/conversions', { kind: 'lead', value: 30, externalId: 'order-1' });
    expect(conversion.statusCode, conversion.body).toBe(201);
    const conversions = await s.api('GET', '/conversions');
    expect(conversions.json().items[0].currency).toBe('USD');
  });

  it('shortens a link with UTM (source = network, medium = social, campaign as typed), each part editable', async () => {
    const s = await given(t).workspace().sandboxChannel();
    const campaign = await s.api('POST', '/campaigns', { name: '  Navidad   Café 2026 ', budget: 900 });
    expect(campaign.statusCode, campaign.body).toBe(201);
    // The campaign's tag is its name as typed (spaces tidied), not "navidad-cafe-2026".
    expect(campaign.json().slug).toBe('Navidad Café 2026');

    const link = await s.api('POST', '/links', {
      url: 'https://cafe.example/menu?lang=es',
      channelId: s.channelId,
      campaignId: campaign.json().id,
    });
    expect(link.statusCode, link.body).toBe(201);
    const destination = new URL(link.json().destinationUrl);
    expect(destination.searchParams.get('lang')).toBe('es');
    expect(destination.searchParams.get('utm_source')).toBe('sandbox');
    expect(destination.searchParams.get('utm_medium')).toBe('social');
    expect(destination.searchParams.get('utm_campaign')).toBe('Navidad Café 2026');
    expect(link.json().shortUrl).toMatch(/^http:\/\/localhost:\d+\/l\/[A-Za-z0-9]{7}$/);
    // No PUBLIC_URL in the test config: the answer says the short link points at this machine.
    expect(link.json().urlWarning).toMatchObject({ code: 'public_url_unset' });
    // …and the composer can say so before shortening anything.
    const settings = await s.api('GET', '/link-settings');
    expect(settings.statusCode, settings.body).toBe(200);
    expect(settings.json()).toEqual({
      shortLinkBase: expect.stringMatching(/^http:\/\/localhost:\d+\/l\/$/),
      urlWarning: expect.objectContaining({ code: 'public_url_unset' }),
    });

    const edited = await s.api('POST', '/links', {
      url: 'https://cafe.example/menu',
      channelId: s.channelId,
      campaignId: campaign.json().id,
      utmSource: 'Instagram Bio',
      utmMedium: 'perfil',
      utmCampaign: 'Rebajas De Enero',
    });
    expect(edited.statusCode, edited.body).toBe(201);
    const editedUrl = new URL(edited.json().destinationUrl);
    expect(editedUrl.searchParams.get('utm_source')).toBe('Instagram Bio');
    expect(editedUrl.searchParams.get('utm_medium')).toBe('perfil');
    expect(editedUrl.searchParams.get('utm_campaign')).toBe('Rebajas De Enero');

    // A site that sends the tag back lower-cased still credits the campaign.
    const conversion = await s.api('POST', '/conversions', { utmCampaign: 'navidad café 2026', kind: 'lead', value: 12 });
    expect(conversion.statusCode, conversion.body).toBe(201);
    expect(conversion.json().campaignId).toBe(campaign.json().id);
  });

  it('tags a post link with the post (utm_content) and its campaign when the composer passes the post', async () => {
    const s = await given(t).workspace().sandboxChannel();
    const campaign = await s.api('POST', '/campaigns', { name: 'Desayunos' });
    const post = await s.api('POST', '/posts', {
      content: 'Nuevo menú de desayunos',
      channels: [{ channelId: s.channelId }],
      campaignId: campaign.json().id,
    });
    expect(post.statusCode, post.body).toBe(201);
    const link = await s.api('POST', '/links', { url: 'https://cafe.example/desayunos', postId: post.json().id, channelId: s.channelId });
    expect(link.statusCode, link.body).toBe(201);
    const destination = new URL(link.json().destinationUrl);
    expect(destination.searchParams.get('utm_campaign')).toBe('Desayunos');
    expect(destination.searchParams.get('utm_content')).toBe(post.json().id);
    expect(link.json().campaignId).toBe(campaign.json().id);
  });

  it('lets the creator use a new workspace at once: /me lists it with the owner role and every permission', async () => {
    const s = await given(t).workspace();
    const created = await s.owner.request('POST', '/api/v1/workspaces', {
      name: 'Segunda marca',
      timeZone: 'Atlantic/Canary',
      language: 'es',
    });
    expect(created.statusCode, created.body).toBe(201);
    const me = await s.owner.request('GET', '/api/v1/me');
    const entry = me.json().workspaces.find((w: { id: string }) => w.id === created.json().id);
    expect(entry).toMatchObject({ name: 'Segunda marca', timeZone: 'Atlantic/Canary', role: 'owner', currency: 'EUR' });
    expect(entry.permissions).toEqual(Object.keys(PERMISSIONS));
    const channels = await s.owner.request('GET', `/api/v1/workspaces/${created.json().id}/channels`);
    expect(channels.statusCode, channels.body).toBe(200);
  });

  it('explains each role from the permission table', async () => {
    const s = await given(t).workspace();
    const roles = await s.owner.request('GET', '/api/v1/roles');
    expect(roles.statusCode, roles.body).toBe(200);
    expect(roles.json().permissions).toEqual(Object.keys(PERMISSIONS));
    expect(roles.json().items.map((r: { role: string }) => r.role)).toEqual([...ROLES]);
    for (const { role, permissions } of roles.json().items as Array<{ role: string; permissions: string[] }>) {
      const expected = Object.entries(PERMISSIONS)
        .filter(([, allowed]) => (allowed as readonly string[]).includes(role))
        .map(([permission]) => permission);
      expect(permissions, role).toEqual(expected);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/roles' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('names the post in notifications (its first words), so people know which one without opening it', async () => {
    const s = await given(t).workspace().sandboxChannel().member('editor');
    const editor = s.member('editor');
    const long = 'Croissants de mantequilla recién horneados cada mañana desde las siete, con café de especialidad';
    const post = await editor.request('POST', `/api/v1/workspaces/${s.workspaceId}/posts`, {
      content: long,
      channels: [{ channelId: s.channelId }],
    });
    expect(post.statusCode, post.body).toBe(201);
    const submitted = await editor.request('POST', `/api/v1/workspaces/${s.workspaceId}/posts/${post.json().id}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    const notifications = await s.api('GET', '/notifications');
    expect(notifications.statusCode, notifications.body).toBe(200);
    const item = notifications.json().items.find((n: { type: string }) => n.type === 'post.submit');
    expect(item).toMatchObject({ subjectType: 'post', subjectId: post.json().id });
    expect(item.postExcerpt).toBe('Croissants de mantequilla recién horneados cada mañana…');
    expect(item.postExcerpt.length).toBeLessThanOrEqual(61);
  });
});
