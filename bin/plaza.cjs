#!/usr/bin/env node
// The `plaza` command's entry point: sizes Node's thread pool
// (threadpool.cjs), which only a CommonJS entry can do in time, then runs
// plaza.mjs.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry: require runs before anything else, as it must here.
require('./threadpool.cjs');
import('./plaza.mjs').catch((e) => {
  console.error(e);
  process.exit(1);
});
