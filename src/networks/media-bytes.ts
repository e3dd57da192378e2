/**
 * Reading a media item's file in adapters: whole in `bytes`, or — for a large video, which the
 * media store leaves out of memory — through `openStream` (MediaInput in types.ts). Chunked and
 * resumable uploads take one part at a time with `mediaSlice`, so a 1 GB video never sits whole
 * in a worker's memory.
 */
import type { MediaInput } from './types.ts';

/** Whether the item's bytes come through `openStream` only (`bytes` left empty). */
function streamsOnly(item: MediaInput): boolean {
  return item.bytes.byteLength === 0 && item.size > 0 && item.openStream !== undefined;
}

/** Length of the item's file in bytes. */
export function mediaLength(item: MediaInput): number {
  return streamsOnly(item) ? item.size : item.bytes.byteLength;
}

/** The bytes [start, end) of the item's file (`end` past the file: up to its end). */
export async function mediaSlice(item: MediaInput, start: number, end: number): Promise<Uint8Array> {
  const stop = Math.min(end, mediaLength(item));
  if (!streamsOnly(item)) return item.bytes.slice(start, stop);
  const out = new Uint8Array(Math.max(0, stop - start));
  let at = 0;
  for await (const chunk of item.openStream!({ start, end: stop })) {
    const take = chunk.subarray(0, out.length - at);
    out.set(take, at);
    at += take.length;
    if (at >= out.length) break;
  }
  if (at !== out.length) throw new Error(`media ${item.mediaId}: read ${at} of ${out.length} bytes`);
  return out;
}
