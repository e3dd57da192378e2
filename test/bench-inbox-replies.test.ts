/**
 * The small version of the inbox reply chaos benchmark (`npm run bench:inbox`, bench/lib/inbox-replies-run.ts):
 * 80 replies from the inbox on Facebook, Instagram, X, Telegram and LinkedIn channels on their local contract
 * servers, with 5 % 5xx and 2 % answers lost after acceptance on every POST and one of two reply
 * worker processes SIGKILLed, settle with no reply twice and none lost, as the networks' own
 * servers count them.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../src/lib/crypto.ts';
import { REPLY_NETWORKS, SMALL_REPLIES, runInboxReplies } from '../bench/lib/inbox-replies-run.ts';

describe('inbox reply benchmark (small)', () => {
  it('sends every reply once on five networks through 5xx, lost answers and a SIGKILL, within 60 s', async () => {
    const secret = `bench-${randomBytes(16).toString('hex')}`;
    const lines: string[] = [];
    const result = await runInboxReplies({
      ...SMALL_REPLIES,
      // A higher share of lost answers than the full run's 2 %, so a run of 80 surely meets some.
      lostAnswerRate: 0.05,
      secret,
      secrets: new SecretBox(secret),
      log: (line) => lines.push(line),
      settleTimeoutMs: 60_000,
    });
    const where = `${JSON.stringify(result.networks)} ${lines.filter((l) => / lost |failed by reason/.test(l)).join(' ')}`;
    expect(result.replies).toBe(SMALL_REPLIES.replies);
    expect(result.reply_duplicates, where).toBe(0);
    expect(result.reply_lost, where).toBe(0);
    expect(result.failed, where).toBe(0);
    expect(result.sent).toBe(result.replies);
    expect(result.kills).toBe(1);
    expect(result.unroutedRequests).toBe(0);
    // The faults did happen: the run proves something.
    expect(result.injected.error5xx).toBeGreaterThan(0);
    expect(result.injected.lostAnswers).toBeGreaterThan(0);
    for (const network of REPLY_NETWORKS) expect(result.networks[network].sent, network).toBe(result.networks[network].replies);
    expect(result.elapsed_ms).toBeLessThan(60_000);
  }, 180_000);
});
