import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, statfs, utimes } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../domain/errors.ts';
import { normalizeKey } from './keys.ts';

export interface BlobCacheOptions {
  /** The cache's folder, such as `<dataDir>/blob-cache`. */
  dir: string;
  /** The most bytes the cached files may take together. */
  maxBytes: number;
  /**
   * A file handed out (or put in) within this many milliseconds is never
   * evicted, so that a path given to DuckDB or the ingest is not taken away
   * before it is opened or while it is read again (a query's count and page,
   * the ingest's look at the raw file and then its reading). Default: 2 minutes.
   */
  holdMs?: number;
  /** Bytes kept free on the disk (PLAZA_MIN_FREE_DISK_MB): a download that would eat into them evicts more copies first, or is refused. */
  minFreeBytes?: number;
  /** Free bytes on the cache's disk (default: asked of the file system). */
  freeBytes?: () => Promise<number>;
  now?: () => number;
  /** Told about what the cache removed on its own (evictions, leftovers of downloads that stopped). */
  log?: (fields: object, msg: string) => void;
}

interface Entry {
  size: number;
  /** When the file was last handed out or put in (also its modification time on disk). */
  usedAt: number;
}

/** Marks a download in progress: `<file>.part-<pid>-<random>`, renamed to `<file>` when complete. */
const PART = '.part-';
export const DEFAULT_HOLD_MS = 2 * 60_000;
/** A download's temporary file older than this was left by a process that stopped. */
export const STALE_PART_MS = 60 * 60_000;

/**
 * Writes a blob to `tmpPath`; calls `reserve` with its size, once known and
 * before writing, so that the cache can make room on the disk (or refuse).
 */
export type BlobFetch = (tmpPath: string, reserve: (bytes: number) => Promise<void>) => Promise<void>;

const mib = (n: number): string => `${Math.round(n / 1024 / 1024)} MiB`;

/**
 * A bounded folder of local copies of blobs, for the readers that need a
 * file on disk (DuckDB, the ingest's preparer). Least recently used files go
 * first when the total passes `maxBytes`, except files held (used within
 * `holdMs`): while every file is held the folder may pass the bound for a
 * while, and is brought back under it by the next download or put.
 *
 * A download goes to a temporary name and is renamed when complete, so a
 * reader never sees half a file and a failed download leaves nothing; two
 * requests for one key share one download. Each use sets the file's
 * modification time, so the order survives a restart (the index is read
 * back from the folder) and processes sharing the folder see each other's
 * uses before evicting. Blobs are immutable once written (raw files by
 * content hash, versions by id), so copies are never stale; a key put again
 * or deleted through this node replaces or drops its copy.
 */
export class BlobCache {
  private readonly root: string;
  private readonly holdMs: number;
  private readonly now: () => number;
  /** Keys in least-recently-used order (a Map keeps insertion order; a use moves its key to the end). */
  private readonly entries = new Map<string, Entry>();
  private readonly downloads = new Map<string, Promise<string>>();
  private used = 0;

  private constructor(private readonly opts: BlobCacheOptions) {
    this.root = resolve(opts.dir);
    this.holdMs = opts.holdMs ?? DEFAULT_HOLD_MS;
    this.now = opts.now ?? Date.now;
  }

  /** Opens the folder, rebuilding the index from the files in it (oldest use first) and clearing leftovers of stopped downloads. */
  static async open(opts: BlobCacheOptions): Promise<BlobCache> {
    const cache = new BlobCache(opts);
    await mkdir(cache.root, { recursive: true });
    const found: Array<{ key: string; size: number; usedAt: number }> = [];
    for (const entry of await readdir(cache.root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const s = await stat(path).catch(() => undefined);
      if (!s) continue;
      if (entry.name.includes(PART)) {
        // Another process sharing the folder may still be writing a recent one.
        if (s.mtimeMs < cache.now() - STALE_PART_MS) {
          await rm(path, { force: true });
          opts.log?.({ file: relative(cache.root, path) }, 'a download that stopped was removed from the blob cache');
        }
        continue;
      }
      found.push({ key: relative(cache.root, path).split(sep).join('/'), size: s.size, usedAt: s.mtimeMs });
    }
    for (const f of found.sort((a, b) => a.usedAt - b.usedAt)) cache.track(f.key, f.size, f.usedAt);
    return cache;
  }

  /** Bytes the cached files take, as this process counts them. */
  get usedBytes(): number {
    return this.used;
  }

  /** The cached keys, least recently used first. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** The file that holds (or will hold) `key`'s copy. */
  pathOf(key: string): string {
    const p = resolve(this.root, normalizeKey(key));
    if (!p.startsWith(this.root + sep)) throw new Error(`Blob key "${key}" escapes the store`);
    return p;
  }

  /**
   * The local path of `key`'s copy, downloading it first (through `fetch`,
   * which writes the blob to the temporary path it is given) when there is none.
   */
  async get(given: string, fetch: BlobFetch): Promise<string> {
    const key = normalizeKey(given);
    const path = this.pathOf(key);
    if (this.entries.has(key) && (await this.touch(key, path))) return path;
    const pending = this.downloads.get(key);
    if (pending) return pending;
    const download = this.download(key, path, fetch).finally(() => this.downloads.delete(key));
    this.downloads.set(key, download);
    return download;
  }

  /** Takes a finished local file in as `key`'s copy (moved when it can be, else left to the caller). Returns whether it was taken. */
  async adopt(given: string, localPath: string): Promise<boolean> {
    const key = normalizeKey(given);
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    try {
      await rename(localPath, path);
    } catch {
      // On another filesystem: the next use downloads it instead.
      await this.remove(key);
      return false;
    }
    const size = (await stat(path)).size;
    const now = this.now();
    await utimes(path, now / 1000, now / 1000).catch(() => undefined);
    this.untrack(key);
    this.track(key, size, now);
    await this.evict();
    return true;
  }

  /** Drops `key`'s copy, if there is one. */
  async remove(given: string): Promise<void> {
    const key = normalizeKey(given);
    const path = this.pathOf(key);
    // A download under way would put the copy back after this.
    await this.downloads.get(key)?.catch(() => undefined);
    this.untrack(key);
    await rm(path, { force: true });
  }

  private async download(key: string, path: string, fetch: BlobFetch): Promise<string> {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}${PART}${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await fetch(tmp, (bytes) => this.makeRoom(key, bytes));
      const size = (await stat(tmp)).size;
      const now = this.now();
      await utimes(tmp, now / 1000, now / 1000);
      await rename(tmp, path);
      this.untrack(key);
      this.track(key, size, now);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    await this.evict();
    return path;
  }

  /** Marks a cached key used now; false when its file is gone (another process sharing the folder evicted it). */
  private async touch(key: string, path: string): Promise<boolean> {
    const now = this.now();
    try {
      await utimes(path, now / 1000, now / 1000);
    } catch {
      this.untrack(key);
      return false;
    }
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.entries.set(key, { ...entry, usedAt: now });
    return true;
  }

  private track(key: string, size: number, usedAt: number): void {
    this.entries.set(key, { size, usedAt });
    this.used += size;
  }

  private untrack(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.size;
  }

  /** Makes room on the disk for a copy of `bytes`, evicting more copies if need be; refuses when it cannot, before anything is written. */
  private async makeRoom(key: string, bytes: number): Promise<void> {
    const reserve = this.opts.minFreeBytes;
    if (reserve === undefined) return;
    const free = async () => (this.opts.freeBytes ? this.opts.freeBytes() : statfs(this.root).then((s) => s.bavail * s.bsize));
    let room = (await free()) - reserve;
    if (bytes <= room) return;
    await this.evict(Math.max(0, this.used - (bytes - room)));
    const left = await free();
    room = left - reserve;
    if (bytes <= room) return;
    throw new AppError(
      'insufficient_storage',
      `A local copy of "${key}" (${mib(bytes)}) does not fit on the disk holding Plaza's data: ${mib(Math.max(0, left))} free, of which ${mib(reserve)} is kept free (setting PLAZA_MIN_FREE_DISK_MB), and the copies in use cannot be removed yet. Nothing was written. Free some disk space or lower PLAZA_BLOB_CACHE_MB.`,
      { need_bytes: bytes, free_bytes: left, reserve_bytes: reserve },
    );
  }

  /** Removes the least recently used files that are not held until the total fits `target` (default: the bound). */
  private async evict(target = this.opts.maxBytes): Promise<void> {
    if (this.used <= target) return;
    const heldSince = this.now() - this.holdMs;
    for (const [key, entry] of [...this.entries]) {
      if (this.used <= target) return;
      if (entry.usedAt > heldSince || this.downloads.has(key)) continue;
      const path = this.pathOf(key);
      // Another process sharing the folder may have used it since.
      const s = await stat(path).catch(() => undefined);
      if (s && s.mtimeMs > heldSince) {
        this.untrack(key);
        this.track(key, s.size, s.mtimeMs);
        continue;
      }
      if (!this.entries.has(key)) continue;
      this.untrack(key);
      await rm(path, { force: true });
      this.opts.log?.({ key, bytes: entry.size }, 'a least recently used file left the blob cache');
    }
  }
}
