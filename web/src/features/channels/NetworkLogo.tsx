/**
 * A network's logo from the maintained `simple-icons` package (each icon imported by name, so only
 * these few reach the bundle). A network without an icon there (LinkedIn asked for its removal, the
 * simulated sandbox) gets its initials in its colour.
 */
import {
  siBluesky,
  siDiscord,
  siFacebook,
  siGooglemaps,
  siInstagram,
  siMastodon,
  siPinterest,
  siTelegram,
  siThreads,
  siTiktok,
  siWordpress,
  siX,
  siYoutube,
} from 'simple-icons';

const ICONS: Record<string, { path: string; hex: string; title: string }> = {
  bluesky: siBluesky,
  mastodon: siMastodon,
  facebook: siFacebook,
  instagram: siInstagram,
  threads: siThreads,
  x: siX,
  wordpress: siWordpress,
  telegram: siTelegram,
  pinterest: siPinterest,
  discord: siDiscord,
  tiktok: siTiktok,
  youtube: siYoutube,
  // Google Business Profile has no icon of its own there: its listings live on Google Maps.
  'google-business': siGooglemaps,
};

const FALLBACK: Record<string, { text: string; hex: string }> = {
  linkedin: { text: 'in', hex: '0A66C2' },
  sandbox: { text: 'S', hex: 'E8590C' },
  // Slack's logo is no longer in simple-icons (Slack asked for its removal).
  slack: { text: '#', hex: '4A154B' },
};

export function NetworkLogo({ network, size = 28 }: { network: string; size?: number }) {
  const icon = ICONS[network];
  if (icon)
    return (
      <svg role="img" aria-hidden="true" width={size} height={size} viewBox="0 0 24 24" fill={`#${icon.hex}`} data-network-logo={network}>
        <path d={icon.path} />
      </svg>
    );
  const fallback = FALLBACK[network] ?? { text: network.slice(0, 1).toUpperCase(), hex: '868E96' };
  return (
    <svg role="img" aria-hidden="true" width={size} height={size} viewBox="0 0 24 24" data-network-logo={network}>
      <rect width="24" height="24" rx="5" fill={`#${fallback.hex}`} />
      <text x="12" y="16.5" textAnchor="middle" fontSize="12" fontWeight="700" fontFamily="sans-serif" fill="#fff">
        {fallback.text}
      </text>
    </svg>
  );
}
