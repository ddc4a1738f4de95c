import type { HarvestError, HarvestSource, HarvestedRecord } from '../../../domain/harvest/types.ts';
import type { SourceFetch } from '../source-fetch.ts';

/** One page of a source's catalog, as its reader turns it into Plaza's terms. */
export interface ReadPage {
  records: HarvestedRecord[];
  /**
   * Remote ids the source still lists but did not send in full because they
   * have not changed since `since`: they are kept, not archived.
   */
  listed?: string[];
  /** Records of the page that could not be read, with the reason. */
  errors?: HarvestError[];
}

export interface ReadContext {
  source: HarvestSource;
  /**
   * When the last complete run started: a reader whose source filters by
   * modification date may ask only for what changed since, as long as it
   * lists the ids of the rest (`listed`). Null: read everything.
   */
  since: string | null;
  fetch: SourceFetch;
}

/**
 * Reads one kind of catalog, page by page. Finishing the iteration means the
 * whole catalog was read: records neither sent nor listed are then archived.
 * A source that cannot be read throws `HarvestFailure`; a record that cannot
 * be read goes in its page's `errors`.
 */
export interface SourceReader {
  read(ctx: ReadContext): AsyncIterable<ReadPage>;
}
