import type { FastifyInstance } from 'fastify';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The encodings pages are sent in, best first. */
export type PageEncoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Pages smaller than this go as they are: compressing them saves less than it costs. */
export const MIN_BYTES = 1024;

/**
 * The encoding to send a page in, from the request's Accept-Encoding: brotli
 * when it is accepted, else gzip, else none. `q=0` refuses an encoding, and
 * `*` accepts any not named.
 */
export function pageEncoding(acceptEncoding: string | string[] | undefined): PageEncoding | undefined {
  const weights = new Map<string, number>();
  for (const part of [acceptEncoding ?? ''].flat().join(',').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (e: PageEncoding) => weights.get(e) ?? weights.get('*') ?? 0;
  return (['br', 'gzip'] as const).find((e) => weight(e) > 0);
}

/** A page compressed for the wire: brotli at a quality that costs a few milliseconds, or gzip's default. */
export function encodePage(body: string | Buffer, encoding: PageEncoding): Promise<Buffer> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (encoding === 'br') return brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  return gzipped(bytes);
}

/** Whether an answer may be sent compressed: HTML, not compressed already, and big enough to gain. */
const compressible = (contentType: unknown, contentEncoding: unknown, payload: unknown): payload is string | Buffer =>
  String(contentType ?? '').startsWith('text/html') && !contentEncoding && (typeof payload === 'string' || Buffer.isBuffer(payload)) && Buffer.byteLength(payload) >= MIN_BYTES;

/**
 * Sends every HTML page compressed when the browser accepts it (kept pages
 * come compressed already from the page cache, which keeps each encoding).
 */
export function compressPages(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!compressible(reply.getHeader('content-type'), reply.getHeader('content-encoding'), payload)) return payload;
    const encoding = pageEncoding(req.headers['accept-encoding']);
    if (!encoding) return payload;
    const encoded = await encodePage(payload, encoding);
    void reply.header('Content-Encoding', encoding).removeHeader('content-length');
    return encoded;
  });
}
