import { JSON_LD, RDF_XML, TURTLE, type RdfFormat } from './formats.ts';

/** The media types `/catalog` answers, with what each is served as. */
const OFFERED: ReadonlyArray<[string, RdfFormat]> = [
  ['text/turtle', TURTLE],
  ['application/ld+json', JSON_LD],
  ['application/rdf+xml', RDF_XML],
];

export const NOT_ACCEPTABLE =
  'The catalog is served as RDF: ask for text/turtle, application/ld+json or application/rdf+xml in the Accept header, or use /catalog.ttl, /catalog.jsonld or /catalog.rdf. Its web page is the home page, /.';

/**
 * The format an Accept header asks for (RFC 9110 quality values, the first
 * listed winning a tie); Turtle when it names none or accepts anything;
 * undefined when it accepts none of the three (HTML, say).
 */
export function negotiate(accept: string | undefined): RdfFormat | undefined {
  if (!accept?.trim()) return TURTLE;
  let best: { format: RdfFormat; q: number } | undefined;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const format = range === '*/*' ? TURTLE : OFFERED.find(([type]) => type === range)?.[1];
    if (format && (!best || q > best.q)) best = { format, q };
  }
  return best?.format;
}
