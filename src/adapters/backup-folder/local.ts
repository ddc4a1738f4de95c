import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupFolder, FileDigest } from '../../ports/backup-folder.ts';

/** A backup folder on a local (or mounted) file system. */
export class LocalBackupFolder implements BackupFolder {
  readonly where: string;

  constructor(dir: string) {
    this.where = resolve(dir);
  }

  private resolve(rel: string): string {
    const p = resolve(this.where, rel);
    if (!p.startsWith(this.where + sep)) throw new Error(`"${rel}" is outside the backup folder ${this.where}.`);
    return p;
  }

  async create(): Promise<void> {
    await mkdir(this.where, { recursive: true });
    const there = await readdir(this.where);
    if (there.length > 0) throw new Error(`The folder ${this.where} is not empty (it holds ${there.slice(0, 3).join(', ')}${there.length > 3 ? '…' : ''}). Back up into a new or empty folder.`);
  }

  async path(rel: string): Promise<string> {
    const p = this.resolve(rel);
    await mkdir(dirname(p), { recursive: true });
    return p;
  }

  async write(rel: string, from: Readable): Promise<FileDigest> {
    const p = await this.path(rel);
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(from, count, createWriteStream(`${p}.part`));
    await rename(`${p}.part`, p);
    return { size, sha256: hash.digest('hex') };
  }

  async digest(rel: string): Promise<FileDigest | null> {
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of createReadStream(this.resolve(rel), { highWaterMark: 1 << 20 })) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return null;
      throw e;
    }
    return { size, sha256: hash.digest('hex') };
  }

  async readText(rel: string): Promise<string | null> {
    try {
      return await readFile(this.resolve(rel), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async writeText(rel: string, text: string): Promise<void> {
    const p = await this.path(rel);
    await writeFile(`${p}.part`, text);
    await rename(`${p}.part`, p);
  }
}
