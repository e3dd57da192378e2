/**
 * Small, valid MP4/MOV files for tests and demos, written with mp4box's own file writer: a
 * video track of `codec` at `width`×`height` lasting `seconds` (the frames are placeholders: the
 * boxes are real, so any ISO media reader sees the size, length and codec Plaza checks).
 */
import { createFile } from 'mp4box';

/** Bytes of an MP4 (or MOV with `quicktime`) with one video track. */
export function tinyVideo(
  options: {
    width?: number;
    height?: number;
    seconds?: number;
    codec?: 'avc1' | 'hvc1' | 'hev1';
    quicktime?: boolean;
    padBytes?: number;
  } = {},
): Uint8Array {
  const { width = 320, height = 240, seconds = 3, codec = 'avc1', quicktime = false, padBytes = 100 } = options;
  const file = createFile();
  const timescale = 1000;
  const frames = Math.max(1, Math.round(seconds * 10));
  const duration = Math.round(seconds * timescale);
  // AVC: version 1, Constrained Baseline level 3.0, 4-byte lengths, no parameter sets.
  const avcConfig = new Uint8Array([1, 0x42, 0xc0, 0x1e, 0xff, 0xe0, 0x00]).buffer;
  // HEVC: a 23-byte decoder configuration record with no arrays.
  const hevcConfig = new Uint8Array([1, 1, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 0x5a, 0xf0, 0, 0xfc, 0xfd, 0xf8, 0xf8, 0, 0, 0x0f, 0])
    .buffer;
  const track = file.addTrack({
    type: codec,
    width,
    height,
    timescale,
    duration,
    media_duration: duration,
    brands: quicktime ? ['qt  '] : ['isom', 'iso2', 'avc1', 'mp41'],
    ...(codec === 'avc1' ? { avcDecoderConfigRecord: avcConfig } : { hevcDecoderConfigRecord: hevcConfig }),
  });
  const frameDuration = Math.round(duration / frames);
  for (let i = 0; i < frames; i++) {
    const frame = new Uint8Array(padBytes);
    frame.fill(i % 251);
    file.addSample(track, frame, { duration: frameDuration, is_sync: i === 0 });
  }
  const stream = file.getBuffer();
  return new Uint8Array(stream.buffer as ArrayBuffer, 0, stream.byteLength).slice();
}
