/** How many bytes of records answers one process keeps: 64 MiB. */
export const RECORDS_CACHE_BYTES = 64 * 1024 * 1024;
/** An answer larger than this is not kept (it would push out many small ones). */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/**
 * The JSON answers of records queries, kept in memory per version and query:
 * the key names the version by its id, and versions never change, so an
 * answer kept is never stale and nothing needs clearing when a new version
 * goes live (its answers simply have other keys; the old ones age out).
 * Bounded by the bytes of the answers, least recently used first out.
 *
 * Who may read a dataset is checked before the cache is asked (the route
 * resolves the version for the principal first), and the answer to a query
 * on a version is the same for everyone who may read it, so one kept answer
 * serves every reader allowed to see it and no one else.
 */
export class RecordsCache {
  private readonly kept = new Map<string, string>();
  private bytes = 0;
  #hits = 0;
  #misses = 0;

  constructor(private readonly maxBytes = RECORDS_CACHE_BYTES) {}

  /** Answers served from memory. */
  get hits(): number {
    return this.#hits;
  }

  /** Answers that had to be made. */
  get misses(): number {
    return this.#misses;
  }

  /** Bytes kept now. */
  get size(): number {
    return this.bytes;
  }

  get(key: string): string | undefined {
    const body = this.kept.get(key);
    if (body === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.kept.delete(key);
    this.kept.set(key, body);
    return body;
  }

  set(key: string, body: string): void {
    const size = Buffer.byteLength(body);
    if (size > Math.min(MAX_ENTRY_BYTES, this.maxBytes)) return;
    const had = this.kept.get(key);
    if (had !== undefined) {
      this.bytes -= Buffer.byteLength(had);
      this.kept.delete(key);
    }
    this.kept.set(key, body);
    this.bytes += size;
    for (const [oldest, old] of this.kept) {
      if (this.bytes <= this.maxBytes) break;
      this.kept.delete(oldest);
      this.bytes -= Buffer.byteLength(old);
    }
  }
}
