/**
 * The small version of the mixed-network publishing benchmark (`npm run bench:publish --
 * --only=networks --small`, bench/lib/networks-run.ts): 224 publications due within 20 s across
 * Facebook, Instagram, Threads, X, LinkedIn, Pinterest, Google Business Profile, Telegram, Discord,
 * Slack, YouTube (a video each) and TikTok (videos and photo posts) channels on their local contract
 * servers and WordPress channels on a real WordPress (one site, a user each), with 5% 5xx and 2%
 * timeouts after acceptance and a worker process SIGKILLed, settle with no duplicate and nothing
 * lost, as the networks' own servers (WordPress's own database) count them, and no post above a
 * channel's limit.
 *
 * An attempt the network refused gives its channel's posting slot back, and a lost answer is found
 * again without waiting for a slot; only a publication in flight on the killed worker waits for its
 * channel's next slot (a minute on Facebook and Instagram), since that worker may have used it.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../src/lib/crypto.ts';
import { FARM_NETWORKS } from '../bench/lib/network-farm.ts';
import { SMALL_RUN, runNetworks } from '../bench/lib/networks-run.ts';

describe('publishing benchmark, mixed networks (small)', () => {
  it('publishes every post once on thirteen networks through 5xx, lost answers and a SIGKILL', async () => {
    const secret = `bench-${randomBytes(16).toString('hex')}`;
    const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-networks-'));
    try {
      const lines: string[] = [];
      const result = await runNetworks({
        ...SMALL_RUN,
        secret,
        secrets: new SecretBox(secret),
        mediaRoot,
        log: (line) => lines.push(line),
      });
      // Per network, so a failure says where.
      const where = JSON.stringify(
        Object.fromEntries(
          Object.entries(result.networks).map(([name, n]) => [name, { lost: n.lost, dup: n.duplicates, over: n.rateViolations }]),
        ),
      );
      // Everything the run said about what went wrong, before the first failing expectation hides the rest.
      if (result.duplicates + result.lost + result.failed + result.rateViolations > 0) console.log(lines.join('\n'));
      expect(result.publications).toBe(SMALL_RUN.publications);
      expect(result.duplicates, where).toBe(0);
      expect(result.lost, `${where} ${lines.filter((l) => l.includes(' lost ')).join(' ')}`).toBe(0);
      expect(result.failed, lines.filter((l) => l.includes('failed publications by reason')).join(' ')).toBe(0);
      expect(result.rateViolations, `${where} ${lines.filter((l) => l.includes('above the limit')).join(' ')}`).toBe(0);
      expect(result.unroutedRequests).toBe(0);
      expect(result.kills).toBe(1);
      // The faults did happen: the run proves something.
      expect(result.injected.error5xx).toBeGreaterThan(0);
      expect(result.injected.lostAnswers).toBeGreaterThan(0);
      for (const network of FARM_NETWORKS) {
        const numbers = result.networks[network];
        expect(numbers.published, network).toBe(numbers.publications);
        expect(Number.isFinite(numbers.p99), network).toBe(true);
      }
    } finally {
      fs.rmSync(mediaRoot, { recursive: true, force: true });
    }
  }, 300_000);
});
