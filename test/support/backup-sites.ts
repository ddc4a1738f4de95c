import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { principalForToken } from '../../src/actions/auth/principal.ts';
import { createAdminToken } from '../../src/actions/auth/tokens.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { commentOnProblem } from '../../src/actions/community/comment-problem.ts';
import { commentOnRequest } from '../../src/actions/community/comment-request.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { postRequest } from '../../src/actions/community/post-request.ts';
import { voteForProblem } from '../../src/actions/community/vote-problem.ts';
import { voteForRequest } from '../../src/actions/community/vote-request.ts';
import type { Deps, Principal } from '../../src/actions/deps.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { approveShowcase } from '../../src/actions/showcases/approve-showcase.ts';
import { submitShowcase } from '../../src/actions/showcases/submit-showcase.ts';
import { loadConfig, type Config, type S3Settings } from '../../src/config.ts';
import { createPlaza, type Plaza } from '../../src/main/container.ts';
import { makePerson } from './people.ts';
import { fixture, type TestPlaza } from './plaza.ts';
import { onServer, POSTGRES_TEST_URL, withDatabase } from './stores.ts';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';

/** A site's settings on a data folder (and a PostgreSQL database) of its own, not yet opened. */
export interface SiteSettings {
  config: Config;
  /** Opens the site as `plaza serve` would (its worker started). */
  open(): Promise<Plaza>;
  /** Deletes its data folder and database. */
  drop(): Promise<void>;
}


/** New, empty site settings: SQLite in its data folder, or a new PostgreSQL database; files in the folder or under a fresh S3 prefix. */
export async function newSite(store: 'sqlite' | 'postgres', s3?: S3Settings): Promise<SiteSettings> {
  const dataDir = await mkdtemp(join(tmpdir(), 'plaza-backup-site-'));
  let databaseUrl: string | undefined;
  let database: string | undefined;
  if (store === 'postgres') {
    database = `plaza_test_${randomBytes(6).toString('hex')}`;
    await onServer(`CREATE DATABASE ${database}`);
    databaseUrl = withDatabase(POSTGRES_TEST_URL, database);
  }
  const config = loadConfig({}, { dataDir, demo: false, logLevel: 'silent', duckdbThreads: 1, duckdbMemory: '512MB', allowPrivateUrls: true, databaseUrl, s3: s3 ? { ...s3, prefix: `${randomBytes(4).toString('hex')}/` } : undefined });
  return {
    config,
    async open() {
      const plaza = await createPlaza(config);
      await plaza.worker.start();
      return plaza;
    },
    async drop() {
      await rm(dataDir, { recursive: true, force: true });
      if (database) await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

/** What the content of a site is, as readers and the API see it: compared before a backup and after its restore. */
export async function contentOf(deps: Deps, admin: Principal): Promise<Record<string, unknown>> {
  const { results: datasets } = await deps.catalog.datasets.listDatasets({ limit: 1000, offset: 0 });
  const ds = [];
  for (const d of [...datasets].sort((a, b) => a.slug.localeCompare(b.slug))) {
    const versions = [];
    for (const v of (await deps.catalog.datasets.listVersions(d.id)).sort((a, b) => a.number - b.number)) {
      // Each version's rows counted by the engine from its Parquet file in the blob store.
      const records = v.status === 'ready' ? (await queryRecords(deps, admin, d.slug, { limit: 1 }, v.number)).total : null;
      versions.push({ id: v.id, number: v.number, status: v.status, records });
    }
    ds.push({ id: d.id, slug: d.slug, title: d.title, status: d.status, organizationId: d.organizationId, versions, resources: (await deps.catalog.datasets.listResources(d.id)).length });
  }
  const { results: users } = await deps.catalog.accounts.listUsers({ limit: 1000, offset: 0 });
  const problems = (await deps.catalog.problems.listProblems({ sort: 'newest', includeHidden: true, limit: 1000, offset: 0 })).results;
  const requests = (await deps.catalog.requests.listRequests({ sort: 'newest', includeHidden: true, limit: 1000, offset: 0 })).results;
  const showcases = (await deps.catalog.showcases.listShowcases({ states: ['pending', 'approved', 'rejected'], limit: 1000, offset: 0 })).results;
  const blobs: Array<{ key: string; size: number }> = [];
  for await (const b of deps.blobs.list()) blobs.push(b);
  return {
    organizations: (await deps.catalog.datasets.listOrganizations()).map((o) => o.slug).sort(),
    datasets: ds,
    accounts: users.map((u) => ({ id: u.id, email: u.email, name: u.name, passwordHash: u.passwordHash, admin: u.isSiteAdmin })).sort((a, b) => a.id.localeCompare(b.id)),
    problems: await Promise.all(problems.map(async (p) => ({ id: p.id, title: p.title, votes: p.votes, status: p.status, comments: (await deps.catalog.problems.listComments(p.id, true)).map((c) => c.body) }))),
    requests: await Promise.all(requests.map(async (r) => ({ id: r.id, title: r.title, votes: r.votes, comments: (await deps.catalog.requests.listRequestComments(r.id, true)).map((c) => c.body) }))),
    showcases: showcases.map((s) => ({ id: s.id, title: s.title, state: s.state, image: s.image })),
    blobs: blobs.sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** The first administrator's principal on an opened site, through a new API token. */
export async function adminOf(deps: Deps): Promise<{ principal: Principal; token: string }> {
  const { token } = await createAdminToken(deps, 'backup test');
  return { principal: await principalForToken(deps, token), token };
}

/**
 * Fills an opened site with real content: two datasets from real city files,
 * one with two versions; three accounts; a problem with votes and comments;
 * a request with a vote and a comment; an approved showcase with a picture.
 */
export async function fillSite(plaza: Plaza, admin: Principal): Promise<void> {
  const deps = plaza.deps;
  const t = { deps } as TestPlaza;
  const addVersion = async (slug: string, file: string) => {
    const { job } = await addResource(deps, admin, slug, { file: createReadStream(fixture(file)), filename: basename(file) }, {});
    const done = await waitForJob(deps, job.id);
    if (done.status !== 'succeeded') throw new Error(`Loading ${file} failed: ${JSON.stringify(done.errors)}`);
  };
  const covid = await createDataset(deps, admin, { title: 'COVID-19 by ZIP code', slug: 'covid', organization: 'Health', description: 'Cases by ZIP code.', license: 'cc-by-4.0' }, { createOrganization: true });
  await addVersion(covid.slug, 'tabular/nyc_dohmh_covid_totals_by_modzcta.csv');
  await addVersion(covid.slug, 'tabular/montreal_bike_counts_2012.csv');
  await changeStatus(deps, admin, covid.id, { status: 'published' });
  const pantries = await createDataset(deps, admin, { title: 'Food pantries', slug: 'pantries', organization: 'Social Services', description: 'Where to find food.', license: 'cc-by-4.0' }, { createOrganization: true });
  await addVersion(pantries.slug, 'tabular/nyc_hra_efap_food_pantries_2024-11.csv');
  await changeStatus(deps, admin, pantries.id, { status: 'published' });
  const ana = await makePerson(t, { name: 'Ana' });
  const ben = await makePerson(t, { name: 'Ben' });
  const problem = await postProblem(deps, ana.principal, { title: 'Broken streetlights on Lenox Avenue', description: 'Three streetlights between 125th and 127th have been out for a month.', affected: 'People walking home after dark', category: 'safety', place: { kind: 'point', lat: 40.8075, lon: -73.9465 } });
  await voteForProblem(deps, ben.principal, problem.id);
  await voteForProblem(deps, admin, problem.id);
  await commentOnProblem(deps, ben.principal, problem.id, { body: 'Same on 126th, since October.' });
  const request = await postRequest(deps, ben.principal, { title: 'Street tree plantings', description: 'Where the city plants street trees, and when.' });
  await voteForRequest(deps, ana.principal, request.id);
  await commentOnRequest(deps, ana.principal, request.id, { body: 'With the species, please.' });
  const picture = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2a6' } }).png().toBuffer();
  const showcase = await submitShowcase(deps, ana.principal, { title: 'Pantry finder', kind: 'app', description: 'Finds the nearest food pantry.', link: 'https://example.org/pantries', madeBy: 'Ana', imageAlt: 'A map of the city with the nearest pantry marked.', datasets: ['pantries'] }, picture);
  await approveShowcase(deps, admin, showcase.id);
}
