import type { Job } from '../../domain/catalog/types.ts';
import type { JobPatch } from '../../ports/store/jobs.ts';
import type { CatalogDb } from './schema.ts';
import type { Db } from './dialect.ts';
import { toJob } from './rows.ts';

export async function createJob(db: Db, j: Job): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: j.id,
      type: j.type,
      status: j.status,
      phase: j.phase,
      rows_read: j.rowsRead,
      rows_rejected: j.rowsRejected,
      errors: JSON.stringify(j.errors),
      payload: JSON.stringify(j.payload),
      result: j.result === null ? null : JSON.stringify(j.result),
      created_at: j.createdAt,
      started_at: j.startedAt,
      finished_at: j.finishedAt,
    })
    .execute();
}

export async function getJob(db: Db, id: string): Promise<Job | undefined> {
  const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toJob(r);
}

export async function updateJob(db: Db, id: string, p: JobPatch): Promise<void> {
  const values: Partial<Omit<CatalogDb['jobs'], 'seq'>> = {};
  if (p.status !== undefined) values.status = p.status;
  if (p.phase !== undefined) values.phase = p.phase;
  if (p.rowsRead !== undefined) values.rows_read = p.rowsRead;
  if (p.rowsRejected !== undefined) values.rows_rejected = p.rowsRejected;
  if (p.errors !== undefined) values.errors = JSON.stringify(p.errors);
  if (p.result !== undefined) values.result = p.result === null ? null : JSON.stringify(p.result);
  if (p.startedAt !== undefined) values.started_at = p.startedAt;
  if (p.finishedAt !== undefined) values.finished_at = p.finishedAt;
  if (Object.keys(values).length) await db.updateTable('jobs').set(values).where('id', '=', id).execute();
}

export async function requeueRunningJobs(db: Db): Promise<number> {
  const r = await db.updateTable('jobs').set({ status: 'queued', phase: 'queued', started_at: null }).where('status', '=', 'running').executeTakeFirst();
  return Number(r.numUpdatedRows);
}
