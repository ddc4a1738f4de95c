/**
 * A generated DCAT-US 1.1 `data.json` for the harvest benchmark: any number
 * of datasets, the same for the same seed, valid against the POD
 * non-federal schema. Titles, departments, keywords, themes, licences and
 * frequencies come from the catalog benchmark's generator (the same
 * vocabulary of real records); this adds what a city's `data.json` carries
 * beyond them: descriptions of a few hundred characters, 5–10 keywords, a
 * publisher and a contact point on every dataset, temporal and spatial
 * coverage, and 2–4 distributions each.
 */
import { FREQUENCIES, LICENSES } from '../../src/domain/catalog/vocab.ts';
import { generateCatalog, Picker, random, vocabulary } from '../catalog/generate.ts';

export const HARVEST_SEED = 20_261_207;
const HOST = 'https://data.generated-city.example';

export interface PodDistribution {
  '@type': 'dcat:Distribution';
  title: string;
  format: string;
  downloadURL?: string;
  accessURL?: string;
  mediaType?: string;
}

export interface PodDataset {
  '@type': 'dcat:Dataset';
  identifier: string;
  title: string;
  description: string;
  keyword: string[];
  theme: string[];
  modified: string;
  issued: string;
  publisher: { '@type': 'org:Organization'; name: string };
  contactPoint: { '@type': 'vcard:Contact'; fn: string; hasEmail: string };
  accessLevel: 'public';
  license: string;
  accrualPeriodicity?: string;
  temporal: string;
  spatial: string;
  language: string[];
  landingPage: string;
  distribution: PodDistribution[];
}

export interface PodCatalog {
  '@context': string;
  '@id': string;
  '@type': 'dcat:Catalog';
  conformsTo: 'https://project-open-data.cio.gov/v1.1/schema';
  describedBy: string;
  dataset: PodDataset[];
}

/** Media types of the formats the catalog generator draws (`api` has none: it is an access URL). */
const MEDIA: Record<string, string> = {
  csv: 'text/csv', json: 'application/json', xml: 'application/xml', rdf: 'application/rdf+xml', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel', geojson: 'application/geo+json', shp: 'application/zip', kml: 'application/vnd.google-earth.kml+xml', zip: 'application/zip', pdf: 'application/pdf', tiff: 'image/tiff',
};
const FORMATS = vocabulary.formats;

/** A four-by-four id as Socrata-style portals give them, from a number. */
const fourByFour = (i: number, p: Picker): string => {
  const a = 'abcdefghijkmnpqrstuvwxyz23456789';
  let s = '';
  for (let k = 0; k < 8; k++) s += a[(i * 7 + k * 13 + p.int(0, a.length - 1)) % a.length]!;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
};

/** Builds a `data.json` of `n` datasets, deterministically from `seed`. */
export function generateDataJson(n: number, seed = HARVEST_SEED): PodCatalog {
  const base = generateCatalog(n, seed);
  const orgName = new Map(vocabulary.departments.map(([slug, name]) => [`org-${slug}`, name]));
  const p = new Picker(random(seed ^ 0x5bd1e995));
  const used = new Set<string>();
  const dataset = base.datasets.map((g, i): PodDataset => {
    const d = g.dataset;
    let id = fourByFour(i, p);
    while (used.has(id)) id = fourByFour(i + p.int(1, 1_000_000), p);
    used.add(id);
    const org = orgName.get(d.organizationId) ?? 'City Hall';
    const topic = vocabulary.topics.find((t) => t.keywords.some((k) => d.keywords.includes(k))) ?? p.one(vocabulary.topics);
    // A few hundred characters: the generator's sentence, then notes on the data until there are enough.
    const sentences = [d.description];
    const length = p.int(220, 520);
    for (const extra of p.some(vocabulary.descriptionExtras, vocabulary.descriptionExtras.length)) {
      if (sentences.join(' ').length >= length) break;
      if (!d.description.includes(extra.slice(0, 30))) sentences.push(extra.replaceAll('{year}', String(p.int(1995, 2020))).replaceAll('{org}', org).replaceAll('{unit}', topic.unit).replaceAll('{subject}', d.title.toLowerCase()).replaceAll('{Subject}', d.title).replaceAll('{frequency}', d.frequency ?? 'irregularly'));
    }
    sentences.push(`Published by the ${org}.`);
    const keywords = [...new Set([...d.keywords, ...p.some(topic.keywords, 10), ...p.some(vocabulary.places, 2).map((x) => x.toLowerCase())])].slice(0, p.int(5, 10));
    const formats = new Set(g.formats.slice(0, 4));
    for (const want = p.int(2, 4); formats.size < want; ) formats.add(p.weighted(FORMATS));
    const license = LICENSES.find((l) => l.id === d.license) ?? LICENSES[0]!;
    const iso = FREQUENCIES.find((f) => f.id === d.frequency)?.iso;
    const start = p.int(1995, 2022);
    const w = -124 + p.next() * 50;
    const s = 26 + p.next() * 20;
    return {
      '@type': 'dcat:Dataset',
      identifier: `${HOST}/api/views/${id}`,
      title: d.title,
      description: sentences.join(' '),
      keyword: keywords,
      theme: d.themes.length ? d.themes : ['City services'],
      modified: d.updatedAt,
      issued: d.issued ?? d.createdAt.slice(0, 10),
      publisher: { '@type': 'org:Organization', name: d.publisher ?? org },
      contactPoint: { '@type': 'vcard:Contact', fn: d.contactPoint?.name ?? `${org} Open Data`, hasEmail: `mailto:${d.contactPoint?.email ?? 'opendata@generated-city.example'}` },
      accessLevel: 'public',
      license: license.url,
      ...(iso ? { accrualPeriodicity: iso } : d.frequency === 'irregular' ? { accrualPeriodicity: 'irregular' } : {}),
      temporal: `${start}-01-01/${p.int(start, 2025)}-12-31`,
      spatial: p.chance(0.5) ? `${w.toFixed(4)},${s.toFixed(4)},${(w + 0.1 + p.next()).toFixed(4)},${(s + 0.1 + p.next()).toFixed(4)}` : p.one(vocabulary.places),
      language: p.chance(0.15) ? ['en-US', 'es'] : ['en-US'],
      landingPage: `${HOST}/d/${id}`,
      distribution: [...formats].map((f): PodDistribution =>
        f === 'api'
          ? { '@type': 'dcat:Distribution', title: `${d.title} API`, format: 'API', accessURL: `${HOST}/resource/${id}.json` }
          : { '@type': 'dcat:Distribution', title: `${d.title} (${f.toUpperCase()})`, format: f.toUpperCase(), downloadURL: `${HOST}/api/views/${id}/rows.${f}?accessType=DOWNLOAD`, mediaType: MEDIA[f] ?? 'application/octet-stream' },
      ),
    };
  });
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@id': `${HOST}/data.json`,
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    dataset,
  };
}

/**
 * Changes `fraction` of the datasets, spread over the catalog (title,
 * description, one keyword and the modification date, as a publisher's edit
 * does); returns the identifiers changed.
 */
export function changeSome(catalog: PodCatalog, fraction: number, at: string, seed = HARVEST_SEED + 1): string[] {
  const p = new Picker(random(seed));
  const n = Math.max(1, Math.round(catalog.dataset.length * fraction));
  const picked = p.some(catalog.dataset.map((_, i) => i), n);
  return picked.map((i) => {
    const d = catalog.dataset[i]!;
    catalog.dataset[i] = { ...d, title: `${d.title} (revised)`, description: `${d.description} Revised on ${at.slice(0, 10)}.`, keyword: [...d.keyword.slice(1), 'revised'], modified: at };
    return d.identifier;
  });
}
