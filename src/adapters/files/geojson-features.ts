import { createReadStream } from 'node:fs';
import { AppError } from '../../domain/errors.ts';

/** One member of a FeatureCollection's "features" array, as its source text. */
export interface FeatureText {
  /** 1-based position in the array. */
  number: number;
  /** 1-based line of the file where the feature starts. */
  line: number;
  text: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const isSpace = (b: number): boolean => b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09;

/** Deeper nesting than this is refused: no real geometry comes near it. */
const MAX_DEPTH = 10_000;
/** A top-level key longer than this cannot be "features", even written with escapes. */
const MAX_KEY_BYTES = 64;

const broken = (what: string, line: number): AppError =>
  new AppError('bad_file', `The GeoJSON file is not valid JSON: ${what} (line ${line.toLocaleString('en-US')}). Fix the file and upload it again.`, { line });

/** A member of "features" that is not an object: the file is refused, as one whose features cannot be told apart. */
export const notAFeature = (n: number): AppError =>
  new AppError('bad_file', `Feature ${n.toLocaleString('en-US')} of the GeoJSON file is not a Feature object. Each member of "features" must be {"type": "Feature", "geometry": ..., "properties": ...}; fix it and upload the file again.`, { row: n });

/** A top-level key from its bytes between the quotes. */
function keyText(bytes: number[], line: number): string {
  try {
    return JSON.parse(`"${Buffer.from(bytes).toString('utf8')}"`) as string;
  } catch {
    throw broken('a key of the main object is not a valid string', line);
  }
}

/**
 * The state of reading a FeatureCollection, fed one chunk at a time. The
 * structure is checked as it is read (brackets, strings, the top-level
 * object, one "features" array); each feature's own JSON is left to the
 * caller's parser.
 */
class FeatureScanner {
  private readonly stack: number[] = [];
  private line = 1;
  private inString = false;
  private escaped = false;
  private started = false;
  private ended = false;
  // Top-level keys: whether the next string at depth 1 is a key, its bytes while read, and the last key read.
  private expectKey = false;
  private key: number[] | null = null;
  private lastKey: string | null = null;
  private afterColon = false;
  // The "features" array: 'before' it is found, 'in' it, 'done' once it closes.
  private features: 'before' | 'in' | 'done' = 'before';
  private expectElement = true;
  private count = 0;
  // The feature being read: its pieces so far (it may span chunks).
  private piece: Buffer[] | null = null;
  private featureLine = 0;

  /** Reads one chunk; returns the features it completed. */
  feed(chunk: Buffer): FeatureText[] {
    const done: FeatureText[] = [];
    const n = chunk.length;
    let pieceStart = 0;
    let line = this.line;
    for (let i = 0; i < n; i++) {
      let b = chunk[i] as number;
      if (this.inString) {
        if (this.key === null && !this.escaped) {
          // The common case, a string's plain bytes: skip them in a tight loop.
          while (b !== QUOTE && b !== BACKSLASH && b !== NEWLINE && i + 1 < n) b = chunk[++i] as number;
        }
        if (b === NEWLINE) line++;
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) {
          this.inString = false;
          if (this.key) this.lastKey = keyText(this.key, line);
          this.key = null;
          continue;
        }
        if (this.key) {
          if (this.key.length < MAX_KEY_BYTES) this.key.push(b);
          else this.key = null;
        }
        continue;
      }
      if (isSpace(b)) {
        if (b === NEWLINE) line++;
        continue;
      }
      const depth = this.stack.length;
      if (depth > 2 && b !== QUOTE && b !== OPEN_OBJECT && b !== OPEN_ARRAY && b !== CLOSE_OBJECT && b !== CLOSE_ARRAY) continue;
      if (!this.started) {
        if (b === 0xef && i === 0 && chunk[1] === 0xbb && chunk[2] === 0xbf) {
          i += 2;
          continue;
        }
        if (b !== OPEN_OBJECT) throw new AppError('bad_file', 'The GeoJSON file is not an object; Plaza loads a FeatureCollection: {"type": "FeatureCollection", "features": [...]}.');
        this.started = true;
      } else if (this.ended) throw broken('there is more text after the end of the main object', line);

      // Members of the features array.
      if (this.features === 'in' && depth === 2) {
        if (b === OPEN_OBJECT) {
          if (!this.expectElement) throw broken(`a comma is missing before feature ${this.count + 1}`, line);
          this.piece = [];
          pieceStart = i;
          this.featureLine = line;
        } else if (b === COMMA) {
          if (this.expectElement) throw broken(`feature ${this.count + 1} is missing`, line);
          this.expectElement = true;
          continue;
        } else if (b === CLOSE_ARRAY) {
          if (this.expectElement && this.count > 0) throw broken('the "features" array ends with a comma', line);
          this.features = 'done';
        } else {
          throw notAFeature(this.count + 1);
        }
      }
      // The value after a top-level key.
      if (this.afterColon && depth === 1) {
        this.afterColon = false;
        if (this.lastKey === 'features') {
          if (this.features !== 'before') throw broken('the file has two "features" arrays', line);
          if (b !== OPEN_ARRAY) throw new AppError('bad_file', 'The GeoJSON file\'s "features" is not an array; Plaza loads a FeatureCollection.');
          this.features = 'in';
          this.expectElement = true;
        }
      }

      if (b === QUOTE) {
        this.inString = true;
        if (depth === 1 && this.expectKey) {
          this.expectKey = false;
          this.key = [];
          this.lastKey = null;
        }
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        if (depth >= MAX_DEPTH) throw broken('it is nested too deeply', line);
        this.stack.push(b);
        if (depth === 0) this.expectKey = true;
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        const open = this.stack.pop();
        if (open !== (b === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) throw broken(`a "${String.fromCharCode(b)}" closes a "${String.fromCharCode(open ?? b)}"`, line);
        if (depth === 1) this.ended = true;
        if (this.piece && depth === 3 && this.features === 'in') {
          this.piece.push(chunk.subarray(pieceStart, i + 1));
          this.count++;
          done.push({ number: this.count, line: this.featureLine, text: Buffer.concat(this.piece).toString('utf8') });
          this.piece = null;
          this.expectElement = false;
        }
      } else if (depth === 1) {
        if (b === COLON) this.afterColon = true;
        else if (b === COMMA) this.expectKey = true;
      }
    }
    if (this.piece) this.piece.push(chunk.subarray(pieceStart));
    this.line = line;
    return done;
  }

  /** Checks, once the file has ended, that it held a complete FeatureCollection. */
  end(): void {
    if (!this.started) throw new AppError('bad_file', 'The GeoJSON file is empty.');
    if (!this.ended) throw broken('the file ends before its main object is closed; it may have been cut short', this.line);
    if (this.features === 'before') throw new AppError('bad_file', 'The GeoJSON file has no "features" array; Plaza loads a FeatureCollection.');
  }
}

/**
 * Reads a GeoJSON FeatureCollection as a stream and yields each feature's
 * source text, so memory holds one chunk and one feature at a time whatever
 * the file's size. Stops with the signal's reason when it aborts.
 */
export async function* featureTexts(path: string, signal?: AbortSignal): AsyncGenerator<FeatureText> {
  const scanner = new FeatureScanner();
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      yield* scanner.feed(chunk);
    }
  } finally {
    stream.destroy();
  }
  scanner.end();
}
