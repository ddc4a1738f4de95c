/**
 * Two real Plazas for tests that must give the same answer either way a
 * delimited file is loaded: staged whole, and written straight from the file
 * (every file takes that path in the second: its threshold is 0 bytes).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { DuckTableEngine } from '../../src/adapters/duckdb/engine.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

export const PATHS = ['staged', 'written from the file'] as const;
export type IngestPath = (typeof PATHS)[number];

export interface BothPaths {
  staged: TestPlaza;
  direct: TestPlaza;
  plaza(path: IngestPath): TestPlaza;
  close(): Promise<void>;
}

export async function startBothPaths(): Promise<BothPaths> {
  const staged = await startTestPlaza();
  const direct = await startTestPlaza({ engine: await DuckTableEngine.create({ threads: 2, directWriteBytes: 0 }) });
  return {
    staged,
    direct,
    plaza: (path) => (path === 'staged' ? staged : direct),
    async close() {
      await staged.close();
      await direct.close();
    },
  };
}

/** Writes text as a file in the Plaza's folder, loads it as a new dataset, and returns the dataset's detail too. */
export async function loadText(t: TestPlaza, name: string, data: string, options: Record<string, unknown> = {}) {
  const path = join(t.dir, name);
  await writeFile(path, data);
  const { slug, job } = await t.load(path, { options });
  return { slug, job, detail: await getDataset(t.deps, t.admin, slug) };
}
