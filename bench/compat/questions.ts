/**
 * The four questions asked both ways, with the exact requests the compatible
 * APIs answer (docs of each dialect) and their native twins.
 */
import type { GeneratedCatalog } from '../catalog/generate.ts';
import type { Pair, Reading } from './pairs.ts';

/** Areas of New York City with subway stops: [name, lat1, lon1, lat2, lon2]. */
export const BOXES: [string, number, number, number, number][] = [
  ['Midtown Manhattan', 40.745, -73.995, 40.765, -73.97],
  ['Lower Manhattan', 40.7, -74.02, 40.72, -73.995],
  ['Downtown Brooklyn', 40.685, -73.995, 40.7, -73.975],
  ['Jackson Heights (Queens)', 40.74, -73.9, 40.76, -73.87],
  ['Harlem', 40.8, -73.96, 40.82, -73.935],
  ['South Bronx', 40.805, -73.93, 40.83, -73.9],
];

const enc = encodeURIComponent;
const pick = <T>(xs: T[], i: number): T => xs[i % xs.length]!;

const obj = (x: unknown): Record<string, unknown> => {
  if (!x || typeof x !== 'object' || Array.isArray(x)) throw new Error('not an object');
  return x as Record<string, unknown>;
};
const arr = (x: unknown): unknown[] => {
  if (!Array.isArray(x)) throw new Error('not a list');
  return x;
};
const num = (x: unknown): number | null => (x === undefined || x === null ? null : Number(x));
/** The group counts, sorted: the same whatever order ties come in. */
const counts = (rows: unknown[]): string =>
  rows
    .map((r) => Number(obj(r).n))
    .sort((a, b) => b - a)
    .join(',');

const readers = {
  nativeSearch: (b: unknown): Reading => ({ rows: arr(obj(b).results).length, total: num(obj(b).total), fingerprint: null }),
  packageSearch: (b: unknown): Reading => {
    const r = obj(obj(b).result);
    return { rows: arr(r.results).length, total: num(r.count), fingerprint: null };
  },
  nativeRecords: (b: unknown): Reading => ({ rows: arr(obj(b).results).length, total: num(obj(b).total_count), fingerprint: null }),
  nativeGroups: (b: unknown): Reading => ({ rows: arr(obj(b).results).length, total: null, fingerprint: counts(arr(obj(b).results)) }),
  datastoreSearch: (b: unknown): Reading => {
    const r = obj(obj(b).result);
    return { rows: arr(r.records).length, total: num(r.total), fingerprint: null };
  },
  soqlGroups: (b: unknown): Reading => ({ rows: arr(b).length, total: null, fingerprint: counts(arr(b)) }),
  ogcItems: (b: unknown): Reading => ({ rows: arr(obj(b).features).length, total: num(obj(b).numberMatched), fingerprint: null }),
};

/**
 * Words of the generated catalog's titles and keywords (visible datasets
 * only), most frequent first: candidates for package_search's `q`.
 */
export function candidateWords(catalog: GeneratedCatalog): string[] {
  const freq = new Map<string, number>();
  for (const g of catalog.datasets) {
    const d = g.dataset;
    if (d.status !== 'published' || d.accessLevel === 'private') continue;
    const words = new Set([d.title, ...d.keywords].flatMap((s) => s.toLowerCase().match(/[a-z]{4,}/g) ?? []));
    for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const all = [...freq].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  // Spread over the frequency ranks, as the stop_ids are.
  const step = Math.max(1, Math.floor(all.length / 40));
  return all.filter((_, i) => i % step === 0);
}

export interface QuestionData {
  slug: string;
  resourceId: string;
  fourByFour: string;
  pointColumn: string;
  stopIds: string[];
  words: string[];
  /** Datasets a visitor sees in the catalog. */
  visible: number;
}

export function questions(d: QuestionData): Pair[] {
  const records = `/api/v1/datasets/${d.slug}/records`;
  return [
    {
      key: 'package_search',
      label: `CKAN \`package_search?q=<word>&rows=20&facet.field=[organization,groups,tags,res_format,license_id]\` vs native \`/api/v1/datasets?q=<word>&limit=20&facets=organization,theme,keyword,format,license\` (${d.visible.toLocaleString('en-US')} datasets visible)`,
      native: { url: (i) => `/api/v1/datasets?q=${enc(pick(d.words, i))}&limit=20&facets=organization,theme,keyword,format,license`, read: readers.nativeSearch },
      compat: { url: (i) => `/api/3/action/package_search?q=${enc(pick(d.words, i))}&rows=20&facet.field=${enc(JSON.stringify(['organization', 'groups', 'tags', 'res_format', 'license_id']))}`, read: readers.packageSearch },
    },
    {
      key: 'datastore_search',
      label: "CKAN `datastore_search?resource_id=<id>&filters={\"stop_id\":…}&limit=100` vs native `records?where=stop_id='…'&limit=100` (1.34M rows)",
      native: { url: (i) => `${records}?where=${enc(`stop_id='${pick(d.stopIds, i)}'`)}&limit=100`, read: readers.nativeRecords },
      compat: { url: (i) => `/api/3/action/datastore_search?resource_id=${enc(d.resourceId)}&filters=${enc(JSON.stringify({ stop_id: pick(d.stopIds, i) }))}&limit=100`, read: readers.datastoreSearch },
    },
    {
      key: 'soql_group',
      label: 'SoQL `/resource/<4x4>.json?$select=stop_id,count(*) AS n&$group=stop_id&$order=n DESC&$limit=20` vs native `records?select=…&group_by=stop_id&order_by=n DESC&limit=20` (1.34M rows)',
      native: { url: () => `${records}?select=${enc('stop_id,count(*) AS n')}&group_by=stop_id&order_by=${enc('n DESC')}&limit=20`, read: readers.nativeGroups },
      compat: { url: () => `/resource/${d.fourByFour}.json?$select=${enc('stop_id,count(*) AS n')}&$group=stop_id&$order=${enc('n DESC')}&$limit=20`, read: readers.soqlGroups },
    },
    {
      key: 'ogc_items',
      label: `OGC \`/ogc/collections/<slug>/items?bbox=…&limit=100\` vs native \`records?where=in_bbox(${d.pointColumn}, …)&limit=100\` (1.34M rows, ${BOXES.length} areas)`,
      native: {
        url: (i) => {
          const [, lat1, lon1, lat2, lon2] = pick(BOXES, i);
          return `${records}?where=${enc(`in_bbox(${d.pointColumn}, ${lat1}, ${lon1}, ${lat2}, ${lon2})`)}&limit=100`;
        },
        read: readers.nativeRecords,
      },
      compat: {
        url: (i) => {
          const [, lat1, lon1, lat2, lon2] = pick(BOXES, i);
          return `/ogc/collections/${d.slug}/items?bbox=${[Math.min(lon1, lon2), Math.min(lat1, lat2), Math.max(lon1, lon2), Math.max(lat1, lat2)].join(',')}&limit=100`;
        },
        read: readers.ogcItems,
      },
    },
  ];
}
