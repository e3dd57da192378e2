/**
 * `plaza post create --media <file>`: uploads images and videos through the server's resumable
 * uploads, in chunks, resuming from the server's offset after a failed chunk.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError, type ApiClient } from './api-client.ts';

const MIME_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
};
const CHUNK_BYTES = 4 * 1024 * 1024;
const MAX_RETRIES = 5;

interface UploadAnswer {
  id: string;
  offset: number;
  size: number;
  media: { id: string; kind: string; durationSeconds: number | null } | null;
}

/** Uploads one file; `onProgress(sent, total)` after each chunk. Resolves with the stored media item's id and kind. */
export async function uploadFile(
  api: ApiClient,
  workspaceId: string,
  file: string,
  onProgress: (sent: number, total: number) => void = () => undefined,
): Promise<{ id: string; kind: string }> {
  const mimeType = MIME_BY_EXTENSION[path.extname(file).toLowerCase()];
  if (!mimeType) throw new Error(`${file}: only PNG, JPEG, GIF, WebP images and MP4 or MOV videos can be attached`);
  const bytes = new Uint8Array(await fs.readFile(file));
  const base = `/api/v1/workspaces/${workspaceId}/media/uploads`;
  const created = await api.post<UploadAnswer>(base, { fileName: path.basename(file), mimeType, size: bytes.length });
  let offset = created.offset;
  let retries = 0;
  while (true) {
    try {
      const answer = await api.sendChunk<UploadAnswer>(`${base}/${created.id}`, offset, bytes.subarray(offset, offset + CHUNK_BYTES));
      offset = answer.offset;
      retries = 0;
      onProgress(offset, bytes.length);
      if (answer.media) return answer.media;
    } catch (error) {
      // The file itself refused (type, size, damaged): final. A dropped chunk: ask where the server is, go on.
      if (retries >= MAX_RETRIES || (error instanceof ApiError && error.status !== 409 && error.status < 500)) throw error;
      retries++;
      await new Promise((resolve) => setTimeout(resolve, 300 * retries));
      const status = await api.get<UploadAnswer>(`${base}/${created.id}`);
      if (status.media) return status.media;
      offset = status.offset;
    }
  }
}

/** `--option name=value` pairs as the API's network options (`true`/`false` become booleans). */
export function parseNetworkOptions(pairs: string[]): Record<string, string | boolean> {
  const options: Record<string, string | boolean> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--option ${pair}: write it as name=value`);
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    options[name] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return options;
}
