/** The kinds of catalog database a site runs on; a dump restores only onto its own kind (ADR 58). */
export type CatalogKind = 'sqlite' | 'postgres';

/** How many rows a catalog holds in the tables a person cares about, by name (`datasets`, `accounts`, `problems`…). */
export type CatalogCensus = Record<string, number>;

/**
 * The whole catalog database as one file: taken while the site runs, put
 * back into an empty site. SQLite: an online backup of the database file.
 * PostgreSQL: a `pg_dump` archive restored by `pg_restore`.
 */
export interface CatalogDump {
  readonly kind: CatalogKind;
  /** The dump's file name in a backup folder (`catalog.sqlite`, `catalog.pgdump`). */
  readonly fileName: string;
  /** Counts what the catalog holds (every table absent from it counts 0); an absent database holds nothing. */
  census(): Promise<CatalogCensus>;
  /**
   * Writes a consistent copy of the catalog, as it is at one instant, to
   * `toFile` while the site keeps serving, and counts what that copy holds.
   */
  dump(toFile: string): Promise<CatalogCensus>;
  /**
   * Makes the catalog the one in `fromFile`, all or nothing. The catalog
   * must hold nothing (the caller checks `census` first) and no process may
   * have it open; its schema is brought up to date when a site next opens it.
   */
  restore(fromFile: string): Promise<void>;
}
