import { validGeometry } from '../../domain/geo/validate.ts';
import { TextOutput } from './output.ts';
import type { EncoderInput, RowEncoder } from './types.ts';

/**
 * Geometry text as stored (GeoJSON), parsed so the feature embeds an object.
 * Null stays null, and so becomes a geometry that is not valid GeoJSON (text
 * that is not JSON, an unknown type, an open ring, a latitude of 999): an
 * export never hands on a geometry other tools would choke on.
 */
function geometryOf(value: unknown): unknown {
  return validGeometry(value) ?? null;
}

/**
 * GeoJSON: a FeatureCollection. The first geometry field is each feature's
 * `geometry` (null when it is not valid GeoJSON); every other field is a
 * property. Needs a geometry field.
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
