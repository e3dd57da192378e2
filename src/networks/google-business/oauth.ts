/**
 * Sign in with Google for Business Profile: the picker lists every location of every account the
 * Google user manages (Account Management API accounts.list, then Business Information API
 * accounts.locations.list); each location chosen becomes a channel.
 */
import { createGoogleOAuthProvider } from '../google-api/oauth.ts';
import type { ConnectableAccount, OAuthProvider } from '../oauth.ts';
import { GBP_API, GBP_SCOPES } from './api.ts';

interface AccountsPage {
  accounts?: Array<{ name: string; accountName?: string; type?: string }>;
  nextPageToken?: string;
}
interface LocationsPage {
  locations?: Array<{
    name: string;
    title?: string;
    languageCode?: string;
    storefrontAddress?: { locality?: string; addressLines?: string[] };
    metadata?: { mapsUri?: string; newReviewUri?: string; placeId?: string };
  }>;
  nextPageToken?: string;
}

const MAX_PAGES = 10;

export function createGbpOAuthProvider(options: { fetch?: typeof fetch; now?: () => number } = {}): OAuthProvider {
  return createGoogleOAuthProvider({
    network: 'Google Business Profile',
    scopes: GBP_SCOPES,
    ...options,
    async listAccounts(get) {
      const choices: ConnectableAccount[] = [];
      let accountsToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const accounts = await get<AccountsPage>(
          `${GBP_API.accounts}?pageSize=20${accountsToken ? `&pageToken=${encodeURIComponent(accountsToken)}` : ''}`,
        );
        for (const account of accounts.accounts ?? []) {
          let locationsToken: string | undefined;
          for (let lpage = 0; lpage < MAX_PAGES; lpage += 1) {
            const query = new URLSearchParams({ readMask: 'name,title,languageCode,storefrontAddress,metadata', pageSize: '100' });
            if (locationsToken) query.set('pageToken', locationsToken);
            const locations = await get<LocationsPage>(`${GBP_API.businessInformation}/${account.name}/locations?${query}`);
            for (const location of locations.locations ?? []) {
              const name = location.title ?? location.name;
              const town = location.storefrontAddress?.locality;
              choices.push({
                remoteId: location.name,
                kind: 'location',
                name: town ? `${name} (${town})` : name,
                settings: {
                  accountName: account.name,
                  locationName: location.name,
                  title: name,
                  ...(location.languageCode ? { languageCode: location.languageCode } : {}),
                  ...(location.metadata?.mapsUri ? { mapsUri: location.metadata.mapsUri } : {}),
                },
              });
            }
            locationsToken = locations.nextPageToken;
            if (!locationsToken) break;
          }
        }
        accountsToken = accounts.nextPageToken;
        if (!accountsToken) break;
      }
      return choices;
    },
  });
}
