import { once } from 'node:events';
import type { PassThrough, Writable } from 'node:stream';
import { StreamWriter, type Quad } from 'n3';
import { jsonLdChunk, jsonLdHead, JSON_LD_TAIL } from '../../../domain/compat/dcat-ap/jsonld.ts';
import { rdfXmlChunk, rdfXmlHead, RDF_XML_TAIL } from '../../../domain/compat/dcat-ap/rdfxml.ts';
import { NS } from '../../../domain/compat/dcat-ap/vocab.ts';

/** Something quads are written to as they are produced, ending a document. */
export interface RdfSink {
  write(quads: readonly Quad[]): Promise<void>;
  end(): Promise<void>;
}

export interface RdfFormat {
  ext: 'ttl' | 'jsonld' | 'rdf';
  type: string;
  /** Starts a document on `out`. */
  open(out: PassThrough): RdfSink;
}

/** Writes text with backpressure: waits for the reader when the buffer is full. */
async function put(out: Writable, chunk: string): Promise<void> {
  if (chunk && !out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
}

/** A format written from text pieces: a head, the quads' pieces, a tail. */
function textSink(out: PassThrough, head: string, piece: (quads: readonly Quad[], first: boolean) => string, tail: string): RdfSink {
  let started = false;
  let first = true;
  return {
    async write(quads) {
      if (!started) await put(out, head);
      started = true;
      const text = piece(quads, first);
      if (text) first = false;
      await put(out, text);
    },
    async end() {
      if (!started) await put(out, head);
      out.end(tail);
      await Promise.resolve();
    },
  };
}

export const TURTLE: RdfFormat = {
  ext: 'ttl',
  type: 'text/turtle; charset=utf-8',
  open(out) {
    // N3's stream writer: Turtle with the prefixes, written statement by statement.
    const writer = new StreamWriter({ prefixes: { ...NS } });
    writer.pipe(out);
    return {
      async write(quads) {
        for (const q of quads) if (!writer.write(q)) await Promise.race([once(writer, 'drain'), once(out, 'close')]);
      },
      async end() {
        writer.end();
        await Promise.resolve();
      },
    };
  },
};

export const JSON_LD: RdfFormat = { ext: 'jsonld', type: 'application/ld+json; charset=utf-8', open: (out) => textSink(out, jsonLdHead(), jsonLdChunk, JSON_LD_TAIL) };
export const RDF_XML: RdfFormat = { ext: 'rdf', type: 'application/rdf+xml; charset=utf-8', open: (out) => textSink(out, rdfXmlHead(), (q) => rdfXmlChunk(q), RDF_XML_TAIL) };

export const FORMATS: readonly RdfFormat[] = [TURTLE, JSON_LD, RDF_XML];
export const formatByExt = (ext: string): RdfFormat | undefined => FORMATS.find((f) => f.ext === ext);
