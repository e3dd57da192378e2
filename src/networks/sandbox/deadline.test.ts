/**
 * The engine's deadline, on the engine's clock (`ctx.now`), is checked right
 * before each request: once it has passed nothing more is sent, not even the
 * next part of a thread. In-process and over HTTP (loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { NetworkError, type ChannelContext, type PublishInput } from '../types.ts';
import { sandboxAdapter, setInProcessSandbox } from './index.ts';
import { startSandboxServer, type SandboxServer } from './server.ts';
import { SandboxNetwork } from './simulator.ts';

/** A sandbox that runs a hook after storing each post (to move the engine's clock mid-thread). */
class HookedNetwork extends SandboxNetwork {
  afterAccept: (() => void) | null = null;
  override acceptPost(...args: Parameters<SandboxNetwork['acceptPost']>): ReturnType<SandboxNetwork['acceptPost']> {
    const result = super.acceptPost(...args);
    this.afterAccept?.();
    return result;
  }
}

async function caught(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NetworkError) return error;
    throw error;
  }
  throw new Error('expected a NetworkError');
}

const thread = (publicationId: string): PublishInput => ({
  publicationId,
  text: 'root',
  media: [],
  thread: [
    { text: 'second', media: [] },
    { text: 'third', media: [] },
  ],
});

describe.each(['in-process', 'http'] as const)('sandbox adapter deadline (%s)', (mode) => {
  const network = new HookedNetwork({ seed: 5 });
  let server: SandboxServer | null = null;

  beforeAll(async () => {
    if (mode === 'http') server = await startSandboxServer({ network });
    else setInProcessSandbox(network);
  });
  afterAll(async () => {
    await server?.close();
  });

  const channel = (clock: ManualClock, deadline: number): ChannelContext => ({
    channelId: 'ch-deadline',
    settings: { handle: 'deadline', timeoutMs: 5_000, ...(server ? { serverUrl: server.url } : {}) },
    credentials: { token: 'tok' },
    // The HTTP sandbox server listens on loopback, which only PLAZA_ALLOW_PRIVATE_URLS lets adapters reach.
    allowPrivateUrls: true,
    deadline,
    now: () => clock.now(),
  });

  it('sends nothing once the deadline on the caller’s clock has passed', async () => {
    const clock = new ManualClock();
    const ctx = channel(clock, clock.now() + 1_000);
    clock.advance(1_000);
    const error = await caught(sandboxAdapter.publish(ctx, { publicationId: `late-${mode}`, text: 'late', media: [] }));
    expect(error.kind).toBe('transient');
    expect(error.code).toBe('deadline_passed');
    expect(network.postsOf('deadline', { marker: `late-${mode}` })).toHaveLength(0);
    expect((await caught(sandboxAdapter.findPublished(ctx, { publicationId: `late-${mode}`, text: 'late', media: [] }))).code).toBe(
      'deadline_passed',
    );
  });

  it('stops a thread at the deadline after its root; a later reconcile completes it without duplicates', async () => {
    const clock = new ManualClock();
    const id = `thread-${mode}`;
    network.afterAccept = () => clock.advance(1_000);
    try {
      const error = await caught(sandboxAdapter.publish(channel(clock, clock.now() + 500), thread(id)));
      expect(error.kind).toBe('ambiguous');
      expect(error.code).toBe('thread_incomplete');
    } finally {
      network.afterAccept = null;
    }
    expect(network.postsOf('deadline', { marker: id })).toHaveLength(1);
    expect(network.postsOf('deadline', { marker: `${id}#1` })).toHaveLength(0);

    const found = await sandboxAdapter.findPublished(channel(clock, clock.now() + 1_000), thread(id));
    expect(found?.threadRemoteIds).toHaveLength(2);
    for (const marker of [id, `${id}#1`, `${id}#2`]) expect(network.postsOf('deadline', { marker })).toHaveLength(1);
  });
});
