#!/usr/bin/env node
// Compiles the `plaza` command to JavaScript in dist/<stamp>/, so that it
// starts without compiling TypeScript. Run by `npm install` (the `prepare`
// script) and by bin/plaza.mjs when the sources changed since the last build.
//
// The stamp names the build: a hash of every source file's path, size and
// modification time (and of this script), so an edit, a `git pull` or a
// checkout makes a new stamp and the next run builds again.
import { randomBytes, createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KEEP = 3;

/**
 * Packages loaded from node_modules as they are: native code, and large
 * packages only some commands use. The rest (plain JavaScript: zod, Kysely,
 * Preact, DuckDB's JavaScript API, the decoders) is bundled, which saves Node
 * resolving and compiling a few hundred files at every start.
 */
const EXTERNAL = ['@duckdb/node-bindings', '@duckdb/node-bindings-*', 'better-sqlite3', 'pg', 'fastify', '@fastify/*', 'nodemailer', 'exceljs', 'undici', 'esbuild', 'tsx', 'tsx/*', 'sharp', '@aws-sdk/*', 'pino'];

/** The stamp of the sources under `root`: changes whenever a file under src/ is added, removed or edited. */
export function sourceStamp(root = ROOT) {
  const h = createHash('sha256');
  // A walk by hand: faster than readdirSync's own `recursive`, and this runs before every command.
  const walk = (rel) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else add(path);
    }
  };
  const add = (rel) => {
    const s = statSync(join(root, rel), { throwIfNoEntry: false });
    if (s?.isFile()) h.update(`${rel}\0${s.size}\0${s.mtimeMs}\n`);
  };
  walk('src');
  add('scripts/build.mjs');
  return h.digest('hex').slice(0, 16);
}

/** The entry file of the build for `stamp`, whether or not it exists. */
export function builtEntry(root = ROOT, stamp = sourceStamp(root)) {
  return join(root, 'dist', stamp, 'cli.js');
}

/**
 * Bundled code runs from dist/<stamp>/, not from its source file: each
 * `import.meta.url` and `import.meta.dirname` in src/ is rewritten to name the
 * source file's own place, so locales/, demo/ and src/client are found as before.
 */
function sourcePlaces(root, outDepth) {
  const up = '../'.repeat(outDepth);
  return {
    name: 'source-places',
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.')) return undefined;
        const rel = relative(root, args.path).split('\\').join('/');
        const url = `new URL(${JSON.stringify(up + rel)}, import.meta.url).href`;
        const dir = `(import.meta.dirname + ${JSON.stringify('/' + up + dirname(rel))})`;
        const contents = text.replaceAll('import.meta.url', url).replaceAll('import.meta.dirname', dir);
        return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Whether a package stays a package import (`EXTERNAL`; a trailing `*` matches any rest). */
function isExternal(name) {
  return EXTERNAL.some((e) => (e.endsWith('*') ? name.startsWith(e.slice(0, -1)) : name === e));
}

/** Whether a package is CommonJS only (no ES module build for `import`). */
function commonJsOnly(root, name) {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
    return pkg.type !== 'module' && !JSON.stringify(pkg.exports ?? {}).includes('"import"') && !pkg.module;
  } catch {
    return false;
  }
}

/**
 * External CommonJS packages are loaded with `require`, as Node would for
 * CommonJS code: imported from an ES module, Node first scans each file (and
 * every file it re-exports) for its export names, which costs more than
 * loading them.
 */
function requireCommonJs(root) {
  const cache = new Map();
  return {
    name: 'require-commonjs',
    setup(b) {
      b.onResolve({ filter: /^[@a-z]/ }, (args) => {
        if (args.namespace === 'require-commonjs') return { path: args.path, external: true };
        if (args.kind !== 'import-statement') return undefined;
        const name = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
        if (name !== args.path || !isExternal(name)) return undefined;
        if (!cache.has(name)) cache.set(name, commonJsOnly(root, name));
        return cache.get(name) ? { path: name, namespace: 'require-commonjs' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'require-commonjs' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/** Builds dist/<stamp>/ (into a temporary folder first, so parallel runs never see half a build); returns its entry. */
export async function build(root = ROOT) {
  const { build: esbuild } = await import('esbuild');
  const stamp = sourceStamp(root);
  const dist = join(root, 'dist');
  const target = join(dist, stamp);
  const tmp = join(dist, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await esbuild({
      entryPoints: { cli: join(root, 'src/main/cli.ts') },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Every dependency stays a package import: native ones (DuckDB, SQLite) cannot be bundled, and none needs to be.
      external: EXTERNAL,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      keepNames: true,
      sourcemap: 'linked',
      entryNames: '[name]',
      chunkNames: 'chunk-[hash]',
      logLevel: 'silent',
      plugins: [requireCommonJs(root), sourcePlaces(root, 2)],
      banner: { js: "import { createRequire as __plazaRequire } from 'node:module'; const require = __plazaRequire(import.meta.url);" },
    });
    try {
      renameSync(tmp, target);
    } catch (e) {
      // Another process built the same stamp first.
      if (!statSync(join(target, 'cli.js'), { throwIfNoEntry: false })) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  prune(dist, stamp);
  return join(target, 'cli.js');
}

/** Keeps the newest few builds: a process started from an older one may still load its chunks. */
function prune(dist, current) {
  const olds = readdirSync(dist, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== current && !d.name.startsWith('.'))
    .map((d) => ({ path: join(dist, d.name), at: statSync(join(dist, d.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of olds.slice(KEEP - 1)) rmSync(old.path, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const entry = await build();
  process.stdout.write(`plaza: built ${relative(ROOT, entry)} in ${Math.round(performance.now() - started)} ms\n`);
}
