import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxNetwork, setInProcessSandbox } from '../src/networks/sandbox/index.ts';
import { type CliWorkspace, cliWorkspace, plaza } from './helpers/cli.ts';

/** `plaza contacts …` against a running Plaza whose sandbox audience has written to the brand. */
describe('plaza contacts', () => {
  let cli: CliWorkspace;
  let scratch: string;
  const network = new SandboxNetwork({ seed: 5 });

  beforeAll(async () => {
    setInProcessSandbox(network);
    cli = await cliWorkspace('cli-contacts', { handle: 'horno', userName: 'Rosa' });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-contacts-'));
  }, 180_000);
  afterAll(async () => {
    await cli?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('links, lists, shows, moves, imports, exports, merges, splits and erases, in JSON and in lines', async () => {
    const env = cli.env;
    const ws = { id: cli.workspaceId };
    const channel = { id: cli.channelId };
    network.configureAccount('horno', { createdAt: Date.now() - 10 * 86_400_000 });
    expect((await plaza(env, 'inbox', 'sync', '-w', ws.id, channel.id)).code).toBe(0);
    const linked = JSON.parse((await plaza(env, '--json', 'contacts', 'link', '-w', ws.id)).stdout);
    expect(linked.created).toBeGreaterThan(0);
    const listed = JSON.parse((await plaza(env, '--json', 'contacts', 'list', '-w', ws.id)).stdout);
    expect(listed.items).toHaveLength(linked.created);
    const first = listed.items[0];
    const lines = await plaza(env, 'contacts', 'list', '-w', ws.id);
    expect(lines.stdout).toContain(first.id);
    const shown = await plaza(env, 'contacts', 'show', '-w', ws.id, first.id);
    expect(shown.stdout).toMatch(/\d+ messages in \d+ conversations/);
    expect(shown.stdout).toContain('— → follower');

    const moved = JSON.parse((await plaza(env, '--json', 'contacts', 'stage', '-w', ws.id, first.id, 'lead')).stdout);
    expect(moved.stageHistory[0]).toMatchObject({ fromStage: 'follower', toStage: 'lead', actorName: 'Rosa' });
    const bad = await plaza(env, 'contacts', 'stage', '-w', ws.id, first.id, 'jefe');
    expect(bad.code).not.toBe(0);

    const csvFile = path.join(scratch, 'contacts.csv');
    expect((await plaza(env, 'contacts', 'export', '-w', ws.id, '-o', csvFile)).code).toBe(0);
    expect(fs.readFileSync(csvFile, 'utf8')).toContain(`${first.id},`);
    const importFile = path.join(scratch, 'import.csv');
    fs.writeFileSync(importFile, 'name,stage,value,identities\nMarta Ruiz,customer,99.9,sandbox:marta_r\nMarta R.,,,sandbox:marta_ruiz\n');
    const imported = JSON.parse((await plaza(env, '--json', 'contacts', 'import', '-w', ws.id, importFile)).stdout);
    expect(imported).toEqual({ created: 2, updated: 0 });
    const martas = JSON.parse((await plaza(env, '--json', 'contacts', 'list', '-w', ws.id, '-q', 'marta')).stdout).items;
    const ruiz = martas.find((c: { displayName: string }) => c.displayName === 'Marta Ruiz');
    const r = martas.find((c: { displayName: string }) => c.displayName === 'Marta R.');
    const merged = JSON.parse((await plaza(env, '--json', 'contacts', 'merge', '-w', ws.id, ruiz.id, r.id)).stdout);
    expect(merged.identities).toHaveLength(2);
    const split = JSON.parse((await plaza(env, '--json', 'contacts', 'split', '-w', ws.id, ruiz.id, merged.identities[1].id)).stdout);
    expect(split.identities).toHaveLength(1);

    const person = JSON.parse((await plaza(env, 'contacts', 'export', '-w', ws.id, first.id)).stdout);
    expect(person.contact.id).toBe(first.id);
    expect(person.messages.length).toBeGreaterThan(0);
    const refused = await plaza(env, 'contacts', 'erase', '-w', ws.id, first.id);
    expect(refused.code).not.toBe(0);
    const erased = JSON.parse((await plaza(env, '--json', 'contacts', 'erase', '-w', ws.id, first.id, '--yes')).stdout);
    expect(erased.items).toBe(person.messages.length);
    const gone = await plaza(env, 'contacts', 'show', '-w', ws.id, first.id);
    expect(gone.code).not.toBe(0);
  }, 180_000);
});
