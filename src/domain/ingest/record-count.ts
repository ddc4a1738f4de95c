const NEWLINE = 0x0a;
const QUOTE = 0x22;
const CR = 0x0d;

/** How records are told apart in a stream of text bytes. */
export type RecordShape = 'delimited' | 'lines';

/**
 * Counts the records of delimited text (a newline outside double quotes ends
 * one; `""` inside quotes is a quote) or of NDJSON (one per line) as bytes
 * stream by, in constant memory. Blank lines are not records. Works on the
 * bytes of any ASCII-compatible encoding (UTF-8, Windows-1252).
 */
export class RecordCounter {
  private ended = 0;
  private inQuotes = false;
  /** Whether the record being read has anything in it yet. */
  private started = false;

  constructor(private readonly shape: RecordShape) {}

  /** Records seen so far, the one still being read included. */
  get records(): number {
    return this.ended + (this.started ? 1 : 0);
  }

  push(buf: Uint8Array): void {
    const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    let pos = 0;
    // The next quote at or after `pos`, found once and kept until passed: searching again at every newline would rescan the chunk.
    let q = -2;
    const nextQuote = (): number => {
      if (this.shape !== 'delimited') return -1;
      if (q === -2 || (q >= 0 && q < pos)) q = b.indexOf(QUOTE, pos);
      return q;
    };
    while (pos < b.length) {
      if (this.inQuotes) {
        const close = nextQuote();
        if (close < 0) return;
        this.inQuotes = false;
        pos = close + 1;
        continue;
      }
      const nl = b.indexOf(NEWLINE, pos);
      const open = nextQuote();
      if (open >= 0 && (nl < 0 || open < nl)) {
        this.inQuotes = true;
        this.started = true;
        pos = open + 1;
        continue;
      }
      const end = nl < 0 ? b.length : nl;
      // Anything but a carriage return before the newline starts a record.
      if (end - pos > 1 || (end - pos === 1 && b[pos] !== CR)) this.started = true;
      if (nl < 0) return;
      if (this.started) this.ended++;
      this.started = false;
      pos = nl + 1;
    }
  }
}
