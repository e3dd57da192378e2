import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';
import { allInboxReplies } from '../src/networks/sandbox/inbox.ts';
import { processDueReplies } from '../src/modules/inbox/replies.ts';
import { type CliWorkspace, cliWorkspace, plaza } from './helpers/cli.ts';

/** `plaza inbox …` against a running Plaza whose sandbox audience has written to the brand. */
describe('plaza inbox', () => {
  let cli: CliWorkspace;
  const network = new SandboxNetwork({ seed: 3 });

  beforeAll(async () => {
    setInProcessSandbox(network);
    cli = await cliWorkspace('cli-inbox', { handle: 'horno', userName: 'Bea' });
  }, 180_000);
  afterAll(async () => {
    await cli?.close();
  });

  it('lists, shows, replies, assigns and resolves, in JSON and in lines', async () => {
    const env = cli.env;
    const ws = { id: cli.workspaceId };
    const channel = { id: cli.channelId };
    network.configureAccount('horno', { createdAt: Date.now() - 10 * 86_400_000 });
    const synced = await plaza(env, 'inbox', 'sync', '-w', ws.id, channel.id);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toMatch(/^\d+ new, 0 already stored, backfill done/);
    const listed = JSON.parse((await plaza(env, '--json', 'inbox', 'list', '-w', ws.id, '--kind', 'direct_message')).stdout);
    expect(listed.items.length).toBeGreaterThan(0);
    const conversation = listed.items[0];
    const lines = await plaza(env, 'inbox', 'list', '-w', ws.id);
    expect(lines.stdout).toContain(conversation.id);
    const shown = await plaza(env, 'inbox', 'show', '-w', ws.id, conversation.id);
    expect(shown.stdout).toContain(conversation.preview.slice(0, 20));
    const reply = JSON.parse(
      (await plaza(env, '--json', 'inbox', 'reply', '-w', ws.id, conversation.id, 'Gracias, te escribimos ahora')).stdout,
    );
    expect(reply).toMatchObject({ state: 'queued', mode: 'direct_message' });
    const again = await plaza(env, 'inbox', 'reply', '-w', ws.id, conversation.id, 'Otra vez');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('inbox_already_answered');
    expect(await processDueReplies(cli.runtime.ctx)).toMatchObject({ sent: 1 });
    expect(allInboxReplies(network, 'horno')).toHaveLength(1);
    const members = (await (
      await fetch(`${env.PLAZA_URL}/api/v1/workspaces/${ws.id}/members`, { headers: { authorization: `Bearer ${env.PLAZA_TOKEN}` } })
    ).json()) as {
      items: Array<{ userId: string }>;
    };
    const assigned = await plaza(env, 'inbox', 'assign', '-w', ws.id, conversation.id, members.items[0].userId);
    expect(assigned.stdout).toContain('assigned to Bea');
    const resolved = JSON.parse((await plaza(env, '--json', 'inbox', 'resolve', '-w', ws.id, conversation.id)).stdout);
    expect(resolved.state).toBe('resolved');
  }, 180_000);
});
