import { Readable } from 'node:stream';
import { JsonLdParser, type IJsonLdParserOptions } from 'jsonld-streaming-parser';
import { Parser, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { DCAT_AP_CONTEXT } from '../../../domain/compat/dcat-ap/context.ts';
import { dcatApRecord, Graph } from '../../../domain/harvest/dcat-ap.ts';
import type { HarvestError, HarvestedRecord } from '../../../domain/harvest/types.ts';
import { maskUrl } from '../../../domain/net/mask-url.ts';
import { HarvestFailure } from '../source-fetch.ts';
import type { ReadPage, SourceReader } from './reader.ts';

/** Pages of a Hydra-paged catalog read in one run at most: a source whose pages lead on forever stops here. */
const MAX_PAGES = 10_000;

/**
 * JSON-LD contexts a catalog may name by address, answered from Plaza's own
 * copy: nothing is fetched while parsing, so a catalog cannot make the
 * harvester call other addresses.
 */
const KNOWN_CONTEXTS: Readonly<Record<string, unknown>> = {
  'https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld': { '@context': DCAT_AP_CONTEXT },
  'https://raw.githubusercontent.com/SEMICeu/DCAT-AP/master/releases/3.0.1/context/dcat-ap.jsonld': { '@context': DCAT_AP_CONTEXT },
};

export type RdfSyntax = 'turtle' | 'rdfxml' | 'jsonld';

/** The syntax of an answer: by its Content-Type, else by how it begins; null for HTML and anything else that is no RDF. */
export function syntaxOf(contentType: string, text: string): RdfSyntax | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (['text/turtle', 'application/x-turtle', 'text/n3', 'application/n-triples'].includes(type)) return 'turtle';
  if (['application/rdf+xml'].includes(type)) return 'rdfxml';
  if (['application/ld+json'].includes(type)) return 'jsonld';
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return null;
  if (start.startsWith('<?xml') || start.startsWith('<rdf:rdf')) return 'rdfxml';
  if (start.startsWith('{') || start.startsWith('[')) return 'jsonld';
  if (type === 'application/json' || type === 'text/html') return null;
  return 'turtle';
}

function collect(parser: NodeJS.ReadWriteStream, text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    parser.on('data', (q: Quad) => quads.push(q)).on('error', reject).on('end', () => resolve(quads));
    Readable.from([text]).pipe(parser as unknown as NodeJS.WritableStream);
  });
}

/** Parses one answer into statements; a parse error is the source's garbage, said so with the parser's words. */
export async function parseRdf(syntax: RdfSyntax, text: string, baseIRI: string): Promise<Quad[]> {
  if (syntax === 'turtle') return new Parser({ baseIRI }).parse(text);
  if (syntax === 'rdfxml') return collect(new RdfXmlParser({ baseIRI }) as unknown as NodeJS.ReadWriteStream, text);
  const documentLoader = {
    load: async (url: string) => {
      const known = KNOWN_CONTEXTS[url];
      if (known) return known as Record<string, unknown>;
      throw new Error(`it names the remote JSON-LD context ${url}, which Plaza does not fetch; put the context in the document instead`);
    },
  };
  // The parser types a loaded context with a package of its own; the loader above answers the same plain JSON.
  const options: IJsonLdParserOptions = { baseIRI, documentLoader: documentLoader as unknown as IJsonLdParserOptions['documentLoader'] };
  return collect(new JsonLdParser(options) as unknown as NodeJS.ReadWriteStream, text);
}

/**
 * A DCAT-AP catalog in Turtle, RDF/XML or JSON-LD (by its Content-Type,
 * else by how it begins), following Hydra's `next`/`nextPage` to the last
 * page. Each `dcat:Dataset` becomes a record. DCAT-AP has no filter by
 * date, so every run reads the whole catalog and leaves unchanged records
 * alone.
 */
export const dcatApReader: SourceReader = {
  async *read({ source, fetch }): AsyncIterable<ReadPage> {
    const visited = new Set<string>();
    let next: string | undefined = source.url;
    while (next) {
      if (visited.has(next)) throw new HarvestFailure(`The catalog's pages lead back to ${maskUrl(next)}: the run stopped rather than read them again.`);
      if (visited.size >= MAX_PAGES) throw new HarvestFailure(`The catalog has more than ${MAX_PAGES} pages; the run stopped at ${maskUrl(next)}.`);
      visited.add(next);
      const { text, contentType, url } = await fetch.text(next, 'text/turtle, application/ld+json;q=0.9, application/rdf+xml;q=0.8');
      const syntax = syntaxOf(contentType, text);
      if (!syntax) throw new HarvestFailure(`${maskUrl(next)} did not answer RDF (Turtle, RDF/XML or JSON-LD): it sent ${contentType || 'no Content-Type'} beginning "${text.slice(0, 60).replace(/\s+/g, ' ')}".`);
      let quads: Quad[];
      try {
        quads = await parseRdf(syntax, text, url);
      } catch (e) {
        throw new HarvestFailure(`${maskUrl(next)} is not a readable ${syntax === 'turtle' ? 'Turtle' : syntax === 'rdfxml' ? 'RDF/XML' : 'JSON-LD'} document: ${(e as Error).message}.`);
      }
      const graph = new Graph(quads);
      if (visited.size === 1 && !graph.datasets.length && !graph.nextPages().length && !quads.some((q) => q.object.value === 'http://www.w3.org/ns/dcat#Catalog')) {
        throw new HarvestFailure(`${maskUrl(next)} is RDF but not a DCAT catalog: it describes no dcat:Catalog and no dcat:Dataset.`);
      }
      const records: HarvestedRecord[] = [];
      const errors: HarvestError[] = [];
      for (const ds of graph.datasets) {
        const r = dcatApRecord(graph, ds);
        if ('reason' in r) errors.push(r);
        else records.push(r);
      }
      yield { records, errors };
      next = graph.nextPages().map((n) => new URL(n, url).toString()).find((n) => !visited.has(n));
    }
  },
};
