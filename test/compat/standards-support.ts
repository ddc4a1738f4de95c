import { readFileSync } from 'node:fs';
import AjvModule from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { fixture } from '../support/plaza.ts';

// The three packages are CommonJS with a `default` export: under NodeNext typing the default import is the module object.
const Ajv = AjvModule.default;
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

/** A JSON Schema file among the copied standards (test/fixtures/standards/). */
export const standardSchema = (rel: string): Record<string, unknown> => JSON.parse(readFileSync(fixture(`standards/${rel}`), 'utf8')) as Record<string, unknown>;

/**
 * The real POD v1.1 non-federal catalog schema (draft-04), with the dataset
 * schema it `$ref`s (which holds the distribution, organization and vCard
 * schemas). Their date patterns escape `:`, which only non-Unicode regular
 * expressions accept (as the Python validators harvesters use read them).
 */
export function podCatalogValidator() {
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  ajv.addSchema(standardSchema('dcat-us-pod-v1.1/dataset-non-federal.json'));
  return ajv.compile(standardSchema('dcat-us-pod-v1.1/catalog-non-federal.json'));
}

/** The real Frictionless v2 profiles (draft-07), each under its published URL, so any reference between them resolves locally, never fetched. */
export function frictionlessValidators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // An editor hint of the profiles' (a multi-line text box), not a constraint.
  ajv.addFormat('textarea', true);
  const url = (name: string) => `https://datapackage.org/profiles/2.0/${name}.json`;
  for (const name of ['datapackage', 'dataresource', 'tableschema', 'tabledialect']) ajv.addSchema(standardSchema(`frictionless/2.0/${name}.json`), url(name));
  return { datapackage: ajv.getSchema(url('datapackage'))!, tableschema: ajv.getSchema(url('tableschema'))!, tabledialect: ajv.getSchema(url('tabledialect'))! };
}
