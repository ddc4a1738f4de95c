import { TextOutput } from './output.ts';
import type { EncoderInput, RowEncoder } from './types.ts';

/** A row as a JSON object with the fields in order (the same objects as the records API's `results`). */
const objectText = (names: string[], row: Record<string, unknown>): string => {
  const o: Record<string, unknown> = {};
  for (const n of names) o[n] = row[n] ?? null;
  return JSON.stringify(o);
};

/** JSON: one array of row objects. */
export function jsonEncoder({ out, signal, fields }: EncoderInput): RowEncoder {
  const text = new TextOutput(out, signal);
  const names = fields.map((f) => f.name);
  let first = true;
  return {
    begin: () => text.write('['),
    async rows(rows) {
      for (const row of rows) {
        await text.write((first ? '\n' : ',\n') + objectText(names, row));
        first = false;
      }
    },
    async end() {
      await text.write(first ? ']\n' : '\n]\n');
      await text.end();
    },
  };
}

/** NDJSON: one row object per line. */
export function ndjsonEncoder({ out, signal, fields }: EncoderInput): RowEncoder {
  const text = new TextOutput(out, signal);
  const names = fields.map((f) => f.name);
  return {
    begin: async () => undefined,
    async rows(rows) {
      for (const row of rows) await text.write(objectText(names, row) + '\n');
    },
    end: () => text.end(),
  };
}
