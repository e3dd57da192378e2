import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, type ChannelContext } from '../types.ts';
import type { InboundItem, ReplyInput } from '../inbox.ts';
import { sandboxAdapter, setInProcessSandbox } from './index.ts';
import { SandboxNetwork } from './simulator.ts';
import { allInboxReplies, followUpTo } from './inbox.ts';
import { startSandboxServer, type SandboxServer } from './server.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 10, 12, 0, 0);
let now = START;
let network: SandboxNetwork;
const inbox = sandboxAdapter.inbox;
if (!inbox) throw new Error('the sandbox adapter must declare an inbox');

function channel(serverUrl?: string): ChannelContext {
  return {
    channelId: 'ch-inbox',
    settings: { handle: 'cafe', ...(serverUrl ? { serverUrl } : {}) },
    credentials: { token: 'tok' },
    allowPrivateUrls: true,
  };
}

/** Reads everything from `since` page by page, as the inbox's backfill does. */
async function readAll(ctx: ChannelContext, since: string, cursor: string | null = null) {
  const items: InboundItem[] = [];
  let pages = 0;
  for (;;) {
    const page = await inbox!.fetchInbound(ctx, { cursor, ...(cursor === null ? { since } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
    pages++;
    if (!page.hasMore) break;
  }
  return { items, cursor, pages };
}

function seedAudience(target: SandboxNetwork) {
  target.configureAccount('cafe', { createdAt: START - 20 * DAY, followers: 4000 });
  // A post of ours 3 days ago: its replies are comments in the inbox.
  const saved = now;
  now = START - 3 * DAY;
  target.acceptPost('cafe', { text: '¿Qué os parece el nuevo pan de centeno? #panaderia', media: [], marker: 'p1' } as never);
  now = saved;
}

function replyInput(item: InboundItem, replyId: string, text = 'Gracias por escribirnos'): ReplyInput {
  return {
    replyId,
    mode: item.kind === 'direct_message' ? 'direct_message' : 'public',
    text,
    target: {
      remoteId: item.remoteId,
      kind: item.kind,
      threadRemoteId: item.threadRemoteId,
      authorId: item.author.id,
      authorHandle: item.author.handle,
    },
  };
}

describe('sandbox inbox (in-process)', () => {
  beforeEach(() => {
    now = START;
    network = new SandboxNetwork({ seed: 7, now: () => now });
    setInProcessSandbox(network);
    seedAudience(network);
  });

  it('writes comments under our posts, mentions and direct messages in es and en, oldest first, each once across pages', async () => {
    const since = new Date(START - 30 * DAY).toISOString();
    const { items, pages } = await readAll(channel(), since);
    expect(pages).toBeGreaterThan(0);
    const kinds = new Set(items.map((i) => i.kind));
    expect(kinds.has('comment')).toBe(true);
    expect(kinds.has('direct_message')).toBe(true);
    expect(new Set(items.map((i) => i.remoteId)).size).toBe(items.length);
    const times = items.map((i) => Date.parse(i.createdAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(items.map((i) => i.language))).toEqual(new Set(['es', 'en']));
    // Comments are grouped under our post; a DM thread is one per person.
    const comment = items.find((i) => i.kind === 'comment');
    expect(comment?.threadRemoteId).toBe(comment?.postRemoteId);
    const dm = items.find((i) => i.kind === 'direct_message');
    expect(dm?.threadRemoteId).toBe(`dm_cafe_${dm?.author.handle}`);
    // Nothing new after the cursor until time passes.
    const again = await inbox!.fetchInbound(channel(), { cursor: (await readAll(channel(), since)).cursor });
    expect(again.items).toEqual([]);
  });

  it('takes our reply once per reply id, finds it after a lost answer, and the person may answer back later', async () => {
    const { items } = await readAll(channel(), new Date(START - 30 * DAY).toISOString());
    const dm = items.find((i) => i.kind === 'direct_message');
    if (!dm) throw new Error('expected a direct message');
    const input = replyInput(dm, 'reply-1');
    expect(await inbox!.findReply(channel(), input)).toBeNull();
    const sent = await inbox!.reply(channel(), input);
    expect(await inbox!.findReply(channel(), input)).toEqual(sent);
    expect(allInboxReplies(network, 'cafe')).toHaveLength(1);
    // Our reply shows up as ours in the inbox; then, maybe, their answer in the same thread.
    now += 40 * 60_000;
    const after = await readAll(channel(), new Date(START - 30 * DAY).toISOString());
    const ours = after.items.find((i) => i.remoteId === sent.remoteId);
    expect(ours?.fromUs).toBe(true);
    expect(ours?.threadRemoteId).toBe(dm.threadRemoteId);
    const expected = followUpTo(7, allInboxReplies(network, 'cafe')[0]);
    const answer = after.items.find((i) => i.inReplyToRemoteId === sent.remoteId && !i.fromUs);
    expect(answer?.text).toBe(expected?.text);
    if (answer) expect(answer.threadRemoteId).toBe(dm.threadRemoteId);
  });

  it('refuses a reply to a deleted item as item_deleted, and blocks hide their author', async () => {
    const { items } = await readAll(channel(), new Date(START - 30 * DAY).toISOString());
    const comment = items.find((i) => i.kind === 'comment');
    if (!comment) throw new Error('expected a comment');
    const target = replyInput(comment, 'x').target;
    await inbox!.act(channel(), 'delete', target);
    const error = await inbox!.reply(channel(), replyInput(comment, 'reply-2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('permanent');
    expect((error as NetworkError).code).toBe('item_deleted');
    await inbox!.act(channel(), 'block', target);
    const after = await readAll(channel(), new Date(START - 30 * DAY).toISOString());
    expect(after.items.some((i) => i.author.handle === comment.author.handle)).toBe(false);
  });

  it('leaves a reply stored but unanswered as ambiguous (timeout after accept), and findReply finds it', async () => {
    const { items } = await readAll(channel(), new Date(START - 30 * DAY).toISOString());
    network.setOptions({ timeoutAfterAcceptRate: 1, hangMs: 20 });
    const input = replyInput(items[0], 'reply-hang');
    const error = await inbox!.reply(channel(), input).catch((e: unknown) => e);
    expect((error as NetworkError).kind).toBe('ambiguous');
    network.setOptions({ timeoutAfterAcceptRate: 0 });
    expect(await inbox!.findReply(channel(), input)).not.toBeNull();
    expect(allInboxReplies(network, 'cafe')).toHaveLength(1);
  });
});

describe('sandbox inbox over HTTP', () => {
  let server: SandboxServer;
  beforeAll(async () => {
    now = START;
    server = await startSandboxServer({ network: new SandboxNetwork({ seed: 7, now: () => now }) });
    seedAudience(server.network);
  });
  afterAll(() => server.close());

  it('reads, replies and finds replies through the server routes', async () => {
    const ctx = channel(server.url);
    const { items } = await readAll(ctx, new Date(START - 30 * DAY).toISOString());
    expect(items.length).toBeGreaterThan(0);
    const input = replyInput(items[items.length - 1], 'http-reply');
    const sent = await inbox!.reply(ctx, input);
    expect(sent.remoteUrl).toContain(server.url);
    expect((await inbox!.findReply(ctx, input))?.remoteId).toBe(sent.remoteId);
    await inbox!.act(ctx, 'like', input.target);
    const bad = await fetch(`${server.url}/api/accounts/cafe/inbox?after=nonsense`, { headers: { authorization: 'Bearer tok' } });
    expect(bad.status).toBe(400);
  });
});
