import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';
import { stylesheet, type StyleFile } from './stylesheet.ts';

/** The browser bundles, by name: each is one entry file under src/client/. */
export const ENTRIES: Record<string, string> = {
  enhance: 'enhance.ts',
  map: 'map.tsx',
  upload: 'upload.tsx',
  progress: 'progress.ts',
  chart: 'chart.tsx',
  table: 'table.tsx',
  pick: 'pick-point.ts',
};

export interface Bundle {
  /** The URL path, with a content hash so it can be cached for ever. */
  path: string;
  js: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

const CLIENT_DIR = resolve(import.meta.dirname, '../../client');

async function bundle(name: string, entry: string): Promise<Bundle> {
  const out = await build({
    entryPoints: [join(CLIENT_DIR, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
  });
  const js = Buffer.from(out.outputFiles[0]!.contents);
  const hash = createHash('sha256').update(js).digest('hex').slice(0, 12);
  return {
    path: `/assets/${name}.${hash}.js`,
    js,
    gzip: gzipSync(js, { level: 9 }),
    brotli: brotliCompressSync(js, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

const packed = new WeakMap<StyleFile, Bundle>();

/** A stylesheet file (the CSS, an icon), compressed the first time it is asked for. */
function compressed(f: StyleFile): Bundle {
  let b = packed.get(f);
  if (!b) {
    b = { path: f.path, js: f.bytes, gzip: gzipSync(f.bytes, { level: 9 }), brotli: brotliCompressSync(f.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) };
    packed.set(f, b);
  }
  return b;
}

/**
 * Builds the browser bundles once, the first time a page asks for them, and
 * serves them compressed with a year-long cache: their names change when
 * their content does.
 */
export class Assets {
  private built: Promise<Map<string, Bundle>> | undefined;

  private all(): Promise<Map<string, Bundle>> {
    this.built ??= Promise.all(Object.entries(ENTRIES).map(async ([name, entry]) => [name, await bundle(name, entry)] as const)).then((pairs) => new Map(pairs));
    return this.built;
  }

  /** The URL of a bundle, for a page's script tag. */
  async url(name: keyof typeof ENTRIES): Promise<string> {
    const b = (await this.all()).get(name);
    if (!b) throw new Error(`There is no browser bundle called ${name}.`);
    return b.path;
  }

  /** Every bundle, for size budgets and the benchmark. */
  async list(): Promise<Bundle[]> {
    return [...(await this.all()).values()];
  }

  routes(app: FastifyInstance): void {
    app.get('/assets/:file', async (req, reply) => {
      const file = (req.params as { file: string }).file;
      const style = stylesheet().files.get(`/assets/${file}`);
      const b = style ? compressed(style) : [...(await this.all()).values()].find((x) => x.path === `/assets/${file}`);
      if (!b) return reply.status(404).header('Content-Type', 'text/plain; charset=utf-8').send('No such asset.');
      const accepts = String(req.headers['accept-encoding'] ?? '');
      void reply.header('Content-Type', style?.type ?? 'text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=31536000, immutable').header('Vary', 'Accept-Encoding');
      if (/\bbr\b/.test(accepts)) return reply.header('Content-Encoding', 'br').send(b.brotli);
      if (/\bgzip\b/.test(accepts)) return reply.header('Content-Encoding', 'gzip').send(b.gzip);
      return reply.send(b.js);
    });
  }
}
