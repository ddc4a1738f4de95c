import type { Deps } from '../actions/deps.ts';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ensureFirstAdmin } from './admin-token.ts';
import { exportRecords } from '../actions/records/export-records.ts';
import { AppError } from '../domain/errors.ts';
import type { RecordsRequest } from '../domain/query/index.ts';

/** `plaza export DATASET [--format F] [--out FILE] [query options]`: writes to a file (atomically) or to stdout. */
export async function exportCommand(deps: Deps, dataDir: string, argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      select: { type: 'string' },
      where: { type: 'string' },
      'group-by': { type: 'string' },
      'order-by': { type: 'string' },
      q: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      version: { type: 'string' },
      derived: { type: 'boolean', default: false },
    },
  });
  const dataset = positionals[0];
  if (!dataset) throw new AppError('validation_failed', 'usage: plaza export DATASET [--format csv|json|ndjson|geojson|parquet|xlsx] [--out FILE]');
  const req: RecordsRequest = {};
  if (values.select) req.select = values.select;
  if (values.where) req.where = values.where;
  if (values['group-by']) req.group_by = values['group-by'];
  if (values['order-by']) req.order_by = values['order-by'];
  if (values.q) req.q = values.q;
  if (values.limit) req.limit = values.limit;
  if (values.offset) req.offset = values.offset;
  const version = values.version ? Number(values.version) : undefined;
  if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new AppError('validation_failed', '--version takes a version number like 2.');
  const exp = await exportRecords(deps, (await ensureFirstAdmin(deps, dataDir)).principal, dataset, values.format ?? 'csv', req, version, { derived: values.derived });
  const signal = new AbortController().signal;
  if (!values.out) {
    await exp.write(process.stdout, signal);
    return;
  }
  const part = `${values.out}.part`;
  try {
    await exp.write(createWriteStream(part), signal);
    await rename(part, values.out);
    process.stderr.write(`wrote ${values.out} (${exp.format})\n`);
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
}
