import { Transform, type TransformCallback } from 'node:stream';
import { expandsPastLimit, tooManyRows, type IngestLimits } from '../../domain/ingest/limits.ts';
import { RecordCounter, type RecordShape } from '../../domain/ingest/record-count.ts';

/** Bytes looked at before the meter decides how to count records. */
export const HEAD_BYTES = 65536;

export interface MeterOptions {
  limits: IngestLimits;
  /** What expanding means here, for the message: "when decompressed", "when converted to UTF-8". */
  how: string;
  /**
   * Looks at the first bytes once (at most `HEAD_BYTES`); throws to refuse
   * the file at once, returns how to count its records, or null not to.
   */
  inspect: (head: Buffer) => RecordShape | null;
  signal?: AbortSignal | undefined;
}

/**
 * Passes bytes through while counting them, and the records they hold, and
 * stops the stream the moment either passes its limit (or the signal
 * aborts), before the bytes are written anywhere.
 */
export class ExpansionMeter extends Transform {
  private bytes = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private counter: RecordCounter | null | undefined;
  private dataRows: (records: number) => number = (n) => n;

  constructor(private readonly opts: MeterOptions) {
    super();
  }

  /** Bytes that went through. */
  get size(): number {
    return this.bytes;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.check(chunk);
      if (this.counter === undefined) {
        this.head.push(chunk);
        this.headBytes += chunk.length;
        if (this.headBytes >= HEAD_BYTES) this.decide();
        return done();
      }
      this.count(chunk);
      done(null, chunk);
    } catch (e) {
      done(e as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.counter === undefined) this.decide();
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  private check(chunk: Buffer): void {
    if (this.opts.signal?.aborted) throw this.opts.signal.reason as Error;
    this.bytes += chunk.length;
    const limit = this.opts.limits.maxExpandedBytes;
    if (this.bytes > limit) throw expandsPastLimit(limit, this.opts.how);
  }

  /** Inspects the head, then lets it through. */
  private decide(): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    const shape = this.opts.inspect(head.subarray(0, HEAD_BYTES));
    this.counter = shape ? new RecordCounter(shape) : null;
    // The first record of delimited text is its header.
    if (shape === 'delimited') this.dataRows = (n) => Math.max(0, n - 1);
    this.count(head);
    if (head.length > 0) this.push(head);
  }

  private count(chunk: Buffer): void {
    if (!this.counter) return;
    this.counter.push(chunk);
    const max = this.opts.limits.maxRows;
    if (this.dataRows(this.counter.records) > max) throw tooManyRows(max);
  }
}
