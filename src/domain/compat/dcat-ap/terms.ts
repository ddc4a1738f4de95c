import { DataFactory, type Quad, type Quad_Object, type Quad_Subject } from 'n3';
import { NS, type Prefix } from './vocab.ts';

const { namedNode, literal, quad } = DataFactory;

/** A term of one of the known vocabularies: `term('dct', 'title')`. */
export const term = (prefix: Prefix, local: string) => namedNode(NS[prefix] + local);
export const iri = (value: string) => namedNode(value);
export const text = (value: string, lang?: string) => (lang ? literal(value, lang) : literal(value));
export const typed = (value: string, type: string) => literal(value, namedNode(NS.xsd + type));

/** An ISO date or instant as DCAT-AP wants it: xsd:date for dates, xsd:dateTime for instants. */
export function dateLiteral(value: string): Quad_Object {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? typed(value, 'date') : typed(new Date(value).toISOString(), 'dateTime');
}

/** Collects triples about subjects in order, the statements of one output piece. */
export class Triples {
  readonly quads: Quad[] = [];

  add(s: Quad_Subject, p: [Prefix, string], o: Quad_Object): this {
    this.quads.push(quad(s, term(p[0], p[1]), o));
    return this;
  }

  /** A class of the subject (`rdf:type`). */
  a(s: Quad_Subject, cls: [Prefix, string]): this {
    return this.add(s, ['rdf', 'type'], term(cls[0], cls[1]));
  }

  /** A literal, left out when the text is empty. */
  text(s: Quad_Subject, p: [Prefix, string], value: string | null | undefined, lang?: string): this {
    return value?.trim() ? this.add(s, p, text(value, lang)) : this;
  }
}
