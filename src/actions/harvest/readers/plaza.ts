import type { SourceReader } from './reader.ts';
import { ckanLikeReader } from './ckan.ts';

/**
 * Another Plaza site, read through the CKAN Action API every Plaza serves
 * (docs/ckan.md): the same paging and incremental reads as a CKAN site,
 * with Plaza's extras (temporal, spatial, frequency, language, publisher)
 * read back and each dataset known by its page there, the identifier the
 * site's `data.json` gives it, so that both meet as one dataset.
 */
export const plazaReader: SourceReader = ckanLikeReader('plaza');
