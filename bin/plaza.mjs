#!/usr/bin/env node
// The `plaza` command: runs the CLI compiled to JavaScript (dist/<stamp>/, built
// by `npm install`). When the sources changed since that build (an edit, a
// `git pull`), it builds again first. If that cannot be done, a development
// checkout (with tsx, a development dependency) runs the TypeScript through
// tsx's loader; anywhere else the command stops and says why.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build, builtEntry } from '../scripts/build.mjs';

let entry = builtEntry();
let failure;
if (!existsSync(entry)) entry = await build().catch((e) => ((failure = e), undefined));
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const tsx = await import('tsx/esm/api').catch(() => undefined);
  if (!tsx) {
    console.error(`plaza: the command could not be built (${failure instanceof Error ? failure.message : String(failure)}). Run \`npm install\` in ${new URL('..', import.meta.url).pathname} and try again.`);
    process.exit(1);
  }
  tsx.register();
  await import('../src/main/cli.ts');
}
