import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPds, type TestPds } from './pds.ts';

describe('startTestPds', () => {
  let pds: TestPds;

  beforeAll(async () => {
    pds = await startTestPds();
  });

  afterAll(async () => {
    await pds?.close();
  });

  it('serves the PDS and the PLC directory on loopback', async () => {
    expect(pds.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(pds.pds.server?.address()).toMatchObject({ address: '127.0.0.1', port: pds.port });
    const description = (await (await fetch(`${pds.url}/xrpc/com.atproto.server.describeServer`)).json()) as {
      availableUserDomains: string[];
      inviteCodeRequired?: boolean;
    };
    expect(description.availableUserDomains).toEqual(['.test']);
    expect(description.inviteCodeRequired).toBe(false);
  });

  it('creates accounts with valid handles, a PLC identity and a working app password', async () => {
    const account = await pds.createAccount('A very long prefix, with spaces!');
    expect(account.handle).toMatch(/^[a-z0-9]{3,18}\.test$/);
    expect(account.did).toMatch(/^did:plc:/);

    const didDoc = (await (await fetch(`${pds.plcUrl}/${account.did}`)).json()) as { alsoKnownAs: string[] };
    expect(didDoc.alsoKnownAs).toEqual([`at://${account.handle}`]);

    const login = await fetch(`${pds.url}/xrpc/com.atproto.server.createSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: account.handle, password: account.appPassword }),
    });
    expect(login.status).toBe(200);

    const short = await pds.createAccount('x', { appPassword: false });
    expect(short.handle).toMatch(/^x[a-z0-9]{3}\.test$/);
    expect(short.appPassword).toBeUndefined();
  });

  it('removes its data directory on close', async () => {
    const other = await startTestPds();
    const directory = other.pds.ctx.cfg.db.accountDbLoc.replace(/\/account\.sqlite$/, '');
    expect(existsSync(directory)).toBe(true);
    await other.close();
    expect(existsSync(directory)).toBe(false);
  });
});
