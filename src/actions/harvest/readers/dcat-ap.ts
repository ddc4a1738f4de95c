import { HarvestFailure } from '../source-fetch.ts';
import type { ReadPage, SourceReader } from './reader.ts';

export const dcatApReader: SourceReader = {
  async *read(): AsyncIterable<ReadPage> {
    throw new HarvestFailure('DCAT-AP catalogs cannot be read yet.');
  },
};
