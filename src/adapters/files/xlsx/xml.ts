import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../../../domain/errors.ts';

/** What a part's reader does with its elements. Names come without their namespace prefix. */
export interface XmlHandler {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
  /** True once the reader has what it needs: the rest of the part is not read. */
  readonly finished?: boolean;
}

export interface XmlOptions {
  signal?: AbortSignal | undefined;
  /** The error for XML that is not well-formed. */
  malformed: () => AppError;
  /** The error for a run of more than `MAX_RUN` characters without a tag: a giant text, comment or tag. */
  tooLong: () => AppError;
  /** Called after each piece of text is parsed, to write out what it produced. */
  drain?: () => Promise<void>;
}

/**
 * Most characters the parser may take in without reaching the end of a text,
 * tag, comment or other node. The parser holds a node whole until it ends, so
 * this bounds what it can hold. A cell of 32,767 characters written with the
 * longest character references (`&#1114111;`) takes about 330,000.
 */
export const MAX_RUN = 1 << 20;

/** Text is given to the parser in pieces this small, so what one piece makes (rows of the sheet) stays small. */
const PIECE = 4096;

const local = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * Parses a part of the workbook as a stream: UTF-8 bytes in, events out,
 * never holding more than a piece of text and the node being read.
 * Document type declarations are refused (a workbook has none, and entities
 * could expand).
 */
export async function parseXml(chunks: AsyncIterable<Buffer>, handler: XmlHandler, opts: XmlOptions): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let sinceNode = 0;
  parser.on('opentag', (tag: SaxesTagPlain) => {
    sinceNode = 0;
    handler.open(local(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    sinceNode = 0;
    handler.close(local(tag.name));
  });
  parser.on('text', (text: string) => {
    sinceNode = 0;
    handler.text(text);
  });
  parser.on('cdata', (text: string) => {
    sinceNode = 0;
    handler.text(text);
  });
  parser.on('comment', () => (sinceNode = 0));
  parser.on('processinginstruction', () => (sinceNode = 0));
  parser.on('doctype', () => {
    throw opts.malformed();
  });
  const write = (piece: string | null): void => {
    try {
      if (piece === null) parser.close();
      else parser.write(piece);
    } catch (e) {
      throw e instanceof AppError ? e : opts.malformed();
    }
  };
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    for (let i = 0; i < text.length; i += PIECE) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      const piece = text.length <= PIECE ? text : text.slice(i, i + PIECE);
      sinceNode += piece.length;
      write(piece);
      if (sinceNode > MAX_RUN) throw opts.tooLong();
      if (opts.drain) await opts.drain();
      if (handler.finished) return;
    }
  }
  write(decoder.decode());
  write(null);
  if (opts.drain) await opts.drain();
}
