import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawDemoPictures, seedDemoShowcases, type DemoShowcase } from '../../src/actions/showcases/demo-showcases.ts';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import { loadDemoDataset } from '../support/demo-data.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const entries = JSON.parse(readFileSync(join(DEMO_DIR, 'showcases.json'), 'utf8')) as DemoShowcase[];
const demoSlugs = (JSON.parse(readFileSync(join(DEMO_DIR, 'datasets.json'), 'utf8')) as Array<{ slug: string }>).map((d) => d.slug);

let t: TestPlaza;
beforeAll(async () => {
  t = await startTestPlaza();
  for (const slug of ['daily-shelter-census', 'bike-counts-2012']) await loadDemoDataset(t, slug);
}, 120_000);
afterAll(() => t.close());

describe('the demo showcases', () => {
  it('are at least five, of several kinds, each using demo datasets', () => {
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(new Set(entries.map((e) => e.kind)).size).toBeGreaterThanOrEqual(5);
    for (const e of entries) for (const d of e.datasets) expect(demoSlugs).toContain(d);
  });

  it('are approved and get pictures drawn from the demo charts, without downloading anything', async () => {
    const mine = entries.filter((e) => ['daily-shelter-census', 'bike-counts-2012'].includes(e.datasets[0]!));
    expect(mine).toHaveLength(2);
    const seeded = await seedDemoShowcases(t.deps, t.admin, mine);
    const page = await t.deps.catalog.showcases.listShowcases({ states: ['approved'], limit: 10, offset: 0 });
    expect(page.total).toBe(2);
    expect(await drawDemoPictures(t.deps, t.admin, seeded, { waitMs: 30_000, pollMs: 100 })).toBe(2);
    for (const s of seeded) {
      const kept = await t.deps.catalog.showcases.getShowcase(s.id);
      expect(kept?.image).toBe(`showcases/${s.id}`);
      const meta = await sharp(await readFile(await t.deps.blobs.localPath(t.deps.images.key(kept!.image!, 640)))).metadata();
      expect([meta.format, meta.width]).toEqual(['webp', 640]);
    }
  }, 60_000);
});
