import { NetworkError, type ChannelContext, type NetworkAdapter, type PublishInput, type PublishResult } from '../../src/networks/types.ts';

/** One call the held network received; the test decides when and how it ends. */
export interface HeldCall {
  kind: 'publish' | 'find';
  publicationId: string;
  ctx: ChannelContext;
  /**
   * Publish: 'store' stores the post and answers. Lookup: 'none' answers "not found"
   * (what the network saw when it answered), 'current' answers from what is stored now.
   * An error fails the call.
   */
  settle(outcome: 'store' | 'none' | 'current' | NetworkError): void;
}

/**
 * A network double for engine races: every publish and lookup is held until the
 * test settles it, so the test decides the order in which a starved worker's
 * request and another worker's reconcile happen. No timers, no clock of its own.
 */
export class HeldNetwork {
  readonly stored: Array<{ marker: string; remoteId: string }> = [];
  readonly received: HeldCall[] = [];
  private readonly queue: HeldCall[] = [];
  private readonly waiting: Array<(call: HeldCall) => void> = [];

  /** Calls received and not yet taken with next(). */
  get unclaimed(): number {
    return this.queue.length;
  }

  /** The next call the network receives (or the oldest not yet taken). */
  next(): Promise<HeldCall> {
    const call = this.queue.shift();
    if (call) return Promise.resolve(call);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** How many posts carry this publication's marker. */
  count(publicationId: string): number {
    return this.stored.filter((s) => s.marker === publicationId).length;
  }

  private receive(kind: HeldCall['kind'], ctx: ChannelContext, input: PublishInput): Promise<PublishResult | null> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const call: HeldCall = {
        kind,
        publicationId: input.publicationId,
        ctx,
        settle: (outcome) => {
          if (settled) throw new Error('call already settled');
          settled = true;
          if (outcome instanceof NetworkError) return reject(outcome);
          if (kind === 'find') {
            if (outcome === 'none') return resolve(null);
            const found = this.stored.find((s) => s.marker === input.publicationId);
            return resolve(found ? { remoteId: found.remoteId, remoteUrl: null } : null);
          }
          if (outcome !== 'store') return reject(new Error('a publish is settled with store or an error'));
          const remoteId = `remote-${this.stored.length + 1}`;
          this.stored.push({ marker: input.publicationId, remoteId });
          resolve({ remoteId, remoteUrl: null });
        },
      };
      this.received.push(call);
      const waiter = this.waiting.shift();
      if (waiter) waiter(call);
      else this.queue.push(call);
    });
  }

  /**
   * The adapter (registered under the sandbox's name, so channels need no new network).
   * `oneSendInDoubtPerChannel`: declare the network reconciled by message order (as Telegram).
   */
  adapter(options: { oneSendInDoubtPerChannel?: true } = {}): NetworkAdapter {
    return {
      name: 'sandbox',
      label: { en: 'Held (test double)', es: 'Retenida (doble de prueba)' },
      simulated: true,
      limits: {
        maxChars: 500,
        maxImages: 4,
        maxImageBytes: 1_000_000,
        acceptedImageTypes: ['image/png'],
        maxAltChars: 100,
        supportsThreads: true,
        supportsContentWarning: false,
        supportsVisibility: false,
        postsPerMinutePerChannel: 600,
        ...options,
      },
      idempotency: 'reconcile-by-lookup',
      connectionFields: [],
      metrics: { reported: [], missing: {} },
      validate: () => [],
      checkHealth: async () => ({ ok: true }),
      publish: async (ctx, input) => (await this.receive('publish', ctx, input))!,
      findPublished: (ctx, input) => this.receive('find', ctx, input),
      delete: async () => undefined,
      fetchMetrics: async () => ({
        likes: 0,
        replies: 0,
        reposts: 0,
        quotes: 0,
        impressions: null,
        reach: null,
        clicks: null,
        missing: {},
      }),
      fetchMentions: async () => [],
    };
  }
}
