/**
 * Test-only: the contract every network adapter passes, run by each network's own test
 * (contract.test.ts in its folder) against its real local server:
 * - limits are enforced in `validate` (text length, image count, type and size);
 * - after an ambiguous outcome (the network did it, the answer was lost) `findPublished` returns
 *   the post, and a retry returns the same remote id without a second post;
 * - 401 → 'auth', 429 → 'rate_limited' with the network's delay, 5xx → 'transient', nothing posted;
 * - every metric is reported or has a reason code, declared and in each fetched answer;
 * - an adapter that declares `takesPostingSlot` asks for the slot before the post is made, and posts nothing when it is refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isMetricReasonCode } from '../metrics.ts';
import { NetworkError, POST_METRIC_NAMES, type ChannelContext, type NetworkAdapter, type PublishInput } from '../types.ts';
import type { FaultProxy, RequestMatch } from './fault-proxy.ts';

/** Faults injected on the publish request of a subject. */
export interface ContractFaults {
  /** Publishing answers this status until cleared (with Retry-After in seconds for 429). */
  failPublish(status: 401 | 429 | 503, retryAfterSeconds?: number): void;
  /** The next publish is carried out by the network, but its answer never reaches the adapter. */
  losePublishAnswer(): void;
  clear(): void;
}

/** One adapter wired to its network's local server, as the contract needs it. */
export interface ContractSubject {
  adapter: NetworkAdapter;
  /** A channel that reaches the network (through the faults). */
  channel(): ChannelContext;
  /** How many live posts on the network carry exactly this text: the duplicate oracle. */
  postsWithText(text: string): Promise<number>;
  faults: ContractFaults;
  /** False when the local server cannot answer metric reads (the bare PDS has no AppView): only the declaration is checked. */
  liveMetrics: boolean;
  /** Media every contract post carries, for networks that publish no text-only posts (YouTube: a video); none when absent. */
  media?: () => PublishInput['media'];
}

/** Faults through a fault proxy, on the requests `isPublish` picks out. */
export function proxyFaults(proxy: FaultProxy, isPublish: RequestMatch): ContractFaults {
  return {
    failPublish(status, retryAfterSeconds) {
      proxy.answer(isPublish, status, retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {});
    },
    losePublishAnswer() {
      proxy.loseNextAnswer(isPublish);
    },
    clear() {
      proxy.clear();
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkError);
    return error as NetworkError;
  }
  throw new Error('expected the call to fail');
}

/** Runs the shared adapter contract against `start()`'s subject; `stop()` tears it down. */
export function describeAdapterContract(name: string, setup: { start(): Promise<ContractSubject>; stop(): Promise<void> }): void {
  describe(`adapter contract: ${name}`, () => {
    let subject: ContractSubject;
    beforeAll(async () => {
      subject = await setup.start();
    }, 120_000);
    afterAll(async () => setup.stop());
    beforeEach(() => subject.faults.clear());

    const input = (text: string, extra: Partial<PublishInput> = {}): PublishInput => ({
      publicationId: `pub-${randomUUID()}`,
      text,
      media: subject.media?.() ?? [],
      ...extra,
    });
    const uniqueText = (label: string) => `contract ${label} ${randomUUID().slice(0, 8)}`;

    it('enforces its limits in validate', () => {
      const { adapter } = subject;
      const { limits } = adapter;
      expect(adapter.validate(input('within the limits'))).toEqual([]);
      const tooLong = input('a'.repeat(limits.maxChars + 1));
      expect(adapter.validate(tooLong).length).toBeGreaterThan(0);
      const image = (mimeType: string) => ({ mediaId: randomUUID(), mimeType, bytes: new Uint8Array(8), size: 8, alt: 'x' });
      const tooManyImages = input('images', { media: Array.from({ length: limits.maxImages + 1 }, () => image('image/png')) });
      expect(adapter.validate(tooManyImages).length).toBeGreaterThan(0);
      expect(adapter.validate(input('odd type', { media: [image('application/x-not-an-image')] })).length).toBeGreaterThan(0);
      const tooBig = input('big', { media: [{ ...image('image/png'), size: limits.maxImageBytes + 1 }] });
      expect(adapter.validate(tooBig).length).toBeGreaterThan(0);
    });

    it('after an ambiguous outcome findPublished returns the post, and a retry returns the same remote id without duplicating', async () => {
      const ctx = subject.channel();
      const publication = input(uniqueText('ambiguous'));
      subject.faults.losePublishAnswer();
      // Either the adapter says the outcome is unknown, or it reconciles by itself (Bluesky reads its
      // deterministic record back) and returns the post it made; never another kind of failure.
      const first = await subject.adapter.publish(ctx, publication).catch((error: unknown) => error);
      if (first instanceof NetworkError) expect(first.kind).toBe('ambiguous');
      else expect(first).toMatchObject({ remoteId: expect.any(String) });
      subject.faults.clear();
      expect(await subject.postsWithText(publication.text)).toBe(1);
      const found = await subject.adapter.findPublished(subject.channel(), publication);
      expect(found).not.toBeNull();
      if (!(first instanceof NetworkError)) expect(found!.remoteId).toBe((first as { remoteId: string }).remoteId);
      const retried = await subject.adapter.publish(subject.channel(), publication);
      expect(retried.remoteId).toBe(found!.remoteId);
      expect(await subject.adapter.findPublished(subject.channel(), publication)).toMatchObject({ remoteId: found!.remoteId });
      expect(await subject.postsWithText(publication.text)).toBe(1);
      expect(await subject.adapter.findPublished(subject.channel(), input(uniqueText('never sent')))).toBeNull();
    });

    it('takes the posting slot itself right before making the post when it declares so, and a refused slot posts nothing', async () => {
      const declares = subject.adapter.limits.takesPostingSlot === true;
      let asked = 0;
      const refused = new Error('slot not free yet');
      const refusing = {
        ...subject.channel(),
        postingSlot: async () => {
          asked += 1;
          throw refused;
        },
      };
      const held = input(uniqueText('slot refused'));
      if (declares) {
        await expect(subject.adapter.publish(refusing, held)).rejects.toBe(refused);
        expect(await subject.postsWithText(held.text)).toBe(0);
        expect(asked).toBe(1);
      }
      // Granted: the post is made once, the slot asked for (only) by adapters that declare it.
      asked = 0;
      const granted = {
        ...subject.channel(),
        postingSlot: async () => {
          asked += 1;
        },
      };
      const sent = input(uniqueText('slot granted'));
      await subject.adapter.publish(granted, sent);
      expect(await subject.postsWithText(sent.text)).toBe(1);
      if (declares) expect(asked).toBeGreaterThanOrEqual(1);
      else expect(asked).toBe(0);
    });

    it('classifies 401 as auth, 429 as rate_limited with its delay, 5xx as transient, posting nothing', async () => {
      const cases = [
        { status: 401 as const, kind: 'auth' },
        { status: 429 as const, kind: 'rate_limited', retryAfterSeconds: 7 },
        { status: 503 as const, kind: 'transient' },
      ];
      for (const { status, kind, retryAfterSeconds } of cases) {
        subject.faults.clear();
        subject.faults.failPublish(status, retryAfterSeconds);
        const publication = input(uniqueText(`http ${status}`));
        const error = await rejection(subject.adapter.publish(subject.channel(), publication));
        expect(error.kind, `HTTP ${status}`).toBe(kind);
        if (retryAfterSeconds !== undefined) expect(error.details.retryAfterMs, 'Retry-After').toBe(retryAfterSeconds * 1000);
        subject.faults.clear();
        expect(await subject.postsWithText(publication.text), `HTTP ${status}`).toBe(0);
      }
    });

    it('reports every metric or gives a reason code for it', async () => {
      const { metrics } = subject.adapter;
      for (const metric of POST_METRIC_NAMES) {
        const reported = metrics.reported.includes(metric);
        const reason = metrics.missing[metric];
        expect(reported !== (reason !== undefined), `${metric}: reported or missing, not both`).toBe(true);
        if (reason !== undefined) expect(isMetricReasonCode(reason), `${metric}: ${reason}`).toBe(true);
      }
      if (!subject.liveMetrics) return;
      const posted = await subject.adapter.publish(subject.channel(), input(uniqueText('metrics')));
      const fetched = await subject.adapter.fetchMetrics(subject.channel(), posted.remoteId);
      for (const metric of POST_METRIC_NAMES) {
        if (fetched[metric] === null) expect(isMetricReasonCode(fetched.missing[metric]), `${metric} is null: its reason`).toBe(true);
      }
      for (const reason of Object.values(fetched.missing)) expect(isMetricReasonCode(reason)).toBe(true);
    });
  });
}
