import { createWriteStream, type WriteStream } from 'node:fs';

/** Quotes one field for RFC 4180 CSV. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A small buffered CSV writer that respects back-pressure. A write error (a
 * full disk) fails the next `row` or `close` instead of crashing the process
 * or waiting forever for the stream to drain.
 */
export class CsvFileWriter {
  private readonly out: WriteStream;
  private buffer: string[] = [];
  private size = 0;
  private failed: Error | undefined;

  constructor(path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.out.on('error', (e) => {
      this.failed ??= e;
    });
  }

  async row(values: (string | null | undefined)[]): Promise<void> {
    if (this.failed) throw this.failed;
    const line = values.map((v) => (v === null || v === undefined ? '' : csvField(v))).join(',') + '\n';
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (this.out.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (e?: Error): void => {
        this.out.off('drain', done);
        this.out.off('error', done);
        this.out.off('close', done);
        const err = e ?? this.failed;
        if (err) reject(err);
        else resolve();
      };
      this.out.once('drain', done);
      this.out.once('error', done);
      this.out.once('close', done);
    });
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.failed) throw this.failed;
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.once('close', () => (this.failed ? reject(this.failed) : resolve()));
      this.out.end();
    });
  }

  /** Stops writing and closes the file, whatever is left in the buffer. */
  destroy(): void {
    this.buffer = [];
    this.out.destroy();
  }
}
