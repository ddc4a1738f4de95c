import type { Quad, Term } from 'n3';
import { NS } from './vocab.ts';

/**
 * A small RDF/XML writer over the same quads as the Turtle (ADR 45): one
 * `rdf:Description` per subject, a property element per statement, with
 * `rdf:resource`, `rdf:nodeID`, `xml:lang` and `rdf:datatype`. Predicates
 * are written with the known prefixes; one outside them gets a namespace of
 * its own on its element.
 */

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

/** An XML name's allowed local part: a predicate must end in one. */
const LOCAL = /[A-Za-z_][A-Za-z0-9_.-]*$/;

function elementName(predicate: string): { name: string; xmlns: string } {
  for (const [prefix, ns] of Object.entries(NS)) {
    const local = predicate.slice(ns.length);
    if (predicate.startsWith(ns) && local && LOCAL.exec(local)?.[0] === local) return { name: `${prefix}:${local}`, xmlns: '' };
  }
  const m = LOCAL.exec(predicate);
  if (!m || m.index === 0) throw new Error(`The predicate ${predicate} cannot be written as an XML element.`);
  return { name: `ns0:${m[0]}`, xmlns: ` xmlns:ns0="${escapeAttr(predicate.slice(0, m.index))}"` };
}

const subjectAttr = (s: Term): string => (s.termType === 'BlankNode' ? `rdf:nodeID="${escapeAttr(s.value)}"` : `rdf:about="${escapeAttr(s.value)}"`);

function property(q: Quad): string {
  const { name, xmlns } = elementName(q.predicate.value);
  const o = q.object;
  if (o.termType === 'NamedNode') return `    <${name}${xmlns} rdf:resource="${escapeAttr(o.value)}"/>`;
  if (o.termType === 'BlankNode') return `    <${name}${xmlns} rdf:nodeID="${escapeAttr(o.value)}"/>`;
  if (o.termType !== 'Literal') throw new Error(`A ${o.termType} cannot be an object in RDF/XML.`);
  const lang = o.language ? ` xml:lang="${escapeAttr(o.language)}"` : '';
  const type = !o.language && o.datatype.value !== `${NS.xsd}string` ? ` rdf:datatype="${escapeAttr(o.datatype.value)}"` : '';
  return `    <${name}${xmlns}${lang}${type}>${escapeText(o.value)}</${name}>`;
}

export function rdfXmlHead(): string {
  const xmlns = Object.entries(NS).map(([p, ns]) => `\n    xmlns:${p}="${escapeAttr(ns)}"`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${xmlns}>\n`;
}
export const RDF_XML_TAIL = '</rdf:RDF>\n';

/** The quads as `rdf:Description` elements, one per subject in order of first mention. */
export function rdfXmlChunk(quads: readonly Quad[]): string {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), q]);
  }
  let out = '';
  for (const qs of bySubject.values()) {
    const first = qs[0];
    if (!first) continue;
    out += `  <rdf:Description ${subjectAttr(first.subject)}>\n${qs.map(property).join('\n')}\n  </rdf:Description>\n`;
  }
  return out;
}
