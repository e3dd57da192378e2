/**
 * Uploads a file in chunks through the server's resumable uploads (POST …/media/uploads, then
 * PATCH each chunk with its Upload-Offset; GET tells how much arrived). A chunk that fails (a
 * dropped connection, a server restart) is retried from the offset the server reports, so a
 * video already half sent is not sent again from the start. Progress is reported in bytes.
 */
import { api, ApiError, getCsrfToken } from '../../../api/client.ts';
import type { MediaUpload } from '../types.ts';

/** Bytes per PATCH: small enough to retry cheaply, large enough to keep requests few. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** Failed chunks retried (each after asking the server for its offset) before giving up. */
const MAX_RETRIES = 5;

interface UploadState {
  id: string;
  offset: number;
  size: number;
  media: MediaUpload | null;
}

/** Sends one chunk with XMLHttpRequest (fetch has no upload progress), resolving with the server's answer. */
function sendChunk(
  workspaceId: string,
  uploadId: string,
  offset: number,
  chunk: Blob,
  onProgress: (sentInChunk: number) => void,
  signal?: AbortSignal,
): Promise<UploadState> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PATCH', `/api/v1/workspaces/${workspaceId}/media/uploads/${uploadId}`);
    request.withCredentials = true;
    request.setRequestHeader('content-type', 'application/offset+octet-stream');
    request.setRequestHeader('upload-offset', String(offset));
    const csrf = getCsrfToken();
    if (csrf) request.setRequestHeader('x-csrf-token', csrf);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      let data: unknown = null;
      try {
        data = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        data = null;
      }
      if (request.status >= 200 && request.status < 300) resolve(data as UploadState);
      else {
        const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
        reject(new ApiError(request.status, error?.code ?? 'error', error?.message ?? request.statusText, error?.details ?? null));
      }
    };
    request.onerror = () => reject(new Error('network'));
    request.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(chunk);
  });
}

/**
 * Uploads `file` resumably; `onProgress(sent, total)` as bytes go out. Resolves with the stored
 * media item (probed by the server: kind, size in pixels, length, codec).
 */
export async function uploadResumable(
  workspaceId: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<MediaUpload> {
  const created = await api<UploadState>('POST', `/workspaces/${workspaceId}/media/uploads`, {
    fileName: file.name || 'upload',
    mimeType: file.type || 'video/mp4',
    size: file.size,
  });
  let { offset } = created;
  let retries = 0;
  onProgress(0, file.size);
  while (true) {
    try {
      const answer = await sendChunk(
        workspaceId,
        created.id,
        offset,
        file.slice(offset, Math.min(file.size, offset + CHUNK_BYTES)),
        (sentInChunk) => onProgress(offset + sentInChunk, file.size),
        signal,
      );
      offset = answer.offset;
      onProgress(offset, file.size);
      retries = 0;
      if (answer.media) return answer.media;
    } catch (error) {
      if (signal?.aborted || retries >= MAX_RETRIES) throw error;
      // Refusals of the file itself are final; anything else: ask where the server is and go on.
      if (error instanceof ApiError && error.status !== 409 && error.status < 500) throw error;
      retries++;
      await new Promise((resolve) => setTimeout(resolve, 500 * retries));
      const status = await api<UploadState>('GET', `/workspaces/${workspaceId}/media/uploads/${created.id}`);
      if (status.media) return status.media;
      offset = status.offset;
    }
  }
}
