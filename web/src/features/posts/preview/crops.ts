/**
 * How each network frames a post's images in the feed, so a preview crops them the same way.
 * `single`: one image's frame (CSS aspect-ratio); `grid`: several images share one frame, split
 * in a grid (Bluesky, Mastodon, X); `carousel`: several images are swiped, each in the single frame
 * (Instagram). Unknown networks (the sandbox) are shown like Mastodon.
 */
export interface NetworkCrop {
  single: string;
  several: 'grid' | 'carousel';
  /** The ratio as people say it ("16:9"), for the note under the preview. */
  label: string;
}

export const NETWORK_CROPS: Record<string, NetworkCrop> = {
  bluesky: { single: '16 / 9', several: 'grid', label: '16:9' },
  mastodon: { single: '16 / 9', several: 'grid', label: '16:9' },
  x: { single: '16 / 9', several: 'grid', label: '16:9' },
  instagram: { single: '4 / 5', several: 'carousel', label: '4:5' },
  linkedin: { single: '1.91 / 1', several: 'grid', label: '1.91:1' },
};

export const DEFAULT_CROP: NetworkCrop = { single: '16 / 9', several: 'grid', label: '16:9' };

/** The crop a network applies (the default for networks without a rule of their own). */
export function cropFor(network: string): NetworkCrop {
  return NETWORK_CROPS[network] ?? DEFAULT_CROP;
}

/** Where each of n images sits in a grid frame (CSS grid areas), the way Bluesky and Mastodon lay them out. */
export function gridLayout(count: number): { columns: number; rows: number; spans: Array<{ rowSpan: number }> } {
  if (count <= 1) return { columns: 1, rows: 1, spans: [{ rowSpan: 1 }] };
  if (count === 2) return { columns: 2, rows: 1, spans: [{ rowSpan: 1 }, { rowSpan: 1 }] };
  if (count === 3) return { columns: 2, rows: 2, spans: [{ rowSpan: 2 }, { rowSpan: 1 }, { rowSpan: 1 }] };
  return { columns: 2, rows: 2, spans: Array.from({ length: 4 }, () => ({ rowSpan: 1 })) };
}

/** The first http(s) link of a text, as a link card shows it: the domain and the address. */
export function firstLink(text: string): { url: string; domain: string } | null {
  const match = /https?:\/\/[^\s<>"')]+/.exec(text);
  if (!match) return null;
  try {
    const url = new URL(match[0]);
    return { url: url.toString(), domain: url.hostname.replace(/^www\./, '') };
  } catch {
    return null;
  }
}
