import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';
import { allInboxReplies } from '../src/networks/sandbox/inbox.ts';
import { processDueReplies } from '../src/modules/inbox/replies.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';

/** `plaza inbox …` against a running Plaza whose sandbox audience has written to the brand. */
describe('plaza inbox', () => {
  let runtime: PlazaRuntime;
  let folder: CliDataDir;
  let env: Record<string, string>;
  const network = new SandboxNetwork({ seed: 3 });

  beforeAll(async () => {
    setInProcessSandbox(network);
    folder = cliDataDir('cli-inbox', 'cli-inbox-secret-cli-inbox-secret-012345');
    // Web only: the test sends replies itself, so nothing races it. The account is made in-process
    // (the CLI's own user commands have their tests): only the inbox commands run as the binary.
    const server = await startPlazaServer(folder.env, { services: ['web'] });
    runtime = server.runtime;
    const { createUser } = await import('../src/modules/accounts/commands/users.ts');
    const { accountsRepository } = await import('../src/modules/accounts/repository.ts');
    const user = await createUser(runtime.ctx, { email: 'bea@example.com', name: 'Bea', password: 'una clave larga' });
    const token = (await accountsRepository.createApiToken(runtime.ctx.database.db, user.id, 'cli')).token;
    env = { ...folder.env, PLAZA_URL: server.url, PLAZA_TOKEN: token };
  }, 180_000);
  afterAll(async () => {
    await runtime?.stop();
    folder?.remove();
  });

  it('lists, shows, replies, assigns and resolves, in JSON and in lines', async () => {
    const ws = JSON.parse(
      (await plaza(env, '--json', 'workspace', 'create', '--name', 'Horno', '--tz', 'Europe/Madrid', '--lang', 'es')).stdout,
    );
    const channel = JSON.parse(
      (
        await plaza(
          env,
          '--json',
          'channel',
          'add',
          '-w',
          ws.id,
          '--network',
          'sandbox',
          '--name',
          'Demo',
          '-f',
          'handle=horno',
          '-f',
          'token=demo',
        )
      ).stdout,
    );
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
    expect(await processDueReplies(runtime.ctx)).toMatchObject({ sent: 1 });
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
