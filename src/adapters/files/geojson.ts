import { readFile } from 'node:fs/promises';
import { AppError } from '../../domain/errors.ts';
import { CsvFileWriter } from './csv-writer.ts';
import type { IngestLimits } from '../../domain/ingest/limits.ts';

interface Feature {
  type?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

export interface GeojsonConversion {
  headers: string[];
  /** Header of the geometry column, and of latitude/longitude when every geometry is a point. */
  geometry: string;
  latitude: string | null;
  longitude: string | null;
  features: number;
}

const cell = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const uniqueName = (wanted: string, taken: Set<string>): string => {
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${wanted}_${n}`;
  taken.add(name.toLowerCase());
  return name;
};

/**
 * Turns a GeoJSON FeatureCollection into CSV text: one column per property
 * (the union over all features), the geometry as GeoJSON text, and
 * latitude/longitude columns when every geometry is a point.
 */
export async function geojsonToCsv(path: string, outPath: string, _opts: { limits: IngestLimits; signal?: AbortSignal }): Promise<GeojsonConversion> {
  let doc: { type?: unknown; features?: unknown };
  try {
    doc = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, '')) as typeof doc;
  } catch (e) {
    throw new AppError('bad_file', `The GeoJSON file is not valid JSON: ${(e as Error).message}.`);
  }
  if (!Array.isArray(doc.features)) {
    throw new AppError('bad_file', 'The GeoJSON file has no "features" array; Plaza loads a FeatureCollection.');
  }
  const features = doc.features as Feature[];
  const props: string[] = [];
  const seen = new Set<string>();
  let allPoints = features.length > 0;
  for (const [i, f] of features.entries()) {
    if (!f || typeof f !== 'object' || f.type !== 'Feature') {
      throw new AppError('bad_file', `Feature ${i + 1} of the GeoJSON file is not a Feature object.`, { row: i + 1 });
    }
    for (const k of Object.keys(f.properties ?? {})) {
      if (!seen.has(k)) {
        seen.add(k);
        props.push(k);
      }
    }
    if (f.geometry && f.geometry.type !== 'Point') allPoints = false;
  }
  const taken = new Set(props.map((p) => p.toLowerCase()));
  const geometry = uniqueName('geometry', taken);
  const latitude = allPoints ? uniqueName('latitude', taken) : null;
  const longitude = allPoints ? uniqueName('longitude', taken) : null;
  const headers = [...props, geometry, ...(latitude && longitude ? [latitude, longitude] : [])];
  const out = new CsvFileWriter(outPath);
  await out.row(headers);
  for (const f of features) {
    const values = props.map((k) => cell(f.properties?.[k]));
    values.push(f.geometry ? JSON.stringify(f.geometry) : null);
    if (allPoints) {
      const c = f.geometry?.coordinates;
      const ok = Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number';
      values.push(ok ? String(c[1]) : null, ok ? String(c[0]) : null);
    }
    await out.row(values);
  }
  await out.close();
  return { headers, geometry, latitude, longitude, features: features.length };
}
