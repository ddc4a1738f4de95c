/**
 * Something a web node needs in order to serve: the catalog database, the
 * blob store, DuckDB, Redis when configured. `/readyz` asks each.
 */
export interface Probe {
  /** A short name shown in the readiness answer, like `catalog` or `redis`. */
  name: string;
  /** Resolves when the engine answers; rejects (with the reason) when it does not. */
  check(): Promise<void>;
}
