import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvFileWriter } from '../../src/adapters/files/csv-writer.ts';
import { parseCsv } from './support.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-csv-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the CSV writer of converted files', () => {
  it('writes rows an independent reader reads back', async () => {
    const path = join(dir, 'ok.csv');
    const w = new CsvFileWriter(path);
    const rows = [['a', 'b'], ['1, 2', 'say "hi"'], ['line\nbreak', ''], ...Array.from({ length: 5000 }, (_, i) => [String(i), 'x'.repeat(50)])];
    for (const r of rows) await w.row(r);
    await w.close();
    expect(parseCsv(await readFile(path, 'utf8'))).toEqual(rows);
  });

  it('fails the next row, not the process, when the file cannot be written', async () => {
    // A folder that does not exist: the stream fails as it opens.
    const w = new CsvFileWriter(join(dir, 'missing', 'out.csv'));
    const big = 'y'.repeat(1 << 17);
    const failure = (async () => {
      for (let i = 0; i < 100; i++) await w.row([big]);
      await w.close();
    })();
    await expect(failure).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails close when the last write could not be made', async () => {
    const w = new CsvFileWriter(join(dir, 'missing', 'small.csv'));
    await w.row(['a']);
    await expect(w.close()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
