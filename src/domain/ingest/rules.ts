/**
 * Rules of type inference that do not depend on the engine.
 */

/** Bad values a column may hold and still be typed: one in a thousand, and none in a column under 1,000 values. */
export function tolerance(nonNull: number): number {
  return Math.floor(nonNull * 0.001);
}

/** Sample rows used to rule out candidate types before checking whole columns. */
export const SAMPLE_ROWS = 10_000;

/** Share of a text column's values that must end in `(lat, lon)` for Plaza to derive a point column from it. */
export const TRAILING_POINT_SHARE = 0.5;

const LAT = /^(lat|latitude|y_lat|.*_lat|.*_latitude|latitude_.*|lat_.*)$/;
const LON = /^(lon|lng|long|longitude|x_lon|.*_lon|.*_lng|.*_long|.*_longitude|longitude_.*|lon_.*|lng_.*)$/;

/** Finds a latitude/longitude pair among decimal columns by name. */
export function latLonPair(decimalNames: string[]): { lat: string; lon: string } | undefined {
  const lat = decimalNames.find((n) => LAT.test(n));
  const lon = decimalNames.find((n) => LON.test(n));
  return lat && lon ? { lat, lon } : undefined;
}

const ARTICLE: Record<string, string> = {
  integer: 'a whole number',
  decimal: 'a number',
  boolean: 'true or false',
  date: 'a date',
  timestamp: 'a date and time',
  time: 'a time of day',
  geometry: 'a location',
  text: 'text',
};

/** `"31/02/2020" is not a date (expected DD/MM/YYYY)` */
export function notAType(type: string, format?: string): string {
  return `is not ${ARTICLE[type] ?? type}${format && format !== 'money' ? ` (expected ${format})` : ''}`;
}

/** The most problems a strict ingest reports before it stops. */
export const MAX_REPORTED_PROBLEMS = 100;
