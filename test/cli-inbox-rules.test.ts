import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';
import { type CliWorkspace, cliWorkspace, plaza } from './helpers/cli.ts';

/** `plaza inbox rules|report|bulk|push-secret` against a running Plaza with a sandbox channel. */
describe('plaza inbox rules, report, bulk', () => {
  let cli: CliWorkspace;
  const network = new SandboxNetwork({ seed: 5 });

  beforeAll(async () => {
    setInProcessSandbox(network);
    cli = await cliWorkspace('cli-inbox-rules', { handle: 'hornor', userName: 'Rosa' });
  }, 180_000);
  afterAll(async () => {
    await cli?.close();
  });

  it('adds, tests and lists rules, refuses a bad query with its position, reports and changes a selection', async () => {
    const env = cli.env;
    const ws = { id: cli.workspaceId };
    const channel = { id: cli.channelId };
    network.configureAccount('hornor', { createdAt: Date.now() - 10 * 86_400_000 });
    expect((await plaza(env, 'inbox', 'sync', '-w', ws.id, channel.id)).code).toBe(0);

    const bad = await plaza(
      env,
      '--json',
      'inbox',
      'rules',
      'add',
      '-w',
      ws.id,
      '--name',
      'x',
      '--query',
      'pedido AND (',
      '--priority',
      'high',
    );
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'invalid_query', details: { position: expect.any(Number) } });
    const rule = JSON.parse(
      (
        await plaza(
          env,
          '--json',
          'inbox',
          'rules',
          'add',
          '-w',
          ws.id,
          '--name',
          'Quejas',
          '--sentiment',
          'negative',
          '--label',
          'queja',
          '--priority',
          'high',
        )
      ).stdout,
    );
    expect(rule).toMatchObject({
      position: 1,
      conditions: { sentiments: ['negative'] },
      actions: { addLabels: ['queja'], priority: 'high' },
    });
    const tested = JSON.parse((await plaza(env, '--json', 'inbox', 'rules', 'test', '-w', ws.id, '--rule', rule.id)).stdout);
    expect(tested.scanned).toBeGreaterThan(0);
    const lines = await plaza(env, 'inbox', 'rules', 'list', '-w', ws.id);
    expect(lines.stdout).toContain('1. ');
    expect(lines.stdout).toContain('Quejas');

    const report = JSON.parse((await plaza(env, '--json', 'inbox', 'report', '-w', ws.id)).stdout);
    expect(report.inbound).toBeGreaterThan(0);
    const listed = JSON.parse((await plaza(env, '--json', 'inbox', 'list', '-w', ws.id, '--limit', '2')).stdout);
    const ids = listed.items.map((c: { id: string }) => c.id);
    const bulk = await plaza(env, 'inbox', 'bulk', '-w', ws.id, ...ids, '--resolve', '--label', 'visto');
    expect(bulk.stdout).toContain(`${ids.length} conversations changed`);
    const push = JSON.parse((await plaza(env, '--json', 'inbox', 'push-secret', '-w', ws.id, channel.id)).stdout);
    expect(push.url).toContain(`/api/v1/inbox/push/${channel.id}`);
    expect(push.secret.length).toBeGreaterThan(30);
    const removed = JSON.parse((await plaza(env, '--json', 'inbox', 'push-secret', '-w', ws.id, channel.id, '--remove')).stdout);
    expect(removed).toEqual({ removed: true });
    const again = await plaza(env, 'inbox', 'push-secret', '-w', ws.id, channel.id, '--remove');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('inbox_push_not_configured');
  }, 180_000);
});
