// Videos are read with mp4box (GPAC's MP4Box in JavaScript, maintained), not with ffprobe: no
// native binary to install, and the same parser reads MP4 and QuickTime (MOV), which share the
// ISO base media file format. Only the boxes are read (ftyp, moov); the frames are never decoded.
import fs from 'node:fs/promises';
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';
import { AppError } from '../../lib/errors.ts';

/** Containers Plaza accepts, by MIME type. */
export const VIDEO_MIME_TYPES = ['video/mp4', 'video/quicktime'] as const;
export type VideoMimeType = (typeof VIDEO_MIME_TYPES)[number];

/** What Plaza read from a video file. */
export interface VideoInfo {
  mimeType: VideoMimeType;
  width: number;
  height: number;
  durationSeconds: number;
  /** The video sample entry's four letters: 'avc1' (H.264), 'hvc1'/'hev1' (HEVC), 'vp09', 'av01'… */
  codec: string;
}

/** True when the bytes start like an ISO media file (a box whose type is 'ftyp', 'moov', 'mdat', 'wide' or 'free'). */
export function looksLikeIsoMedia(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const type = String.fromCharCode(bytes[4], bytes[5], bytes[6], bytes[7]);
  return ['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip'].includes(type);
}

/** The container from the ftyp box's major brand: 'qt  ' is QuickTime, anything else MP4. */
function containerOf(bytes: Uint8Array): VideoMimeType {
  const type = String.fromCharCode(bytes[4], bytes[5], bytes[6], bytes[7]);
  if (type !== 'ftyp') return 'video/quicktime'; // old QuickTime files start with moov/mdat/wide
  const brand = String.fromCharCode(bytes[8], bytes[9], bytes[10], bytes[11]);
  return brand === 'qt  ' ? 'video/quicktime' : 'video/mp4';
}

function undecodable(message: string): AppError {
  return new AppError(422, 'video_undecodable', message);
}

/**
 * Reads a video's container, size in pixels, duration and codec from its boxes. Throws
 * `video_undecodable` (422) when the file is not an MP4/MOV with a video track.
 */
export function probeVideo(bytes: Uint8Array): VideoInfo {
  if (!looksLikeIsoMedia(bytes)) throw new AppError(415, 'unsupported_media_type', 'Only MP4 and MOV videos are accepted');
  const file = createFile();
  let info: Movie | null = null;
  let failure: unknown = null;
  file.onReady = (movie) => {
    info = movie;
  };
  file.onError = (_module: string, message: string) => {
    failure = message;
  };
  try {
    const copy = bytes.slice().buffer as ArrayBuffer;
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(copy, 0));
    file.flush();
  } catch (error) {
    failure = error;
  }
  return videoInfo(info, failure, bytes);
}

/** Bytes read at a time by the streaming probe. */
const PROBE_READ_BYTES = 1024 * 1024;

/**
 * `probeVideo` for a file on disk, without holding it: reads 1 MB at a time and lets mp4box say
 * where the next box it needs starts, so the frames (mdat, most of the file) are skipped and
 * only the boxes are read, wherever the moov box sits (start or end of the file).
 */
export async function probeVideoFile(filePath: string): Promise<VideoInfo> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const head = new Uint8Array(12);
    await handle.read(head, 0, 12, 0);
    if (!looksLikeIsoMedia(head)) throw new AppError(415, 'unsupported_media_type', 'Only MP4 and MOV videos are accepted');
    const file = createFile();
    let info: Movie | null = null;
    let failure: unknown = null;
    file.onReady = (movie) => {
      info = movie;
    };
    file.onError = (_module: string, message: string) => {
      failure = message;
    };
    let position = 0;
    // A file of boxes is read in far fewer reads than this; more means a parser going round.
    for (let reads = 0; position < size && !info && !failure && reads < 10_000; reads++) {
      const length = Math.min(PROBE_READ_BYTES, size - position);
      const chunk = new Uint8Array(length);
      const { bytesRead } = await handle.read(chunk, 0, length, position);
      if (bytesRead === 0) break;
      try {
        const next = file.appendBuffer(
          MP4BoxBuffer.fromArrayBuffer(chunk.buffer.slice(0, bytesRead), position),
          position + bytesRead >= size,
        );
        position = next > position ? next : position + bytesRead;
      } catch (error) {
        failure = error;
      }
    }
    if (!info && !failure) file.flush();
    return videoInfo(info, failure, head);
  } finally {
    await handle.close();
  }
}

/** What probing found, or the 422 saying why it is not a usable video. */
function videoInfo(info: Movie | null, failure: unknown, head: Uint8Array): VideoInfo {
  const movie = info;
  if (!movie || failure) throw undecodable('The video could not be read: the file is damaged or not an MP4/MOV video');
  const track = movie.videoTracks[0];
  if (!track) throw undecodable('The file has no video track');
  const width = Math.round(track.video?.width ?? track.track_width ?? 0);
  const height = Math.round(track.video?.height ?? track.track_height ?? 0);
  if (!width || !height) throw undecodable('The video declares no size');
  const trackSeconds = track.timescale ? track.duration / track.timescale : 0;
  const movieSeconds = movie.timescale ? movie.duration / movie.timescale : 0;
  const durationSeconds = Math.round(Math.max(trackSeconds, movieSeconds) * 1000) / 1000;
  const codec = track.codec.split('.')[0];
  return { mimeType: containerOf(head), width, height, durationSeconds, codec };
}
