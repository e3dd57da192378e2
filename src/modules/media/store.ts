import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sha256Hex } from '../../lib/crypto.ts';

/** A byte range of a stored file: from `start` up to, not including, `end` (the end of the file when absent). */
export interface ByteRange {
  start: number;
  end?: number;
}

/**
 * Where uploaded media bytes live. Content-addressed: the key is the SHA-256 of
 * the bytes, so the same image uploaded twice is stored once. Object storage
 * (S3 and the like) can implement the same interface.
 *
 * Large files (videos up to the 1 GB upload limit) never pass through memory: a finished
 * upload's file is moved in with `putFile` (hashed as it is read), and read back with
 * `stream`, whole or by range.
 */
export interface MediaStore {
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  /** Moves the file at `filePath` into the store (it is gone from there afterwards). */
  putFile(filePath: string): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Uint8Array | null>;
  /** Size in bytes of a stored file, or null when it is missing. */
  size(sha256: string): Promise<number | null>;
  /** Streams a stored file, or a range of it; null when it is missing. */
  stream(sha256: string, range?: ByteRange): Promise<Readable | null>;
  delete(sha256: string): Promise<void>;
}

/** SHA-256 and size of a file, read as a stream. */
export async function hashFile(filePath: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
    }
  });
  return { sha256: hash.digest('hex'), size };
}

/** Media on local disk under `<dataDir>/media/ab/cd/<sha256>`. */
export class FileMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  private pathFor(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('Invalid media key');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathFor(sha256);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    // Write to a temp file then rename, so a crash never leaves a half-written object.
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await fsp.writeFile(temp, bytes);
    await fsp.rename(temp, target);
    return { sha256, size: bytes.byteLength };
  }

  async putFile(filePath: string): Promise<{ sha256: string; size: number }> {
    const { sha256, size } = await hashFile(filePath);
    const target = this.pathFor(sha256);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    try {
      await fsp.rename(filePath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      // Another file system: copy under a temp name, then rename, so the object is whole or absent.
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fsp.copyFile(filePath, temp);
      await fsp.rename(temp, target);
      await fsp.rm(filePath, { force: true });
    }
    return { sha256, size };
  }

  async get(sha256: string): Promise<Uint8Array | null> {
    try {
      return await fsp.readFile(this.pathFor(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await fsp.stat(this.pathFor(sha256))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async stream(sha256: string, range?: ByteRange): Promise<Readable | null> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.pathFor(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const end = range?.end === undefined ? undefined : range.end - 1;
    if (end !== undefined && end < (range?.start ?? 0)) {
      await handle.close();
      return Readable.from([]);
    }
    return handle.createReadStream({ start: range?.start ?? 0, end, highWaterMark: 1024 * 1024 });
  }

  async delete(sha256: string): Promise<void> {
    await fsp.rm(this.pathFor(sha256), { force: true });
  }
}
