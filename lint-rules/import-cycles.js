// An import cycle rule that counts every import: values, types (`import type`,
// `export type … from`), re-exports and dynamic imports. import-x/no-cycle
// skips type-only imports and has no option to count them; a cycle of types
// is still two modules that cannot be understood (or moved) one without the other.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs'];

/** The file a relative specifier names, or undefined (packages, files that are not there). */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => resolve(base, `index${e}`))];
  if (extname(base) === '.js') candidates.push(base.slice(0, -3) + '.ts', base.slice(0, -3) + '.tsx');
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** Each file's resolved imports, kept while the file is unchanged. */
const graph = new Map();

function importsOf(file) {
  const mtime = statSync(file).mtimeMs;
  const kept = graph.get(file);
  if (kept && kept.mtime === mtime) return kept.imports;
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = [...new Set(importedFiles.map((f) => resolveImport(file, f.fileName)).filter(Boolean))];
  graph.set(file, { mtime, imports });
  return imports;
}

/** The shortest way from `start` back to `target` within `maxDepth` steps, as a list of files, or undefined. */
function wayBack(start, target, maxDepth) {
  const cameFrom = new Map([[start, undefined]]);
  let frontier = [start];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next = [];
    for (const file of frontier) {
      for (const imported of importsOf(file)) {
        if (imported === target) {
          const way = [file];
          for (let f = cameFrom.get(file); f; f = cameFrom.get(f)) way.unshift(f);
          return way;
        }
        if (cameFrom.has(imported)) continue;
        cameFrom.set(imported, file);
        next.push(imported);
      }
    }
    frontier = next;
  }
  return undefined;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles, type-only imports included.' },
    schema: [{ type: 'object', properties: { maxDepth: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    messages: { cycle: 'Import cycle: {{way}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    if (!existsSync(file)) return {};
    const maxDepth = context.options[0]?.maxDepth ?? Infinity;
    const root = context.cwd;
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const imported = resolveImport(file, source.value);
      if (!imported || imported === file) return;
      const way = wayBack(imported, file, maxDepth);
      if (way) context.report({ node, messageId: 'cycle', data: { way: [file, ...way, file].map((f) => relative(root, f)).join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
