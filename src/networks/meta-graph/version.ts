/**
 * Meta Graph API: shared by the Facebook Pages and Instagram adapters.
 *
 * This folder is a library, NOT a network: it has no index.ts and no NetworkPackage, and it is
 * not listed in networks/index.ts. It holds what both Meta networks share: the pinned Graph API
 * version, the HTTP client with Graph error classification and throttling headers, and the
 * long-lived token exchanges.
 */

/** The one Graph API version Plaza speaks, for graph.facebook.com and graph.instagram.com alike. */
export const GRAPH_API_VERSION = 'v25.0';

/** Hosts of the Meta APIs (official URLs; `networkUrl` reroutes them in tests). */
export const META_HOSTS = {
  graph: 'graph.facebook.com',
  graphVideo: 'graph-video.facebook.com',
  rupload: 'rupload.facebook.com',
  facebookWeb: 'www.facebook.com',
  instagramGraph: 'graph.instagram.com',
  instagramApi: 'api.instagram.com',
  instagramWeb: 'www.instagram.com',
} as const;

export type MetaHost = (typeof META_HOSTS)[keyof typeof META_HOSTS];

/** `https://<host>/<version>/<path>` with the query (values stringified, undefined skipped). */
export function graphUrl(host: MetaHost, path: string, query: Record<string, string | number | boolean | undefined> = {}): string {
  const url = new URL(`https://${host}/${GRAPH_API_VERSION}/${path.replace(/^\//, '')}`);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}
