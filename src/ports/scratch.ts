import type { Writable } from 'node:stream';

/** A folder of scratch files that belongs to one piece of running work until it is released. */
export interface ScratchDir {
  path: string;
  /** A stream that writes the file `name` in this folder (created, or replaced), buffered in large chunks. */
  writeStream(name: string): Writable;
  /** Removes the folder and everything in it; safe to call twice. */
  release(): Promise<void>;
}

/** What a sweep removed. */
export interface SweepReport {
  /** Folders removed, relative to the scratch root. */
  removed: string[];
  bytes: number;
}

/** Watches the disk while work runs; `signal` aborts (with a clear error) when free space comes down to the reserve. */
export interface DiskWatch {
  signal: AbortSignal;
  stop(): void;
}

/**
 * Local disk for the files work makes on its way (decompressed uploads,
 * staged tables, Parquet before it is stored, exports). Every folder belongs
 * to a running process; what a killed process left is swept away, and work
 * that would fill the disk is refused before it starts.
 */
export interface ScratchSpace {
  /**
   * A fresh folder for one job. `needBytes` is what the work expects to
   * write: refused (`insufficient_storage`) when the disk cannot hold it
   * above the space kept free.
   */
  acquire(prefix: string, opts?: { needBytes?: number }): Promise<ScratchDir>;
  /** Refuses (`insufficient_storage`) when the disk is already down to the space kept free. */
  checkRoom(): Promise<void>;
  /** Checks the disk every `everyMs` while work runs. */
  watch(everyMs?: number): DiskWatch;
  /** Removes what no running work owns: the folders of processes that are gone, and this process's released leftovers. */
  sweep(): Promise<SweepReport>;
  /** The table engine's spill folder, owned by this process. */
  readonly engineDir: string;
  /** Stops the heartbeat and removes this process's folder. */
  close(): Promise<void>;
}
