import type { HarvestKind } from '../../../domain/harvest/types.ts';
import { dcatUsReader } from './dcat-us.ts';
import type { SourceReader } from './reader.ts';

/** The reader of each kind of source. */
export const READERS: Readonly<Partial<Record<HarvestKind, SourceReader>>> = {
  'dcat-us': dcatUsReader,
};
