/**
 * The real POD v1.1 non-federal schema (test/fixtures/standards), to check a
 * sample of the generated `data.json` before it is harvested: the figures
 * are only worth something if the catalog is one a real harvester accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { ROOT } from '../pages/portal.ts';
import type { PodCatalog } from './generate.ts';

// CommonJS packages with a `default` export: under NodeNext typing the default import is the module object.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/standards/dcat-us-pod-v1.1', name), 'utf8')) as Record<string, unknown>;

/** Null when the first `n` datasets, as a catalog, pass the schema; else what failed. */
export function checkSample(catalog: PodCatalog, n: number): string | null {
  // The schema's date patterns escape `:`, which only non-Unicode regular expressions accept.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addSchema(schema('dataset-non-federal.json'));
  const validate = ajv.compile(schema('catalog-non-federal.json'));
  if (validate({ ...catalog, dataset: catalog.dataset.slice(0, n) })) return null;
  return (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ');
}
