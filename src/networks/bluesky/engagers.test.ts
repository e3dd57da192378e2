/**
 * Engaging accounts against the reference PDS. The bare PDS has no AppView, so
 * this exercises the scan of the PDS's own repositories (engagers.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPds, type TestPds, type TestPdsAccount } from './testing/pds.ts';
import type { ChannelContext } from '../types.ts';
import { blueskyAdapter } from './index.ts';

let pds: TestPds;
let brand: TestPdsAccount;
let fan: TestPdsAccount;
let passerby: TestPdsAccount;
let silentFollower: TestPdsAccount;

async function createRecord(
  account: TestPdsAccount,
  collection: string,
  record: Record<string, unknown>,
): Promise<{ uri: string; cid: string }> {
  const response = await fetch(`${pds.url}/xrpc/com.atproto.repo.createRecord`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${account.accessJwt}` },
    body: JSON.stringify({ repo: account.did, collection, record: { $type: collection, createdAt: new Date().toISOString(), ...record } }),
  });
  if (!response.ok) throw new Error(`createRecord ${collection}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { uri: string; cid: string };
}

beforeAll(async () => {
  pds = await startTestPds();
  [brand, fan, passerby, silentFollower] = await Promise.all([
    pds.createAccount('brand'),
    pds.createAccount('fan', { appPassword: false }),
    pds.createAccount('passerby', { appPassword: false }),
    pds.createAccount('silent', { appPassword: false }),
  ]);
  await createRecord(fan, 'app.bsky.graph.follow', { subject: brand.did });
  await createRecord(silentFollower, 'app.bsky.graph.follow', { subject: brand.did });
});

afterAll(async () => {
  await pds?.close();
});

function brandChannel(): ChannelContext {
  return {
    channelId: `channel-${randomUUID()}`,
    settings: { serviceUrl: pds.url },
    credentials: { identifier: brand.handle, appPassword: brand.appPassword },
    allowPrivateUrls: true,
  };
}

describe('bluesky fetchEngagers', () => {
  it('lists each liker and reposter once, flagging exactly those who follow the brand', async () => {
    const ctx = brandChannel();
    const published = await blueskyAdapter.publish(ctx, { publicationId: randomUUID(), text: 'Nuevo catálogo de otoño', media: [] });
    const strongRef = { uri: published.remoteId, cid: await fetchCid(published.remoteId) };
    for (const account of [fan, passerby]) {
      await createRecord(account, 'app.bsky.feed.like', { subject: strongRef });
      await createRecord(account, 'app.bsky.feed.repost', { subject: strongRef });
    }
    // A like of another post and a follower who did not engage must not count.
    const other = await blueskyAdapter.publish(ctx, { publicationId: randomUUID(), text: 'Otra publicación', media: [] });
    await createRecord(silentFollower, 'app.bsky.feed.like', { subject: { uri: other.remoteId, cid: await fetchCid(other.remoteId) } });

    const engagers = await blueskyAdapter.fetchEngagers!(ctx, published.remoteId);
    const byId = new Map(engagers.accounts.map((a) => [a.id, a.follower]));
    expect(byId).toEqual(
      new Map([
        [fan.did, true],
        [passerby.did, false],
      ]),
    );
    expect(engagers.truncated).toBe(false);
  });

  it('counts a reply author as an engager, never the brand itself', async () => {
    const ctx = brandChannel();
    const published = await blueskyAdapter.publish(ctx, {
      publicationId: randomUUID(),
      text: '¿Qué color preferís?',
      thread: [{ text: 'Respondednos aquí', media: [] }],
      media: [],
    });
    const ref = { uri: published.remoteId, cid: await fetchCid(published.remoteId) };
    await createRecord(silentFollower, 'app.bsky.feed.post', { text: 'Verde', reply: { root: ref, parent: ref } });
    const engagers = await blueskyAdapter.fetchEngagers!(ctx, published.remoteId);
    expect(engagers.accounts).toEqual([{ id: silentFollower.did, follower: true }]);
  });

  it('counts the authors of quote posts, with or without media', async () => {
    const ctx = brandChannel();
    const published = await blueskyAdapter.publish(ctx, { publicationId: randomUUID(), text: 'Abrimos tienda nueva', media: [] });
    const ref = { uri: published.remoteId, cid: await fetchCid(published.remoteId) };
    // Accounts whose only engagement is the quote.
    const [quoter, mediaQuoter] = await Promise.all([
      pds.createAccount('quoter', { appPassword: false }),
      pds.createAccount('mediaquoter', { appPassword: false }),
    ]);
    await createRecord(quoter, 'app.bsky.graph.follow', { subject: brand.did });
    await createRecord(quoter, 'app.bsky.feed.post', { text: '¡Id a verla!', embed: { $type: 'app.bsky.embed.record', record: ref } });
    await createRecord(mediaQuoter, 'app.bsky.feed.post', {
      text: 'Mirad qué sitio',
      embed: {
        $type: 'app.bsky.embed.recordWithMedia',
        record: { $type: 'app.bsky.embed.record', record: ref },
        media: {
          $type: 'app.bsky.embed.external',
          external: { uri: 'https://plaza-test.com/tienda', title: 'Tienda', description: 'La tienda nueva' },
        },
      },
    });
    // A quote of another post does not count.
    const other = await blueskyAdapter.publish(ctx, { publicationId: randomUUID(), text: 'Otra cosa', media: [] });
    await createRecord(passerby, 'app.bsky.feed.post', {
      text: 'Ya',
      embed: { $type: 'app.bsky.embed.record', record: { uri: other.remoteId, cid: await fetchCid(other.remoteId) } },
    });

    const engagers = await blueskyAdapter.fetchEngagers!(ctx, published.remoteId);

    expect(new Map(engagers.accounts.map((a) => [a.id, a.follower]))).toEqual(
      new Map([
        [quoter.did, true],
        [mediaQuoter.did, false],
      ]),
    );
    expect(engagers.truncated).toBe(false);
  });
});

async function fetchCid(uri: string): Promise<string> {
  const [, , repo, collection, rkey] = uri.split('/');
  const response = await fetch(
    `${pds.url}/xrpc/com.atproto.repo.getRecord?${new URLSearchParams({ repo: repo!, collection: collection!, rkey: rkey! })}`,
  );
  return ((await response.json()) as { cid: string }).cid;
}
