import { createReadStream } from 'node:fs';
import { access, constants, copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
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

  async check(): Promise<void> {
    await mkdir(this.blobs, { recursive: true });
    await access(this.blobs, constants.R_OK | constants.W_OK);
  }
}
