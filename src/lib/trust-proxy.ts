import net from 'node:net';

/** What Fastify's `trustProxy` accepts from Plaza's `TRUST_PROXY` setting. */
export type TrustProxySetting = boolean | number | string[];

/**
 * Parses `TRUST_PROXY`: unset or `false` → trust no proxy header (the socket's
 * address is the client); `true` → trust every hop; a number → trust that many
 * hops; otherwise a comma-separated list of addresses or CIDR ranges of trusted
 * proxies (as Fastify's trustProxy takes them). Returns an error message for a bad value.
 */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxySetting } | { error: string } {
  const text = (raw ?? '').trim();
  if (text === '' || /^(false|no|off)$/i.test(text)) return { value: false };
  if (/^(true|yes|on)$/i.test(text)) return { value: true };
  if (/^\d{1,3}$/.test(text)) {
    const hops = Number(text);
    return hops === 0 ? { value: false } : { value: hops };
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (entries.length === 0 || bad.length > 0) {
    return {
      error: `TRUST_PROXY must be true, false, a hop count, or a comma-separated list of IP addresses/CIDR ranges (bad: ${bad.join(', ') || text})`,
    };
  }
  return { value: entries };
}

function isAddressOrCidr(entry: string): boolean {
  // Fastify (proxy-addr) also knows the names loopback, linklocal and uniquelocal.
  if (/^(loopback|linklocal|uniquelocal)$/.test(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const family = net.isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * The setting as Fastify takes it. A hop count becomes "trust the nearest n hops"
 * (Fastify 5 no longer honours a bare number): only right when every request
 * reaches Plaza through those proxies — prefer naming the proxies' addresses.
 */
export function fastifyTrustProxy(setting: TrustProxySetting): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}
