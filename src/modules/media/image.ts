// Images are checked by decoding them with sharp (libvips), not by their first bytes alone: a
// file that claims 40000×40000 pixels in 69 bytes, or a PNG signature followed by garbage, is
// refused at upload instead of reaching a decoder that trusts it (pdfkit's PNG reader throws
// from a zlib callback, outside any `try`, and takes the process down).
// sharp is loaded on first need, like pdfkit, so start-up stays short.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sharp, SharpOptions } from 'sharp';
import { AppError } from '../../lib/errors.ts';

/** What Plaza accepts as an image. */
export const IMAGE_LIMITS = {
  /** Largest file (the multipart limit in server/app.ts is the same). */
  maxBytes: 20 * 1024 * 1024,
  /** Most pixels an image may declare (all frames of an animation together). */
  maxPixels: 50_000_000,
  /** Longest side in pixels. */
  maxSide: 16_384,
} as const;

/** Formats Plaza accepts, as sharp names them, with their MIME types. */
export const IMAGE_FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' } as const;
export type ImageFormat = keyof typeof IMAGE_FORMATS;

/** An image that decoded fully within the limits, with its normalized metadata. */
export interface VerifiedImage {
  format: ImageFormat;
  mimeType: (typeof IMAGE_FORMATS)[ImageFormat];
  /** Width and height as displayed (EXIF orientation applied); of one frame for animations. */
  width: number;
  height: number;
  /** Frames (1 unless an animated GIF or WebP). */
  frames: number;
}

/** Error codes of a refused image (the web app translates them). */
export type ImageErrorCode = 'too_large' | 'unsupported_media_type' | 'image_too_large' | 'image_undecodable';

/** An image refused by `verifyImage`, as an API error. */
export class ImageError extends AppError {
  constructor(
    statusCode: number,
    readonly code: ImageErrorCode,
    message: string,
    details?: unknown,
  ) {
    super(statusCode, code, message, details);
  }
}

type SharpFactory = (input: Buffer, options?: SharpOptions) => Sharp;
let sharpFactory: Promise<SharpFactory> | null = null;
/** sharp, loaded once on first need. */
function loadSharp(): Promise<SharpFactory> {
  sharpFactory ??= import('sharp').then((module) => module.default as unknown as SharpFactory);
  return sharpFactory;
}

/** Decoder options for untrusted bytes: pixel limit, every frame, and refuse truncated data. */
function decoderOptions(animated: boolean): SharpOptions {
  return { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: 'truncated', animated, sequentialRead: true };
}

/**
 * Full decodes running at once in this process. A decode at the pixel limit holds about 150–220 MB
 * for a few seconds, so uploads beyond this many wait their turn instead of adding up.
 */
const MAX_PARALLEL_DECODES = 2;
/** A decode still running after this long is abandoned and the image refused (a 49 MP JPEG takes about 0.3 s). */
const DECODE_TIMEOUT_SECONDS = 30;
let activeDecodes = 0;
const waitingDecodes: Array<() => void> = [];

/** Runs `work` when a decode slot is free (a finished decode hands its slot straight to the next in line). */
async function withDecodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (activeDecodes < MAX_PARALLEL_DECODES) activeDecodes++;
  else await new Promise<void>((resolve) => waitingDecodes.push(resolve));
  try {
    return await work();
  } finally {
    const next = waitingDecodes.shift();
    if (next) next();
    else activeDecodes--;
  }
}

/** Decodes every pixel of every frame, streaming the raw pixels into nothing (memory stays bounded). */
async function decodeEveryPixel(sharp: SharpFactory, input: Buffer): Promise<void> {
  await pipeline(
    sharp(input, decoderOptions(true)).timeout({ seconds: DECODE_TIMEOUT_SECONDS }).raw(),
    new Writable({
      write(_chunk, _encoding, done) {
        done();
      },
    }),
  );
}

/** The type the file's signature claims (PNG, JPEG, GIF, WebP), or null. */
export function signatureFormat(b: Uint8Array): ImageFormat | null {
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  if (
    b.length >= 12 &&
    b[0] === 0x52 &&
    b[1] === 0x49 &&
    b[2] === 0x46 &&
    b[3] === 0x46 &&
    b[8] === 0x57 &&
    b[9] === 0x45 &&
    b[10] === 0x42 &&
    b[11] === 0x50
  )
    return 'webp';
  return null;
}

/**
 * Checks an image before Plaza keeps or draws it: size in bytes, a signature of an accepted
 * format, the dimensions its header declares, then a full decode of every pixel (and frame)
 * under sharp's pixel limit, refusing truncated data. Throws an `ImageError` (413, 415 or 422
 * with a code); returns the decoder's metadata.
 */
export async function verifyImage(bytes: Uint8Array): Promise<VerifiedImage> {
  if (bytes.byteLength > IMAGE_LIMITS.maxBytes)
    throw new ImageError(413, 'too_large', `The file is larger than ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MB`);
  const claimed = signatureFormat(bytes);
  if (!claimed) throw new ImageError(415, 'unsupported_media_type', 'Only PNG, JPEG, GIF and WebP images are accepted');
  const sharp = await loadSharp();
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Header only (no pixel limit yet, so that a too-large image is named as such).
  const meta = await sharp(input, { limitInputPixels: false, animated: true })
    .metadata()
    .catch(() => {
      throw new ImageError(422, 'image_undecodable', 'The image could not be read: the file is damaged or not really an image');
    });
  if (meta.format !== claimed)
    throw new ImageError(422, 'image_undecodable', 'The image could not be read: its content does not match its type');
  const width = meta.width ?? 0;
  const frames = Math.max(1, meta.pages ?? 1);
  const frameHeight = meta.pageHeight ?? Math.floor((meta.height ?? 0) / frames);
  if (!width || !frameHeight) throw new ImageError(422, 'image_undecodable', 'The image could not be read: it declares no size');
  const limits = { maxPixels: IMAGE_LIMITS.maxPixels, maxSide: IMAGE_LIMITS.maxSide };
  if (width > IMAGE_LIMITS.maxSide || frameHeight > IMAGE_LIMITS.maxSide || width * frameHeight * frames > IMAGE_LIMITS.maxPixels) {
    throw new ImageError(
      422,
      'image_too_large',
      `The image is too large: ${width}×${frameHeight} pixels${frames > 1 ? ` × ${frames} frames` : ''} (at most ${IMAGE_LIMITS.maxSide} pixels a side and ${IMAGE_LIMITS.maxPixels / 1_000_000} megapixels)`,
      { width, height: frameHeight, frames, ...limits },
    );
  }
  try {
    await withDecodeSlot(() => decodeEveryPixel(sharp, input));
  } catch {
    throw new ImageError(422, 'image_undecodable', 'The image could not be read: the file is damaged or truncated');
  }
  const format = meta.format as ImageFormat;
  const upright = meta.autoOrient ?? { width, height: frameHeight };
  return { format, mimeType: IMAGE_FORMATS[format], width: upright.width, height: frames > 1 ? frameHeight : upright.height, frames };
}

/**
 * A copy of an image that any PDF writer can embed without decoding it: re-checked with
 * `verifyImage`, turned upright, scaled to fit `box` (never enlarged), flattened onto white
 * and written as an 8-bit RGB, non-interlaced PNG (first frame of an animation).
 */
export async function pdfSafeImage(bytes: Uint8Array, box: { width: number; height: number }): Promise<Buffer> {
  await verifyImage(bytes);
  const sharp = await loadSharp();
  return withDecodeSlot(() =>
    sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), decoderOptions(false))
      .rotate()
      .resize({ width: box.width, height: box.height, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .png({ palette: false, progressive: false })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .toBuffer(),
  );
}

/**
 * A rectangle cut out of an image (turned upright first, first frame of an animation), written in
 * the original's format (a GIF becomes a PNG). The caller checked that the rectangle fits.
 */
export async function cropImage(
  bytes: Uint8Array,
  rect: { left: number; top: number; width: number; height: number },
): Promise<Uint8Array> {
  const format = signatureFormat(bytes);
  const sharp = await loadSharp();
  return withDecodeSlot(async () => {
    const cut = sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), decoderOptions(false))
      .rotate()
      .extract(rect)
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS });
    const encoded =
      format === 'jpeg' ? cut.jpeg({ quality: 90, mozjpeg: true }) : format === 'webp' ? cut.webp({ quality: 90 }) : cut.png();
    return new Uint8Array(await encoded.toBuffer());
  });
}
