import { createReadStream } from 'node:fs';
import { access, constants, copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../ports/blob-store.ts';

/** Files in a local folder: `<root>/blobs/<key>`. */
export class LocalBlobStore implements BlobStore {
  private readonly blobs: string;

  constructor(root: string) {
    this.blobs = resolve(root, 'blobs');
  }

  private path(key: string): string {
    const p = resolve(this.blobs, key);
    if (!p.startsWith(this.blobs + sep)) throw new Error(`Blob key "${key}" escapes the store`);
    return p;
  }

  async putFile(key: string, localPath: string, opts: { move?: boolean } = {}): Promise<void> {
    const dest = this.path(key);
    await mkdir(dirname(dest), { recursive: true });
    const part = `${dest}.part`;
    if (opts.move) {
      try {
        await rename(localPath, dest);
        return;
      } catch {
        // Another filesystem: fall back to a copy.
      }
    }
    await copyFile(localPath, part);
    await rename(part, dest);
    if (opts.move) await rm(localPath, { force: true });
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch {
      return false;
    }
  }

  async localPath(key: string): Promise<string> {
    return this.path(key);
  }

  async read(key: string): Promise<Readable> {
    return createReadStream(this.path(key));
  }

  async size(key: string): Promise<number> {
    return (await stat(this.path(key))).size;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async *list(prefix = ''): AsyncIterable<{ key: string; size: number }> {
    let entries;
    try {
      entries = await readdir(this.blobs, { recursive: true, withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.endsWith('.part')) continue;
      const key = relative(this.blobs, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (key.startsWith(prefix)) yield { key, size: (await stat(join(entry.parentPath, entry.name))).size };
    }
  }

  async close(): Promise<void> {
    // Nothing held open: files are opened per call.
  }

  async check(): Promise<void> {
    await mkdir(this.blobs, { recursive: true });
    await access(this.blobs, constants.R_OK | constants.W_OK);
  }
}
