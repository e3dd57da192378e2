import type { PlazaConfig } from '../config.ts';

/** What an API answer carries next to a link when PUBLIC_URL is unset (the web app translates by code). */
export interface PublicUrlWarning {
  code: 'public_url_unset';
  message: string;
  base: string;
}

/**
 * The base of every link Plaza hands out (short links, iCalendar feeds, pixel and
 * webhook URLs): PUBLIC_URL, else this machine's loopback address and port. Never the
 * request's Host header, which the client chooses (a forged Host would mint links to
 * someone else's server).
 */
export function publicBaseUrl(config: Pick<PlazaConfig, 'publicUrl' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  return `http://localhost:${config.port}`;
}

/** The warning to show with links while PUBLIC_URL is unset, or null when it is set. */
export function publicUrlWarning(config: Pick<PlazaConfig, 'publicUrl' | 'port'>): PublicUrlWarning | null {
  if (config.publicUrl) return null;
  const base = publicBaseUrl(config);
  return {
    code: 'public_url_unset',
    message: `PUBLIC_URL is not set: links use ${base}, which other people may not reach. Set PUBLIC_URL to Plaza's public address.`,
    base,
  };
}
