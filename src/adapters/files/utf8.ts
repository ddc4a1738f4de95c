import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** Length of the incomplete UTF-8 sequence at the end of a buffer (0 to 3 bytes). */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** True when every byte of the file (after `skip` bytes) is valid UTF-8. Reads in constant memory. */
export async function fileIsUtf8(path: string, skip = 0): Promise<boolean> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { start: skip, highWaterMark: 1 << 20 })) {
    const buf: Buffer = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const tail = incompleteTail(buf);
    if (!isUtf8(buf.subarray(0, buf.length - tail))) return false;
    carry = Buffer.from(buf.subarray(buf.length - tail));
  }
  return carry.length === 0;
}
