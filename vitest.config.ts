import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';


// The test workers (and the `plaza` processes they start) inherit the thread pool `plaza` asks for (bin/threadpool.cjs):
// set here, before they start, as no process can change its own once it has begun.
process.env.UV_THREADPOOL_SIZE ??= '16';

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
