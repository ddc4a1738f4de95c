import type { Job, JobStatus } from '../../domain/catalog/types.ts';
import type { JobClaim, JobCounts, JobPatch, JobSettlement, JobStore } from '../../ports/store/jobs.ts';
import type { CatalogDb } from './schema.ts';
import type { Db } from './dialect.ts';
import { toJob } from './rows.ts';
import type { AreaScope, Effects } from './area.ts';

/** What a job whose worker stopped answering on its last attempt says. */
const LOST_MESSAGE = 'The worker running it stopped answering on its last attempt.';

/** The job queue on SQL (ADR 54); taking the next job is the dialect's. */
export class SqlJobs implements JobStore {
  static readonly effects: Effects<JobStore> = {
    createJob: 'writes',
    getJob: 'reads',
    updateJob: 'writes',
    claimJob: 'writes',
    renewJobLease: 'writes',
    settleJob: 'writes',
    listJobs: 'reads',
    reviveJob: 'writes',
    jobCounts: 'reads',
    claimStep: 'writes',
    releaseStep: 'writes',
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
        attempts: j.attempts ?? 0,
        owner: j.owner ?? null,
        lease_expires_at: j.leaseExpiresAt ?? null,
        run_after: j.runAfter ?? null,
        request_id: j.requestId ?? null,
      })
      .execute();
  }

  async getJob(id: string): Promise<Job | undefined> {
    const r = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toJob(r);
  }

  async updateJob(id: string, p: JobPatch): Promise<void> {
    const values: Partial<Omit<CatalogDb['jobs'], 'seq' | 'attempts'>> = {};
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

  async claimJob(claim: JobClaim): Promise<Job | undefined> {
    await this.buryLost(claim);
    return this.scope.dialect.claimJob(this.db, claim);
  }

  /** Running jobs whose lease ran out on their last attempt become dead letters, saying why. */
  private async buryLost(claim: JobClaim): Promise<void> {
    const lost = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'running')
      .where('lease_expires_at', '<', claim.at)
      .where('attempts', '>=', claim.maxAttempts)
      .limit(20)
      .execute();
    for (const r of lost) {
      const errors = [...toJob(r).errors, { row: null, column: null, message: LOST_MESSAGE }].slice(-101);
      await this.db
        .updateTable('jobs')
        .set({ status: 'dead', phase: 'dead', errors: JSON.stringify(errors), lease_expires_at: null, finished_at: claim.at })
        .where('id', '=', r.id)
        .where('status', '=', 'running')
        .where('lease_expires_at', '<', claim.at)
        .execute();
    }
  }

  async renewJobLease(id: string, owner: string, until: string): Promise<boolean> {
    const r = await this.db.updateTable('jobs').set({ lease_expires_at: until }).where('id', '=', id).where('owner', '=', owner).where('status', '=', 'running').executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async settleJob(id: string, owner: string, o: JobSettlement): Promise<boolean> {
    return this.scope.atomically(async (db) => {
      const held = db.updateTable('jobs').where('id', '=', id).where('owner', '=', owner);
      let r;
      if (o.status === 'queued') {
        r = await held
          .set((e) => ({
            status: 'queued',
            phase: 'queued',
            owner: null,
            lease_expires_at: null,
            run_after: o.runAfter,
            ...(o.errors ? { errors: JSON.stringify(o.errors) } : {}),
            ...(o.uncount ? { attempts: e('attempts', '-', 1) } : {}),
          }))
          .where('status', '=', 'running')
          .executeTakeFirst();
      } else if (o.status === 'dead') {
        r = await held.set({ status: 'dead', phase: 'dead', errors: JSON.stringify(o.errors), lease_expires_at: null, finished_at: o.at }).executeTakeFirst();
      } else {
        // The handler wrote its outcome (or had none to write: then it succeeded).
        await held.set({ status: 'succeeded', finished_at: o.at }).where('status', '=', 'running').execute();
        r = await held.set({ lease_expires_at: null }).executeTakeFirst();
      }
      return Number(r.numUpdatedRows) > 0;
    });
  }

  async listJobs(status: JobStatus, limit: number): Promise<Job[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', status)
      .orderBy('seq', status === 'dead' ? 'desc' : 'asc')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  async reviveJob(id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'queued', phase: 'queued', attempts: 0, owner: null, lease_expires_at: null, run_after: at, finished_at: null })
      .where('id', '=', id)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async jobCounts(at: string): Promise<JobCounts> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['status', (e) => e.fn.countAll<number>().as('n')])
      .where('status', 'in', ['queued', 'running', 'dead'])
      .groupBy('status')
      .execute();
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    // The oldest waiting job that may run now: since it became due, or since it was queued.
    const oldest = await this.db
      .selectFrom('jobs')
      .select((e) => e.fn.min(e.fn.coalesce('run_after', 'created_at')).as('since'))
      .where('status', '=', 'queued')
      .where((e) => e.or([e('run_after', 'is', null), e('run_after', '<=', at)]))
      .executeTakeFirst();
    return { queued: n('queued'), running: n('running'), dead: n('dead'), oldestQueuedAt: (oldest?.since as string | null | undefined) ?? null };
  }

  async claimStep(name: string, owner: string, at: string, until: string): Promise<boolean> {
    const r = await this.db
      .insertInto('step_leases')
      .values({ name, owner, expires_at: until })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ owner, expires_at: until })
          .where((e) => e.or([e('step_leases.expires_at', '<', at), e('step_leases.owner', '=', owner)])),
      )
      .returning('name')
      .executeTakeFirst();
    return r !== undefined;
  }

  async releaseStep(name: string, owner: string): Promise<void> {
    await this.db.deleteFrom('step_leases').where('name', '=', name).where('owner', '=', owner).execute();
  }
}
