import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createAdminToken } from '../../src/actions/auth/tokens.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { principalForToken } from '../../src/actions/auth/principal.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import type { Deps, Principal } from '../../src/actions/deps.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Job } from '../../src/domain/catalog/types.ts';
import { createPlaza, type Plaza } from '../../src/main/container.ts';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
export const fixture = (rel: string): string => join(FIXTURES, rel);

export interface TestPlaza {
  plaza: Plaza;
  deps: Deps;
  /** The site administrator, through an API token with every scope. */
  admin: Principal;
  token: string;
  dir: string;
  /** Creates a dataset from a file, waits for its ingest and publishes it. */
  load(path: string, opts?: { title?: string; slug?: string; options?: Record<string, unknown>; filename?: string }): Promise<{ slug: string; job: Job }>;
  /** Adds a file as a new version of an existing dataset and waits. */
  addVersion(slug: string, path: string, options?: Record<string, unknown>, filename?: string): Promise<Job>;
  close(): Promise<void>;
}

/** A real Plaza on a temporary data folder, its worker running. */
export async function startTestPlaza(overrides: Partial<Deps> = {}, settings: Partial<Config> = {}): Promise<TestPlaza> {
  const dir = await mkdtemp(join(tmpdir(), 'plaza-test-'));
  const plaza = await createPlaza(loadConfig({}, { dataDir: dir, demo: false, logLevel: 'silent', duckdbThreads: 2, duckdbMemory: '1GB', allowPrivateUrls: true, ...settings }), { overrides });
  await plaza.worker.start();
  const { token } = await createAdminToken(plaza.deps, 'test');
  const admin = await principalForToken(plaza.deps, token);
  let n = 0;
  const addVersion = async (slug: string, path: string, options: Record<string, unknown> = {}, filename?: string) => {
    const { job } = await addResource(plaza.deps, admin, slug, { file: createReadStream(path), filename: filename ?? basename(path) }, options);
    return waitForJob(plaza.deps, job.id);
  };
  return {
    plaza,
    deps: plaza.deps,
    admin,
    token,
    dir,
    async load(path, opts = {}) {
      n++;
      const ds = await createDataset(plaza.deps, admin, {
        title: opts.title ?? `${basename(path)} ${n}`,
        organization: 'Test Department',
        description: `Loaded from ${basename(path)}.`,
        license: 'cc-by-4.0',
        ...(opts.slug ? { slug: opts.slug } : {}),
      }, { createOrganization: true });
      const job = await addVersion(ds.slug, path, opts.options ?? {}, opts.filename);
      // Some test files are empty on purpose: publishing them is confirmed.
      await changeStatus(plaza.deps, admin, ds.id, { status: 'published', confirm_empty: true });
      return { slug: ds.slug, job };
    },
    addVersion,
    async close() {
      await plaza.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
