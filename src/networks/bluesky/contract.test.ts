/**
 * The shared adapter contract (networks/testing/contract.ts) against Bluesky: the adapter talks to
 * the real reference PDS running in this process (testing/pds.ts) through the fault proxy, which
 * gives the faults a PDS does not produce on demand (429, 503, a lost answer).
 */
import { describeAdapterContract, proxyFaults, type ContractSubject } from '../testing/contract.ts';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.ts';
import { createBlueskyAdapter } from './adapter.ts';
import { startTestPds, type TestPds, type TestPdsAccount } from './testing/pds.ts';

let pds: TestPds;
let proxy: FaultProxy;
let account: TestPdsAccount;

describeAdapterContract('bluesky', {
  async start(): Promise<ContractSubject> {
    pds = await startTestPds();
    account = await pds.createAccount('contract');
    proxy = await startFaultProxy(pds.url);
    const pdsOrigins = [new URL(pds.url).origin, `http://localhost:${pds.port}`];
    // After login the agent follows the PDS endpoint in the account's DID document: send that through the proxy too.
    const viaProxy: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      const origin = pdsOrigins.find((candidate) => request.url.startsWith(candidate));
      return fetch(origin ? new Request(proxy.url + request.url.slice(origin.length), request) : request);
    };
    const adapter = createBlueskyAdapter({ fetch: viaProxy });
    return {
      adapter,
      channel: () => ({
        channelId: 'contract-bluesky',
        settings: { serviceUrl: proxy.url },
        credentials: { identifier: account.handle, appPassword: account.appPassword },
        // The PDS and the proxy listen on loopback: the PLAZA_ALLOW_PRIVATE_URLS switch, on.
        allowPrivateUrls: true,
      }),
      async postsWithText(text) {
        const query = new URLSearchParams({ repo: account.did, collection: 'app.bsky.feed.post', limit: '100' });
        const listed = (await (await fetch(`${pds.url}/xrpc/com.atproto.repo.listRecords?${query}`)).json()) as {
          records: Array<{ value: { text?: string } }>;
        };
        return listed.records.filter((record) => record.value.text === text).length;
      },
      faults: proxyFaults(proxy, (method, path) => method === 'POST' && path === '/xrpc/com.atproto.repo.createRecord'),
      // A bare PDS has no AppView: metric reads (app.bsky.feed.getPosts) cannot be answered, so only the declaration is checked.
      liveMetrics: false,
    };
  },
  async stop() {
    await proxy?.close();
    await pds?.close();
  },
});
