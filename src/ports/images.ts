/** Why an image was not taken. */
export type ImageRefusal = 'too_large' | 'not_an_image' | 'too_many_pixels';

export type SavedImage =
  | { ok: true; /** The widths written, narrowest first. */ widths: number[] }
  | { ok: false; reason: ImageRefusal };

/**
 * Pictures people upload (a showcase's image): checked to be a JPEG, PNG,
 * WebP or GIF within the size and pixel limits before anything is decoded,
 * turned upright, stripped of metadata (EXIF, GPS, ICC comments) and kept as
 * WebP at fixed widths in the blob store, under `<prefix>/<width>.webp`.
 */
export interface Images {
  /** The largest upload taken, in bytes. */
  readonly maxBytes: number;
  /** The widths an image is kept at. */
  readonly widths: readonly number[];
  /** Checks, resizes and keeps an uploaded image. Nothing is written when it is refused. */
  save(prefix: string, bytes: Buffer): Promise<SavedImage>;
  /** Keeps a drawing of Plaza's own (an SVG chart or map) the same way; not for uploads. */
  saveDrawing(prefix: string, svg: string): Promise<SavedImage>;
  /** The blob key of one width of an image. */
  key(prefix: string, width: number): string;
}
