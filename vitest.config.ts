import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
// The thread pool `plaza` asks for, set before the test workers start so that they (and the `plaza` processes they
// start) inherit it: no process can change its own once it has begun.
import './bin/threadpool.cjs';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files share each worker's loaded modules instead of loading Plaza again for each (about 300 s of imports in all).
    // Tests keep no state in shared modules: each starts its own Plaza, database and folders, and restores what it changes.
    isolate: false,
    // Two files at a time even on two cores (the default would be one): most files wait on DuckDB, Chromium or a child process.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default'],
  },
});
