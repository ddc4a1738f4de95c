#!/usr/bin/env node
// Adds lock-file entries for the other platforms' optional native packages
// (DuckDB bindings, the resolver of the import linter) when the registry this
// machine uses does not serve them: `npm install` then leaves them out, and
// `npm ci` refuses a lock that misses them. npm never downloads an entry whose
// os/cpu do not match the machine, so these entries need no URL.
// Usage: node scripts/complete-lock.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM = /(darwin|linux|win32|android|freebsd|openharmony)-(arm64|x64|ia32|arm|loong64|ppc64|riscv64|s390x)(?:-(\w+))?$/;

export function missingEntries(lock) {
  const out = {};
  for (const meta of Object.values(lock.packages)) {
    for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
      const path = `node_modules/${dep}`;
      const m = PLATFORM.exec(dep);
      if (lock.packages[path] || !m) continue;
      const [, os, cpu, suffix] = m;
      out[path] = { version, cpu: [cpu], optional: true, os: [os], ...(os === 'linux' ? { libc: [suffix?.includes('musl') ? 'musl' : 'glibc'] } : {}), ...(meta.dev ? { dev: true } : {}) };
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('../package-lock.json', import.meta.url);
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  const missing = missingEntries(lock);
  const names = Object.keys(missing);
  if (process.argv.includes('--check')) {
    if (names.length) {
      console.error(`package-lock.json misses ${names.length} optional platform packages; run: node scripts/complete-lock.mjs`);
      process.exit(1);
    }
  } else {
    Object.assign(lock.packages, missing);
    writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
    console.log(`added ${names.length} entries`);
  }
}
