/**
 * What the scale-out benchmark's load reads and writes, made the same way on
 * both setups: datasets uploaded over HTTP (so their files go where that
 * setup keeps files: the bucket, or the data folder) and published; problems
 * and residents with API tokens made through the actions on the setup's
 * catalog (PostgreSQL or the SQLite file).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { register } from '../../src/actions/accounts/register.ts';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { createAdminToken, createToken } from '../../src/actions/auth/tokens.ts';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { TOKEN_SCOPES } from '../../src/domain/accounts/types.ts';
import { createPlaza } from '../../src/main/container.ts';
import { api, jobDone, upload } from '../../test/scale/cluster.ts';
import { generateInventory } from '../problems/generate.ts';

/** The big dataset the records queries and exports read: the subway stop times (446,924 rows) when the shared input is here. */
const STOP_TIMES = resolve(import.meta.dirname, '../../../shared/data/bench/nyc_subway_stop_times.csv.gz');
/** The demo city's tables, for the catalog search and dataset pages. */
export const CATALOG_FILES = [
  'nyc_dhs_daily_shelter_census.csv.gz',
  'austin_food_establishment_inspection_scores.csv.gz',
  'nyc_hra_efap_food_pantries_2024-11.csv.gz',
  'chicago_crimes_2014-09.csv.gz',
  'boston_employee_earnings_2016.csv.gz',
  'montreal_bike_counts_2012.csv.gz',
  'nyc_dohmh_covid_totals_by_modzcta.csv.gz',
];

export interface BigTable {
  file: string;
  slug: string;
  /** The column the queries filter on, and values of it. */
  column: string;
  values: string[];
  rows: number;
}

/** The big table: the stop times, else the Austin inspections (74,572 lines, in demo/). */
export function bigInput(): { path: string; name: string; column: string } {
  if (existsSync(STOP_TIMES)) return { path: STOP_TIMES, name: 'nyc_subway_stop_times.csv.gz', column: 'stop_id' };
  return { path: join(DEMO_DIR, 'austin_food_establishment_inspection_scores.csv.gz'), name: 'austin_food_establishment_inspection_scores.csv.gz', column: 'zip_code' };
}

const titleOf = (file: string) => file.replace(/\.csv\.gz$/, '').replace(/[_-]+/g, ' ');

/** Uploads and publishes the catalog's datasets and the big table through a node's API. */
export async function seedDatasets(base: string, token: string): Promise<{ slugs: string[]; big: BigTable }> {
  await api(base, token, 'POST', '/api/v1/organizations', { name: 'Bench' });
  const big = bigInput();
  const files = [...CATALOG_FILES.map((f) => ({ path: join(DEMO_DIR, f), name: f })), { path: big.path, name: `big ${big.name}` }];
  const slugs: string[] = [];
  for (const f of files) {
    const created = await api<{ slug: string }>(base, token, 'POST', '/api/v1/datasets', {
      title: titleOf(f.name),
      organization: 'Bench',
      description: `The city's ${titleOf(f.name)}, loaded for the benchmark.`,
      license: 'cc0-1.0',
      keywords: ['bench'],
    });
    const job = await upload(base, token, created.slug, await readFile(f.path), f.name.replace(/^big /, ''));
    const done = await jobDone(base, token, job.id, 600);
    if (done.status !== 'succeeded') throw new Error(`loading ${f.name} ended ${done.status}: ${JSON.stringify(done.errors).slice(0, 500)}`);
    await api(base, token, 'POST', `/api/v1/datasets/${created.slug}/status`, { status: 'published' });
    slugs.push(created.slug);
  }
  const bigSlug = slugs.at(-1)!;
  const fields = (await api<{ columns: Array<{ name: string }> }>(base, token, 'GET', `/api/v1/datasets/${bigSlug}`)).columns.map((c) => c.name);
  const column = fields.includes(big.column) ? big.column : fields[0]!;
  const groups = await api<{ total_count: number; results: Array<Record<string, unknown>> }>(
    base, token, 'GET', `/api/v1/datasets/${bigSlug}/records?${new URLSearchParams({ group_by: column, select: `${column}, count(*) as n`, order_by: 'n desc', limit: '60' })}`,
  );
  const rows = (await api<{ total_count: number }>(base, token, 'GET', `/api/v1/datasets/${bigSlug}/records?limit=1`)).total_count;
  const values = groups.results.map((r) => r[column]).filter((v): v is string | number => v !== null && v !== undefined).map(String);
  return { slugs: slugs.slice(0, -1), big: { file: big.name, slug: bigSlug, column, values, rows } };
}

export interface Community {
  /** API tokens (read and write) of residents with confirmed addresses. */
  tokens: string[];
  /** Problems open to votes. */
  problems: string[];
  /** A site administrator's token. */
  adminToken: string;
}

/**
 * Problems and residents on a catalog: `problems` problems with `votes`
 * votes (bench/problems/generate.ts) and `accounts` residents, each with a
 * confirmed address and an API token, through the actions.
 */
export async function seedCommunity(settings: Partial<Config>, opts: { problems: number; votes: number; accounts: number }): Promise<Community> {
  const plaza = await createPlaza(loadConfig({}, { demo: false, logLevel: 'silent', ...settings }));
  try {
    const deps = plaza.deps;
    const inv = await generateInventory(deps, { count: opts.problems, votes: opts.votes, organizationId: null });
    const problems = inv.ids.filter((id) => !inv.problems.get(id)!.hidden && !inv.problems.get(id)!.mergedInto);
    const tokens: string[] = [];
    for (let i = 0; i < opts.accounts; i++) {
      const user = await register(deps, { email: `resident${i}@bench.example.org`, name: `Resident ${i}`, password: `a long bench passphrase ${i}` });
      // Voting needs a confirmed address; the emailed link would set just this.
      const at = deps.clock.now().toISOString();
      await deps.catalog.accounts.updateUser(user.id, { emailVerifiedAt: at });
      const session = await principalFor(deps, { ...user, emailVerifiedAt: at }, 'session', [...TOKEN_SCOPES], null);
      tokens.push((await createToken(deps, session, { name: 'bench', scopes: ['read', 'write'] })).secret);
    }
    const adminToken = (await createAdminToken(deps, 'bench')).token;
    return { tokens, problems, adminToken };
  } finally {
    await plaza.close();
  }
}
