import { ROWID, type ColumnInfo } from '../table/types.ts';
import { QueryError, invalid, type QueryParam } from './errors.ts';

/** Columns a query may address: everything but `__rowid`, hidden lat/lon and `_`-prefixed names. */
export function visibleColumns(columns: readonly ColumnInfo[]): ColumnInfo[] {
  const hidden = new Set<string>([ROWID]);
  for (const c of columns) {
    if (c.point) {
      hidden.add(c.point.lat);
      hidden.add(c.point.lon);
    }
  }
  return columns.filter((c) => !hidden.has(c.name) && !c.name.startsWith('_'));
}

/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= s.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(s.length, t.length);
}

/** "did you mean `x`?" for the nearest candidate, or a short list of candidates. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  let best = '';
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (bestDistance <= Math.max(1, Math.floor(word.length / 3))) return `did you mean \`${best}\`?`;
  const shown = candidates.slice(0, 12).map((c) => '`' + c + '`').join(', ');
  return `available: ${shown}${candidates.length > 12 ? ', ...' : ''}`;
}

/** Looks up identifiers against a version's visible columns. */
export class ColumnResolver {
  readonly visible: ColumnInfo[];

  constructor(columns: readonly ColumnInfo[]) {
    this.visible = visibleColumns(columns);
  }

  /** The column for a bare (name, case-insensitive) or backtick-quoted (name or label) identifier. */
  find(name: string, quoted: boolean): ColumnInfo | undefined {
    const lower = name.toLowerCase();
    const byName = this.visible.find((c) => c.name.toLowerCase() === lower);
    if (byName || !quoted) return byName;
    return this.visible.find((c) => c.label === name) ?? this.visible.find((c) => c.label.toLowerCase() === lower);
  }

  /** Like `find`, but throws `unknown_column` with a hint; `extra` are other valid names (aliases). */
  resolve(name: string, quoted: boolean, param: QueryParam, pos: number, extra: readonly string[] = []): ColumnInfo {
    const found = this.find(name, quoted);
    if (found) return found;
    throw this.unknown(name, quoted, param, pos, extra);
  }

  unknown(name: string, quoted: boolean, param: QueryParam, pos: number, extra: readonly string[] = []): QueryError {
    const shown = quoted ? '`' + name + '`' : name;
    const hint = suggest(name, [...this.visible.map((c) => c.name), ...extra]);
    return new QueryError('unknown_column', param, pos, `unknown column ${shown}`, hint);
  }

  /** A point geometry column for geo predicates, or a query_invalid error naming the column. */
  pointColumn(col: ColumnInfo, fn: string, param: QueryParam, pos: number): ColumnInfo & { point: { lat: string; lon: string } } {
    if (col.type === 'geometry' && col.point) return { ...col, point: col.point };
    const what = col.type === 'geometry' ? 'a geometry column without point locations' : `a ${col.type} column`;
    const points = this.visible.filter((c) => c.type === 'geometry' && c.point).map((c) => '`' + c.name + '`');
    const hint = points.length > 0 ? `point columns: ${points.join(', ')}` : 'this dataset has no point column';
    throw invalid(param, pos, `${fn}() needs a point column, but \`${col.name}\` is ${what}`, hint);
  }
}
