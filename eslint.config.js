// Lint rules: TypeScript's recommended set, no import cycles (type imports
// included), and the layer
// boundaries of docs/ARCHITECTURE.md.
import tseslint from 'typescript-eslint';
import plaza from './lint-rules/import-cycles.js';

/** Imports a layer may not make: `forbidden` for the layer's reason, `more` with reasons of their own. */
const layer = (from, forbidden, why, more = []) => ({
  files: [`src/${from}/**/*.ts`, `src/${from}/**/*.tsx`],
  rules: {
    'no-restricted-imports': ['error', { patterns: [...forbidden.map((group) => ({ group: [group], message: why })), ...more] }],
  },
});

/** Files are read and written through ports (ScratchSpace, BlobStore, SourcePreparer, TableEngine), never by actions. */
const noFiles = { group: ['fs', 'fs/*', 'node:fs', 'node:fs/*'], message: 'actions reach files through ports (ScratchSpace, BlobStore, SourcePreparer, TableEngine), never through fs.' };

/** Who may see and do what is decided by actions; HTTP, pages and the CLI ask them. */
const noPolicy = { group: ['**/domain/accounts/policy', '**/domain/accounts/policy.ts'], message: 'decisions of who may see and do what belong to actions: call one.' };

/** HTTP, pages, the CLI and the job workers reach the catalog through actions: `deps.catalog`, `ctx.deps.catalog`, `this.deps().catalog` and `const { catalog } = deps` are refused. */
const catalogMessage = 'HTTP, pages, the CLI and the job workers reach the catalog through actions, never through deps.catalog.';
const noCatalog = [
  "MemberExpression[computed=false][object.name='deps'][property.name='catalog']",
  "MemberExpression[computed=false][object.type='MemberExpression'][object.property.name='deps'][property.name='catalog']",
  "VariableDeclarator:matches([init.name='deps'], [init.property.name='deps']) > ObjectPattern.id > Property[key.name='catalog']",
  "Property[key.name='deps'] > ObjectPattern.value > Property[key.name='catalog']",
  "MemberExpression[computed=false][object.type='CallExpression'][object.callee.property.name='deps'][property.name='catalog']",
].map((selector) => ({ selector, message: catalogMessage }));

export default tseslint.config(
  // test/lint/cycle-sample-*: files the lint test writes and lints itself while it runs.
  { ignores: ['node_modules/**', 'data/**', 'scratch/**', 'bench/out/**', 'dist/**', 'docs/**', 'test/lint/cycle-sample-*/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { plaza },
    rules: {
      // Counts type-only imports too, which import-x/no-cycle cannot (lint-rules/import-cycles.js).
      'plaza/no-import-cycle': ['error', { maxDepth: 12 }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer('domain', ['**/adapters/**', '**/http/**', '**/actions/**', '**/ports/**', '**/main/**', '**/cli/**', '**/jobs/**', 'node:*', 'fs', 'path'], 'domain/ holds pure rules: no I/O, no adapters, no HTTP.'),
  layer('ports', ['**/adapters/**', '**/http/**', '**/actions/**', '**/main/**'], 'ports/ are interfaces only.'),
  layer('adapters', ['**/http/**', '**/actions/**', '**/main/**', '**/cli/**', '**/jobs/**'], 'adapters implement ports; they never reach into HTTP or actions.'),
  layer('actions', ['**/adapters/**', '**/http/**', '**/main/**', '**/cli/**', '../../jobs/**'], 'actions talk to ports, never to adapters, HTTP or the processes that run them.', [noFiles]),
  layer('http', ['**/adapters/**', '**/main/**', '**/cli/**'], 'HTTP goes through actions; it never touches adapters.', [noPolicy]),
  layer('cli', ['**/adapters/**', '**/http/**', '**/main/**', '../jobs/**'], 'The CLI goes through actions, with their dependencies; it never reaches the container.', [noPolicy]),
  { files: ['src/http/**/*.ts', 'src/http/**/*.tsx', 'src/cli/**/*.ts', 'src/jobs/**/*.ts'], rules: { 'no-restricted-syntax': ['error', ...noCatalog] } },
  layer('client', ['**/adapters/**', '**/http/**', '**/actions/**', '**/ports/**', '**/main/**', '**/cli/**', '**/jobs/**', 'node:*'], 'client/ runs in the browser: it may share pure domain code, nothing else.'),
  layer('jobs', ['**/adapters/**', '**/http/**', '**/main/**'], 'Jobs call actions.'),
  { files: ['test/**/*.ts', 'test/**/*.tsx', 'bench/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
