import type { Quad, Term } from 'n3';
import { DCAT_AP_CONTEXT } from './context.ts';
import { NS } from './vocab.ts';

type JsonNode = Record<string, unknown>;
interface TermDef { '@id'?: string; '@context'?: Record<string, unknown>; '@reverse'?: string }

/** Class IRI → the context's term for it, with the terms its type-scoped context adds. */
const CLASSES = new Map<string, { name: string; terms: Map<string, string> }>();
for (const [name, def] of Object.entries(DCAT_AP_CONTEXT)) {
  const d = (typeof def === 'string' ? { '@id': def } : def) as TermDef;
  if (!d['@id'] || /:/.test(name)) continue;
  const terms = new Map<string, string>();
  for (const [term, inner] of Object.entries(d['@context'] ?? {})) {
    const id = typeof inner === 'string' ? inner : (inner as TermDef)['@id'];
    if (id && !(inner as TermDef)['@reverse'] && !terms.has(id)) terms.set(id, term);
  }
  if (!CLASSES.has(d['@id'])) CLASSES.set(d['@id'], { name, terms });
}

const RDF_TYPE = `${NS.rdf}type`;

function valueOf(o: Term): JsonNode {
  if (o.termType === 'NamedNode') return { '@id': o.value };
  if (o.termType === 'BlankNode') return { '@id': `_:${o.value}` };
  if (o.termType === 'Literal') {
    if (o.language) return { '@value': o.value, '@language': o.language };
    if (o.datatype.value !== `${NS.xsd}string`) return { '@value': o.value, '@type': o.datatype.value };
    return { '@value': o.value };
  }
  throw new Error(`A ${o.termType} cannot be an object in DCAT-AP output.`);
}

/**
 * The quads as JSON-LD node objects, one per subject, in the terms of the
 * DCAT-AP 3.0.1 context: a node of one DCAT-AP class uses that class's
 * terms (its type-scoped context); anything else keeps full IRIs. Values
 * are explicit (`@id`, `@value` with `@language` or `@type`), so the
 * context's coercions never change what a value means.
 */
export function jsonLdNodes(quads: readonly Quad[]): JsonNode[] {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value;
    bySubject.set(key, [...(bySubject.get(key) ?? []), q]);
  }
  const nodes: JsonNode[] = [];
  for (const [id, qs] of bySubject) {
    const types = [...new Set(qs.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value))];
    const scoped = types.length === 1 ? CLASSES.get(types[0] ?? '') : undefined;
    const node: JsonNode = { '@id': id };
    if (types.length) node['@type'] = types.map((t) => (types.length === 1 && CLASSES.get(t)?.name) || t);
    for (const q of qs) {
      if (q.predicate.value === RDF_TYPE) continue;
      const key = scoped?.terms.get(q.predicate.value) ?? q.predicate.value;
      const values = (node[key] ??= []) as JsonNode[];
      values.push(valueOf(q.object));
    }
    nodes.push(node);
  }
  return nodes;
}

/** The document's opening, up to where the first node goes: the inline context, then `@graph`. */
export const jsonLdHead = (): string => `{"@context":${JSON.stringify(DCAT_AP_CONTEXT)},"@graph":[\n`;
export const JSON_LD_TAIL = '\n]}\n';

/** Nodes as they go into `@graph`; `first` says whether any came before. */
export function jsonLdChunk(quads: readonly Quad[], first: boolean): string {
  const nodes = jsonLdNodes(quads).map((n) => JSON.stringify(n));
  return nodes.length ? (first ? '' : ',\n') + nodes.join(',\n') : '';
}
