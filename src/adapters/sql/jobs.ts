import type { Job } from '../../domain/catalog/types.ts';
import type { JobPatch, JobStore } from '../../ports/store/jobs.ts';
import type { CatalogDb } from './schema.ts';
import type { Db } from './dialect.ts';
import { toJob } from './rows.ts';
import type { AreaScope, Effects } from './area.ts';

/** The job queue on SQL; claiming is the dialect's. */
export class SqlJobs implements JobStore {
  static readonly effects: Effects<JobStore> = {
    createJob: 'writes',
    getJob: 'reads',
    updateJob: 'writes',
    claimJob: 'writes',
    requeueRunningJobs: 'writes',
    queueCounts: 'reads',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async createJob(j: Job): Promise<void> {
    await this.db
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

  async getJob(id: string): Promise<Job | undefined> {
    const r = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toJob(r);
  }

  async updateJob(id: string, p: JobPatch): Promise<void> {
    const values: Partial<Omit<CatalogDb['jobs'], 'seq'>> = {};
    if (p.status !== undefined) values.status = p.status;
    if (p.phase !== undefined) values.phase = p.phase;
    if (p.rowsRead !== undefined) values.rows_read = p.rowsRead;
    if (p.rowsRejected !== undefined) values.rows_rejected = p.rowsRejected;
    if (p.errors !== undefined) values.errors = JSON.stringify(p.errors);
    if (p.result !== undefined) values.result = p.result === null ? null : JSON.stringify(p.result);
    if (p.startedAt !== undefined) values.started_at = p.startedAt;
    if (p.finishedAt !== undefined) values.finished_at = p.finishedAt;
    if (Object.keys(values).length) await this.db.updateTable('jobs').set(values).where('id', '=', id).execute();
  }

  claimJob(at: string): Promise<Job | undefined> {
    return this.scope.dialect.claimJob(this.db, at);
  }

  async requeueRunningJobs(): Promise<number> {
    const r = await this.db.updateTable('jobs').set({ status: 'queued', phase: 'queued', started_at: null }).where('status', '=', 'running').executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async queueCounts(): Promise<{ queued: number; running: number; oldestQueuedAt: string | null }> {
    const rows = await this.db
      .selectFrom('jobs')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('status', 'in', ['queued', 'running'])
      .groupBy('status')
      .execute();
    const queued = rows.find((r) => r.status === 'queued');
    const running = rows.find((r) => r.status === 'running');
    return { queued: Number(queued?.n ?? 0), running: Number(running?.n ?? 0), oldestQueuedAt: queued?.oldest ?? null };
  }
}
