/**
 * Parts of maps already made (the features read, the maps drawn), so that
 * the same map asked for again (the page reloaded, the language switched, a
 * visitor after another) is not read and clustered again: a version's rows
 * never change, so each is kept under the version's id with everything else
 * that shapes it (the view, the filter, the search, the colour column, the
 * geometry column, the chosen feature). The least recently used goes first
 * when more than `max` are kept; one still being made is shared by requests
 * that ask meanwhile, and one that failed is not kept.
 */
export class KeptMaps<T> {
  private readonly maps = new Map<string, Promise<T>>();

  constructor(private readonly max: number) {}

  /** The key of a map: the version's id and the state that shapes it, in a fixed order. */
  static key(versionId: string, state: Record<string, string | number | undefined>): string {
    return JSON.stringify([versionId, ...Object.keys(state).sort().map((k) => [k, state[k] ?? null])]);
  }

  get size(): number {
    return this.maps.size;
  }

  /** The map kept under the key, else the one `make` makes, kept once it is made. */
  get(key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.maps.get(key);
    if (kept) {
      // Most recently used last, so the oldest is the first to go.
      this.maps.delete(key);
      this.maps.set(key, kept);
      return kept;
    }
    const made = make();
    this.maps.set(key, made);
    made.catch(() => {
      if (this.maps.get(key) === made) this.maps.delete(key);
    });
    while (this.maps.size > this.max) this.maps.delete(this.maps.keys().next().value!);
    return made;
  }
}
