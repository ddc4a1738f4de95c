/**
 * A synthetic city catalog for the search benchmark: any number of datasets
 * with varied, realistic metadata, the same for the same seed. The words and
 * shapes come from `vocabulary.json` (real DCAT-US, CKAN and Frictionless
 * records, and city departments and topics written in their shape; see its
 * SOURCES).
 */
import { readFileSync } from 'node:fs';
import type { Dataset, DatasetStatus, DictionaryEntry, Organization } from '../../src/domain/catalog/types.ts';

interface Topic {
  subjects: string[];
  keywords: string[];
  columns: [string, string][];
  themes: string[];
  departments: string[];
  unit: string;
}

interface DcatSample {
  title: string;
  keyword?: string[];
  theme?: string[];
}

interface Vocabulary {
  samples: {
    'dcat-us/data.ny.gov': DcatSample;
    'dcat-us/example-catalog-sample-extended': DcatSample[];
    'ckan/package_show-demo.ckan.org': { tags: string[]; resources: { name: string }[] };
    'ckan/package_show-with-extras': { resources: { name: string; description: string }[] };
    'frictionless/covid-19': { resources: { fields: string[] }[] };
  };
  departments: [slug: string, name: string][];
  topics: Topic[];
  dimensions: string[];
  places: string[];
  descriptionTemplates: string[];
  descriptionExtras: string[];
  genericColumns: [string, string][];
  extraThemes: string[];
  licenses: [string, number][];
  frequencies: [string, number][];
  formats: [string, number][];
  statuses: [string, number][];
}

export const vocabulary: Vocabulary = JSON.parse(readFileSync(new URL('./vocabulary.json', import.meta.url), 'utf8'));

/** One generated dataset and what hangs on it. */
export interface GeneratedDataset {
  dataset: Dataset;
  /** Formats of its resources (lower case, as the search facet shows them). */
  formats: string[];
  /** Columns of its live version: [name, label]. */
  columns: [string, string][];
  /** The live version's source format. */
  sourceFormat: string;
  dictionary: DictionaryEntry[];
}

export interface GeneratedCatalog {
  organizations: Organization[];
  datasets: GeneratedDataset[];
}

/** mulberry32: a small, fast, seedable generator. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Picker {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  one<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted(xs: readonly [string, number][]): string {
    const total = xs.reduce((s, x) => s + x[1], 0);
    let r = this.next() * total;
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1]![0];
  }
  /** Up to n distinct items, in random order. */
  some<T>(xs: readonly T[], n: number): T[] {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }
  /** An index skewed toward the start (a few things are very common, most are rare). */
  zipf(n: number, s = 1.1): number {
    const x = Math.pow(this.next(), s * 2.2);
    return Math.min(n - 1, Math.floor(x * n));
  }
}

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 1);
const FREQUENCY_DAYS: Record<string, number | null> = { continuous: 1, hourly: 1, daily: 1, weekly: 7, monthly: 31, quarterly: 92, semiannual: 183, annual: 366, irregular: null, never: null };
const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
/** "Towed Vehicles" → "towed vehicles"; acronyms and codes stay as they are. */
const lowerWords = (s: string) =>
  s
    .split(' ')
    .map((w) => (/^[A-Z][a-z]+$/.test(w) ? w.toLowerCase() : w))
    .join(' ');
const label = (name: string) => name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Builds `n` datasets over the departments of the vocabulary, deterministically from `seed`. */
export function generateCatalog(n = 10_000, seed = 20_260_101): GeneratedCatalog {
  const p = new Picker(random(seed));
  const v = vocabulary;
  const iso = (t: number) => new Date(t).toISOString();
  const organizations: Organization[] = v.departments.map(([slug, name], i) => ({ id: `org-${slug}`, slug, name, description: `Data published by the ${name}.`, createdAt: iso(NOW - (3000 - i) * DAY) }));
  const orgName = new Map(v.departments);
  const ny = v.samples['dcat-us/data.ny.gov'];
  const sampleKeywords = [...(ny.keyword ?? []), ...v.samples['dcat-us/example-catalog-sample-extended'].flatMap((d) => d.keyword ?? []), ...v.samples['ckan/package_show-demo.ckan.org'].tags];
  const sampleColumns = v.samples['frictionless/covid-19'].resources.flatMap((r) => r.fields).map((f): [string, string] => [f.toLowerCase(), label(f)]);
  const usedSlugs = new Set<string>();
  const datasets: GeneratedDataset[] = [];

  for (let i = 0; i < n; i++) {
    const topic = v.topics[p.zipf(v.topics.length, 0.6)]!;
    const org = p.chance(0.85) ? p.one(topic.departments) : p.one(v.departments)[0];
    const subject = p.one(topic.subjects);
    const year = p.int(1995, 2025);
    const dim = p.one(v.dimensions);
    const titles = [
      subject,
      `${subject} by ${dim}`,
      `${subject}: Beginning ${year}`,
      `${subject} (${year - p.int(5, 30)}-${year})`,
      `${subject} for ${year}`,
      `${p.one(v.places)} ${subject}`,
      `${subject} - ${dim} Summary`,
      `${subject} ${year}`,
    ];
    const title = titles[p.zipf(titles.length, 0.5)]!;
    let slug = slugify(title);
    while (usedSlugs.has(slug)) slug = `${slugify(title)}-${p.int(2, 99_999)}`;
    usedSlugs.add(slug);

    const frequency = p.weighted(v.frequencies);
    const fill = (t: string) =>
      t
        .replaceAll('{Subject}', subject)
        .replaceAll('{subject}', lowerWords(subject))
        .replaceAll('{org}', orgName.get(org) ?? org)
        .replaceAll('{year}', String(year))
        .replaceAll('{unit}', topic.unit)
        .replaceAll('{frequency}', frequency === 'never' ? 'once' : frequency);
    const description = [fill(p.one(v.descriptionTemplates)), ...p.some(v.descriptionExtras, p.int(0, 3)).map(fill)].join(' ');

    const keywords = [...new Set([...p.some(topic.keywords, p.int(2, 9)), ...(p.chance(0.08) ? p.some(sampleKeywords, p.int(1, 3)) : [])])];
    const themes = [...new Set([...p.some(topic.themes, p.int(1, topic.themes.length)), ...(p.chance(0.1) ? [p.one(v.extraThemes)] : [])])];
    const formats = [...new Set(Array.from({ length: p.int(1, 4) }, () => p.weighted(v.formats)))];
    const columns: [string, string][] = [
      ...p.some(topic.columns, p.int(3, topic.columns.length)),
      ...p.some(v.genericColumns, p.int(0, 6)),
      ...(p.chance(0.05) ? p.some(sampleColumns, p.int(1, 4)) : []),
    ];
    const uniqueColumns = [...new Map(columns.map((c) => [c[0], c])).values()];
    const dictionary: DictionaryEntry[] = p.chance(0.35)
      ? p.some(uniqueColumns, p.int(1, uniqueColumns.length)).map(([column, lbl]) => ({ column, label: lbl, description: `${lbl} of the ${topic.unit}, as recorded by the ${orgName.get(org) ?? org}.`, unit: '' }))
      : [];

    const status = p.weighted(v.statuses) as DatasetStatus;
    const created = NOW - p.int(30, 3650) * DAY;
    const updated = Math.min(NOW, created + p.int(0, 1500) * DAY);
    const days = FREQUENCY_DAYS[frequency];
    const id = `ds-${String(i).padStart(5, '0')}`;
    datasets.push({
      dataset: {
        id,
        slug,
        organizationId: `org-${org}`,
        title,
        description,
        keywords,
        themes,
        publisher: p.chance(0.3) ? orgName.get(org) ?? null : null,
        contactPoint: p.chance(0.5) ? { name: 'Open Data Team', email: 'opendata@city.example' } : null,
        license: p.chance(0.95) ? p.weighted(v.licenses) : null,
        frequency,
        temporal: null,
        spatial: null,
        issued: iso(created).slice(0, 10),
        language: ['en'],
        accessLevel: p.chance(0.04) ? 'private' : p.chance(0.06) ? 'restricted' : 'public',
        suggestedUses: '',
        knownLimitations: '',
        status,
        liveVersionId: null,
        createdBy: null,
        createdAt: iso(created),
        updatedAt: iso(updated),
        dataUpdatedAt: iso(updated),
        publishedAt: status === 'published' || status === 'archived' ? iso(created) : null,
        nextDueAt: days === null || days === undefined ? null : iso(updated + days * DAY),
        popularity: Math.floor(Math.pow(p.next(), 4) * 50_000),
      },
      formats,
      columns: uniqueColumns,
      sourceFormat: formats.find((f) => ['csv', 'json', 'xlsx', 'xls', 'geojson'].includes(f)) ?? 'csv',
      dictionary,
    });
  }
  return { organizations, datasets };
}
