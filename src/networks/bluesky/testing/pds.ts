/**
 * Starts the reference Bluesky PDS (and an in-memory PLC directory) inside the
 * test process, offline, bound to 127.0.0.1. Used by the Bluesky adapter,
 * publishing-engine and listening (firehose) tests.
 *
 * Start one per test file or worker (module load is ≈ 2–3 s) and reuse it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { Secp256k1Keypair } from '@atproto/crypto';
import { PDS, envToCfg, envToSecrets, type ServerEnvironment } from '@atproto/pds';
import { Database as PlcDatabase, PlcServer } from '@did-plc/server';

/** An account created on the test PDS, with a live session ready to reuse. */
export interface TestPdsAccount {
  did: string;
  /** Full handle, e.g. `alice000.test`. */
  handle: string;
  email: string;
  password: string;
  accessJwt: string;
  refreshJwt: string;
  /** An app password (com.atproto.server.createAppPassword), unless `{ appPassword: false }`. */
  appPassword?: string;
}

export interface CreateTestAccountOptions {
  /** Also create an app password (default true); costs one extra request. */
  appPassword?: boolean;
}

export interface TestPds {
  /** Base URL clients use: `http://127.0.0.1:<port>`. */
  url: string;
  /** Base URL of the in-memory PLC directory. */
  plcUrl: string;
  port: number;
  /** The PDS's own service DID (`did:web:localhost`). */
  serviceDid: string;
  /** Admin password, for `com.atproto.admin.*` calls with basic auth `admin:<password>`. */
  adminPassword: string;
  /** HS256 secret the PDS signs session tokens with (lets tests mint e.g. expired tokens). */
  jwtSecret: string;
  /** The underlying PDS instance, for tests that need its internals. */
  pds: PDS;
  /**
   * Creates an account whose handle is `<prefix><counter>.test` (the prefix is
   * lower-cased, stripped to [a-z0-9] and cut so the handle stays valid).
   */
  createAccount(handlePrefix: string, options?: CreateTestAccountOptions): Promise<TestPdsAccount>;
  /** Stops both servers and removes the temporary data directory. */
  close(): Promise<void>;
}

/** Asks the OS for a free TCP port on 127.0.0.1 (the PDS needs a concrete one for its DID documents). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Both servers call `app.listen(port)`, which binds every interface: pin them to loopback. */
function bindExpressToLoopback(app: { listen: (...args: never[]) => http.Server }): void {
  const listen = app.listen.bind(app) as (port: number, host: string) => http.Server;
  (app as { listen: (port: number) => http.Server }).listen = (port: number) => listen(port, '127.0.0.1');
}

let accountCounter = 0;

/** Starts PLC + PDS on 127.0.0.1 with temp dirs, invites off, no AppView, no crawlers, no rate limits. */
export async function startTestPds(options: { proxyToLoopback?: boolean } = {}): Promise<TestPds> {
  const dataDirectory = await mkdtemp(path.join(os.tmpdir(), 'plaza-pds-'));

  const plc = PlcServer.create({ db: PlcDatabase.mock(), port: 0 });
  bindExpressToLoopback(plc.app as never);
  const plcHttp = await plc.start();
  const plcAddress = plcHttp.address();
  if (!plcAddress || typeof plcAddress !== 'object') throw new Error('PLC server has no address');
  const plcUrl = `http://127.0.0.1:${plcAddress.port}`;

  const port = await findFreePort();
  const rotationKey = await Secp256k1Keypair.create({ exportable: true });
  const adminPassword = 'admin-pass';
  const jwtSecret = 'plaza-test-jwt-secret';
  const env: ServerEnvironment = {
    port,
    // 'localhost' keeps the public URL on http and the handle domain at '.test'.
    hostname: 'localhost',
    devMode: true,
    version: '0.0.0-test',
    dataDirectory,
    blobstoreDiskLocation: path.join(dataDirectory, 'blobs'),
    didPlcUrl: plcUrl,
    serviceHandleDomains: ['.test'],
    inviteRequired: false,
    rateLimitsEnabled: false,
    crawlers: [],
    jwtSecret,
    adminPassword,
    plcRotationKeyK256PrivateKeyHex: Buffer.from(await rotationKey.export()).toString('hex'),
    // Empty on purpose: handles outside '.test' must not trigger DNS or HTTP look-ups.
    handleBackupNameservers: [],
    // Lets the PDS proxy (atproto-proxy) to services on 127.0.0.1, e.g. the chat test server.
    ...(options.proxyToLoopback ? { disableSsrfProtection: true } : {}),
  };
  const pds = await PDS.create(envToCfg(env), envToSecrets(env));
  bindExpressToLoopback(pds.app as never);
  await pds.start();
  const url = `http://127.0.0.1:${port}`;

  async function xrpc<T>(nsid: string, body: unknown, accessJwt?: string): Promise<T> {
    const response = await fetch(`${url}/xrpc/${nsid}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(accessJwt ? { authorization: `Bearer ${accessJwt}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as T & { error?: string; message?: string };
    if (!response.ok) throw new Error(`${nsid} failed: ${response.status} ${json.error ?? ''} ${json.message ?? ''}`);
    return json;
  }

  async function createAccount(handlePrefix: string, options: CreateTestAccountOptions = {}): Promise<TestPdsAccount> {
    accountCounter += 1;
    const suffix = accountCounter.toString(36).padStart(3, '0');
    const cleanPrefix = handlePrefix
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 18 - suffix.length);
    const handle = `${cleanPrefix}${suffix}.test`;
    const email = `${cleanPrefix}${suffix}@example.test`;
    const password = `pw-${cleanPrefix}-${suffix}`;
    const created = await xrpc<{ did: string; handle: string; accessJwt: string; refreshJwt: string }>('com.atproto.server.createAccount', {
      handle,
      email,
      password,
    });
    const account: TestPdsAccount = {
      did: created.did,
      handle: created.handle,
      email,
      password,
      accessJwt: created.accessJwt,
      refreshJwt: created.refreshJwt,
    };
    if (options.appPassword !== false) {
      const app = await xrpc<{ password: string }>('com.atproto.server.createAppPassword', { name: 'plaza-test' }, created.accessJwt);
      account.appPassword = app.password;
    }
    return account;
  }

  return {
    url,
    plcUrl,
    port,
    serviceDid: pds.ctx.cfg.service.did,
    adminPassword,
    jwtSecret,
    pds,
    createAccount,
    async close() {
      await pds.destroy();
      await plc.destroy();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
