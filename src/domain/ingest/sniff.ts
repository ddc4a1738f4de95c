/** Delimiters Plaza recognises in delimited text, in order of preference on ties. */
export const DELIMITERS = [',', '\t', ';', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Counts the fields of each record in a sample, honouring double-quoted fields. */
export function fieldCounts(sample: string, delimiter: string, maxRecords = 200): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < sample.length && counts.length < maxRecords; i++) {
    const ch = sample[i];
    if (inQuotes) {
      if (ch === '"') {
        if (sample[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
    } else if (ch === delimiter) {
      fields++;
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      counts.push(fields);
      fields = 1;
      atFieldStart = true;
    } else {
      atFieldStart = false;
    }
  }
  // The last record of a sample may be cut short; only count it when the sample ended cleanly.
  return counts;
}

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** Fields in the header record. */
  headerFields: number;
  /** Share of sampled records with as many fields as the header. */
  consistency: number;
}

/**
 * Picks the delimiter whose field count is most consistent across records
 * and agrees with the header. Ragged files (a few short rows) still win for
 * their real delimiter, because the header and most rows agree.
 */
export function sniffDelimiter(sample: string): DelimiterGuess | undefined {
  let best: (DelimiterGuess & { score: number }) | undefined;
  for (const delimiter of DELIMITERS) {
    const counts = fieldCounts(sample, delimiter);
    const header = counts[0];
    if (header === undefined || header < 2) continue;
    const rows = counts.slice(1);
    const same = rows.filter((c) => c === header).length;
    const near = rows.filter((c) => c >= 2 && Math.abs(c - header) <= 1).length;
    const consistency = rows.length === 0 ? 1 : same / rows.length;
    const nearShare = rows.length === 0 ? 1 : near / rows.length;
    const score = nearShare * 2 + consistency + Math.min(header, 50) / 1000;
    if (!best || score > best.score) best = { delimiter, headerFields: header, consistency, score };
  }
  if (!best) return undefined;
  const { delimiter, headerFields, consistency } = best;
  return { delimiter, headerFields, consistency };
}

/** The fields of the first record of delimited text (the header), honouring quotes. */
export function firstRecord(sample: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (sample[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
  }
  fields.push(field);
  return fields;
}
