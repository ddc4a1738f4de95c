import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, statfs, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '../../domain/errors.ts';
import { formatBytes } from '../../domain/ingest/limits.ts';
import type { DiskWatch, ScratchDir, ScratchSpace, SweepReport } from '../../ports/scratch.ts';
import { folderBytes, isProcessFolder, ownerIsGone, OWNER_FILE, type Owner } from './owners.ts';

export interface LocalScratchOptions {
  /** Bytes kept free on the disk; work that would eat into them is refused or stopped. */
  minFreeBytes: number;
  /** How often this process says it is alive (default 30 s). */
  heartbeatMs?: number;
  /** Told what start-up and later sweeps removed. */
  log?: (report: SweepReport) => void;
}

/** Free bytes on the disk holding `path`, for an unprivileged writer. */
export async function freeBytes(path: string): Promise<number> {
  const s = await statfs(path);
  return s.bavail * s.bsize;
}

/**
 * Scratch space in `<data>/tmp`: each process works in a folder of its own,
 * `proc-<pid>-<random>`, holding `owner.json` (touched as a heartbeat), one
 * folder per piece of running work, and the table engine's spill folder.
 * A folder whose process is gone is swept at start-up and after each job;
 * anything else directly in `tmp` was left by an older Plaza and is swept at
 * start-up.
 */
export class LocalScratchSpace implements ScratchSpace {
  private readonly active = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;

  private constructor(
    private readonly root: string,
    private readonly own: string,
    private readonly opts: LocalScratchOptions,
  ) {}

  get engineDir(): string {
    return join(this.root, this.own, 'engine');
  }

  /** Sweeps what gone processes left, then claims this process's folder. */
  static async open(dataDir: string, opts: LocalScratchOptions): Promise<LocalScratchSpace> {
    const root = resolve(dataDir, 'tmp');
    await mkdir(root, { recursive: true });
    const own = `proc-${process.pid}-${randomBytes(4).toString('hex')}`;
    const space = new LocalScratchSpace(root, own, opts);
    const report = await space.sweepFolders(true);
    if (report.removed.length > 0) opts.log?.(report);
    await mkdir(join(root, own), { recursive: true });
    const owner: Owner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    await writeFile(join(root, own, OWNER_FILE), JSON.stringify(owner));
    space.beat(opts.heartbeatMs ?? 30_000);
    return space;
  }

  private beat(everyMs: number): void {
    const file = join(this.root, this.own, OWNER_FILE);
    this.heartbeat = setInterval(() => {
      const now = new Date();
      utimes(file, now, now).catch(() => undefined);
    }, everyMs);
    this.heartbeat.unref();
  }

  private async available(): Promise<number> {
    return (await freeBytes(this.root)) - this.opts.minFreeBytes;
  }

  /** What running work said it would still write: its need less what it has written. */
  private async outstanding(): Promise<number> {
    let sum = 0;
    for (const [path, need] of this.active) if (need > 0) sum += Math.max(0, need - (await folderBytes(path)));
    return sum;
  }

  async acquire(prefix: string, opts: { needBytes?: number } = {}): Promise<ScratchDir> {
    const need = opts.needBytes ?? 0;
    if (need > 0) {
      const free = await freeBytes(this.root);
      const room = free - this.opts.minFreeBytes - (await this.outstanding());
      if (need > room) {
        throw new AppError(
          'insufficient_storage',
          `This needs about ${formatBytes(need)} of scratch space, but the disk holding Plaza's data has ${formatBytes(Math.max(0, room))} to spare: ${formatBytes(free)} free, of which ${formatBytes(this.opts.minFreeBytes)} is kept free (setting PLAZA_MIN_FREE_DISK_MB). Nothing was written. Free some disk space and try again.`,
          { need_bytes: need, free_bytes: free, reserve_bytes: this.opts.minFreeBytes },
        );
      }
    } else await this.checkRoom();
    // Owned before it exists, so a sweep running meanwhile cannot take it.
    const path = join(this.root, this.own, `${prefix.replace(/[^a-z0-9-]/gi, '')}-${randomBytes(6).toString('hex')}`);
    this.active.set(path, need);
    try {
      await mkdir(path, { recursive: true });
    } catch (e) {
      this.active.delete(path);
      throw e;
    }
    let released = false;
    return {
      path,
      writeStream: (name) => createWriteStream(join(path, name), { highWaterMark: 1 << 20 }),
      release: async () => {
        if (released) return;
        released = true;
        this.active.delete(path);
        // Retried: a stream closing as the folder goes may add a file to it; the next sweep takes what is left.
        await rm(path, { recursive: true, force: true, maxRetries: 3 });
      },
    };
  }

  private lowDisk(free: number): AppError {
    return new AppError(
      'insufficient_storage',
      `The disk holding Plaza's data is down to ${formatBytes(Math.max(0, free))} free, the ${formatBytes(this.opts.minFreeBytes)} kept free (setting PLAZA_MIN_FREE_DISK_MB), so the work was stopped and its files removed. Free some disk space and try again.`,
      { free_bytes: free, reserve_bytes: this.opts.minFreeBytes },
    );
  }

  async checkRoom(): Promise<void> {
    if ((await this.available()) < 0) throw this.lowDisk(await freeBytes(this.root));
  }

  watch(everyMs = 1000): DiskWatch {
    const ctl = new AbortController();
    const timer = setInterval(() => {
      freeBytes(this.root)
        .then((free) => {
          if (free < this.opts.minFreeBytes && !ctl.signal.aborted) ctl.abort(this.lowDisk(free));
        })
        .catch(() => undefined);
    }, everyMs);
    timer.unref();
    return { signal: ctl.signal, stop: () => clearInterval(timer) };
  }

  async sweep(): Promise<SweepReport> {
    const report = await this.sweepFolders(false);
    if (report.removed.length > 0) this.opts.log?.(report);
    return report;
  }

  /**
   * Removes the folders of processes that are gone and, in this process's
   * folder, what no running work owns. At start-up, also whatever an older
   * Plaza left directly in the scratch root.
   */
  private async sweepFolders(startUp: boolean): Promise<SweepReport> {
    const removed: string[] = [];
    let bytes = 0;
    const drop = async (rel: string) => {
      const path = join(this.root, rel);
      const size = await folderBytes(path);
      await rm(path, { recursive: true, force: true });
      removed.push(rel);
      bytes += size;
    };
    for (const entry of await readdir(this.root, { withFileTypes: true })) {
      if (entry.name === this.own) continue;
      if (isProcessFolder(entry.name)) {
        if (await ownerIsGone(join(this.root, entry.name), entry.name)) await drop(entry.name);
      } else if (startUp) await drop(entry.name);
    }
    const mine = join(this.root, this.own);
    const inMine = await readdir(mine, { withFileTypes: true }).catch(() => []);
    for (const entry of inMine) {
      if (entry.name === OWNER_FILE || entry.name === 'engine') continue;
      if (!this.active.has(join(mine, entry.name))) await drop(join(this.own, entry.name));
    }
    return { removed, bytes };
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await rm(join(this.root, this.own), { recursive: true, force: true });
  }
}
