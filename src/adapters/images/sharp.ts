import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Images, SavedImage } from '../../ports/images.ts';

export interface SharpImageOptions {
  maxBytes: number;
  /** The most pixels (width × height) an upload may decode to. */
  maxPixels: number;
  widths: readonly number[];
  /** A folder for files on their way into the store. */
  workDir?: string;
}

/** The formats taken, by their first bytes; anything else is refused before decoding. */
function sniff(b: Buffer): 'jpeg' | 'png' | 'webp' | 'gif' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) return 'gif';
  return null;
}

/** Images through sharp (libvips), kept in the blob store. */
export class SharpImages implements Images {
  readonly maxBytes: number;
  readonly widths: readonly number[];

  constructor(private readonly blobs: BlobStore, private readonly opts: SharpImageOptions) {
    this.maxBytes = opts.maxBytes;
    this.widths = [...opts.widths].sort((a, b) => a - b);
  }

  key(prefix: string, width: number): string {
    return `${prefix}/${width}.webp`;
  }

  async save(prefix: string, bytes: Buffer): Promise<SavedImage> {
    if (bytes.length > this.maxBytes) return { ok: false, reason: 'too_large' };
    const format = sniff(bytes);
    if (!format) return { ok: false, reason: 'not_an_image' };
    let meta: sharp.Metadata;
    try {
      // Reads the header only: nothing is decoded yet.
      meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch {
      return { ok: false, reason: 'not_an_image' };
    }
    if (meta.format !== format) return { ok: false, reason: 'not_an_image' };
    if (!meta.width || !meta.height) return { ok: false, reason: 'not_an_image' };
    if (meta.width * meta.height > this.opts.maxPixels) return { ok: false, reason: 'too_many_pixels' };
    return this.write(prefix, () => sharp(bytes, { limitInputPixels: this.opts.maxPixels, animated: false }));
  }

  async saveDrawing(prefix: string, svg: string): Promise<SavedImage> {
    return this.write(prefix, () => sharp(Buffer.from(svg), { density: 144 }).flatten({ background: '#ffffff' }));
  }

  /** Writes each width (never wider than the picture itself), or nothing when decoding fails. */
  private async write(prefix: string, open: () => sharp.Sharp): Promise<SavedImage> {
    const dir = await mkdtemp(join(this.opts.workDir ?? tmpdir(), 'plaza-image-'));
    try {
      const files: [number, string][] = [];
      for (const width of this.widths) {
        let out: Buffer;
        try {
          // rotate() with no angle turns the picture upright by its EXIF orientation; metadata is not copied (sharp's default).
          out = await open().rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
        } catch {
          return { ok: false, reason: 'not_an_image' };
        }
        const file = join(dir, `${width}.webp`);
        await writeFile(file, out);
        files.push([width, file]);
      }
      for (const [width, file] of files) await this.blobs.putFile(this.key(prefix, width), file, { move: true });
      return { ok: true, widths: files.map(([w]) => w) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
