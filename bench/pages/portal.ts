/**
 * What the page benchmarks (parts 6 and 7) share: a real Plaza started in
 * process on a temp data folder with demo data, the median, and writing one
 * part's own section of bench/RESULTS.md between its markers.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../src/actions/deps.ts';
import { principalForToken } from '../../src/actions/auth/principal.ts';
import { createAdminToken } from '../../src/actions/auth/tokens.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { DEMO_DIR, loadDemoOnce } from '../../src/cli/demo.ts';
import { loadConfig } from '../../src/config.ts';
import { Assets } from '../../src/http/assets/bundles.ts';
import { buildApp } from '../../src/http/app.ts';
import { createPlaza } from '../../src/main/container.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RESULTS = join(ROOT, 'bench/RESULTS.md');
export const NOTES_MARKER = '<!-- notes: written by hand, kept when the benchmark rewrites this file -->';

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};

export interface Portal {
  /** e.g. http://127.0.0.1:41234 */
  base: string;
  deps: Deps;
  assets: Assets;
  app: FastifyInstance;
  /** Slugs of the datasets loaded, in load order. */
  slugs: string[];
  close(): Promise<void>;
}

/**
 * Starts Plaza on a fresh temp data folder, listening on loopback, with either
 * the named demo files (each a published dataset titled after its file) or,
 * with `'demo city'`, the whole demo city as `plaza start` loads it
 * (demo/datasets.json, with its slugs and metadata). Returns once every dataset
 * has its data.
 */
export async function startPortal(data: string[] | 'demo city', siteName = 'Bench City'): Promise<Portal> {
  const dir = await mkdtemp(join(tmpdir(), 'plaza-bench-pages-'));
  const plaza = await createPlaza(loadConfig({}, { dataDir: dir, demo: false, logLevel: 'silent' }));
  await plaza.worker.start();
  const admin = await principalForToken(plaza.deps, (await createAdminToken(plaza.deps, 'bench')).token);
  const slugs: string[] = [];
  if (data === 'demo city') {
    await loadDemoOnce(plaza.deps, admin, dir);
    const entries = JSON.parse(await readFile(join(DEMO_DIR, 'datasets.json'), 'utf8')) as { slug: string }[];
    slugs.push(...entries.map((e) => e.slug));
    // The demo loader queues the ingests; wait until each dataset has a live version.
    for (let i = 0; ; i++) {
      const { results } = await plaza.deps.catalog.datasets.listDatasets({ limit: 100, offset: 0 });
      if (results.length >= entries.length && results.every((d) => d.liveVersionId)) break;
      if (i > 1500) throw new Error('the demo datasets were not all ingested within 5 minutes');
      await new Promise((r) => setTimeout(r, 200));
    }
  } else {
    for (const file of data) {
      const d = await createDataset(plaza.deps, admin, { title: file.replace(/\.csv\.gz$/, '').replace(/_/g, ' '), organization: 'Bench', description: 'Benchmark data.', license: 'cc0-1.0', keywords: ['bench'] }, { createOrganization: true });
      const { job } = await addResource(plaza.deps, admin, d.id, { file: createReadStream(join(DEMO_DIR, file)), filename: file });
      await waitForJob(plaza.deps, job.id);
      await changeStatus(plaza.deps, admin, d.id, { status: 'published' });
      slugs.push(d.slug);
    }
  }
  const assets = new Assets();
  const app = await buildApp({ deps: plaza.deps, siteName, baseUrl: 'http://127.0.0.1', assets }, { logLevel: 'silent' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base,
    deps: plaza.deps,
    assets,
    app,
    slugs,
    close: async () => {
      await app.close();
      await plaza.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes one part's section (which starts with `begin` and ends with `end`)
 * into bench/RESULTS.md: in place of its previous text, else right after the
 * marker `after` (the end marker of the section it follows) when given and
 * found, else just before the hand-notes marker, else at the end. Everything
 * else in the file is kept.
 */
export async function writeSection(begin: string, end: string, section: string, after?: string): Promise<void> {
  const text = await readFile(RESULTS, 'utf8').catch(() => '# Plaza benchmark results\n');
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  const c = after ? text.indexOf(after) : -1;
  const next =
    a >= 0 && b > a
      ? text.slice(0, a) + section + text.slice(b + end.length)
      : c >= 0
        ? `${text.slice(0, c + after!.length)}\n\n${section}${text.slice(c + after!.length)}`
        : text.includes(NOTES_MARKER)
          ? text.replace(NOTES_MARKER, `${section}\n\n${NOTES_MARKER}`)
          : `${text.trimEnd()}\n\n${section}\n`;
  await writeFile(RESULTS, next);
}
