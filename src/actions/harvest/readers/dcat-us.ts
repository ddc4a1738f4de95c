import { podDatasets, podRecord } from '../../../domain/harvest/dcat-us.ts';
import type { HarvestError, HarvestedRecord } from '../../../domain/harvest/types.ts';
import { HarvestFailure } from '../source-fetch.ts';
import type { ReadPage, SourceReader } from './reader.ts';

/** Records per page handed to the run (one transaction each). */
const PAGE = 500;

/**
 * A DCAT-US 1.1 `data.json`: one document holding the whole catalog, read
 * at once (within the run's byte budget) and handed on in pages. It has no
 * filter by date, so every run reads it whole; records whose content did not
 * change are left alone by the run.
 */
export const dcatUsReader: SourceReader = {
  async *read({ source, fetch }): AsyncIterable<ReadPage> {
    const datasets = podDatasets(await fetch.json(source.url));
    if (typeof datasets === 'string') throw new HarvestFailure(datasets);
    for (let i = 0; i < datasets.length; i += PAGE) {
      const records: HarvestedRecord[] = [];
      const errors: HarvestError[] = [];
      for (const d of datasets.slice(i, i + PAGE)) {
        const r = podRecord(d);
        if ('reason' in r) errors.push(r);
        else records.push(r);
      }
      yield { records, errors };
    }
  },
};
