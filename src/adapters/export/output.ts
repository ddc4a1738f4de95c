import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** The destination closed, or the signal aborted, before the file was written. */
export class DestinationClosed extends Error {
  constructor() {
    super('The export stopped: its destination closed or it was cancelled.');
    this.name = 'DestinationClosed';
  }
}

/** Resolves once `out` may take more data; rejects when it closes, fails or the signal aborts first. */
export function drained(out: Pick<Writable, 'once' | 'off'>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      out.off('drain', onDrain);
      out.off('close', onGone);
      out.off('error', onError);
      signal.removeEventListener('abort', onGone);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onGone = (): void => {
      cleanup();
      reject(new DestinationClosed());
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(e);
    };
    out.once('drain', onDrain);
    out.once('close', onGone);
    out.once('error', onError);
    signal.addEventListener('abort', onGone, { once: true });
  });
}

/** Writes one chunk, waiting for `drain` when the destination is full (back-pressure). */
export async function writeChunk(out: Writable, chunk: string | Uint8Array, signal: AbortSignal): Promise<void> {
  if (signal.aborted || out.destroyed) throw new DestinationClosed();
  if (!out.write(chunk)) await drained(out, signal);
}

/** Resolves once `out` has written everything (its `finish`); `end` it first, or let a pipe end it. */
export async function whenFinished(out: Writable, signal: AbortSignal): Promise<void> {
  try {
    await finished(out, { readable: false, signal });
  } catch {
    throw new DestinationClosed();
  }
}

/** Ends `out` and waits until it has written everything. */
export async function endAndWait(out: Writable, signal: AbortSignal): Promise<void> {
  out.end();
  await whenFinished(out, signal);
}

/**
 * Collects small pieces of text and writes them to `out` in chunks of about
 * 64 KiB, so many tiny writes do not each cost a stream call, while at most
 * one chunk is held in memory.
 */
export class TextOutput {
  private parts: string[] = [];
  private size = 0;

  constructor(
    readonly out: Writable,
    readonly signal: AbortSignal,
    private readonly chunkSize = 64 * 1024,
  ) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.chunkSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await writeChunk(this.out, chunk, this.signal);
  }

  /** Writes what is left, ends the destination and waits until it has written everything. */
  async end(): Promise<void> {
    await this.flush();
    await endAndWait(this.out, this.signal);
  }
}
