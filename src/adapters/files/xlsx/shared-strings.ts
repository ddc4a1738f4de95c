import type { AppError } from '../../../domain/errors.ts';
import { damaged, MAX_CELL_CHARS, sharedTextTooLarge, textTooLong } from './messages.ts';
import type { Expansion, ZipParts } from './zip.ts';
import { parseXml, type XmlHandler } from './xml.ts';

/** Most bytes of shared text held for one workbook (its UTF-8, plus 8 bytes of bookkeeping per string). */
export const MAX_SHARED_TEXT = 256 * 1024 * 1024;

const BLOCK = 1 << 20;
/** Marks a string longer than a cell may hold: kept out, refused when a cell of the sheet read uses it. */
const TOO_LONG = 0xffffffff;
const PER_STRING = 8;

/**
 * The workbook's shared strings, held compactly for random access: their
 * UTF-8 bytes in blocks of 1 MiB (a string never spans two) and where each
 * starts and how long it is, so memory is about the text's size and the
 * collector sees a few large buffers instead of millions of strings.
 */
export class SharedStrings {
  private readonly blocks: Buffer[] = [];
  private starts = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  private fill = BLOCK;
  private held = 0;
  count = 0;

  constructor(private readonly maxBytes: number = MAX_SHARED_TEXT) {}

  private grow(): void {
    const starts = new Uint32Array(this.starts.length * 2);
    const lengths = new Uint32Array(this.lengths.length * 2);
    starts.set(this.starts);
    lengths.set(this.lengths);
    this.starts = starts;
    this.lengths = lengths;
  }

  /** Adds the next string; `text` null for one longer than a cell may hold. */
  add(text: string | null): void {
    if (this.count === this.starts.length) this.grow();
    const bytes = text === null ? 0 : Buffer.byteLength(text);
    this.held += bytes + PER_STRING;
    if (this.held > this.maxBytes) throw sharedTextTooLarge(this.maxBytes);
    if (text === null || bytes === 0) {
      this.starts[this.count] = 0;
      this.lengths[this.count++] = text === null ? TOO_LONG : 0;
      return;
    }
    if (this.fill + bytes > BLOCK) {
      this.blocks.push(Buffer.allocUnsafeSlow(BLOCK));
      this.fill = 0;
    }
    const block = this.blocks[this.blocks.length - 1] as Buffer;
    block.write(text, this.fill, 'utf8');
    this.starts[this.count] = (this.blocks.length - 1) * BLOCK + this.fill;
    this.lengths[this.count++] = bytes;
    this.fill += bytes;
  }

  /** The string at `index`: its text, its size in UTF-8, or `tooLong`; undefined when there is none. */
  get(index: number): { text: string; bytes: number } | 'tooLong' | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const length = this.lengths[index] as number;
    if (length === TOO_LONG) return 'tooLong';
    if (length === 0) return { text: '', bytes: 0 };
    const start = this.starts[index] as number;
    const block = this.blocks[Math.floor(start / BLOCK)] as Buffer;
    const at = start % BLOCK;
    return { text: block.toString('utf8', at, at + length), bytes: length };
  }
}

/** Reads `<si>` items: the text of their `<t>` runs, leaving out phonetic guides (`<rPh>`). */
class SharedStringsHandler implements XmlHandler {
  private inItem = false;
  private inText = false;
  private phonetic = 0;
  private parts: string[] = [];
  private chars = 0;

  constructor(readonly strings: SharedStrings) {}

  open(name: string): void {
    if (name === 'si') {
      this.inItem = true;
      this.parts = [];
      this.chars = 0;
    } else if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.inItem && this.phonetic === 0) this.inText = true;
  }

  close(name: string): void {
    if (name === 'si') {
      this.inItem = false;
      this.strings.add(this.chars > MAX_CELL_CHARS ? null : this.parts.join(''));
      this.parts = [];
    } else if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inText = false;
  }

  text(text: string): void {
    if (!this.inText) return;
    this.chars += text.length;
    if (this.chars <= MAX_CELL_CHARS) this.parts.push(text);
  }
}

/** Reads the shared strings part, when the workbook has one. `maxBytes` bounds what is held. */
export async function readSharedStrings(
  zip: ZipParts,
  part: string | undefined,
  expansion: Expansion,
  opts: { signal?: AbortSignal | undefined; maxBytes?: number } = {},
): Promise<SharedStrings> {
  const strings = new SharedStrings(opts.maxBytes);
  if (!part || !zip.has(part)) return strings;
  const malformed = (): AppError => damaged('its shared text is not well-formed');
  await parseXml(zip.read(part, 'its shared text', expansion, opts.signal), new SharedStringsHandler(strings), { signal: opts.signal, malformed, tooLong: textTooLong });
  return strings;
}
