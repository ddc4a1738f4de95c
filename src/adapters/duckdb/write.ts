import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { AppError } from '../../domain/errors.ts';
import type { IngestIssue, RejectedRecord } from '../../domain/catalog/types.ts';
import { cleanLabel, machineNames } from '../../domain/ingest/names.ts';
import { latLonPair, MAX_REPORTED_PROBLEMS, notAType } from '../../domain/ingest/rules.ts';
import { OVERRIDE_HINT, parseOverride } from '../../domain/ingest/formats.ts';
import type { ColumnInfo } from '../../domain/table/types.ts';
import type { RejectPolicy, StagedTable, TypeOverrides, WriteResult } from '../../ports/table-engine.ts';
import { latFromText, lonFromText, misfit, pointJson, pointParts, TEXT } from './candidates.ts';
import { checkedValue, guessColumns, MISFIT, sampleColumns, verifyColumns, type ColumnChoice, type Forced } from './infer.ts';
import { STAGE, stagedColumn } from './stage.ts';
import { ident, sqlString } from './values.ts';

export interface Output {
  info: ColumnInfo;
  sql: string;
  /** Extra hidden columns (point latitude/longitude). */
  hidden: { name: string; sql: string }[];
}

/** Resolves overrides given by machine name or label to source headers. */
export function forcedTypes(staged: StagedTable, names: string[], overrides: TypeOverrides): Forced {
  const forced: Forced = new Map();
  for (const [key, value] of Object.entries(overrides)) {
    const o = parseOverride(value);
    if (!o) throw new AppError('validation_failed', `"${value}" ${OVERRIDE_HINT}.`, { column: key });
    const i = staged.headers.findIndex((h, k) => names[k] === key || h === key || cleanLabel(h, k) === key);
    if (i < 0) throw new AppError('validation_failed', `There is no column "${key}" to change the type of.`, { column: key, columns: names });
    forced.set(staged.headers[i] as string, o);
  }
  return forced;
}

/** How a column's values were read, for the column review: the format, and the other readings that fit them. */
function readingOf(ch: ColumnChoice): Pick<ColumnInfo, 'format' | 'readings' | 'ambiguous'> {
  const { candidate: cand } = ch;
  if (!cand.format || cand.formats.length === 0 || cand.type === 'geometry') return {};
  const shown = ch.readings?.shown ?? [];
  return {
    format: { id: cand.id, label: cand.format },
    ...(shown.length > 1 ? { readings: shown } : {}),
    ...(ch.readings?.ambiguous ? { ambiguous: true } : {}),
  };
}

/** The latitude and longitude a GeoJSON point layer gains are derived from its geometry column. */
function pointPart(staged: StagedTable, header: string, names: string[]): Pick<ColumnInfo, 'derivedFrom'> {
  const g = staged.geometry;
  if (!g || (header !== g.latitude && header !== g.longitude)) return {};
  return { derivedFrom: names[staged.headers.indexOf(g.column)] as string };
}

const geojsonGeometry = (v: string): string => `CASE WHEN json_valid(${v}) AND json_extract_string(${v}, '$.type') IS NOT NULL THEN ${v} END`;

export function outputs(staged: StagedTable, choices: ColumnChoice[], names: string[], typed: (ch: ColumnChoice) => string): Output[] {
  const out: Output[] = [];
  const taken = new Set(names);
  const unique = (base: string): string => {
    let n = base;
    for (let k = 2; taken.has(n); k++) n = `${base}_${k}`;
    taken.add(n);
    return n;
  };
  choices.forEach((ch, i) => {
    const name = names[i] as string;
    const label = cleanLabel(ch.header, i);
    const { candidate: cand, value: v } = ch;
    if (staged.geometry?.column === ch.header) {
      const { latitude, longitude } = staged.geometry;
      if (latitude && longitude) {
        const lat = `TRY_CAST(${stagedColumn(staged.headers.indexOf(latitude))} AS DOUBLE)`;
        const lon = `TRY_CAST(${stagedColumn(staged.headers.indexOf(longitude))} AS DOUBLE)`;
        out.push(pointColumn(name, label, geojsonGeometry(v), lat, lon));
      } else {
        out.push({ info: { name, label, type: 'geometry', physical: 'VARCHAR' }, sql: geojsonGeometry(v), hidden: [] });
      }
      return;
    }
    if (cand.type === 'geometry') {
      const p = pointParts(cand, v);
      out.push(pointColumn(name, label, typed(ch), p.lat, p.lon));
      return;
    }
    out.push({ info: { name, label, type: cand.type, physical: cand.physical, ...readingOf(ch), ...pointPart(staged, ch.header, names) }, sql: cand.type === 'text' ? v : typed(ch), hidden: [] });
    if (ch.trailingPoint) {
      const lat = latFromText(ch.column);
      const lon = lonFromText(ch.column);
      const col = pointColumn(unique(`${name}_location`), `${label} (location)`, pointJson(lat, lon), lat, lon);
      out.push({ ...col, info: { ...col.info, derivedFrom: name } });
    }
  });
  const decimals = out.filter((o) => o.info.type === 'decimal').map((o) => o.info.name);
  const pair = latLonPair(decimals);
  if (pair && !out.some((o) => o.info.point)) {
    const lat = out.find((o) => o.info.name === pair.lat)?.sql as string;
    const lon = out.find((o) => o.info.name === pair.lon)?.sql as string;
    const name = unique('location');
    const col = pointColumn(name, 'Location', pointJson(lat, lon), lat, lon);
    out.push({ ...col, info: { ...col.info, derivedFrom: `${pair.lat},${pair.lon}` } });
  }
  return out;
}

function pointColumn(name: string, label: string, geometrySql: string, lat: string, lon: string): Output {
  const latName = `${name}__lat`;
  const lonName = `${name}__lon`;
  const valid = `(${lat}) BETWEEN -90 AND 90 AND (${lon}) BETWEEN -180 AND 180`;
  return {
    info: { name, label, type: 'geometry', physical: 'VARCHAR', point: { lat: latName, lon: lonName } },
    sql: geometrySql,
    hidden: [
      { name: latName, sql: `CASE WHEN ${valid} THEN ${lat} END` },
      { name: lonName, sql: `CASE WHEN ${valid} THEN ${lon} END` },
    ],
  };
}

const failing = (ch: ColumnChoice): string => misfit(ch.candidate, ch.value);

const quoted = (column: string): string => `CASE WHEN ${column} IS NULL THEN '' ELSE '"' || replace(${column}, '"', '""') || '"' END`;

export const geojsonChoice = (staged: StagedTable) => (ch: ColumnChoice): ColumnChoice =>
  // GeoJSON geometries are already geometry text: they need no candidate.
  ch.header === staged.geometry?.column ? { ...ch, candidate: { ...TEXT, type: 'geometry' as const }, failures: 0, trailingPoint: false } : ch;

export function strictFailure(problems: IngestIssue[], rows: number): AppError {
  return new AppError('bad_file', `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row has a problem' : 'rows have problems'}, and the strict policy allows none. First: ${problems[0]?.message ?? ''}`, {
    problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
    rows,
  });
}

/** Writes the typed columns of `from` (the staging table, or the source file itself) as the version's Parquet file, in source order. */
export async function copyParquet(c: DuckDBConnection, cols: Output[], where: string, dataPath: string, from: string = STAGE): Promise<number> {
  const select = cols.flatMap((o) => [`${o.sql} AS ${ident(o.info.name)}`, ...o.hidden.map((h) => `${h.sql} AS ${ident(h.name)}`)]);
  await c.run(`COPY (SELECT ${select.join(', ')} FROM ${from}${where ? ` WHERE ${where}` : ''}) TO ${sqlString(dataPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`);
  return Number((await c.runAndReadAll(`SELECT count(*)::INTEGER FROM read_parquet(${sqlString(dataPath)})`)).getRowsJson()[0]?.[0] ?? 0);
}

/** Inserts rows into a table, many per statement. */
async function insertMany(c: DuckDBConnection, table: string, types: string[], rows: DuckDBValue[][]): Promise<void> {
  const BATCH = 500;
  const n = types.length;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const values = batch.map((_, k) => `(${types.map((t, j) => `$${k * n + j + 1}::${t}`).join(', ')})`).join(', ');
    await c.run(`INSERT INTO ${table} VALUES ${values}`, batch.flat());
  }
}

/**
 * SQL for the number in the source of the staged row `rowid`. Rejected
 * records that carry a row number (GeoJSON features the preparer kept out of
 * the table) shift every later row, so a later problem still names the
 * source's number: the i-th of them (from 0) comes before staged row k when
 * its number minus i is at most k.
 */
async function sourceRow(c: DuckDBConnection, staged: StagedTable): Promise<string> {
  const dropped = staged.rejected.flatMap((r) => (r.row === null ? [] : [r.row])).sort((a, b) => a - b);
  if (dropped.length === 0) return '(rowid + 1)';
  await c.run('CREATE OR REPLACE TEMP TABLE stage_dropped (mark BIGINT)');
  await insertMany(c, 'stage_dropped', ['BIGINT'], dropped.map((n, i) => [n - i]));
  return `(${STAGE}.rowid + 1 + (SELECT count(*) FROM stage_dropped AS d WHERE d.mark <= ${STAGE}.rowid + 1))`;
}

/**
 * A filter DuckDB must not push into the table scan: strptime inside a filter
 * pushed into the scan of one column crashes the process (a segmentation fault
 * in StrpTimeFormat::Parse, seen with DuckDB 1.5 on a 106,826-row staged file).
 * A volatile term keeps the filter above the scan and changes nothing
 * (`random() < 0` is never true).
 */
const unpushed = (filter: string): string => `(${filter} OR random() < 0)`;

/** Records the rows that did not fit their column's type, and the unreadable ones, in `stage_bad`. */
export async function collectRejects(c: DuckDBConnection, staged: StagedTable, choices: ColumnChoice[], names: string[]): Promise<{ where: string; count: number; first: RejectedRecord[] }> {
  await c.run('CREATE OR REPLACE TEMP TABLE stage_bad (row BIGINT, line BIGINT, "column" VARCHAR, problem VARCHAR, record VARCHAR)');
  const bad = choices.map((ch, i) => ({ ch, i })).filter(({ ch }) => ch.failures > 0);
  let where = '';
  if (bad.length > 0) {
    const badWhere = unpushed(bad.map(({ ch }) => failing(ch)).join(' OR '));
    where = `NOT (${badWhere})`;
    const problem = `concat_ws('; ', ${bad
      .map(({ ch, i }) => `CASE WHEN ${failing(ch)} THEN 'column "${(names[i] as string).replace(/'/g, "''")}": "' || ${ch.value} || '" ${notAType(ch.candidate.type, ch.candidate.format).replace(/'/g, "''")}' END`)
      .join(', ')})`;
    const firstCol = `coalesce(${bad.map(({ ch, i }) => `CASE WHEN ${failing(ch)} THEN ${sqlString(names[i] as string)} END`).join(', ')})`;
    const record = `concat_ws(${sqlString(staged.source.delimiter ?? ',')}, ${staged.headers.map((_, i) => quoted(stagedColumn(i))).join(', ')})`;
    const row = await sourceRow(c, staged);
    await c.run(`INSERT INTO stage_bad SELECT ${row}, NULL, ${firstCol}, 'row ' || format('{:,}', ${row}) || ', ' || ${problem}, ${record} FROM ${STAGE} WHERE ${badWhere}`);
  }
  await insertMany(c, 'stage_bad', ['BIGINT', 'BIGINT', 'VARCHAR', 'VARCHAR', 'VARCHAR'], staged.rejected.map((r) => [r.row, r.line ?? null, r.column, r.message, r.record]));
  const count = Number((await c.runAndReadAll('SELECT count(*)::INTEGER FROM stage_bad')).getRowsJson()[0]?.[0] ?? 0);
  const first = (await c.runAndReadAll(`SELECT row, line, "column", problem, record FROM stage_bad ORDER BY coalesce(row, line) LIMIT ${MAX_REPORTED_PROBLEMS}`))
    .getRowObjectsJson()
    .map((r) => ({ row: r.row === null ? null : Number(r.row), line: r.line === null ? null : Number(r.line), column: r.column as string | null, message: String(r.problem), record: String(r.record ?? '') }) satisfies RejectedRecord);
  return { where, count, first };
}

/**
 * Infers types, writes the typed Parquet file, and collects the rows that did
 * not fit. The common case costs one pass: the sample's choice is written
 * with every value checked on the way. Only when a value does not fit are
 * the columns verified in full and the misfits rejected.
 */
export async function writeVersion(c: DuckDBConnection, staged: StagedTable, overrides: TypeOverrides, policy: RejectPolicy, dataPath: string): Promise<WriteResult> {
  const names = machineNames(staged.headers);
  const forced = forcedTypes(staged, names, overrides);
  const readProblems = staged.rejected.length + staged.warnedRows;
  if (policy === 'strict' && readProblems > 0) throw strictFailure([...staged.warnings, ...staged.rejected], readProblems);
  const sampled = await sampleColumns(c, staged.headers, staged.rowCount, forced);

  const guess = guessColumns(staged.headers, sampled).map(geojsonChoice(staged));
  const guessed = outputs(staged, guess, names, checkedValue);
  try {
    const rowCount = await copyParquet(c, guessed, '', dataPath);
    const rejects = await collectRejects(c, staged, guess, names);
    return { rowCount, columns: guessed.map((o) => o.info), rejected: rejects.first, rejectedCount: rejects.count, warnings: staged.warnings };
  } catch (e) {
    if (!String((e as Error).message).includes(MISFIT)) throw e;
  }

  const choices = (await verifyColumns(c, staged.headers, forced, sampled)).map(geojsonChoice(staged));
  const cols = outputs(staged, choices, names, (ch) => ch.candidate.parse(ch.value));
  const rejects = await collectRejects(c, staged, choices, names);
  if (policy === 'strict' && rejects.count > 0) throw strictFailure([...staged.warnings, ...rejects.first], rejects.count + staged.warnedRows);
  const rowCount = await copyParquet(c, cols, rejects.where, dataPath);
  return { rowCount, columns: cols.map((o) => o.info), rejected: rejects.first, rejectedCount: rejects.count, warnings: staged.warnings };
}

/** Writes every rejected record of the last `writeVersion` as CSV. */
export async function writeRejects(c: DuckDBConnection, path: string): Promise<void> {
  await c.run(`COPY (SELECT row, line, "column", problem, record FROM stage_bad ORDER BY coalesce(row, line)) TO ${sqlString(path)} (FORMAT csv, HEADER true)`);
}
