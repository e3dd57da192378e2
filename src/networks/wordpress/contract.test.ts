/**
 * The shared adapter contract (networks/testing/contract.ts) against a REAL WordPress (Debian's
 * wordpress 6.1 under php -S with MariaDB, testing/wordpress.ts), through the fault proxy.
 * If WordPress cannot start, this file fails with the reason.
 */
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createWordPressAdapter } from './adapter.ts';
import { startWordPress, type LocalWordPress } from './testing/wordpress.ts';

let wp: LocalWordPress | undefined;
let proxy: FaultProxy | undefined;

describeAdapterContract('wordpress', {
  async start(): Promise<ContractSubject> {
    wp = await startWordPress();
    proxy = await startFaultProxy(wp.base);
    const site = wp;
    const adapter = createWordPressAdapter({ requestTimeoutMs: 10_000 });
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-wordpress',
        settings: { siteUrl: proxy!.url, username: site.user },
        credentials: { applicationPassword: site.appPassword },
        allowPrivateUrls: true,
      }),
      // Every route goes through /?rest_route=…: with text-only posts, the one POST is the post's creation.
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path === '/'),
      async postsWithText(text) {
        const { body } = await site.api<Array<{ title: { raw: string } }>>('GET', '/wp/v2/posts', {
          query: `search=${encodeURIComponent(text)}&status=publish,future,draft,pending,private&context=edit&per_page=100`,
        });
        return body.filter((post) => post.title.raw === text).length;
      },
      liveMetrics: true,
    };
  },
  async stop() {
    await proxy?.close();
    await wp?.stop();
  },
});
