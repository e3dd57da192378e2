/**
 * The reference Bluesky AppView (@atproto/bsky, what api.bsky.app runs) beside the reference
 * PDS, inside the test process, offline, on 127.0.0.1 (recipe: /work/shared/recipes/bluesky-appview.md,
 * option A). The AppView indexes the PDS firehose into its own Postgres schema and answers the
 * app.bsky.* reads the PDS proxies to it: notifications, threads, likes, profiles, mutes.
 *
 * Start one per test file (import ≈ 3 s, start ≈ 1 s) and reuse it; `close()` drops the schema.
 * After writes that later reads depend on, call `waitForIndex()` (the AppView has then indexed
 * everything the PDS has sequenced so far).
 */
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Secp256k1Keypair } from '@atproto/crypto';
import { PDS, envToCfg, envToSecrets, type ServerEnvironment } from '@atproto/pds';
import { Database as PlcDatabase, PlcServer } from '@did-plc/server';
import { Client as PlcClient } from '@did-plc/lib';
import type { TestPdsAccount } from './pds.ts';
import { findFreePort } from './pds.ts';

export interface TestAppView {
  /** The PDS clients talk to (it proxies app.bsky.* to the AppView). */
  url: string;
  plcUrl: string;
  appviewUrl: string;
  appviewDid: string;
  /** Creates an account `<prefix><n>.test` with an app password (not privileged: no DM access). */
  createAccount(handlePrefix: string): Promise<TestPdsAccount>;
  /** Resolves once the AppView has indexed every event the PDS has sequenced so far. */
  waitForIndex(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_PG_URL = process.env.PLAZA_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * The AppView's servers call listen(port) (every interface): pin them to loopback while they start.
 * Restored afterwards, so nothing else in the process is affected.
 */
async function withLoopbackListen<T>(work: () => Promise<T>): Promise<T> {
  const original = net.Server.prototype.listen;
  net.Server.prototype.listen = function patched(this: net.Server, ...args: unknown[]) {
    if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
    else if (args[0] && typeof args[0] === 'object' && !(args[0] as net.ListenOptions).host && !(args[0] as net.ListenOptions).path) {
      args[0] = { ...(args[0] as object), host: '127.0.0.1' };
    }
    return (original as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof original;
  try {
    return await work();
  } finally {
    net.Server.prototype.listen = original;
  }
}

/** GET with a Host header (global fetch drops it): how the AppView verifies `*.test` handles against the PDS. */
function resolveHandleThroughPds(pdsUrl: string, handle: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    http
      .get(`${pdsUrl}/.well-known/atproto-did`, { headers: { host: handle } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(res.statusCode === 200 ? body.trim() : undefined));
      })
      .on('error', () => resolve(undefined));
  });
}

let accountCounter = 0;

export async function startTestAppView(options: { pgUrl?: string } = {}): Promise<TestAppView> {
  const bsky = await import('@atproto/bsky');
  return withLoopbackListen(async () => {
    const plc = PlcServer.create({ db: PlcDatabase.mock(), port: await findFreePort() });
    await plc.start();
    const plcUrl = `http://localhost:${(plc.server?.address() as net.AddressInfo | undefined)?.port}`;
    const [avPort, pdsPort, dpPort, bsyncPort] = [await findFreePort(), await findFreePort(), await findFreePort(), await findFreePort()];

    // The AppView's identity: the PDS signs the service JWTs it proxies with aud = this DID.
    const avKey = await Secp256k1Keypair.create();
    const appviewUrl = `http://localhost:${avPort}`;
    const plcClient = new PlcClient(plcUrl);
    const appviewDid = await plcClient.createDid({
      signingKey: avKey.did(),
      rotationKeys: [avKey.did()],
      handle: 'appview.test',
      pds: appviewUrl,
      signer: avKey,
    });
    await plcClient.updateData(appviewDid, avKey, (doc) => {
      doc.services.bsky_appview = { type: 'BskyAppView', endpoint: appviewUrl };
      doc.services.bsky_notif = { type: 'BskyNotificationService', endpoint: appviewUrl };
      return doc;
    });

    // Postgres schema names must be [A-Za-z_].
    const pgSchema = `plaza_appview_${Math.random()
      .toString(36)
      .replace(/[^a-z]/g, '')
      .slice(0, 10)}`;
    const db = new bsky.Database({ url: options.pgUrl ?? DEFAULT_PG_URL, schema: pgSchema, poolSize: 5 });
    await db.migrateToLatestOrThrow();
    const dataplane = await bsky.DataPlaneServer.create(db, dpPort, plcUrl);
    const bsync = await bsky.MockBsync.create(db, bsyncPort);
    const config = new bsky.ServerConfig({
      version: 'local',
      port: avPort,
      didPlcUrl: plcUrl,
      publicUrl: appviewUrl,
      serverDid: appviewDid,
      alternateAudienceDids: [],
      dataplaneUrls: [`http://localhost:${dpPort}`],
      dataplaneHttpVersion: '1.1',
      bsyncUrl: `http://localhost:${bsyncPort}`,
      bsyncHttpVersion: '1.1',
      modServiceDid: 'did:example:invalidMod',
      labelsFromIssuerDids: [],
      bigThreadUris: new Set(),
      maxThreadParents: 50,
      disableSsrfProtection: true,
      searchTagsHide: new Set(),
      threadTagsBumpDown: new Set(),
      threadTagsHide: new Set(),
      visibilityTagHide: '',
      visibilityTagRankPrefix: '',
      debugFieldAllowedDids: new Set(),
      draftsLimit: 500,
      adminPasswords: ['admin-pass'],
      etcdHosts: [],
    } as unknown as ConstructorParameters<typeof bsky.ServerConfig>[0]);
    const appview = bsky.BskyAppView.create({ config, signingKey: avKey });
    const sub = new bsky.RepoSubscription({ service: `ws://localhost:${pdsPort}`, db, idResolver: dataplane.idResolver });
    await appview.start();
    sub.start();

    const dataDirectory = await mkdtemp(path.join(os.tmpdir(), 'plaza-appview-pds-'));
    const rotationKey = await Secp256k1Keypair.create({ exportable: true });
    const env: ServerEnvironment = {
      devMode: true,
      port: pdsPort,
      hostname: 'localhost',
      version: '0.0.0-test',
      dataDirectory,
      blobstoreDiskLocation: path.join(dataDirectory, 'blobs'),
      jwtSecret: 'plaza-appview-secret',
      adminPassword: 'admin-pass',
      plcRotationKeyK256PrivateKeyHex: Buffer.from(await rotationKey.export()).toString('hex'),
      didPlcUrl: plcUrl,
      inviteRequired: false,
      rateLimitsEnabled: false,
      crawlers: [],
      serviceHandleDomains: ['.test'],
      handleBackupNameservers: [],
      disableSsrfProtection: true,
      bskyAppViewUrl: appviewUrl,
      bskyAppViewDid: appviewDid,
    };
    const pds = await PDS.create(envToCfg(env), envToSecrets(env));
    await pds.start();
    const url = `http://localhost:${pdsPort}`;

    // The AppView verifies every handle it indexes: *.test handles resolve through the PDS, never DNS.
    for (const resolver of [appview.ctx.idResolver, dataplane.idResolver]) {
      resolver.handle.resolve = async (handle: string) => (handle.endsWith('.test') ? resolveHandleThroughPds(url, handle) : undefined);
    }

    async function xrpc<T>(nsid: string, body: unknown, accessJwt?: string): Promise<T> {
      const response = await fetch(`${url}/xrpc/${nsid}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accessJwt ? { authorization: `Bearer ${accessJwt}` } : {}) },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as T & { error?: string; message?: string };
      if (!response.ok) throw new Error(`${nsid} failed: ${response.status} ${json.error ?? ''} ${json.message ?? ''}`);
      return json;
    }

    return {
      url,
      plcUrl,
      appviewUrl,
      appviewDid,
      async createAccount(handlePrefix) {
        accountCounter += 1;
        const name = `${handlePrefix
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '')
          .slice(0, 14)}${accountCounter.toString(36)}`;
        const password = `pw-${name}`;
        const created = await xrpc<{ did: string; handle: string; accessJwt: string; refreshJwt: string }>(
          'com.atproto.server.createAccount',
          {
            handle: `${name}.test`,
            email: `${name}@example.test`,
            password,
          },
        );
        const app = await xrpc<{ password: string }>('com.atproto.server.createAppPassword', { name: 'plaza-test' }, created.accessJwt);
        return { ...created, email: `${name}@example.test`, password, appPassword: app.password };
      },
      async waitForIndex(timeoutMs = 10_000) {
        const target = await pds.ctx.sequencer.curr();
        const started = Date.now();
        while (Date.now() - started < timeoutMs) {
          await sub.processAll();
          const cursor = await sub.runner.getCursor();
          if (!target || (cursor && cursor >= target)) return;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        throw new Error(`AppView did not index up to seq ${target} within ${timeoutMs} ms`);
      },
      async close() {
        await pds.destroy();
        await appview.destroy();
        await bsync.destroy();
        await dataplane.destroy();
        await sub.destroy();
        await db.db.schema
          .dropSchema(pgSchema)
          .ifExists()
          .cascade()
          .execute()
          .catch(() => {});
        await db.close();
        await plc.destroy();
        await rm(dataDirectory, { recursive: true, force: true });
      },
    };
  });
}
