/**
 * Where a network's API is reached. Adapters write the network's official URLs; when the
 * channel context carries an `origin` (PLAZA_NETWORK_ORIGINS, for local contract servers and
 * proxies), every official URL is sent to that origin instead, with the official host as the
 * first path segment, so one local server can stand in for a network's several hosts:
 *
 *   https://graph.facebook.com/v23.0/me  →  http://127.0.0.1:4100/graph.facebook.com/v23.0/me
 */
export function networkUrl(officialUrl: string, origin?: string): string {
  if (!origin) return officialUrl;
  const url = new URL(officialUrl);
  return `${origin.replace(/\/$/, '')}/${url.host}${url.pathname}${url.search}`;
}

/**
 * Parses PLAZA_NETWORK_ORIGINS ("facebook=http://127.0.0.1:4100,x=http://127.0.0.1:4200") into
 * network → origin. Empty or absent: every network is reached at its official hosts.
 */
export function parseNetworkOrigins(raw: string | undefined): Record<string, string> {
  const origins: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',')) {
    const [name, origin] = pair.split('=').map((s) => s.trim());
    if (name && origin) origins[name] = new URL(origin).origin;
  }
  return origins;
}
