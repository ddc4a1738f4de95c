import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import type { TestPlaza } from './plaza.ts';

/** One demo dataset's entry in demo/datasets.json: its file and its metadata in the API's field names. */
export interface DemoEntry extends Record<string, unknown> {
  file: string;
  slug: string;
  title: string;
  organization: string;
  description: string;
}

export const demoEntry = (slug: string): DemoEntry => {
  const entries = JSON.parse(readFileSync(join(DEMO_DIR, 'datasets.json'), 'utf8')) as DemoEntry[];
  const e = entries.find((x) => x.slug === slug);
  if (!e) throw new Error(`demo/datasets.json has no dataset "${slug}".`);
  return e;
};

/** Loads one of the demo city's datasets with its metadata, as `plaza start` does, and publishes it. */
export async function loadDemoDataset(t: TestPlaza, slug: string): Promise<DemoEntry> {
  const e = demoEntry(slug);
  const { file, ...metadata } = e;
  const dataset = await createDataset(t.deps, t.admin, metadata, { createOrganization: true });
  await t.addVersion(dataset.slug, join(DEMO_DIR, file));
  await changeStatus(t.deps, t.admin, dataset.id, { status: 'published' });
  return e;
}
