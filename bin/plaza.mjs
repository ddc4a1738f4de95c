#!/usr/bin/env node
// The `plaza` command: runs the CLI compiled to JavaScript (dist/<stamp>/, built
// by `npm install`). When the sources changed since that build (an edit, a
// `git pull`), it builds again first; if that cannot be done, it runs the
// TypeScript through tsx's loader.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build, builtEntry } from '../scripts/build.mjs';

let entry = builtEntry();
if (!existsSync(entry)) entry = await build().catch(() => undefined);
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli.ts');
}
