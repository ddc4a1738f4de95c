import { AppError } from '../../domain/errors.ts';
import { geometryProblem } from '../../domain/geo/validate.ts';
import { tooManyRows, type IngestLimits } from '../../domain/ingest/limits.ts';
import type { RejectedRecord } from '../../domain/catalog/types.ts';
import { CsvFileWriter } from './csv-writer.ts';
import { featureTexts, notAFeature, type FeatureText } from './geojson-features.ts';

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  /** Null for a feature without a location (or without a "geometry" member). */
  geometry: unknown;
}

export interface GeojsonConversion {
  headers: string[];
  /** Header of the geometry column, and of latitude/longitude when every geometry is a point. */
  geometry: string;
  latitude: string | null;
  longitude: string | null;
  /** Every feature of the file, the rejected ones included. */
  features: number;
  /** Features whose geometry is invalid: not written, each with its number, reason and source text. */
  rejected: RejectedRecord[];
}

/** A rejected feature's source text is kept up to this many characters (as DuckDB keeps a rejected CSV line). */
export const MAX_RECORD_CHARS = 10_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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

function parseFeature(f: FeatureText): Feature {
  let v: unknown;
  try {
    v = JSON.parse(f.text);
  } catch {
    throw new AppError(
      'bad_file',
      `The GeoJSON file is not valid JSON: feature ${f.number.toLocaleString('en-US')}, which starts on line ${f.line.toLocaleString('en-US')}, cannot be read. Fix that feature and upload the file again.`,
      { row: f.number, line: f.line },
    );
  }
  if (!isObject(v) || v.type !== 'Feature') throw notAFeature(f.number);
  return { type: 'Feature', properties: isObject(v.properties) ? v.properties : {}, geometry: v.geometry ?? null };
}

/** The features of the file, parsed, stopping past the row limit or when the signal aborts. */
async function* features(path: string, opts: { limits: IngestLimits; signal?: AbortSignal }): AsyncGenerator<FeatureText & { feature: Feature }> {
  for await (const f of featureTexts(path, opts.signal)) {
    if (f.number > opts.limits.maxRows) throw tooManyRows(opts.limits.maxRows);
    yield { ...f, feature: parseFeature(f) };
  }
}

/**
 * Turns a GeoJSON FeatureCollection into CSV text: one column per property
 * (the union over the loaded features), the geometry as GeoJSON text, and
 * latitude/longitude columns when every geometry is a point. A feature whose
 * geometry is invalid is not written: it is returned as rejected, with its
 * number and the reason. The file is read twice as a stream (the columns
 * first, then the rows), so memory stays flat whatever its size.
 */
export async function geojsonToCsv(path: string, outPath: string, opts: { limits: IngestLimits; signal?: AbortSignal }): Promise<GeojsonConversion> {
  const props: string[] = [];
  const seen = new Set<string>();
  const problems: { number: number; line: number; reason: string; text: string }[] = [];
  let kept = 0;
  let total = 0;
  let allPoints = true;
  for await (const f of features(path, opts)) {
    total = f.number;
    const reason = geometryProblem(f.feature.geometry);
    if (reason) {
      problems.push({ number: f.number, line: f.line, reason, text: f.text.length > MAX_RECORD_CHARS ? f.text.slice(0, MAX_RECORD_CHARS) : f.text });
      continue;
    }
    kept++;
    for (const k of Object.keys(f.feature.properties)) {
      if (!seen.has(k)) {
        seen.add(k);
        props.push(k);
      }
    }
    const g = f.feature.geometry as { type?: unknown } | null;
    if (g && g.type !== 'Point') allPoints = false;
  }
  allPoints &&= kept > 0;
  const taken = new Set(props.map((p) => p.toLowerCase()));
  const geometry = uniqueName('geometry', taken);
  const latitude = allPoints ? uniqueName('latitude', taken) : null;
  const longitude = allPoints ? uniqueName('longitude', taken) : null;
  const headers = [...props, geometry, ...(latitude && longitude ? [latitude, longitude] : [])];
  const skip = new Set(problems.map((p) => p.number));

  const out = new CsvFileWriter(outPath);
  try {
    await out.row(headers);
    for await (const { number, feature: f } of features(path, opts)) {
      if (skip.has(number)) continue;
      const values = props.map((k) => cell(f.properties[k]));
      values.push(f.geometry === null ? null : JSON.stringify(f.geometry));
      if (allPoints) {
        const c = (f.geometry as { coordinates?: unknown } | null)?.coordinates;
        const ok = Array.isArray(c);
        values.push(ok ? String(c[1]) : null, ok ? String(c[0]) : null);
      }
      await out.row(values);
    }
  } finally {
    await out.close();
  }
  const rejected = problems.map(
    (p): RejectedRecord => ({ row: p.number, line: p.line, column: geometry, message: `feature ${p.number.toLocaleString('en-US')}: ${p.reason}`, record: p.text }),
  );
  return { headers, geometry, latitude, longitude, features: total, rejected };
}
