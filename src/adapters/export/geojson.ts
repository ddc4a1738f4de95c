import { TextOutput } from './output.ts';
import type { EncoderInput, RowEncoder } from './types.ts';

/** Geometry text as stored (GeoJSON), parsed so the feature embeds an object; null stays null. */
function geometryOf(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') return value;
  return JSON.parse(value) as unknown;
}

/**
 * GeoJSON: a FeatureCollection. The first geometry field is each feature's
 * `geometry`; every other field is a property. Needs a geometry field.
 */
export function geojsonEncoder({ out, signal, fields }: EncoderInput): RowEncoder {
  const geometry = fields.find((f) => f.type === 'geometry');
  if (!geometry) throw new Error('geojsonEncoder needs a geometry field');
  const text = new TextOutput(out, signal);
  const props = fields.filter((f) => f !== geometry).map((f) => f.name);
  let first = true;
  return {
    begin: () => text.write('{"type":"FeatureCollection","features":['),
    async rows(rows) {
      for (const row of rows) {
        const properties: Record<string, unknown> = {};
        for (const n of props) properties[n] = row[n] ?? null;
        const feature = { type: 'Feature', geometry: geometryOf(row[geometry.name]), properties };
        await text.write((first ? '\n' : ',\n') + JSON.stringify(feature));
        first = false;
      }
    },
    async end() {
      await text.write(first ? ']}\n' : '\n]}\n');
      await text.end();
    },
  };
}
