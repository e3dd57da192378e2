import fs from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../../lib/crypto.ts';

/**
 * Where uploaded media bytes live. Content-addressed: the key is the SHA-256 of
 * the bytes, so the same image uploaded twice is stored once. Object storage
 * (S3 and the like) can implement the same interface.
 */
export interface MediaStore {
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Uint8Array | null>;
  delete(sha256: string): Promise<void>;
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
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Write to a temp file then rename, so a crash never leaves a half-written object.
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, target);
    return { sha256, size: bytes.byteLength };
  }

  async get(sha256: string): Promise<Uint8Array | null> {
    try {
      return await fs.readFile(this.pathFor(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await fs.rm(this.pathFor(sha256), { force: true });
  }
}
