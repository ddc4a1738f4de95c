import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../../src/adapters/blob-local/blob-store.ts';
import { SharpImages } from '../../src/adapters/images/sharp.ts';

let dir: string;
let blobs: LocalBlobStore;
let images: SharpImages;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-images-'));
  blobs = new LocalBlobStore(dir);
  images = new SharpImages(blobs, { maxBytes: 2 * 1024 * 1024, maxPixels: 40_000_000, widths: [320, 640, 1280] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A 2000×1000 JPEG lying on its side (orientation 6), with a camera, GPS position and comment. */
const photo = () =>
  sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#3366aa' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'CameraMaker', Copyright: 'Someone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 42/1 51/1', GPSLongitudeRef: 'W', GPSLongitude: '74/1 0/1 21/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();

const stored = async (key: string) => readFile(await blobs.localPath(key));

describe('sharp images', () => {
  it('keeps an upright WebP at each width, no wider than the picture, with no metadata', async () => {
    const input = await photo();
    const inMeta = await sharp(input).metadata();
    expect(inMeta.exif?.includes('CameraMaker')).toBe(true);
    expect(inMeta.orientation).toBe(6);
    const r = await images.save('showcases/a', input);
    expect(r).toEqual({ ok: true, widths: [320, 640, 1280] });
    const sizes = [];
    for (const w of [320, 640, 1280]) {
      const bytes = await stored(images.key('showcases/a', w));
      expect(bytes.includes('CameraMaker')).toBe(false);
      expect(bytes.includes('GPS')).toBe(false);
      const m = await sharp(bytes).metadata();
      expect(m.format).toBe('webp');
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.orientation ?? 1).toBe(1);
      sizes.push([m.width, m.height]);
    }
    // Turned upright: 1000 wide, 2000 tall; 1280 is wider than it, so it stays 1000.
    expect(sizes).toEqual([[320, 640], [640, 1280], [1000, 2000]]);
  });

  it('refuses what is not an image, and writes nothing', async () => {
    expect(await images.save('showcases/b', Buffer.from('<script>alert(1)</script>'))).toEqual({ ok: false, reason: 'not_an_image' });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect(await images.save('showcases/b', svg)).toEqual({ ok: false, reason: 'not_an_image' });
    const truncated = (await photo()).subarray(0, 200);
    expect(await images.save('showcases/b', truncated)).toEqual({ ok: false, reason: 'not_an_image' });
    expect(await blobs.has(images.key('showcases/b', 320))).toBe(false);
  });

  it('refuses an upload over the size limit before decoding it', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0xff);
    expect(await images.save('showcases/c', big)).toEqual({ ok: false, reason: 'too_large' });
    expect(await blobs.has(images.key('showcases/c', 320))).toBe(false);
  });

  it('refuses a picture of too many pixels', async () => {
    const small = new SharpImages(blobs, { maxBytes: 1024 * 1024, maxPixels: 100 * 100, widths: [320] });
    const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(await small.save('showcases/d', png)).toEqual({ ok: false, reason: 'too_many_pixels' });
  });

  it('draws an SVG of its own', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><rect width="800" height="400" fill="#c00"/></svg>';
    const r = await images.saveDrawing('showcases/e', svg);
    expect(r.ok).toBe(true);
    const m = await sharp(await stored(images.key('showcases/e', 640))).metadata();
    expect(m.width).toBe(640);
  });
});
