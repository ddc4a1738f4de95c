import type { HarvestKind } from '../../../domain/harvest/types.ts';
import { ckanReader } from './ckan.ts';
import { dcatApReader } from './dcat-ap.ts';
import { dcatUsReader } from './dcat-us.ts';
import { plazaReader } from './plaza.ts';
import type { SourceReader } from './reader.ts';
import { socrataReader } from './socrata.ts';

/** The reader of each kind of source. */
export const READERS: Readonly<Record<HarvestKind, SourceReader>> = {
  ckan: ckanReader,
  'dcat-us': dcatUsReader,
  'dcat-ap': dcatApReader,
  socrata: socrataReader,
  plaza: plazaReader,
};
