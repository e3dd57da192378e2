import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startTestPds, type TestPds, type TestPdsAccount } from '../testing/pds.ts';
import { loadConfig } from '../../../config.ts';
import { systemClock } from '../../../lib/clock.ts';
import type { AppContext } from '../../../server/context.ts';
import { blueskyFirehoseSource } from './firehose.ts';
import { parseJetstreamEvent } from './jetstream.ts';
import { abortableSleep, type SourceBatch, type SourceCursor } from '../../../modules/listening/sources/types.ts';

let pds: TestPds;
let alice: TestPdsAccount;

function fakeContext(allowPrivateUrls: boolean): AppContext {
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), allowPrivateUrls };
  return { config, clock: systemClock, logger: pino({ level: 'silent' }) } as unknown as AppContext;
}

async function post(account: TestPdsAccount, text: string, langs?: string[]): Promise<string> {
  const response = await fetch(`${pds.url}/xrpc/com.atproto.repo.createRecord`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${account.accessJwt}` },
    body: JSON.stringify({
      repo: account.did,
      collection: 'app.bsky.feed.post',
      record: { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString(), ...(langs && { langs }) },
    }),
  });
  const body = (await response.json()) as { uri: string };
  return body.uri;
}

/** Runs the firehose from a cursor until `until` holds over the collected batches. */
async function runFirehose(
  cursor: SourceCursor | null,
  until: (batches: SourceBatch[]) => boolean,
  allowPrivate = true,
): Promise<SourceBatch[]> {
  const batches: SourceBatch[] = [];
  const controller = new AbortController();
  const done = new Promise<void>((resolve) => {
    const running = blueskyFirehoseSource.run({
      ctx: fakeContext(allowPrivate),
      source: { id: 's1', workspaceId: 'w', kind: 'bluesky_firehose', config: { serviceUrl: pds.url }, cursor },
      emit: async (batch) => {
        batches.push(batch);
        if (until(batches)) controller.abort();
      },
      signal: controller.signal,
      sleep: (ms) => abortableSleep(ms, controller.signal),
    });
    void running.then(resolve);
  });
  const timeout = setTimeout(() => controller.abort(), 15_000);
  await done;
  clearTimeout(timeout);
  return batches;
}

const texts = (batches: SourceBatch[]) => batches.flatMap((b) => b.items.map((i) => i.text));

describe('Bluesky firehose source (real local PDS)', () => {
  beforeAll(async () => {
    pds = await startTestPds();
    alice = await pds.createAccount('alice', { appPassword: false });
  }, 60_000);
  afterAll(async () => pds?.close());

  it('reads new posts from subscribeRepos, with handle, language and a seq cursor, and resumes after the cursor', async () => {
    const first = await post(alice, 'Acme me encanta el nuevo producto', ['es']);
    await post(alice, 'Second post about Acme');
    await post(alice, 'Third post, Acme again');
    const all = await runFirehose({ seq: 0 }, (b) => texts(b).length >= 3);
    expect(texts(all)).toEqual(['Acme me encanta el nuevo producto', 'Second post about Acme', 'Third post, Acme again']);
    const firstItem = all.flatMap((b) => b.items)[0];
    expect(firstItem.remoteId).toBe(first);
    expect(firstItem.lang).toBe('es');
    expect(firstItem.authorHandle).toBe(alice.handle);
    expect(firstItem.network).toBe('bluesky');
    const seqs = all.map((b) => b.cursor.seq as number);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);

    // Restart from the cursor saved after the first post: the other two come again, the first does not.
    const afterFirst = all.find((b) => b.items.some((i) => i.text.startsWith('Acme me encanta')))!.cursor;
    await post(alice, 'Fourth post after the restart');
    const resumed = await runFirehose(afterFirst, (b) => texts(b).length >= 3);
    expect(texts(resumed)).toEqual(['Second post about Acme', 'Third post, Acme again', 'Fourth post after the restart']);
  }, 30_000);

  it('refuses a loopback firehose when private URLs are not allowed', async () => {
    await expect(
      blueskyFirehoseSource.run({
        ctx: fakeContext(false),
        source: { id: 's2', workspaceId: 'w', kind: 'bluesky_firehose', config: { serviceUrl: pds.url }, cursor: null },
        emit: async () => undefined,
        signal: new AbortController().signal,
        sleep: async () => undefined,
      }),
    ).rejects.toThrow(/private/);
  });
});

describe('Jetstream event parser (documented format)', () => {
  // Shapes from the Jetstream README (github.com/bluesky-social/jetstream).
  const post = {
    did: 'did:plc:eygmaihciaxprqvxpfvl6flk',
    time_us: 1725911162329308,
    kind: 'commit',
    commit: {
      rev: '3l3qo2vutsw2b',
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: '3l3qo2vuowo2b',
      record: { $type: 'app.bsky.feed.post', createdAt: '2024-09-09T19:46:02.102Z', langs: ['en'], text: 'Loving the new Acme phone!' },
      cid: 'bafyreidwaivazkwu67xztlmuobx35hs2lnfh3kolmgfmucldvhd3sgzcqi',
    },
  };
  const like = {
    ...post,
    commit: { ...post.commit, collection: 'app.bsky.feed.like', record: { $type: 'app.bsky.feed.like', subject: {} } },
  };
  const identity = {
    did: 'did:plc:eygmaihciaxprqvxpfvl6flk',
    time_us: 1725516665333808,
    kind: 'identity',
    identity: {
      did: 'did:plc:eygmaihciaxprqvxpfvl6flk',
      handle: 'jcsalterego.bsky.social',
      seq: 1409752997,
      time: '2024-09-05T06:11:04.870Z',
    },
  };
  const account = {
    did: 'did:plc:ufbl4k27gp6kzas5glhz7fim',
    time_us: 1725516665234703,
    kind: 'account',
    account: { active: true, did: 'did:plc:ufbl4k27gp6kzas5glhz7fim', seq: 1409753013, time: '2024-09-05T06:11:04.870Z' },
  };

  it('turns a post create into an item with the AT URI, link, language and time_us cursor', () => {
    const handles = new Map([['did:plc:eygmaihciaxprqvxpfvl6flk', 'jcsalterego.bsky.social']]);
    const event = parseJetstreamEvent(JSON.stringify(post), handles);
    expect(event).toMatchObject({ type: 'post', timeUs: 1725911162329308 });
    if (event.type !== 'post') throw new Error('not a post');
    expect(event.item).toMatchObject({
      remoteId: 'at://did:plc:eygmaihciaxprqvxpfvl6flk/app.bsky.feed.post/3l3qo2vuowo2b',
      url: 'https://bsky.app/profile/jcsalterego.bsky.social/post/3l3qo2vuowo2b',
      authorHandle: 'jcsalterego.bsky.social',
      text: 'Loving the new Acme phone!',
      lang: 'en',
      network: 'bluesky',
    });
    expect(event.item.publishedAt.toISOString()).toBe('2024-09-09T19:46:02.102Z');
  });

  it('reads handles from identity events and skips likes, account events, deletes and junk', () => {
    expect(parseJetstreamEvent(JSON.stringify(identity))).toEqual({
      type: 'identity',
      timeUs: 1725516665333808,
      did: identity.did,
      handle: 'jcsalterego.bsky.social',
    });
    expect(parseJetstreamEvent(JSON.stringify(like))).toEqual({ type: 'skip', timeUs: 1725911162329308 });
    expect(parseJetstreamEvent(JSON.stringify(account)).type).toBe('skip');
    expect(parseJetstreamEvent(JSON.stringify({ ...post, commit: { ...post.commit, operation: 'delete', record: undefined } })).type).toBe(
      'skip',
    );
    expect(parseJetstreamEvent('{not json').type).toBe('skip');
  });
});
