/**
 * The Plaza peer of the harvest benchmark: a data folder holding generated
 * datasets, all published and public, loaded through the catalog store as
 * the catalog benchmark loads them (fast, no ingest), then served by
 * peer-child.ts in its own process.
 */
import type { Deps } from '../../src/actions/deps.ts';
import { loadConfig } from '../../src/config.ts';
import { createPlaza } from '../../src/main/container.ts';
import { generateCatalog, Picker, random } from '../catalog/generate.ts';
import { load } from '../catalog/search.ts';
import { HARVEST_SEED } from './generate.ts';


/** `n` generated datasets, every one published and public (what a peer shows), into a fresh data folder; seconds taken. */
export async function preparePeer(dataDir: string, n: number): Promise<number> {
  const catalog = generateCatalog(n, HARVEST_SEED);
  for (const g of catalog.datasets) {
    g.dataset.status = 'published';
    g.dataset.accessLevel = 'public';
    g.dataset.publishedAt ??= g.dataset.createdAt;
  }
  const plaza = await createPlaza(loadConfig({}, { dataDir, demo: false, logLevel: 'silent' }));
  try {
    return await load(plaza.deps.catalog, catalog);
  } finally {
    await plaza.close();
  }
}

/** Edits `fraction` of the peer's datasets (title, description, modification time) through its store, as a publisher would; the ids changed. */
export async function changePeer(deps: Deps, fraction: number, seed: number): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { results } = await deps.catalog.datasets.listDatasets({ limit: 1000, offset });
    ids.push(...results.map((d) => d.id));
    if (results.length < 1000) break;
  }
  const p = new Picker(random(seed));
  const picked = p.some(ids.sort(), Math.max(1, Math.round(ids.length * fraction)));
  const now = new Date().toISOString();
  await deps.catalog.transaction(async (tx) => {
    for (const id of picked) {
      const d = await tx.datasets.getDataset(id);
      if (!d) throw new Error(`the peer has no dataset ${id}`);
      await tx.datasets.updateDataset(id, { title: `${d.title} (revised)`, description: `${d.description} Revised on ${now.slice(0, 10)}.`, updatedAt: now });
    }
  });
  return picked;
}
