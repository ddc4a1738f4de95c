/**
 * Type inference on small generated files: the edges of each candidate type,
 * the tolerance rule (one bad value in a thousand, none under 1,000 values),
 * and number/date shapes that must not corrupt data.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let dir: string;
let n = 0;
beforeAll(async () => {
  t = await startTestPlaza();
  dir = await mkdtemp(join(tmpdir(), 'plaza-infer-'));
}, 60_000);
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function load(csv: string, options: Record<string, unknown> = {}) {
  const p = join(dir, `f${++n}.csv`);
  await writeFile(p, csv);
  const { slug, job } = await t.load(p, { options });
  const { live } = await getDataset(t.deps, t.admin, slug);
  const types = Object.fromEntries((live?.columns ?? []).map((c) => [c.name, c.type]));
  const rows = live ? (await queryRecords(t.deps, t.admin, slug, { limit: 1000 })).results : [];
  return { slug, job, live, types, rows };
}
const days = (count: number, fmt: (d: Date) => string): string[] =>
  Array.from({ length: count }, (_, i) => fmt(new Date(Date.UTC(2020, 0, 1) + i * 86_400_000)));
const p2 = (x: number) => String(x).padStart(2, '0');
const dmy = (d: Date) => `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('numbers', () => {
  it('money with $, thousands commas, parentheses and minus signs is decimal', async () => {
    const r = await load('m,n\n"$1,234.50",1\n"($5.00)",2\n-$3,3\n$-4.25,4\n');
    expect(r.types.m).toBe('decimal');
    expect(r.rows.map((x) => x.m)).toEqual([1234.5, -5, -3, -4.25]);
  });
  it('quoted integers with thousands commas are integers', async () => {
    const r = await load('n,k\n"1,234",1\n"12,345,678",2\n-7,3\n');
    expect(r.types.n).toBe('integer');
    expect(r.rows.map((x) => x.n)).toEqual([1234, 12345678, -7]);
  });
  it('a leading zero anywhere keeps the column text', async () => {
    const r = await load('zip,k\n78701,1\n02118,2\n10001,3\n');
    expect(r.types.zip).toBe('text');
    expect(r.rows.map((x) => x.zip)).toEqual(['78701', '02118', '10001']);
  });
  it('"0.5" is not a leading zero', async () => {
    const r = await load('x,k\n0.5,1\n10.25,2\n');
    expect(r.types.x).toBe('decimal');
  });
  it('NaN makes a column text (it is not a number the portal shows)', async () => {
    const r = await load('a,n\n1.5,1\nNaN,2\n2,3\n');
    expect(r.types.a).toBe('text');
  });

  // 19-digit identifiers beyond 2^63 do not fit BIGINT, and a double would
  // round them: they stay text, every digit kept.
  it('19-digit identifiers keep every digit', async () => {
    const r = await load('id,n\n1234567890123456789,1\n9876543210987654321,2\n');
    expect(r.rows.map((x) => String(x.id))).toEqual(['1234567890123456789', '9876543210987654321']);
    expect(r.types.id).toBe('text');
  });
  it('19-digit integers within BIGINT stay integers', async () => {
    const r = await load('id,n\n1234567890123456789,1\n-9223372036854775807,2\n');
    expect(r.types.id).toBe('integer');
    expect(r.rows.map((x) => String(x.id))).toEqual(['1234567890123456789', '-9223372036854775807']);
  });
  // Values beyond 2^63 must not break the profile's histogram.
  it('a decimal column with values beyond 2^63 loads', async () => {
    const r = await load('id,n\n12345678901234567890,1\n12345678901234567891,2\n');
    expect(r.job.errors).toEqual([]);
    expect(r.job.status).toBe('succeeded');
  });
  it('a decimal column in scientific notation with a huge range loads', async () => {
    const r = await load('x,n\n2e21,1\n2,2\n');
    expect(r.job.status).toBe('succeeded');
    expect(r.rows.map((x) => x.x)).toEqual([2e21, 2]);
  });
});

describe('booleans, times, points', () => {
  it('Y/N/yes is boolean', async () => {
    const r = await load('a,n\nY,1\nN,2\nyes,3\n');
    expect(r.types.a).toBe('boolean');
    expect(r.rows.map((x) => x.a)).toEqual([true, false, true]);
  });
  it('24-hour and 12-hour times are time', async () => {
    const r = await load('a,b\n08:30,8:30 AM\n23:59:59,11:59 PM\n');
    expect(r.types).toEqual({ a: 'time', b: 'time' });
    expect(r.rows).toEqual([
      { a: '08:30:00', b: '08:30:00' },
      { a: '23:59:59', b: '23:59:00' },
    ]);
  });
  it('WKT points and "(lat, lon)" text are point geometries', async () => {
    const r = await load('a,b,n\nPOINT (-73.9 40.7),"(41.8, -87.6)",1\nPOINT(-87.6 41.8),"(30.34132, -97.73801)",2\n');
    expect(r.types).toMatchObject({ a: 'geometry', b: 'geometry' });
    expect(r.live?.columns[0]?.point).toBeDefined();
    expect(r.rows.map((x) => JSON.parse(String(x.b)))).toEqual([
      { type: 'Point', coordinates: [-87.6, 41.8] },
      { type: 'Point', coordinates: [-97.73801, 30.34132] },
    ]);
  });
  it('a latitude out of range gives a null derived point, the numbers stay', async () => {
    const r = await load('lat,lon\n95.5,-73.9\n40.7,-73.9\n');
    expect(r.rows).toEqual([
      { lat: 95.5, lon: -73.9, location: null },
      { lat: 40.7, lon: -73.9, location: '{"type":"Point","coordinates":[-73.9,40.7]}' },
    ]);
  });
});

describe('dates and timestamps', () => {
  it('timestamps with different offsets are instants in one TIMESTAMPTZ column', async () => {
    const r = await load('ts,n\n2025-08-31T21:00:00-04:00,1\n2025-09-01T01:00:00Z,2\n2025-09-01T03:00:00+02:00,3\n');
    expect(r.live?.columns[0]).toMatchObject({ type: 'timestamp', physical: 'TIMESTAMPTZ' });
    expect(r.rows.map((x) => x.ts)).toEqual(['2025-09-01T01:00:00Z', '2025-09-01T01:00:00Z', '2025-09-01T01:00:00Z']);
  });
  it('DD/MM/YYYY is chosen when a day above 12 rules out MM/DD', async () => {
    const r = await load(['d,n', ...days(40, dmy).map((d, i) => `${d},${i}`)].join('\n') + '\n');
    expect(r.types.d).toBe('date');
    expect(r.rows[15]).toEqual({ d: '2020-01-16', n: 15 });
  });
  it('ambiguous dates only (all days ≤ 12) are read as M/D/YYYY, marked ambiguous with both readings shown', async () => {
    const r = await load('d,n\n01/02/2020,1\n03/04/2020,2\n');
    expect(r.rows.map((x) => x.d)).toEqual(['2020-01-02', '2020-03-04']);
    expect(r.live?.columns[0]).toMatchObject({
      format: { id: 'date-mdy', label: 'MM/DD/YYYY' },
      ambiguous: true,
      readings: [
        { id: 'date-mdy', label: 'MM/DD/YYYY', examples: [{ source: '01/02/2020', value: '2020-01-02' }, { source: '03/04/2020', value: '2020-03-04' }] },
        { id: 'date-dmy', label: 'DD/MM/YYYY', examples: [{ source: '01/02/2020', value: '2020-02-01' }, { source: '03/04/2020', value: '2020-04-03' }] },
      ],
    });
  });
  it('a day above 12 anywhere in the column settles the order: no ambiguity, no other reading', async () => {
    const r = await load(['d,n', ...days(20, (d) => `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${d.getUTCFullYear()}`).map((d, i) => `${d},${i}`)].join('\n') + '\n');
    expect(r.live?.columns[0]).toMatchObject({ type: 'date', format: { id: 'date-mdy' } });
    expect(r.live?.columns[0]?.ambiguous).toBeUndefined();
    expect(r.live?.columns[0]?.readings).toBeUndefined();
  });
  it('YYYY/MM/DD with every day ≤ 12 stays year/month/day (the usual reading), not ambiguous', async () => {
    const r = await load('d,n\n2020/01/05,1\n2020/11/12,2\n2020/03/01,3\n');
    expect(r.rows.map((x) => x.d)).toEqual(['2020-01-05', '2020-11-12', '2020-03-01']);
    expect(r.live?.columns[0]).toMatchObject({ format: { id: 'date-ymd-slash' } });
    expect(r.live?.columns[0]?.ambiguous).toBeUndefined();
  });
  it('YYYY/DD/MM is read when a middle field above 12 rules out year/month/day', async () => {
    const r = await load('d,n\n2014/01/09,1\n2014/25/09,2\n2014/30/09,3\n');
    expect(r.types.d).toBe('date');
    expect(r.rows.map((x) => x.d)).toEqual(['2014-09-01', '2014-09-25', '2014-09-30']);
    expect(r.live?.columns[0]).toMatchObject({ format: { id: 'date-ydm-slash', label: 'YYYY/DD/MM' } });
  });
  it('in a column that mixes formats, the reading that agrees with the unambiguous rows wins', async () => {
    // Days 1-12 of March written 2021/DD/03, days 13-31 written 03/DD/2021: read year/month/day, they would spread over the year.
    const values = Array.from({ length: 31 }, (_, i) => (i < 12 ? `2021/${p2(i + 1)}/03 10:00:00` : `03/${p2(i + 1)}/2021 10:00:00 AM`));
    const r = await load(['d,n', ...values.map((d, i) => `${d},${i}`)].join('\n') + '\n');
    expect(r.types.d).toBe('timestamp');
    expect(new Set(r.rows.map((x) => String(x.d).slice(0, 7)))).toEqual(new Set(['2021-03']));
    expect(r.live?.columns[0]?.format?.id).toBe('timestamp-mdy-12h+timestamp-ydm-slash');
    expect(r.live?.columns[0]?.ambiguous).toBeUndefined();
  });
  it('under 1,000 values, one bad date makes the column text (no tolerance)', async () => {
    const values = days(999, dmy);
    values[500] = '31/02/2020';
    const r = await load(['d,n', ...values.map((d, i) => `${d},${i}`)].join('\n') + '\n');
    expect(r.types.d).toBe('text');
    expect(r.live?.rejectedCount).toBe(0);
  });
  it('over 2,000 values, two bad dates (above one in a thousand) make the column text', async () => {
    const values = days(1999, dmy);
    values[10] = '31/02/2020';
    values[20] = '30/02/2020';
    const r = await load(['d,n', ...values.map((d, i) => `${d},${i}`)].join('\n') + '\n');
    expect(r.types.d).toBe('text');
    expect(r.live?.rowCount).toBe(1999);
  });
  it('ISO dates mixed with M/D/YYYY dates are one date column', async () => {
    const r = await load(['d,n', ...days(600, (d) => (d.getUTCDate() % 2 ? iso(d) : `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`)).map((d, i) => `${d},${i}`)].join('\n') + '\n');
    expect(r.types.d).toBe('date');
    expect(r.rows.slice(0, 3).map((x) => x.d)).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
  });

  it('ISO dates mixed with DD/MM/YYYY dates are one date column', async () => {
    const r = await load(['d,n', ...days(600, (d) => (d.getUTCDate() % 2 ? iso(d) : dmy(d))).map((d, i) => `${d},${i}`)].join('\n') + '\n');
    expect(r.types.d).toBe('date');
    expect(r.rows.slice(12, 15).map((x) => x.d)).toEqual(['2020-01-13', '2020-01-14', '2020-01-15']);
  });
});
