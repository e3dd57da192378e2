/**
 * The channel cards that offer the Meta push set-up (app secret, callback URL, verify token) are
 * exactly the networks whose inbox verifies Meta's webhook signature and reads pushes: a network
 * that starts taking Meta webhooks shows the card, and no card asks for a secret nothing checks.
 */
import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../src/networks/index.ts';
import { verifyMetaPush } from '../src/networks/meta-graph/webhooks.ts';
import { META_PUSH_NETWORKS } from '../web/src/features/channels/meta-push-networks.ts';

describe('Meta push card networks', () => {
  it('are the networks whose inbox takes Meta-signed pushes', () => {
    const metaPushing = NETWORKS.map((pkg) => pkg.adapter)
      .filter((adapter) => adapter.inbox?.verifyPush === verifyMetaPush && typeof adapter.inbox.parsePush === 'function')
      .map((adapter) => adapter.name)
      .sort();
    expect(metaPushing).toContain('threads');
    expect([...META_PUSH_NETWORKS].sort()).toEqual(metaPushing);
    for (const name of metaPushing) {
      const inbox = NETWORKS.find((pkg) => pkg.adapter.name === name)!.adapter.inbox!;
      expect(inbox.capabilities.push, name).toBe(true);
      expect(typeof inbox.answerPushChallenge, name).toBe('function');
    }
  });
});
