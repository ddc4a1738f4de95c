import { createWriteStream, type WriteStream } from 'node:fs';

/** Quotes one field for RFC 4180 CSV. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A small buffered CSV writer that respects back-pressure. */
export class CsvFileWriter {
  private readonly out: WriteStream;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
  }

  async row(values: (string | null | undefined)[]): Promise<void> {
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
    if (!this.out.write(chunk)) await new Promise<void>((r) => this.out.once('drain', () => r()));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
  }
}
