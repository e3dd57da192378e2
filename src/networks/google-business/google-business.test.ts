/**
 * Google Business Profile specifics against its test server: bad input messages, event and offer
 * posts with a button and a photo, the locations picker, reviews as mentions and in the inbox,
 * answering a review (safe to repeat), the location's performance.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelContext, PublishInput } from '../types.ts';
import { createGbpAdapter } from './adapter.ts';
import { createGbpOAuthProvider } from './oauth.ts';
import { FakeGbpServer } from './testing/server.ts';

const server = new FakeGbpServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
const adapter = createGbpAdapter({ now: () => server.clock });
const ctx = (): ChannelContext => ({
  channelId: 'gbp',
  settings: {
    accountName: server.accountName,
    locationName: server.locationName,
    title: 'Café Aroma',
    mapsUri: 'https://maps.google.com/maps?cid=123',
  },
  credentials: { accessToken: server.token },
  origin: server.baseUrl,
  allowPrivateUrls: true,
});
const post = (network: Record<string, string>, extra: Partial<PublishInput> = {}): PublishInput => ({
  publicationId: randomUUID(),
  text: `Novedad ${randomUUID()}`,
  media: [],
  options: { network },
  ...extra,
});

describe('validate', () => {
  it('says what an event, an offer or a button lacks, in both languages', () => {
    const event = adapter.validate(post({ topicType: 'EVENT', startDate: '2026-13-01' }));
    expect(event.map((i) => i.code)).toEqual(expect.arrayContaining(['field_required']));
    expect(event.find((i) => i.field === 'options.eventTitle')!.messageEs).toContain('eventTitle');
    expect(
      adapter.validate(post({ topicType: 'EVENT', eventTitle: 'Cata', startDate: '2026-03-02', endDate: '2026-03-01' })).map((i) => i.code),
    ).toContain('date_range_invalid');
    expect(adapter.validate(post({ callToAction: 'BOOK' })).map((i) => i.code)).toContain('call_to_action_url_required');
    expect(
      adapter
        .validate(post({ topicType: 'OFFER', eventTitle: 'x'.repeat(59), startDate: '2026-03-01', endDate: '2026-03-02' }))
        .map((i) => i.code),
    ).toContain('title_too_long');
    expect(adapter.validate(post({ callToAction: 'CALL' }))).toEqual([]);
  });
});

describe('publish', () => {
  it('publishes an event with a button and a photo by its public link, and an offer with its coupon', async () => {
    const photo = {
      mediaId: 'm',
      mimeType: 'image/jpeg',
      bytes: new Uint8Array(10),
      size: 10,
      publicUrl: 'https://plaza.example.com/m/signed.jpg',
    };
    const event = post(
      {
        topicType: 'EVENT',
        eventTitle: 'Cata de café',
        startDate: '2026-03-01',
        startTime: '18:00',
        endDate: '2026-03-01',
        endTime: '20:00',
        callToAction: 'BOOK',
        actionUrl: 'https://cafe.example/reservas',
      },
      { media: [photo] },
    );
    const result = await adapter.publish(ctx(), event);
    const stored = server.posts.find((p) => p.name === result.remoteId)!;
    expect(stored).toMatchObject({
      topicType: 'EVENT',
      summary: event.text,
      languageCode: 'es',
      callToAction: { actionType: 'BOOK', url: 'https://cafe.example/reservas' },
      event: { title: 'Cata de café', schedule: { startDate: { year: 2026, month: 3, day: 1 }, startTime: { hours: 18, minutes: 0 } } },
      media: [{ mediaFormat: 'PHOTO', sourceUrl: photo.publicUrl }],
    });
    expect(result.remoteUrl).toMatch(/^https:\/\/local\.google\.com\//);
    const offer = await adapter.publish(
      ctx(),
      post({
        topicType: 'OFFER',
        eventTitle: '2x1',
        startDate: '2026-03-01',
        endDate: '2026-03-31',
        couponCode: 'AROMA2X1',
        terms: 'Solo en tienda',
      }),
    );
    expect(server.posts.find((p) => p.name === offer.remoteId)).toMatchObject({
      topicType: 'OFFER',
      offer: { couponCode: 'AROMA2X1', termsConditions: 'Solo en tienda' },
    });
    await expect(adapter.publish(ctx(), post({}, { media: [{ ...photo, publicUrl: undefined }] }))).rejects.toMatchObject({
      code: 'media_url_missing',
    });
    await adapter.delete(ctx(), offer.remoteId);
    await adapter.delete(ctx(), offer.remoteId);
    expect(server.postsWithText(event.text)).toBe(1);
  });
});

describe('reading and answering', () => {
  it('lists locations, reads reviews as mentions and inbox items, answers once however often it is sent, reads performance', async () => {
    const oauth = createGbpOAuthProvider();
    const accounts = await oauth.listAccounts({ accessToken: server.token }, { origin: server.baseUrl, allowPrivateUrls: true });
    expect(accounts.map((a) => a.remoteId)).toEqual([server.locationName, server.otherLocationName]);
    expect(accounts[0]).toMatchObject({
      name: 'Café Aroma (Sevilla)',
      settings: { accountName: server.accountName, locationName: server.locationName, mapsUri: expect.any(String) },
    });

    const since = new Date(server.clock).toISOString();
    const review = server.addReview('El mejor flat white de Sevilla', 'FIVE');
    const mentions = await adapter.fetchMentions(ctx(), since);
    expect(mentions).toEqual([
      expect.objectContaining({ remoteId: review.name, text: 'El mejor flat white de Sevilla', authorName: 'Lucía' }),
    ]);

    const page = await adapter.inbox!.fetchInbound(ctx(), { cursor: null, since });
    expect(page.items).toEqual([expect.objectContaining({ kind: 'review', rating: 5, threadRemoteId: review.name })]);
    const input = {
      replyId: randomUUID(),
      target: { remoteId: review.name, kind: 'review' as const, threadRemoteId: review.name, authorId: 'Lucía', authorHandle: 'Lucía' },
      mode: 'public' as const,
      text: '¡Gracias, Lucía!',
    };
    expect(await adapter.inbox!.findReply(ctx(), input)).toBeNull();
    const first = await adapter.inbox!.reply(ctx(), input);
    const again = await adapter.inbox!.reply(ctx(), input);
    expect(again.remoteId).toBe(first.remoteId);
    expect(await adapter.inbox!.findReply(ctx(), input)).toMatchObject({ remoteId: first.remoteId });
    const next = await adapter.inbox!.fetchInbound(ctx(), { cursor: page.cursor });
    expect(next.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'reply', fromUs: true, text: '¡Gracias, Lucía!' })]),
    );
    await expect(adapter.inbox!.act(ctx(), 'like', input.target)).rejects.toMatchObject({ code: 'action_not_supported' });

    const { remoteId } = await adapter.publish(ctx(), post({}));
    const metrics = await adapter.fetchMetrics(ctx(), remoteId);
    expect(metrics.impressions).toBeNull();
    expect(metrics.missing.impressions).toBe('not_provided_by_network');
    expect(metrics.networkMetrics).toMatchObject({ location_28d_business_impressions_desktop_maps: 10, location_28d_call_clicks: 18 });
    expect(await adapter.checkHealth(ctx())).toMatchObject({ ok: true, account: { displayName: 'Café Aroma' } });
    expect(await adapter.checkHealth({ ...ctx(), credentials: { accessToken: 'bad' } })).toMatchObject({
      ok: false,
      error: { kind: 'auth' },
    });
  });
});
