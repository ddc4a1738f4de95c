import type { Quad, Term } from 'n3';
import { FREQUENCY_TO_EU, LANGUAGE_TO_EU, NS } from '../compat/dcat-ap/vocab.ts';
import { geojsonBbox } from './ckan.ts';
import type { HarvestError, HarvestedDistribution, HarvestedRecord } from './types.ts';
import { formatOf, matchFrequency, matchLicense } from './vocab-match.ts';

const RDF_TYPE = `${NS.rdf}type`;
const DCAT = NS.dcat;
const DCT = NS.dct;
const HYDRA = NS.hydra;
const SCHEMA = 'http://schema.org/';

/** Plaza's frequency id by the EU frequency table's code (`MONTHLY`, `ANNUAL_2`). */
const FREQUENCY_FROM_EU = new Map(Object.entries(FREQUENCY_TO_EU).map(([id, code]) => [code, id]));
/** ISO 639-1 codes by the EU language table's ISO 639-3 codes (`ENG` → `en`). */
const LANGUAGE_FROM_EU = new Map(Object.entries(LANGUAGE_TO_EU).map(([two, three]) => [three, two]));

/** The statements of one document, by subject and predicate. */
export class Graph {
  private readonly bySubject = new Map<string, Map<string, Term[]>>();
  readonly datasets: Term[] = [];

  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      const key = keyOf(q.subject);
      let preds = this.bySubject.get(key);
      if (!preds) this.bySubject.set(key, (preds = new Map()));
      const list = preds.get(q.predicate.value) ?? [];
      list.push(q.object);
      preds.set(q.predicate.value, list);
      if (q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset` && !this.datasets.some((d) => d.equals(q.subject))) this.datasets.push(q.subject);
    }
  }

  all(s: Term, p: string): Term[] {
    return this.bySubject.get(keyOf(s))?.get(p) ?? [];
  }

  one(s: Term, ...ps: string[]): Term | undefined {
    for (const p of ps) {
      const o = this.all(s, p)[0];
      if (o) return o;
    }
    return undefined;
  }

  /** A literal in the preferred language: English, else one without a language, else the first. */
  text(s: Term, ...ps: string[]): string | null {
    const literals = ps.flatMap((p) => this.all(s, p)).filter((o) => o.termType === 'Literal' && o.value.trim());
    const lang = (o: Term) => (o.termType === 'Literal' ? o.language.toLowerCase() : '');
    const best = literals.find((o) => lang(o) === 'en' || lang(o).startsWith('en-')) ?? literals.find((o) => lang(o) === '') ?? literals[0];
    return best?.value.trim() ?? null;
  }

  /** The pages a Hydra view of this document points to next (`hydra:next`, or ckanext-dcat's `hydra:nextPage`). */
  nextPages(): string[] {
    const out: string[] = [];
    for (const preds of this.bySubject.values()) for (const p of [`${HYDRA}next`, `${HYDRA}nextPage`]) for (const o of preds.get(p) ?? []) if (o.value.trim()) out.push(o.value.trim());
    return [...new Set(out)];
  }
}

const keyOf = (t: Term): string => `${t.termType}:${t.value}`;
const lastSegment = (iri: string): string => decodeURIComponent(iri.replace(/[/#]+$/, '').split(/[/#]/).pop() ?? iri);
const isIri = (t: Term | undefined): boolean => t?.termType === 'NamedNode';

/** A label for a node: its preferred label, name or title, else (for an address) the last part of it. */
function labelOf(g: Graph, t: Term): string | null {
  const label = g.text(t, `${NS.skos}prefLabel`, `${NS.rdfs}label`, `${NS.foaf}name`, `${DCT}title`, `${NS.locn}geographicName`);
  if (label) return label;
  if (t.termType === 'Literal') return t.value.trim() || null;
  return isIri(t) ? lastSegment(t.value) : null;
}

/** A bounding box from a WKT polygon (or any WKT geometry) or a GeoJSON geometry. */
export function bboxOf(value: string): [number, number, number, number] | null {
  const v = value.trim().replace(/^<[^>]*>\s*/, '');
  if (v.startsWith('{')) return geojsonBbox(v);
  const numbers = v.match(/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\s+-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g);
  if (!numbers?.length || !/^[A-Za-z]+\s*\(/.test(v)) return null;
  const pts = numbers.map((p) => p.trim().split(/\s+/).map(Number) as [number, number]);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const dateOf = (t: Term | undefined): string | null => (t && /^\d{4}-\d{2}-\d{2}/.test(t.value.trim()) ? t.value.trim().slice(0, 10) : t && /^\d{4}$/.test(t.value.trim()) ? `${t.value.trim()}-01-01` : null);

function spatialOf(g: Graph, ds: Term): HarvestedRecord['spatial'] {
  let place: string | null = null;
  for (const s of g.all(ds, `${DCT}spatial`)) {
    const geometry = g.one(s, `${DCAT}bbox`, `${NS.locn}geometry`);
    const bbox = geometry ? bboxOf(geometry.value) : null;
    const name = g.text(s, `${NS.locn}geographicName`, `${NS.skos}prefLabel`, `${NS.rdfs}label`);
    if (bbox) return { place: name, bbox };
    place ??= name ?? (s.termType === 'Literal' ? s.value.trim() || null : null);
  }
  return place ? { place, bbox: null } : null;
}

function temporalOf(g: Graph, ds: Term): HarvestedRecord['temporal'] {
  for (const p of g.all(ds, `${DCT}temporal`)) {
    const start = dateOf(g.one(p, `${DCAT}startDate`, `${SCHEMA}startDate`));
    const end = dateOf(g.one(p, `${DCAT}endDate`, `${SCHEMA}endDate`));
    if (start || end) return { start, end };
  }
  return null;
}

function frequencyOf(g: Graph, ds: Term): string | null {
  const f = g.one(ds, `${DCT}accrualPeriodicity`);
  if (!f) return null;
  return FREQUENCY_FROM_EU.get(lastSegment(f.value).toUpperCase()) ?? matchFrequency(f.value) ?? matchFrequency(labelOf(g, f));
}

function languagesOf(g: Graph, ds: Term): string[] {
  return g.all(ds, `${DCT}language`).flatMap((l) => {
    const code = lastSegment(l.value);
    const two = LANGUAGE_FROM_EU.get(code.toUpperCase()) ?? (/^[a-z]{2}(-|$)/i.test(code) ? code.slice(0, 2).toLowerCase() : undefined);
    return two ? [two] : [];
  });
}

function licenseOf(g: Graph, ds: Term, dists: Term[]): string | null {
  for (const l of [...g.all(ds, `${DCT}license`), ...dists.flatMap((d) => g.all(d, `${DCT}license`))]) {
    const id = matchLicense(l.value) ?? matchLicense(g.text(l, `${DCT}identifier`)) ?? matchLicense(g.text(l, `${NS.rdfs}label`, `${DCT}title`, `${NS.skos}prefLabel`));
    if (id) return id;
  }
  return null;
}

function distributionsOf(g: Graph, dists: Term[]): HarvestedDistribution[] {
  const out: HarvestedDistribution[] = [];
  for (const d of dists) {
    const download = g.one(d, `${DCAT}downloadURL`);
    const url = (download ?? g.one(d, `${DCAT}accessURL`))?.value.trim();
    if (!url || !/^https?:\/\//i.test(url)) continue;
    const media = g.one(d, `${DCAT}mediaType`);
    const mediaType = media ? media.value.replace(/^https?:\/\/www\.iana\.org\/assignments\/media-types\//, '') : null;
    const formatTerm = g.one(d, `${DCT}format`);
    const declared = formatTerm ? (isIri(formatTerm) ? lastSegment(formatTerm.value) : formatTerm.value) : null;
    const format = formatOf(declared === 'OCTET' ? null : declared, mediaType, url) ?? (download ? null : 'api');
    out.push({ title: g.text(d, `${DCT}title`) ?? format?.toUpperCase() ?? 'Distribution', url, format, mediaType });
  }
  return out;
}

/** One `dcat:Dataset` of a graph in Plaza's terms, or the reason it cannot be read. */
export function dcatApRecord(g: Graph, ds: Term): HarvestedRecord | HarvestError {
  const identifier = g.text(ds, `${DCT}identifier`) ?? (ds.termType === 'NamedNode' ? ds.value : null);
  const title = g.text(ds, `${DCT}title`);
  if (!identifier) return { identifier: null, title, reason: 'The dataset has neither dct:identifier nor an address of its own.' };
  if (!title) return { identifier, title: null, reason: 'The dataset has no dct:title.' };
  const keywords = g.all(ds, `${DCAT}keyword`).filter((k) => k.termType === 'Literal');
  const langs = keywords.map((k) => (k.termType === 'Literal' ? k.language.toLowerCase().slice(0, 2) : ''));
  const keep = langs.includes('en') ? 'en' : (langs.find((l) => l) ?? '');
  const publisher = g.one(ds, `${DCT}publisher`);
  const contact = g.one(ds, `${DCAT}contactPoint`);
  const email = contact ? g.one(contact, `${NS.vcard}hasEmail`)?.value.replace(/^mailto:/i, '') ?? '' : '';
  const contactName = contact ? g.text(contact, `${NS.vcard}fn`, `${NS.vcard}organization-name`) ?? (email || null) : null;
  const landing = g.one(ds, `${DCAT}landingPage`);
  const dists = g.all(ds, `${DCAT}distribution`);
  const modified = g.one(ds, `${DCT}modified`)?.value.trim() ?? null;
  return {
    remoteId: identifier,
    identifier,
    title,
    description: g.text(ds, `${DCT}description`) ?? '',
    keywords: [...new Set(keywords.filter((_, i) => langs[i] === keep || langs[i] === '').map((k) => k.value.trim()).filter(Boolean))],
    themes: [...new Set(g.all(ds, `${DCAT}theme`).map((t) => labelOf(g, t)).filter((t): t is string => !!t))],
    publisher: publisher ? labelOf(g, publisher) : null,
    contactPoint: contactName ? { name: contactName, email } : null,
    license: licenseOf(g, ds, dists),
    frequency: frequencyOf(g, ds),
    temporal: temporalOf(g, ds),
    spatial: spatialOf(g, ds),
    issued: dateOf(g.one(ds, `${DCT}issued`)),
    modified: modified && !Number.isNaN(Date.parse(modified)) ? new Date(modified).toISOString() : null,
    language: [...new Set(languagesOf(g, ds))],
    landingPage: landing?.termType === 'NamedNode' ? landing.value : null,
    distributions: distributionsOf(g, dists),
  };
}
