/**
 * The GeoJSON conversion reads the file as a stream: what it writes matches
 * a plain JSON.parse of the file (tricky strings, keys, a feature spanning
 * read chunks), broken files are refused with plain messages, it stops as
 * soon as the features pass the row limit or the signal aborts, and it
 * converts a file in far less memory than the file takes parsed.
 */
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geojsonToCsv } from '../../src/adapters/files/geojson.ts';
import { AppError } from '../../src/domain/errors.ts';
import { parseCsv } from './support.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-geojson-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const LIMITS = { maxRows: 1_000_000, maxExpandedBytes: 1 << 30 };
let n = 0;

async function convert(text: string, opts: { maxRows?: number; signal?: AbortSignal } = {}) {
  n++;
  const input = join(dir, `in-${n}.geojson`);
  const output = join(dir, `out-${n}.csv`);
  await writeFile(input, text);
  const result = await geojsonToCsv(input, output, { limits: { ...LIMITS, ...(opts.maxRows ? { maxRows: opts.maxRows } : {}) }, ...(opts.signal ? { signal: opts.signal } : {}) });
  return { result, rows: parseCsv(await readFile(output, 'utf8')) };
}

/** The table the conversion should write, from JSON.parse of the whole text. */
function expectedTable(text: string): string[][] {
  const doc = JSON.parse(text) as { features: { properties: Record<string, unknown> | null; geometry: { type: string; coordinates: number[] } | null }[] };
  const props: string[] = [];
  for (const f of doc.features) for (const k of Object.keys(f.properties ?? {})) if (!props.includes(k)) props.push(k);
  const points = doc.features.every((f) => f.geometry === null || f.geometry.type === 'Point');
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const header = [...props, 'geometry', ...(points ? ['latitude', 'longitude'] : [])];
  const rows = doc.features.map((f) => [
    ...props.map((k) => cell(f.properties?.[k])),
    f.geometry ? JSON.stringify(f.geometry) : '',
    ...(points ? [cell(f.geometry?.coordinates[1]), cell(f.geometry?.coordinates[0])] : []),
  ]);
  return [header, ...rows];
}

describe('what the stream reads', () => {
  it('writes what a parse of the whole file gives, whatever the strings hold', async () => {
    const long = 'é'.repeat(600_000) + '😀'; // over 1 MiB of UTF-8: the feature spans read chunks, a character on the edge
    const text = [
      '{"name":"tricky {[\\"features\\": [",',
      ' "crs":{"type":"name","properties":{"features":[1,2,3]}},',
      ' "bbox":[-74.1,40.5,-73.7,40.9],',
      ' "type":"FeatureCollection",',
      ' "features":[',
      '  {"type":"Feature","properties":{"label":"a } brace, a ] bracket, a \\" quote and a \\\\ backslash","n":1},"geometry":{"type":"Point","coordinates":[-73.9,40.7]}},',
      '  {"type":"Feature","geometry":null,"properties":{"features":[{"type":"Feature"}],"label":"\\u00e9t\\u00e9 \\ud83c\\udf1e","n":2}},',
      `  {"type":"Feature","properties":{"label":"${long}","n":3},"geometry":{"type":"Point","coordinates":[-73.8,40.8,12]}},`,
      '  {"properties":{"n":4,"extra":{"nested":[1,{"deep":"}"}]}},"type":"Feature","geometry":{"type":"Point","coordinates":[-73.7,40.6]}}',
      ' ],',
      ' "after":{"features":"not these"}',
      '}',
    ].join('\n');
    const { result, rows } = await convert(text);
    expect(rows).toEqual(expectedTable(text));
    expect(result.features).toBe(4);
    expect(result.rejected).toEqual([]);
  });

  it('reads a "features" key written with escapes, and a file with a byte order mark', async () => {
    const text = '{"type":"FeatureCollection","feat\\u0075res":[{"type":"Feature","properties":{"a":1},"geometry":null}]}';
    expect((await convert(text)).rows).toEqual(expectedTable(text));
    expect((await convert(`\uFEFF${text}`)).rows).toEqual(expectedTable(text));
  });

  it('keeps a rejected feature out of the table, with its number, line and source text', async () => {
    const bad = '{"type":"Feature","properties":{"a":2},"geometry":{"type":"Point","coordinates":[-73.9,999]}}';
    const text = `{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":{"a":1},"geometry":null},\n${bad}\n]}`;
    const { result, rows } = await convert(text);
    expect(rows).toEqual([['a', 'geometry', 'latitude', 'longitude'], ['1', '', '', '']]);
    expect(result.rejected).toEqual([{ row: 2, line: 3, column: 'geometry', message: 'feature 2: latitude 999 is outside -90 to 90', record: bad }]);
  });
});

describe('a file that is not a complete FeatureCollection', () => {
  const F = '{"type":"Feature","properties":{},"geometry":null}';
  const cases: [string, string, RegExp][] = [
    ['an array', `[${F}]`, /^The GeoJSON file is not an object; Plaza loads a FeatureCollection/],
    ['no features', '{"type":"FeatureCollection","feature":[]}', /^The GeoJSON file has no "features" array; Plaza loads a FeatureCollection\.$/],
    ['features that are not an array', '{"type":"FeatureCollection","features":{}}', /^The GeoJSON file's "features" is not an array/],
    ['two features arrays', `{"features":[${F}],"features":[]}`, /^The GeoJSON file is not valid JSON: the file has two "features" arrays \(line 1\)\. Fix the file and upload it again\.$/],
    ['cut short', `{"type":"FeatureCollection","features":[${F},\n${F}`, /^The GeoJSON file is not valid JSON: the file ends before its main object is closed; it may have been cut short \(line 2\)\./],
    ['text after the end', `{"features":[${F}]}\n{"features":[]}`, /^The GeoJSON file is not valid JSON: there is more text after the end of the main object \(line 2\)\./],
    ['a missing comma', `{"features":[${F}\n${F}]}`, /^The GeoJSON file is not valid JSON: a comma is missing before feature 2 \(line 2\)\./],
    ['a trailing comma', `{"features":[${F},]}`, /^The GeoJSON file is not valid JSON: the "features" array ends with a comma/],
    ['a bracket that closes a brace', `{"features":[{"type":"Feature"]}]}`, /^The GeoJSON file is not valid JSON: a "\]" closes a "\{" \(line 1\)\./],
    ['a member that is not an object', `{"features":[${F},42]}`, /^Feature 2 of the GeoJSON file is not a Feature object\./],
    ['a member that is not a Feature', `{"features":[${F},{"type":"Point","coordinates":[1,2]}]}`, /^Feature 2 of the GeoJSON file is not a Feature object\./],
    ['a feature that is not JSON', `{"features":[\n${F},\n{"type":"Feature","properties":{"a":tru},"geometry":null}]}`, /^The GeoJSON file is not valid JSON: feature 2, which starts on line 3, cannot be read\. Fix that feature and upload the file again\.$/],
  ];
  it.each(cases)('%s is refused', async (_, text, message) => {
    const e = await convert(text).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('bad_file');
    expect((e as AppError).message).toMatch(message);
  });
});

describe('stopping early', () => {
  const features = (count: number) => Array.from({ length: count }, (_, i) => `{"type":"Feature","properties":{"i":${i}},"geometry":null}`);

  it('stops as soon as the features pass the row limit, without reading the rest', async () => {
    // The file is cut after feature 10: only a reader that stops early never sees that.
    const text = `{"type":"FeatureCollection","features":[\n${features(10).join(',\n')},\n{"type":"Feat`;
    const e = await convert(text, { maxRows: 5 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('payload_too_large');
    expect((e as AppError).message).toBe('The file has more than 5 rows; the limit is 5 rows (setting PLAZA_MAX_ROWS). Split the file, or ask an administrator to raise the limit.');
    await expect(convert(text, { maxRows: 100 })).rejects.toThrow(/it may have been cut short/);
  });

  it('loads a file with exactly as many features as the limit', async () => {
    const text = `{"type":"FeatureCollection","features":[${features(5).join(',')}]}`;
    expect((await convert(text, { maxRows: 5 })).result.features).toBe(5);
  });

  it('stops with the reason of the signal', async () => {
    const reason = new AppError('insufficient_storage', 'The disk is nearly full.');
    const controller = new AbortController();
    controller.abort(reason);
    const text = `{"type":"FeatureCollection","features":[${features(3).join(',')}]}`;
    await expect(convert(text, { signal: controller.signal })).rejects.toBe(reason);
  });
});

describe('memory', () => {
  it('converts a file in less heap than the file takes parsed', async () => {
    // About 24 MB of polygons; the child may use 40 MB of heap, less than the parsed file needs.
    const input = join(dir, 'large.geojson');
    const out = createWriteStream(input);
    const count = 96_000;
    out.write('{"type":"FeatureCollection","features":[\n');
    for (let i = 0; i < count; i++) {
      const f = { type: 'Feature', properties: { id: i, name: `site ${i} on a street with a longer name`, note: 'x'.repeat(40) }, geometry: { type: 'Polygon', coordinates: [[[-74, 40.6], [-73.9, 40.6], [-73.9, 40.7 + i / 1e7], [-74, 40.6]]] } };
      if (!out.write(`${i ? ',\n' : ''}${JSON.stringify(f)}`)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    out.write('\n]}\n');
    await new Promise<void>((r) => out.end(r));
    const root = resolve(import.meta.dirname, '../..');
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=40', '--import', 'tsx', join(root, 'test/ingest/geojson-convert.child.ts'), input, join(dir, 'large.csv')], { cwd: root });
    expect(JSON.parse(stdout)).toEqual({ features: count });
  }, 120_000);
});
