import type { Job } from '../domain/catalog/types.ts';

const PHASES = ['queued', 'preparing', 'reading', 'typing', 'profiling', 'publishing', 'done'];

/** A one-line progress bar for `plaza load` when writing to a terminal. */
export class ProgressLine {
  private last = '';
  constructor(private readonly out: NodeJS.WriteStream) {}

  get enabled(): boolean {
    return Boolean(this.out.isTTY);
  }

  update(job: Job, label: string): void {
    if (!this.enabled) return;
    const step = Math.max(0, PHASES.indexOf(job.phase));
    const width = 24;
    const filled = Math.round((step / (PHASES.length - 1)) * width);
    const rows = job.rowsRead ? ` ${job.rowsRead.toLocaleString('en-US')} rows` : '';
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${job.phase}${rows}`;
    if (line === this.last) return;
    this.last = line;
    this.out.write(`\r\x1b[2K${line}`);
  }

  done(): void {
    if (this.enabled && this.last) this.out.write('\r\x1b[2K');
  }
}
