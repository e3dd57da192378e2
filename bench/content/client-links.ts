/**
 * Client approval links (issue 16 part 11): what a client waits for. A link's period holds `posts` posts on
 * two channels (one image each); measured through the real API (Fastify inject, each request from its own address):
 * - `client_open_p95_ms`: opening the link (`POST /client-review/open`: the posts, every channel's version, signed media paths);
 * - `client_decide_p95_ms`: one approve or reject (`POST /client-review/decide`, one transaction and its event);
 * - `client_open_posts`: how many posts the page showed (all of the period's).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { openDatabase, migrate, type PlazaDatabase } from '../../src/db/database.ts';
import { loadConfig } from '../../src/config.ts';
import { SecretBox } from '../../src/lib/crypto.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { FileMediaStore } from '../../src/modules/media/store.ts';
import { NetworkRegistry } from '../../src/networks/registry.ts';
import { defaultAdapters } from '../../src/networks/index.ts';
import type { AppContext } from '../../src/server/context.ts';
import { buildApp } from '../../src/server/app.ts';
import { createUser } from '../../src/modules/accounts/commands/users.ts';
import { accountsRepository } from '../../src/modules/accounts/repository.ts';
import { storeMedia } from '../../src/modules/media/commands.ts';
import { createPgDatabase } from '../lib/pg.ts';
import { percentile } from '../lib/processes.ts';
import type { ContentBenchOptions } from '../content.ts';

export async function run(options: ContentBenchOptions): Promise<Record<string, number>> {
  const posts = options.small ? 40 : 500;
  const opens = options.small ? 10 : 50;
  const decides = options.small ? 20 : 200;
  const pgDb = options.database === 'postgres' ? await createPgDatabase() : null;
  const database: PlazaDatabase = await openDatabase(pgDb ? { databaseUrl: pgDb.url, poolSize: 5 } : {});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaza-bench-client-'));
  try {
    await migrate(database);
    const ctx: AppContext = {
      config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1' } as NodeJS.ProcessEnv),
      database,
      secrets: new SecretBox('bench-secret-bench-secret-bench-secret-01'),
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      media: new FileMediaStore(path.join(dataDir, 'media')),
      networks: new NetworkRegistry(defaultAdapters()),
    };
    const app = await buildApp(ctx);
    await app.ready();
    const user = await createUser(ctx, { email: 'bench@example.com', name: 'Bench', password: 'correct horse battery' });
    const { token } = await accountsRepository.createApiToken(database.db, user.id, 'bench');
    const call = async (method: 'GET' | 'POST', url: string, body?: object) => {
      const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body && { payload: body }) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const ws = (await call('POST', '/api/v1/workspaces', { name: 'Bench', timeZone: 'Europe/Madrid', language: 'es' })).id as string;
    const channels: string[] = [];
    for (const n of [1, 2])
      channels.push(
        (
          await call('POST', `/api/v1/workspaces/${ws}/channels`, {
            network: 'sandbox',
            name: `S${n}`,
            fields: { handle: `s${n}`, token: `t${n}` },
          })
        ).id,
      );
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c8743a' } })
      .png()
      .toBuffer();
    const mediaId = (await storeMedia(ctx, { workspaceId: ws, actorUserId: user.id, bytes: png })).id;
    const start = Date.UTC(2030, 2, 1, 9);
    const postIds: string[] = [];
    for (let i = 0; i < posts; i++) {
      const post = await call('POST', `/api/v1/workspaces/${ws}/posts`, {
        content: `Publicación ${i} del mes 🥐`,
        media: [{ mediaId, alt: 'Pan' }],
        channels: channels.map((channelId, c) => ({ channelId, text: `Publicación ${i}, canal ${c + 1}` })),
        scheduledAt: new Date(start + (i % 28) * 86_400_000 + (i % 24) * 60_000).toISOString(),
        action: 'schedule',
      });
      postIds.push(post.id);
    }
    options.log(`  ${posts} posts × 2 channels in the period`);
    const link = await call('POST', `/api/v1/workspaces/${ws}/client-links`, {
      clientName: 'Cliente',
      firstDay: '2030-03-01',
      lastDay: '2030-03-31',
      validDays: 30,
    });
    const linkToken = new URL(link.url).hash.replace('#token=', '');
    // The rate limits (per address) are the product's; each request comes from its own address so the run measures the work.
    let address = 0;
    const timed = async (url: string, body: object) => {
      address++;
      const remoteAddress = `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
      const t0 = performance.now();
      const res = await app.inject({ method: 'POST', url, payload: body, remoteAddress });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return { ms, body: res.json() };
    };
    const openTimes: number[] = [];
    let shown = 0;
    for (let i = 0; i < opens; i++) {
      const { ms, body } = await timed('/api/v1/client-review/open', { token: linkToken });
      openTimes.push(ms);
      shown = body.posts.length;
    }
    const decideTimes: number[] = [];
    for (let i = 0; i < decides; i++) {
      const { ms } = await timed('/api/v1/client-review/decide', {
        token: linkToken,
        postId: postIds[i % postIds.length],
        decision: i % 3 === 0 ? 'rejected' : 'approved',
        comment: i % 3 === 0 ? 'Cambiad la foto' : '',
      });
      decideTimes.push(ms);
    }
    await app.close();
    return {
      client_open_posts: shown,
      client_open_p50_ms: Math.round(percentile(openTimes, 50) * 10) / 10,
      client_open_p95_ms: Math.round(percentile(openTimes, 95) * 10) / 10,
      client_decide_p95_ms: Math.round(percentile(decideTimes, 95) * 10) / 10,
    };
  } finally {
    await database.close();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
