/**
 * How each network shows a post in its feed, so a preview looks like what the audience will see:
 * how it frames images (by the image's own shape: portrait, square or landscape), how several
 * images are laid out (`grid`: one frame split, Bluesky/Mastodon/X/Facebook/LinkedIn; `carousel`:
 * swiped one at a time with dots, Instagram; `strip`: side by side, scrolled, Threads), its text
 * limit and where a long text is folded behind "… more", and the link card it draws for the first
 * link. Keyed by adapter name; unknown networks (the sandbox) are shown like Mastodon.
 */
export interface NetworkCrop {
  /** Frame (width / height) for a portrait, a square and a landscape image; one number when the network always uses it. */
  portrait: number;
  square: number;
  landscape: number;
  several: 'grid' | 'carousel' | 'strip';
}

/** Everything a preview needs to know about a network. */
export interface NetworkShape {
  crop: NetworkCrop;
  /** Characters a post may have (null: no limit worth showing). */
  limit: number | null;
  /** The feed shows this many characters, then "… more" (null: the whole text). */
  foldAt: number | null;
  /** The card drawn for the first link: large (image-less here, domain and address), compact, or none (links are not clickable). */
  linkCard: 'large' | 'compact' | 'none';
  /** X counts every link as 23 characters (t.co), whatever its length. */
  linkLength: number | null;
  /** Whether the header shows the @handle under or beside the name. */
  showHandle: boolean;
  /** Pages and companies have square-ish pictures on Facebook and LinkedIn. */
  avatarRadius: 'xl' | 'sm';
}

const LANDSCAPE_16_9 = 16 / 9;
const LANDSCAPE_191 = 1.91;
const PORTRAIT_4_5 = 4 / 5;

export const NETWORK_SHAPES: Record<string, NetworkShape> = {
  bluesky: {
    crop: { portrait: LANDSCAPE_16_9, square: LANDSCAPE_16_9, landscape: LANDSCAPE_16_9, several: 'grid' },
    limit: 300,
    foldAt: null,
    linkCard: 'large',
    linkLength: null,
    showHandle: true,
    avatarRadius: 'xl',
  },
  mastodon: {
    crop: { portrait: LANDSCAPE_16_9, square: LANDSCAPE_16_9, landscape: LANDSCAPE_16_9, several: 'grid' },
    limit: 500,
    foldAt: null,
    linkCard: 'compact',
    linkLength: null,
    showHandle: true,
    avatarRadius: 'sm',
  },
  x: {
    crop: { portrait: LANDSCAPE_16_9, square: LANDSCAPE_16_9, landscape: LANDSCAPE_16_9, several: 'grid' },
    limit: 280,
    foldAt: null,
    linkCard: 'large',
    linkLength: 23,
    showHandle: true,
    avatarRadius: 'xl',
  },
  instagram: {
    crop: { portrait: PORTRAIT_4_5, square: 1, landscape: 1, several: 'carousel' },
    limit: 2200,
    foldAt: 125,
    linkCard: 'none',
    linkLength: null,
    showHandle: false,
    avatarRadius: 'xl',
  },
  facebook: {
    crop: { portrait: PORTRAIT_4_5, square: 1, landscape: LANDSCAPE_191, several: 'grid' },
    limit: 63_206,
    foldAt: 480,
    linkCard: 'large',
    linkLength: null,
    showHandle: false,
    avatarRadius: 'xl',
  },
  linkedin: {
    crop: { portrait: PORTRAIT_4_5, square: 1, landscape: LANDSCAPE_191, several: 'grid' },
    limit: 3000,
    foldAt: 210,
    linkCard: 'large',
    linkLength: null,
    showHandle: false,
    avatarRadius: 'sm',
  },
  threads: {
    crop: { portrait: PORTRAIT_4_5, square: 1, landscape: LANDSCAPE_191, several: 'strip' },
    limit: 500,
    foldAt: null,
    linkCard: 'compact',
    linkLength: null,
    showHandle: false,
    avatarRadius: 'xl',
  },
  // A channel message: photos at their own shape (an album as a grid), a link preview under the text.
  telegram: {
    crop: { portrait: PORTRAIT_4_5, square: 1, landscape: LANDSCAPE_16_9, several: 'grid' },
    limit: 4096,
    foldAt: null,
    linkCard: 'large',
    linkLength: null,
    showHandle: false,
    avatarRadius: 'xl',
  },
  pinterest: {
    crop: { portrait: 2 / 3, square: 2 / 3, landscape: 2 / 3, several: 'carousel' },
    limit: 800,
    foldAt: null,
    linkCard: 'none',
    linkLength: null,
    showHandle: false,
    avatarRadius: 'xl',
  },
  discord: {
    crop: { portrait: PORTRAIT_4_5, square: 1, landscape: LANDSCAPE_16_9, several: 'grid' },
    limit: 2000,
    foldAt: null,
    linkCard: 'large',
    linkLength: null,
    showHandle: false,
    avatarRadius: 'xl',
  },
  slack: {
    crop: { portrait: LANDSCAPE_16_9, square: LANDSCAPE_16_9, landscape: LANDSCAPE_16_9, several: 'grid' },
    limit: 40_000,
    foldAt: 700,
    linkCard: 'compact',
    linkLength: null,
    showHandle: false,
    avatarRadius: 'sm',
  },
  // Blogs have their own preview (BlogPostPreview); this shape only serves the character count.
  wordpress: {
    crop: { portrait: LANDSCAPE_16_9, square: LANDSCAPE_16_9, landscape: LANDSCAPE_16_9, several: 'grid' },
    limit: null,
    foldAt: null,
    linkCard: 'none',
    linkLength: null,
    showHandle: false,
    avatarRadius: 'sm',
  },
  tiktok: {
    crop: { portrait: 9 / 16, square: 9 / 16, landscape: 9 / 16, several: 'carousel' },
    limit: 2200,
    foldAt: 80,
    linkCard: 'none',
    linkLength: null,
    showHandle: true,
    avatarRadius: 'xl',
  },
};

/** Networks with a shape of their own (the rest are shown like Mastodon). */
export const NETWORK_CROPS = NETWORK_SHAPES;

/** The shape a network's feed gives a post. */
export function shapeFor(network: string): NetworkShape {
  return NETWORK_SHAPES[network] ?? NETWORK_SHAPES.mastodon;
}

/** The crop a network applies (the default for networks without a rule of their own). */
export function cropFor(network: string): NetworkCrop {
  return shapeFor(network).crop;
}

/** Frames people name by their sides rather than by a decimal. */
const NAMED_RATIOS: Array<[number, string]> = [
  [PORTRAIT_4_5, '4:5'],
  [1, '1:1'],
  [LANDSCAPE_16_9, '16:9'],
  [9 / 16, '9:16'],
  [2 / 3, '2:3'],
  [3 / 4, '3:4'],
  [4 / 3, '4:3'],
];

/** A frame ratio as people say it: 0.8 → "4:5", 1 → "1:1", 1.91 → "1.91:1", 16/9 → "16:9", 9/16 → "9:16". */
export function ratioLabel(ratio: number): string {
  const named = NAMED_RATIOS.find(([value]) => Math.abs(ratio - value) < 0.01);
  return named ? named[1] : `${Math.round(ratio * 100) / 100}:1`;
}

/**
 * The frame `network` puts an image of shape `natural` (width / height; null while unknown) in:
 * portrait below 0.9, landscape above 1.1, square between.
 */
export function frameFor(network: string, natural: number | null): { ratio: number; label: string } {
  const crop = cropFor(network);
  const ratio = natural === null || natural > 1.1 ? crop.landscape : natural < 0.9 ? crop.portrait : crop.square;
  return { ratio, label: ratioLabel(ratio) };
}

/** The frames a network uses, as people say them ("4:5 / 1:1" on Instagram, by the image's shape). */
export function cropLabels(network: string): string {
  const crop = cropFor(network);
  return [...new Set([crop.portrait, crop.square, crop.landscape].map(ratioLabel))].join(' / ');
}

/** Where each of n images sits in a grid frame (CSS grid areas), the way Bluesky and Mastodon lay them out. */
export function gridLayout(count: number): { columns: number; rows: number; spans: Array<{ rowSpan: number }> } {
  if (count <= 1) return { columns: 1, rows: 1, spans: [{ rowSpan: 1 }] };
  if (count === 2) return { columns: 2, rows: 1, spans: [{ rowSpan: 1 }, { rowSpan: 1 }] };
  if (count === 3) return { columns: 2, rows: 2, spans: [{ rowSpan: 2 }, { rowSpan: 1 }, { rowSpan: 1 }] };
  return { columns: 2, rows: 2, spans: Array.from({ length: 4 }, () => ({ rowSpan: 1 })) };
}

const LINK = /https?:\/\/[^\s<>"')]+/g;

/** The first http(s) link of a text, as a link card shows it: the domain, the address and its path. */
export function firstLink(text: string): { url: string; domain: string; path: string } | null {
  const match = /https?:\/\/[^\s<>"')]+/.exec(text);
  if (!match) return null;
  try {
    const url = new URL(match[0]);
    const path = `${url.pathname}${url.search}`.replace(/^\/$/, '');
    return { url: url.toString(), domain: url.hostname.replace(/^www\./, ''), path };
  } catch {
    return null;
  }
}

/** A text's length as `network` counts it: code points, with every link as 23 characters on X. */
export function networkLength(text: string, network: string): number {
  const { linkLength } = shapeFor(network);
  const counted = linkLength === null ? text : text.replace(LINK, 'x'.repeat(linkLength));
  return Array.from(counted).length;
}

/** The part of a text the feed shows before "… more" (whole words; `folded` when something is hidden). */
export function foldText(text: string, network: string): { shown: string; folded: boolean } {
  const { foldAt } = shapeFor(network);
  const chars = Array.from(text);
  if (foldAt === null || chars.length <= foldAt) return { shown: text, folded: false };
  const cut = chars.slice(0, foldAt).join('');
  const lastSpace = cut.search(/\s\S*$/);
  return { shown: (lastSpace > foldAt / 2 ? cut.slice(0, lastSpace) : cut).trimEnd(), folded: true };
}

/** The initials a generated avatar shows: "Café Aroma ☕" → "CA", "cafearoma" → "C". */
export function initials(name: string): string {
  const words = name
    .split(/\s+/)
    .map((w) => Array.from(w).find((c) => /\p{L}|\p{N}/u.test(c)))
    .filter((c): c is string => Boolean(c));
  return words.slice(0, 2).join('').toLocaleUpperCase();
}
