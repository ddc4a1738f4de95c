#!/usr/bin/env node
// Runs one TypeScript file (a benchmark or a script) through tsx's loader.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const file = process.argv[2];
if (!file) {
  console.error('usage: run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
register();
process.argv.splice(2, 1);
await import(pathToFileURL(resolve(file)).href);
