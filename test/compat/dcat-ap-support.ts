import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { Parser, Store, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import SHACLValidator from 'rdf-validate-shacl';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { fixture, type TestPlaza } from '../support/plaza.ts';

export const BASE = 'http://city.example';

/** The catalog the DCAT-AP tests read: rich and bare datasets, plus a draft, a private one and a restricted one. */
export async function loadCatalog(t: TestPlaza): Promise<void> {
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { slug: 'bike-counts', title: 'Bike counts 2012' });
  await updateDataset(t.deps, t.admin, 'bike-counts', {
    description: 'Daily bicycle counts at Montréal’s counting stations in 2012 & <more>.',
    keywords: ['cycling', 'bicycles', 'counts'],
    themes: ['Transportation', 'Parks and recreation'],
    publisher: 'Montréal Transport Department',
    contact_point: { name: 'Open Data Team', email: 'opendata@city.example' },
    license: 'cc-by-4.0',
    frequency: 'daily',
    temporal: { start: '2012-01-01', end: '2012-12-31' },
    spatial: { place: 'Montréal', bbox: [-73.98, 45.41, -73.47, 45.7] },
    issued: '2013-02-01',
    language: ['fr', 'en'],
  });
  // Bare: only what publishing needs (a title, a description, a license, a file).
  await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { slug: 'covid-totals', title: 'COVID totals' });
  await t.load(fixture('geo/nyc_uhf42.geojson'), { slug: 'health-areas', title: 'Health areas' });
  await updateDataset(t.deps, t.admin, 'health-areas', { spatial: { place: 'New York City', bbox: null }, temporal: { start: '2010-01-01', end: null }, themes: ['Health'], frequency: 'never' });
  await t.load(fixture('tabular/nyc_hra_efap_food_pantries_2024-11.csv'), { slug: 'food-pantries', title: 'Food pantries' });
  await updateDataset(t.deps, t.admin, 'food-pantries', { access_level: 'restricted', license: 'odbl-1.0', keywords: ['food'] });
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { slug: 'bike-counts-copy', title: 'Bike counts (copy)' });
  // Never shown: a private dataset and a draft.
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { slug: 'secret-counts', title: 'Secret counts' });
  await updateDataset(t.deps, t.admin, 'secret-counts', { access_level: 'private' });
  await createDataset(t.deps, t.admin, { title: 'Draft plans', organization: 'Test Department', description: 'Not yet.', license: 'cc0-1.0', slug: 'draft-plans' });
}

export const PUBLISHED = ['bike-counts', 'covid-totals', 'health-areas', 'food-pantries', 'bike-counts-copy'];
export const HIDDEN = ['secret-counts', 'draft-plans'];

export const parseTurtle = (text: string): Quad[] => new Parser({ format: 'text/turtle' }).parse(text);

function collect(parser: NodeJS.ReadWriteStream, text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    parser.on('data', (q: Quad) => quads.push(q)).on('error', reject).on('end', () => resolve(quads));
    Readable.from([text]).pipe(parser as unknown as NodeJS.WritableStream);
  });
}

/** JSON-LD to quads with no network: any remote context would fail the parse. */
export const parseJsonLd = (text: string): Promise<Quad[]> =>
  collect(new JsonLdParser({ documentLoader: { load: (url: string) => Promise.reject(new Error(`No network: ${url}`)) } }) as unknown as NodeJS.ReadWriteStream, text);

export const parseRdfXml = (text: string): Promise<Quad[]> => collect(new RdfXmlParser() as unknown as NodeJS.ReadWriteStream, text);

/** A quad as N-Triples-like text, to compare graphs (Plaza's outputs name every node, so no blank nodes need matching). */
export const key = (q: Quad): string => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${q.object.termType === 'Literal' ? `${q.object.language}^${q.object.datatype.value}` : ''}`;
export const graphOf = (qs: Quad[]): string[] => [...new Set(qs.map(key))].sort();

const SHAPES = (name: string) => fixture(`standards/dcat-ap/${name}`);

/** Validates quads with rdf-validate-shacl against a shapes file; the report's results as readable lines. */
export async function validate(quads: Quad[], shapesFile: string): Promise<{ conforms: boolean; violations: string[] }> {
  // n3's Store is an RDF/JS DatasetCore, which is all the validator needs.
  const shapes = new Store(new Parser().parse(readFileSync(SHAPES(shapesFile), 'utf8')));
  const data = new Store(quads);
  const report = await new SHACLValidator(shapes).validate(data);
  const violations = report.results.map((r) => `${r.severity?.value.split('#')[1]} ${r.focusNode?.value} ${r.path?.value ?? ''}: ${r.message.map((m) => m.value).join('; ')}`);
  return { conforms: report.conforms, violations };
}
