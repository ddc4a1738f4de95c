/** What the first bytes of a file say it is. */
export type Sniffed =
  | { kind: 'gzip' }
  | { kind: 'zip' }
  | { kind: 'binary'; what: string }
  | { kind: 'empty' }
  | { kind: 'text'; bom: 'utf-8' | 'utf-16le' | 'utf-16be' | null; utf16: 'utf-16le' | 'utf-16be' | null };

const MAGIC: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable program'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old-style Office document (.xls/.doc); save it as .xlsx or CSV'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database'],
  [[0x42, 0x5a, 0x68], 'a bzip2 archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
];

const startsWith = (buf: Uint8Array, sig: number[]): boolean => sig.every((b, i) => buf[i] === b);

/** Classifies a file from its first bytes (a few KiB are enough). */
export function sniffBytes(head: Uint8Array): Sniffed {
  if (head.length === 0) return { kind: 'empty' };
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'zip' };
  for (const [sig, what] of MAGIC) if (startsWith(head, sig)) return { kind: 'binary', what };
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { kind: 'text', bom: 'utf-8', utf16: null };
  if (startsWith(head, [0xff, 0xfe])) return { kind: 'text', bom: 'utf-16le', utf16: 'utf-16le' };
  if (startsWith(head, [0xfe, 0xff])) return { kind: 'text', bom: 'utf-16be', utf16: 'utf-16be' };
  const n = Math.min(head.length, 4096);
  let zeroEven = 0;
  let zeroOdd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] ?? 0;
    if (b === 0) {
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    } else if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return { kind: 'text', bom: null, utf16: 'utf-16le' };
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return { kind: 'text', bom: null, utf16: 'utf-16be' };
  if (zeroEven + zeroOdd > 0 || control > n * 0.02) return { kind: 'binary', what: 'a binary file, not text' };
  return { kind: 'text', bom: null, utf16: null };
}

export type TextShape = 'geojson' | 'json' | 'ndjson' | 'delimited';

/** Tells JSON, NDJSON and GeoJSON from delimited text by the start of the decoded text. */
export function textShape(start: string): TextShape {
  const s = start.replace(/^\uFEFF/, '').trimStart();
  if (s.startsWith('[')) return 'json';
  if (s.startsWith('{')) {
    if (/"type"\s*:\s*"FeatureCollection"/.test(s.slice(0, 65536)) || /"features"\s*:\s*\[/.test(s.slice(0, 65536))) return 'geojson';
    const firstLineEnd = s.indexOf('\n');
    const next = firstLineEnd >= 0 ? s.slice(firstLineEnd + 1).trimStart() : '';
    if (firstLineEnd < 0 || next === '' || next.startsWith('{')) return 'ndjson';
    return 'json';
  }
  return 'delimited';
}

/** Formats a file name's extension promises, and the shapes that fulfil each. */
const EXTENSIONS: Record<string, string> = {
  csv: 'delimited',
  tsv: 'delimited',
  tab: 'delimited',
  txt: 'delimited',
  psv: 'delimited',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  geojson: 'geojson',
  xlsx: 'xlsx',
};

const UNSUPPORTED = new Set(['xls', 'pdf', 'doc', 'docx', 'zip', 'shp', 'kml', 'kmz', 'parquet', 'png', 'jpg', 'jpeg', 'gif', 'exe', 'sqlite', 'db', 'ods']);

/** The extension of a file name, lowercased, with `.gz` peeled off. */
export function extensionOf(filename: string): { ext: string; gz: boolean } {
  let name = filename.toLowerCase();
  const gz = name.endsWith('.gz');
  if (gz) name = name.slice(0, -3);
  const dot = name.lastIndexOf('.');
  return { ext: dot >= 0 ? name.slice(dot + 1) : '', gz };
}

/**
 * Checks a file name's extension against what the content turned out to be.
 * Returns a message for the publisher when they disagree, or undefined.
 */
export function extensionProblem(filename: string, actual: TextShape | 'xlsx'): string | undefined {
  const { ext } = extensionOf(filename);
  if (ext === '' ) return undefined;
  if (UNSUPPORTED.has(ext)) return `Files of type .${ext} cannot be loaded as a table. Upload CSV, TSV, JSON, NDJSON, GeoJSON or XLSX.`;
  const promised = EXTENSIONS[ext];
  if (promised === undefined) return undefined;
  const compatible =
    promised === actual ||
    (promised === 'json' && (actual === 'ndjson' || actual === 'geojson')) ||
    (promised === 'ndjson' && actual === 'json') ||
    (promised === 'geojson' && actual === 'json');
  if (compatible) return undefined;
  const describe: Record<string, string> = {
    delimited: 'delimited text (CSV)',
    json: 'JSON',
    ndjson: 'newline-delimited JSON',
    geojson: 'GeoJSON',
    xlsx: 'an Excel workbook',
  };
  return `The file is named "${filename}" but its content is ${describe[actual] ?? actual}, not ${describe[promised] ?? promised}. Check that you picked the right file, or rename it with the right extension.`;
}
