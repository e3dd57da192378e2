import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import * as mupdf from 'mupdf';
import sharp from 'sharp';
import { createCaller, createTestApp, ManualClock, type Caller, type TestApp } from './helpers/app.ts';
import { DB_KINDS } from './helpers/db.ts';
import { startSmtpCatcher } from './helpers/smtp.ts';
import { IMAGE_LIMITS, pdfSafeImage, verifyImage } from '../src/modules/media/image.ts';
import { buildReportData, reportPdf, runReportSchedule } from '../src/modules/analytics/reports.ts';
import { apiErrorsEn as mediaErrorsEn } from '../web/src/i18n/api-errors-en.ts';
import { apiErrorsEs as mediaErrorsEs } from '../web/src/i18n/api-errors-es.ts';

// --- images built here, byte by byte -------------------------------------------------------

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** 69 bytes: a valid signature and IHDR claiming 40000×40000 RGBA, then a truncated IDAT and IEND. */
function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(40_000, 0);
  ihdr.writeUInt32BE(40_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA: pdfkit splits the alpha channel by inflating the data in a zlib callback
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG signature followed by text. */
const garbagePng = () => Buffer.concat([PNG_SIGNATURE, Buffer.from('not an image at all, only words after the signature')]);

/** A PNG of `width`×`height` with a correct header whose pixel data is cut off before the end. */
function truncatedPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const rows = Buffer.alloc((width * 4 + 1) * height, 0x7f);
  const deflated = zlib.deflateSync(rows);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflated.subarray(0, Math.floor(deflated.length / 3))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The text a PDF draws, as a viewer extracts it (MuPDF), lines joined by spaces. */
function pdfText(pdf: Buffer): string {
  const document = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pages = Array.from({ length: document.countPages() }, (_, index) =>
    document.loadPage(index).toStructuredText('preserve-whitespace').asText(),
  );
  return pages.join('\n').replace(/\s+/g, ' ');
}

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 0.5 } } });

describe('verifyImage', () => {
  it('every refusal carries a code the web app translates in English and Spanish', async () => {
    const wide = await sharp({ create: { width: IMAGE_LIMITS.maxSide + 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const refusals = [bombPng(), garbagePng(), wide, Buffer.from('GIF'), Buffer.alloc(IMAGE_LIMITS.maxBytes + 1)];
    const codes = new Set<string>();
    for (const bytes of refusals)
      codes.add(
        await verifyImage(bytes).then(
          () => 'accepted',
          (error: { code: string }) => error.code,
        ),
      );
    expect([...codes].sort()).toEqual(['image_too_large', 'image_undecodable', 'too_large', 'unsupported_media_type']);
    for (const code of codes) {
      expect(mediaErrorsEn[code as keyof typeof mediaErrorsEn]).toBeTruthy();
      expect(mediaErrorsEs[code as keyof typeof mediaErrorsEs]).toBeTruthy();
    }
  });

  it('refuses the 69-byte PNG that claims 40000×40000, naming the size', async () => {
    const bomb = bombPng();
    expect(bomb.length).toBe(69);
    await expect(verifyImage(bomb)).rejects.toMatchObject({
      statusCode: 422,
      code: 'image_too_large',
      details: { width: 40_000, height: 40_000, maxPixels: IMAGE_LIMITS.maxPixels },
    });
  });

  it('refuses a PNG signature followed by garbage, truncated pixel data, and what is no accepted image', async () => {
    await expect(verifyImage(garbagePng())).rejects.toMatchObject({ statusCode: 422, code: 'image_undecodable' });
    await expect(verifyImage(truncatedPng(64, 64))).rejects.toMatchObject({ statusCode: 422, code: 'image_undecodable' });
    await expect(verifyImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'))).rejects.toMatchObject({
      statusCode: 415,
      code: 'unsupported_media_type',
    });
    await expect(verifyImage(Buffer.alloc(0))).rejects.toMatchObject({ statusCode: 415 });
    // A JPEG signature in front of PNG content: the signature and the decoder disagree.
    const png = await solid(8, 8).png().toBuffer();
    await expect(verifyImage(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), png]))).rejects.toMatchObject({ statusCode: 422 });
  });

  it('refuses declared sizes over the limits, by side and by frames', async () => {
    const wide = await sharp({ create: { width: IMAGE_LIMITS.maxSide + 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await expect(verifyImage(wide)).rejects.toMatchObject({ code: 'image_too_large' });
    await expect(verifyImage(Buffer.alloc(IMAGE_LIMITS.maxBytes + 1))).rejects.toMatchObject({ statusCode: 413, code: 'too_large' });
  });

  it('many checks at once, failing and passing, all settle (decode slots are given back on failure)', async () => {
    const good = await solid(300, 200).png().toBuffer();
    const bad = truncatedPng(300, 200);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => verifyImage(i % 2 ? bad : good)));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 ? 'rejected' : 'fulfilled')));
    expect(await verifyImage(good)).toMatchObject({ width: 300, height: 200 });
  });

  it('accepts PNG, JPEG, WebP and GIF (animated too) with their decoded metadata', async () => {
    expect(await verifyImage(await solid(64, 32).png().toBuffer())).toEqual({
      format: 'png',
      mimeType: 'image/png',
      width: 64,
      height: 32,
      frames: 1,
    });
    expect(await verifyImage(await solid(40, 30).jpeg().toBuffer())).toEqual({
      format: 'jpeg',
      mimeType: 'image/jpeg',
      width: 40,
      height: 30,
      frames: 1,
    });
    expect(await verifyImage(await solid(20, 10).webp().toBuffer())).toEqual({
      format: 'webp',
      mimeType: 'image/webp',
      width: 20,
      height: 10,
      frames: 1,
    });
    const frames = await Promise.all(
      ['#f00', '#0f0', '#00f'].map((c) =>
        sharp({ create: { width: 20, height: 10, channels: 4, background: c } })
          .png()
          .toBuffer(),
      ),
    );
    const animated = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    expect(await verifyImage(animated)).toEqual({ format: 'gif', mimeType: 'image/gif', width: 20, height: 10, frames: 3 });
    // EXIF orientation 6 (rotated 90°): stored as displayed.
    const rotated = await solid(40, 30).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await verifyImage(rotated)).toMatchObject({ width: 30, height: 40 });
  });
});

describe('pdfSafeImage', () => {
  /** IHDR fields and chunk types of a PNG. */
  function pngLayout(png: Buffer) {
    const chunks: string[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      chunks.push(png.toString('latin1', at + 4, at + 8));
      at += 12 + length;
    }
    return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24], colorType: png[25], interlace: png[28], chunks };
  }

  it('gives pdfkit a small 8-bit RGB PNG without alpha, transparency or interlacing: the layout pdfkit embeds without decoding', async () => {
    // pdfkit inflates PNG data in a zlib callback (where a throw escapes every `try`) only for alpha,
    // tRNS transparency or interlacing; the copy has none of them.
    const sources = [
      await solid(2000, 500).png().toBuffer(),
      await solid(300, 300).png({ palette: true }).toBuffer(),
      await solid(64, 64).png({ progressive: true }).toBuffer(),
      await solid(100, 40).webp().toBuffer(),
      await solid(100, 40).jpeg().toBuffer(),
    ];
    for (const source of sources) {
      const layout = pngLayout(await pdfSafeImage(source, { width: 480, height: 192 }));
      expect(layout).toMatchObject({ bitDepth: 8, colorType: 2, interlace: 0 });
      expect(layout.chunks).not.toContain('tRNS');
      expect(layout.width).toBeLessThanOrEqual(480);
      expect(layout.height).toBeLessThanOrEqual(192);
    }
    expect(pngLayout(await pdfSafeImage(sources[0], { width: 480, height: 192 }))).toMatchObject({ width: 480, height: 120 });
    await expect(pdfSafeImage(bombPng(), { width: 480, height: 192 })).rejects.toMatchObject({ code: 'image_too_large' });
  });
});

// --- uploads, the logo setting and report rendering, on both engines ------------------------

function multipart(bytes: Buffer, type = 'image/png') {
  const boundary = `----plaza${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DB_KINDS)('images that cannot take Plaza down, on %s', (kind) => {
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  let t: TestApp;
  let owner: Caller;
  let workspaceId: string;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  const base = () => `/api/v1/workspaces/${workspaceId}`;
  const upload = (bytes: Buffer, type?: string) => {
    const { payload, headers } = multipart(bytes, type);
    return t.app.inject({
      method: 'POST',
      url: `${base()}/media`,
      payload,
      headers: { ...headers, authorization: `Bearer ${owner.token}` },
    });
  };
  const mediaCount = async () =>
    (
      await t.ctx.database.db
        .selectFrom('media')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
    ).n;
  /** Stores bytes and a media row directly, as data written before uploads were decoded (or planted on disk). */
  const plant = async (bytes: Buffer) => {
    const stored = await t.ctx.media.put(bytes);
    const existing = await t.ctx.database.db
      .selectFrom('media')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('sha256', '=', stored.sha256)
      .executeTakeFirst();
    if (existing) return existing.id;
    return (
      await t.ctx.database.db
        .insertInto('media')
        .values({
          workspace_id: workspaceId,
          sha256: stored.sha256,
          mime_type: 'image/png',
          size_bytes: stored.size,
          width: 40_000,
          height: 40_000,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  const setLogoDirectly = (mediaId: string) =>
    t.ctx.database.db.updateTable('analytics_settings').set({ logo_media_id: mediaId }).where('workspace_id', '=', workspaceId).execute();
  const range = { from: new Date('2026-02-23T00:00:00+01:00'), to: new Date('2026-03-02T00:00:00+01:00') };

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await createTestApp(kind, { clock });
    // The SMTP catcher listens on loopback, which only PLAZA_ALLOW_PRIVATE_URLS lets Plaza reach.
    (t.ctx.config as { allowPrivateUrls: boolean }).allowPrivateUrls = true;
    owner = await createCaller(t, `img-${kind}@example.com`);
    workspaceId = (
      await owner.request('POST', '/api/v1/workspaces', { name: 'Imágenes', timeZone: 'Europe/Madrid', language: 'es' })
    ).json().id;
    const settings = await owner.request('PUT', `${base()}/analytics/settings`, {
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'plaza@example.com', ignoreTls: true },
    });
    expect(settings.statusCode, settings.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('refuses the 69-byte 40000×40000 PNG and a PNG signature with garbage at upload (post media and logo), storing nothing', async () => {
    const bomb = await upload(bombPng());
    expect(bomb.statusCode, bomb.body).toBe(422);
    expect(bomb.json().error).toMatchObject({ code: 'image_too_large', details: { width: 40_000, height: 40_000 } });
    const garbage = await upload(garbagePng());
    expect(garbage.statusCode).toBe(422);
    expect(garbage.json().error.code).toBe('image_undecodable');
    const truncated = await upload(truncatedPng(64, 64));
    expect(truncated.json().error.code).toBe('image_undecodable');
    expect(await mediaCount()).toBe(0);
    expect(await t.ctx.media.get((await import('../src/lib/crypto.ts')).sha256Hex(bombPng()))).toBeNull();
  });

  it('accepts a valid image with its decoded size (JPEG too), usable as post media and as the logo', async () => {
    const png = await upload(await solid(64, 32).png().toBuffer());
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ mimeType: 'image/png', width: 64, height: 32 });
    const jpeg = await upload(await solid(40, 30).jpeg().toBuffer(), 'application/octet-stream');
    expect(jpeg.statusCode, jpeg.body).toBe(201);
    expect(jpeg.json()).toMatchObject({ mimeType: 'image/jpeg', width: 40, height: 30 });
    const channelId = (
      await owner.request('POST', `${base()}/channels`, { network: 'sandbox', name: 'S', fields: { handle: `img${kind}`, token: 't' } })
    ).json().id;
    const post = await owner.request('POST', `${base()}/posts`, {
      content: 'Con imagen',
      media: [{ mediaId: png.json().id, alt: 'Un cuadrado' }],
      channels: [{ channelId }],
      action: 'draft',
    });
    expect(post.statusCode, post.body).toBe(201);
    const logo = await owner.request('PUT', `${base()}/analytics/settings`, { logoMediaId: png.json().id });
    expect(logo.statusCode, logo.body).toBe(200);
    const data = await buildReportData(t.ctx, workspaceId, {}, range, 'es');
    expect(data.logo?.format).toBe('png');
    expect(data.logoSkipped).toBeNull();
    const pdf = await reportPdf(data);
    expect(pdf.toString('latin1')).toContain('/Subtype /Image');
    expect(pdfText(pdf)).toContain('Informe de redes sociales');
    expect(pdfText(pdf)).not.toContain('logotipo');
  });

  it('refuses to make a logo of media stored before uploads were decoded', async () => {
    const planted = await plant(bombPng());
    const refused = await owner.request('PUT', `${base()}/analytics/settings`, { logoMediaId: planted });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('image_too_large');
  });

  it('the 69-byte PNG planted in storage as the logo: the report is still made, without the logo, and says so', async () => {
    const planted = await plant(bombPng());
    await setLogoDirectly(planted);
    const data = await buildReportData(t.ctx, workspaceId, {}, range, 'en');
    expect(data.logo).toBeNull();
    expect(data.logoSkipped).toBe('image_invalid');
    const pdf = await reportPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
    expect(pdfText(pdf)).toContain('The brand logo was left out: its image could not be read.');
    // Text the standard PDF fonts cannot draw (emoji, a lone surrogate, control characters) is no reason to fail either.
    expect((await reportPdf({ ...data, workspaceName: 'Café 🚀 \ud800 \u0000\u202e ∑' })).subarray(0, 5).toString()).toBe('%PDF-');
    // A garbage file planted the same way.
    await setLogoDirectly(await plant(garbagePng()));
    const spanish = await buildReportData(t.ctx, workspaceId, {}, range, 'es');
    expect(spanish.logoSkipped).toBe('image_invalid');
    expect(pdfText(await reportPdf(spanish))).toContain('Se ha omitido el logotipo de la marca: su imagen no se pudo leer.');
    // The download route answers with the PDF.
    await setLogoDirectly(planted);
    const download = await owner.request('GET', `${base()}/analytics/report?format=pdf&from=2026-02-23&to=2026-03-01`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the scheduled report with the planted logo is e-mailed without it, and its event says why', async () => {
    await setLogoDirectly(await plant(bombPng()));
    const schedule = await owner.request('POST', `${base()}/report-schedules`, {
      name: 'Semanal',
      frequency: 'weekly',
      formats: ['pdf'],
      language: 'es',
      recipients: ['jefa@example.com'],
    });
    expect(schedule.statusCode, schedule.body).toBe(201);
    const before = smtp.messages.length;
    expect(await runReportSchedule(t.ctx, schedule.json().id)).toEqual({ ok: true });
    expect(smtp.messages.length).toBe(before + 1);
    const event = await t.ctx.database.db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('subject_id', '=', schedule.json().id)
      .where('type', 'like', 'report.%')
      .executeTakeFirstOrThrow();
    expect(event.type).toBe('report.sent');
    expect(event.data).toMatchObject({ logoSkipped: 'image_invalid' });
  });
});
