import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../../../domain/errors.ts';
import { expandsPastLimit } from '../../../domain/ingest/limits.ts';
import { damaged } from './messages.ts';

/** What the parts read so far have expanded to, against the limit on expansion. */
export class Expansion {
  private used = 0;
  constructor(readonly limit: number) {}

  /** Refuses parts whose declared sizes add up past the limit, before any of them is inflated. */
  checkDeclared(sizes: number[]): void {
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total > this.limit) throw expandsPastLimit(this.limit, 'when unzipped', total);
  }

  add(bytes: number): void {
    this.used += bytes;
    if (this.used > this.limit) throw expandsPastLimit(this.limit, 'when unzipped');
  }
}

/** A failure of the work itself (an abort, a limit, a refusal) passes through; anything the zip or zlib says becomes `fallback`. */
function own(e: unknown, signal: AbortSignal | undefined, fallback: () => AppError): unknown {
  if (signal?.aborted) return signal.reason;
  return e instanceof AppError ? e : fallback();
}

const openZip = (path: string): Promise<ZipFile> =>
  new Promise((resolve, reject) => {
    // Entries are listed one at a time and the file stays open until closed. What an entry inflates to is
    // checked against its declared size in `read`, as `validateEntrySizes` would, so a refusal can name the part.
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false, decodeStrings: true }, (err, zip) => (err ? reject(err) : resolve(zip)));
  });

/** Every entry of the central directory, by lower-case name (part names are not case-sensitive). */
const listEntries = (zip: ZipFile): Promise<Map<string, Entry>> =>
  new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      const key = entry.fileName.toLowerCase();
      // Two entries of one name are read differently by different programs: never a workbook Excel wrote.
      if (entries.has(key)) return reject(damaged('it names one of its parts twice'));
      entries.set(key, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    // Kept for the zip's life: an error after the listing (closing the file) must not go unheard.
    zip.on('error', reject);
    zip.readEntry();
  });

const openEntry = (zip: ZipFile, entry: Entry): Promise<Readable> =>
  new Promise((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))));

/**
 * The parts of a zip file, read through its central directory: their declared
 * sizes are known before anything is inflated, and reading one counts what it
 * really inflates to, stopping at once past its declared size or the limit.
 */
export class ZipParts {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
  ) {}

  static async open(path: string): Promise<ZipParts> {
    let zip: ZipFile | undefined;
    try {
      zip = await openZip(path);
      return new ZipParts(zip, await listEntries(zip));
    } catch (e) {
      zip?.close();
      throw own(e, undefined, () => damaged('its zip index is missing or broken'));
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The uncompressed size the central directory gives for a part; 0 when there is no such part. */
  declaredSize(name: string): number {
    return this.entries.get(name.toLowerCase())?.uncompressedSize ?? 0;
  }

  /**
   * The inflated bytes of a part, chunk by chunk. `what` names the part in
   * messages ("its styles", "the sheet “Data”"). Stops when `signal` aborts.
   */
  async *read(name: string, what: string, expansion: Expansion, signal?: AbortSignal): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw damaged(`${what} is missing`);
    const broken = () => damaged(`${what} could not be unpacked`);
    let stream: Readable | undefined;
    try {
      stream = await openEntry(this.zip, entry);
      let actual = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (signal?.aborted) throw signal.reason;
        actual += chunk.length;
        // An entry may lie about its size: it never gets past what it declared.
        if (actual > entry.uncompressedSize) throw damaged(`${what} holds more than the size its zip index declares`);
        expansion.add(chunk.length);
        yield chunk;
      }
      if (actual < entry.uncompressedSize) throw damaged(`${what} ends before the size its zip index declares`);
    } catch (e) {
      throw own(e, signal, broken);
    } finally {
      stream?.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}
