import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Deps } from '../actions/deps.ts';
import { LocalBlobStore } from '../adapters/blob-local/blob-store.ts';
import { DuckTableEngine } from '../adapters/duckdb/engine.ts';
import { exportWriters } from '../adapters/export/index.ts';
import { LocalSourcePreparer } from '../adapters/files/prepare.ts';
import { SqliteCatalogStore } from '../adapters/sqlite/catalog-store.ts';
import type { Config } from '../config.ts';
import { JobWorker, type WorkerLog } from '../jobs/worker.ts';
import { systemClock } from '../ports/clock.ts';

export interface Plaza {
  config: Config;
  deps: Deps;
  worker: JobWorker;
  close(): Promise<void>;
}

const quiet: WorkerLog = { info: () => undefined, error: () => undefined };

/** Builds every adapter from the settings and wires them into the actions' dependencies. */
export async function createPlaza(config: Config, opts: { log?: WorkerLog; overrides?: Partial<Deps> } = {}): Promise<Plaza> {
  await mkdir(config.dataDir, { recursive: true });
  await mkdir(join(config.dataDir, 'tmp'), { recursive: true });
  const o = opts.overrides ?? {};
  const catalog = o.catalog ?? (await SqliteCatalogStore.open(join(config.dataDir, 'catalog.sqlite')));
  const engine = o.engine ?? (await DuckTableEngine.create({ threads: config.duckdbThreads, memoryLimit: config.duckdbMemory, tempDir: join(config.dataDir, 'tmp', 'duckdb') }));
  const wake = { worker: undefined as JobWorker | undefined };
  const deps: Deps = {
    catalog,
    blobs: new LocalBlobStore(config.dataDir),
    engine,
    preparer: new LocalSourcePreparer(),
    exportWriters,
    clock: systemClock,
    limits: { maxUploadBytes: config.maxUploadBytes, queryTimeoutMs: config.queryTimeoutMs, fetchTimeoutMs: config.fetchTimeoutMs },
    newId: randomUUID,
    notifyJobs: () => wake.worker?.wake(),
    ...opts.overrides,
  };
  const worker = new JobWorker(() => deps, opts.log ?? quiet);
  wake.worker = worker;
  return {
    config,
    deps,
    worker,
    async close() {
      await worker.stop();
      await deps.catalog.close();
      await deps.engine.close();
    },
  };
}
