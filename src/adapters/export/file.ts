import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { endAndWait, writeChunk } from './output.ts';

/** Copies a local file into `out` chunk by chunk with back-pressure, then ends `out` and waits until it has written everything. */
export async function streamFile(path: string, out: Writable, signal: AbortSignal): Promise<void> {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of file) await writeChunk(out, chunk as Buffer, signal);
  } finally {
    file.destroy();
  }
  await endAndWait(out, signal);
}
