// The report's fonts: Noto Sans (Latin with accents, Vietnamese, Greek, Cyrillic, Devanagari) and
// monochrome Noto Emoji, as the @fontsource packages ship them (one small WOFF file per Unicode
// subset). Every text is split into runs by which file has the glyph, so "Café Aroma ☕ 😍" is
// drawn and extracted back as written. CJK and Arabic are not covered (no npm font package of a
// reasonable size; Arabic would also need right-to-left layout): those characters show as boxes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

export type FontWeight = 'regular' | 'bold';

interface Face {
  /** The name the face is registered under in a PDF document. */
  name: string;
  file: string;
  ranges: Array<[number, number]>;
}

const require = createRequire(import.meta.url);

/** Noto Sans subsets in the order they are tried (Latin first: digits and punctuation come from it). */
const SANS_SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'devanagari'];

function parseRanges(spec: string): Array<[number, number]> {
  return spec.split(',').map((part) => {
    const [start, end] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(start, 16), Number.parseInt(end ?? start, 16)];
  });
}

function facesOf(pkg: string, subsets: (ranges: Record<string, string>) => string[], weight: number, prefix: string): Face[] {
  const unicodeJson = require.resolve(`${pkg}/unicode.json`);
  const ranges = JSON.parse(readFileSync(unicodeJson, 'utf8')) as Record<string, string>;
  const dir = path.join(path.dirname(unicodeJson), 'files');
  const family = path.basename(path.dirname(unicodeJson));
  return subsets(ranges).map((key) => {
    const subset = key.replace(/^\[(\d+)\]$/, '$1');
    return {
      name: `${prefix}-${subset}-${weight}`,
      file: path.join(dir, `${family}-${subset}-${weight}-normal.woff`),
      ranges: parseRanges(ranges[key]),
    };
  });
}

let catalog: Record<FontWeight, Face[]> | null = null;
/** The faces in the order they are tried, per weight (emoji has one weight, used for both). */
function faces(): Record<FontWeight, Face[]> {
  if (!catalog) {
    const sans = (weight: number) => facesOf('@fontsource/noto-sans', (r) => SANS_SUBSETS.filter((s) => s in r), weight, 'NotoSans');
    const emoji = facesOf('@fontsource/noto-emoji', (r) => Object.keys(r), 400, 'NotoEmoji');
    catalog = { regular: [...sans(400), ...emoji], bold: [...sans(700), ...emoji] };
  }
  return catalog;
}

/**
 * A WOFF file as the plain TrueType font it wraps (the tables inflated with node's zlib). fontkit
 * reads WOFF too, but inflates a table (in JavaScript) every time it is read: a report took over a
 * second that way. Converted once per process, a report takes tens of milliseconds.
 */
export function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressedLength = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compressedLength);
    return {
      tag: woff.subarray(entry, entry + 4),
      checksum: woff.readUInt32BE(entry + 16),
      data: compressedLength < length ? inflateSync(stored) : stored,
    };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(woff.readUInt32BE(4), 0); // the wrapped font's flavour (TrueType or CFF)
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    table.tag.copy(header, record);
    header.writeUInt32BE(table.checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    const padding = (4 - (table.data.length % 4)) % 4;
    parts.push(table.data, Buffer.alloc(padding));
    offset += table.data.length + padding;
  });
  return Buffer.concat(parts);
}

// Parsed once per process: coverage questions read the font's cmap, the PDF gets the same bytes.
const parsed = new Map<string, { bytes: Buffer; font: fontkit.Font }>();
function load(face: Face) {
  let entry = parsed.get(face.file);
  if (!entry) {
    const bytes = sfntFromWoff(readFileSync(face.file));
    entry = { bytes, font: fontkit.create(bytes) as fontkit.Font };
    parsed.set(face.file, entry);
  }
  return entry;
}

function hasGlyph(face: Face, codePoint: number): boolean {
  if (!face.ranges.some(([start, end]) => codePoint >= start && codePoint <= end)) return false;
  return load(face).font.hasGlyphForCodePoint(codePoint);
}

/** Joiners, variation selectors, keycap, skin tones and tag characters: they belong to the character before. */
function isCombiningEmojiPart(codePoint: number): boolean {
  return (
    codePoint === 0x200d ||
    codePoint === 0xfe0e ||
    codePoint === 0xfe0f ||
    codePoint === 0x20e3 ||
    (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) ||
    (codePoint >= 0xe0020 && codePoint <= 0xe007f)
  );
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with any lone surrogate (half an emoji cut by a byte limit somewhere) as U+FFFD: pdfkit and fontkit throw on them. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

export interface TextRun {
  face: Face;
  text: string;
}

/**
 * Splits a text into runs of one face each: the first face (in order) that has the glyph. Parts
 * of an emoji sequence stay with their emoji when its face has them and are dropped otherwise
 * (a stray variation selector would draw as a box). Characters no face has stay in the run
 * before them (drawn as a box, extracted as written).
 */
export function textRuns(text: string, weight: FontWeight = 'regular'): TextRun[] {
  const list = faces()[weight];
  const runs: TextRun[] = [];
  for (const char of wellFormed(text)) {
    const codePoint = char.codePointAt(0) ?? 0;
    const current = runs.at(-1);
    if (isCombiningEmojiPart(codePoint)) {
      if (current && hasGlyph(current.face, codePoint)) current.text += char;
      continue;
    }
    const face = list.find((f) => hasGlyph(f, codePoint)) ?? current?.face ?? list[0];
    if (current && current.face === face) current.text += char;
    else runs.push({ face, text: char });
  }
  return runs;
}

/** Writes text in the report's fonts, switching faces run by run (pdfkit's `continued`). */
export class ReportFonts {
  private readonly registered = new Set<string>();

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private use(face: Face): void {
    if (!this.registered.has(face.name)) {
      this.doc.registerFont(face.name, load(face).bytes);
      this.registered.add(face.name);
    }
    this.doc.font(face.name);
  }

  /** Text at (x, y) — or at the cursor when x is undefined — in one weight; options as pdfkit's `text`. */
  text(
    text: string,
    x: number | undefined,
    y: number | undefined,
    options: PDFKit.Mixins.TextOptions = {},
    weight: FontWeight = 'regular',
  ) {
    const runs = textRuns(text || ' ', weight);
    runs.forEach((run, index) => {
      this.use(run.face);
      const continued = index < runs.length - 1;
      if (index === 0 && x !== undefined) this.doc.text(run.text, x, y, { ...options, continued });
      else this.doc.text(run.text, { ...options, continued });
    });
    return this.doc;
  }

  /** The text, cut at whole characters with an ellipsis, so that it fits `width` at the current size. */
  fit(text: string, width: number, weight: FontWeight = 'regular'): string {
    if (this.widthOf(text, weight) <= width) return text;
    const characters = [...new Intl.Segmenter().segment(text)].map((s) => s.segment);
    let low = 0;
    let high = characters.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.widthOf(`${characters.slice(0, middle).join('').trimEnd()}…`, weight) <= width) low = middle;
      else high = middle - 1;
    }
    return `${characters.slice(0, low).join('').trimEnd()}…`;
  }

  /** Width of a text at the document's current size. */
  widthOf(text: string, weight: FontWeight = 'regular'): number {
    return textRuns(text, weight).reduce((width, run) => {
      this.use(run.face);
      return width + this.doc.widthOfString(run.text);
    }, 0);
  }
}
