/** `plaza feed …` against a running Plaza and a real local feed server. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlazaRuntime } from '../src/server/runtime.ts';
import { type CliDataDir, cliDataDir, plaza, startPlazaServer } from './helpers/cli.ts';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog Aroma</title>
<item><title>Tostado artesanal</title><link>https://aroma.example/tostado</link><guid>t-1</guid></item>
<item><title>Cata de Etiopía</title><link>https://aroma.example/etiopia</link><guid>t-2</guid></item>
</channel></rss>`;

describe('plaza feed', () => {
  let runtime: PlazaRuntime;
  let folder: CliDataDir;
  let env: Record<string, string>;
  let workspaceId: string;
  let channelId: string;
  let feedServer: http.Server;
  let feedBase = '';
  const json = async (...args: string[]) => {
    const result = await plaza(env, '--json', ...args);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    feedServer = http.createServer((req, res) => {
      if (req.url === '/blog.xml') {
        if (req.headers['if-none-match'] === '"1"') return void res.writeHead(304).end();
        return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"1"' }).end(RSS);
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Hola</body></html>');
    });
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    // The feed server is on loopback: the admin switch lets Plaza fetch it.
    folder = cliDataDir('cli-feeds', 'cli-feeds-secret-cli-feeds-secret-01234', { PLAZA_ALLOW_PRIVATE_URLS: 'true' });
    const base = folder.env;
    expect((await plaza(base, 'user', 'create', '--email', 'f@example.com', '--name', 'F', '--password', 'una clave larga')).code).toBe(0);
    const token = await plaza(base, 'token', 'create', '--email', 'f@example.com');
    const server = await startPlazaServer(base, { services: ['web'] });
    runtime = server.runtime;
    env = { ...base, PLAZA_URL: server.url, PLAZA_TOKEN: token.stdout.trim() };
    workspaceId = (await json('workspace', 'create', '--name', 'Café', '--tz', 'Europe/Madrid', '--lang', 'es')).id;
    channelId = (
      await json('channel', 'add', '-w', workspaceId, '--network', 'sandbox', '--name', 'S', '-f', 'handle=cafe', '-f', 'token=t')
    ).id;
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    folder?.remove();
    await new Promise((resolve) => feedServer?.close(resolve));
  });

  it('adds a feed whose items become drafts, checks it again with a conditional GET, and deletes it', async () => {
    const added = await json(
      'feed',
      'add',
      '-w',
      workspaceId,
      `${feedBase}/blog.xml`,
      '-c',
      channelId,
      '--template',
      '{title} → {link}',
      '--no-track-links',
    );
    expect(added).toMatchObject({ name: 'Blog Aroma', itemsPosted: 2, trackLinks: false, poll: { status: 'read', created: 2 } });
    const shown = await json('feed', 'show', '-w', workspaceId, added.id);
    expect(shown.items.map((i: { postState: string }) => i.postState)).toEqual(['draft', 'draft']);
    const human = await plaza(env, 'feed', 'list', '-w', workspaceId);
    expect(human.stdout).toContain('Blog Aroma');
    expect(human.stdout).toContain('2 post(s) made');
    const check = await plaza(env, 'feed', 'check', '-w', workspaceId, added.id);
    expect(check.stdout).toContain('Nothing new');
    const removed = await plaza(env, 'feed', 'delete', '-w', workspaceId, added.id);
    expect(removed.code).toBe(0);
    expect((await json('feed', 'list', '-w', workspaceId)).items).toEqual([]);
  });

  it('refuses a web page with a clear message in the workspace’s language', async () => {
    const refused = await plaza(env, 'feed', 'add', '-w', workspaceId, `${feedBase}/page`, '-c', channelId);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Esa dirección es una página web, no un feed');
    expect(refused.stderr).toContain('feed_is_html');
  });
});
