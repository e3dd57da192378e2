/**
 * Feeds, measured (not a benchmark with goals): adding a feed of 10 items (10 posts, 10 tracked links) ten
 * times on Postgres, and refusing a 50 MB answer. `node bin/run-ts.mjs tools/measure-feeds.ts` prints one JSON line.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp } from '../test/helpers/app.ts';
import { given } from '../test/helpers/given.ts';

const items = Array.from(
  { length: 10 },
  (_, i) => `<item><title>Post ${i}</title><link>https://a.example/${i}</link><guid>g${i}</guid></item>`,
).join('');
let sent = 0;
const server = http.createServer((req, res) => {
  if (req.url?.startsWith('/feed'))
    return void res
      .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"x"' })
      .end(`<rss version="2.0"><channel><title>B</title>${items}</channel></rss>`);
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  const chunk = Buffer.alloc(1 << 20, 'a');
  let n = 0;
  const pump = () => {
    while (n < 50) {
      n++;
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('error', () => {});
  pump();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const t = await createTestApp('postgres');
t.ctx.config.allowPrivateUrls = true;
const s = await given(t).workspace().sandboxChannel();
const times: number[] = [];
for (let i = 0; i < 10; i++) {
  const start = performance.now();
  const res = await s.api('POST', '/feeds', { url: `${base}/feed${i}`, channelIds: [s.channelId] });
  times.push(performance.now() - start);
  if (res.statusCode !== 201) throw new Error(res.body);
}
times.sort((a, b) => a - b);
const start = performance.now();
const huge = await s.api('POST', '/feeds', { url: `${base}/huge`, channelIds: [s.channelId] });
const hugeMs = performance.now() - start;
await new Promise((r) => setTimeout(r, 200));
console.log(
  JSON.stringify({
    add_feed_10_items_median_ms: Math.round(times[5]),
    add_feed_10_items_max_ms: Math.round(times[9]),
    huge_code: huge.json().error.code,
    huge_refused_ms: Math.round(hugeMs),
    huge_bytes_sent_by_server_mb: +(sent / 2 ** 20).toFixed(1),
  }),
);
await t.close();
server.closeAllConnections();
server.close();
process.exit(0);
