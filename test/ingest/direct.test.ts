import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { DuckTableEngine } from '../../src/adapters/duckdb/engine.ts';
import { fixture, FIXTURES, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

// Large delimited files are written straight from the file when the first
// rows' types hold, and staged whole otherwise. Forcing every file down the
// direct path must give the same versions as staging them.
let staged: TestPlaza;
let direct: TestPlaza;

beforeAll(async () => {
  staged = await startTestPlaza();
  direct = await startTestPlaza({ engine: await DuckTableEngine.create({ threads: 2, directWriteBytes: 0 }) });
});
afterAll(async () => {
  await staged.close();
  await direct.close();
});

const files = readdirSync(`${FIXTURES}/tabular`).map((f) => `tabular/${f}`);

describe('the direct path', () => {
  it.each(files)('%s gives the same version as staging it', async (file) => {
    const a = await staged.load(fixture(file));
    const b = await direct.load(fixture(file));
    expect(b.job.status).toBe('succeeded');
    const [da, db] = [await getDataset(staged.deps, staged.admin, a.slug), await getDataset(direct.deps, direct.admin, b.slug)];
    expect(db.live?.columns).toEqual(da.live?.columns);
    expect(db.live?.rowCount).toBe(da.live?.rowCount);
    expect(db.live?.rejectedCount).toBe(da.live?.rejectedCount);
    expect(db.live?.warnings).toEqual(da.live?.warnings);
    expect(db.live?.profile).toEqual(da.live?.profile);
    const page = { order_by: db.live?.columns[0]?.name ?? '', limit: 50, offset: 100 };
    expect((await queryRecords(direct.deps, direct.admin, b.slug, page)).results).toEqual((await queryRecords(staged.deps, staged.admin, a.slug, page)).results);
  });

  it('rejects rows with too many fields, and fails them under the strict policy', async () => {
    const { writeFile } = await import('node:fs/promises');
    const path = `${direct.dir}/too-many.csv`;
    await writeFile(path, 'a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n');
    const lenient = await direct.load(path);
    const d = await getDataset(direct.deps, direct.admin, lenient.slug);
    expect(d.live?.rowCount).toBe(2);
    expect(d.live?.rejectedCount).toBe(1);
    expect(d.live?.warnings[0]?.message).toMatch(/^line 3 has more fields than the header/);
    const strict = await direct.load(path, { options: { policy: 'strict' } });
    expect(strict.job.status).toBe('failed');
    expect(strict.job.errors[0]?.message).toMatch(/^1 row has a problem, and the strict policy allows none\. First: line 3/);
  });
});
