import { expect, it } from 'vitest';
import { at, bareDataset, claimAt, job, mail, organization } from './factories.ts';
import { describeStores } from './harness.ts';

describeStores('jobs', (store, name) => {
  it('creates a job and reads it back whole', async () => {
    const j = job({ rowsRead: 4_000_000_000, errors: [{ row: null, column: null, message: 'File is empty' }], result: { versionId: 'v1', rows: 12 } });
    await store().jobs.createJob(j);
    expect(await store().jobs.getJob(j.id)).toEqual(j);
    expect(await store().jobs.getJob('missing')).toBeUndefined();
  });

  it('updates the fields given', async () => {
    const j = job();
    await store().jobs.createJob(j);
    await store().jobs.updateJob(j.id, { phase: 'typing', rowsRead: 1200, rowsRejected: 3 });
    expect(await store().jobs.getJob(j.id)).toEqual({ ...j, phase: 'typing', rowsRead: 1200, rowsRejected: 3 });
    const issues = [{ row: 7, line: 8, column: 'date', message: 'not a date' }];
    await store().jobs.updateJob(j.id, { status: 'failed', errors: issues, result: { reason: 'bad file' }, finishedAt: at(9) });
    await store().jobs.updateJob(j.id, {});
    expect(await store().jobs.getJob(j.id)).toEqual({ ...j, phase: 'typing', rowsRead: 1200, rowsRejected: 3, status: 'failed', errors: issues, result: { reason: 'bad file' }, finishedAt: at(9) });
    await store().jobs.updateJob(j.id, { result: null });
    expect((await store().jobs.getJob(j.id))?.result).toBeNull();
  });

  it('claims the oldest queued job for its owner with a lease, then the next, then none', async () => {
    const [first, second] = [job({ id: 'job-1', requestId: 'req-7' }), job({ id: 'job-2' })];
    await store().jobs.createJob(job({ id: 'job-0', status: 'succeeded', phase: 'done' }));
    await store().jobs.createJob(first);
    await store().jobs.createJob(second);
    expect(await store().jobs.claimJob(claimAt('w1', 1))).toEqual({ ...first, status: 'running', startedAt: at(1), owner: 'w1', leaseExpiresAt: at(2), attempts: 1 });
    expect(await store().jobs.claimJob(claimAt('w2', 1))).toMatchObject({ id: 'job-2', owner: 'w2', attempts: 1 });
    expect(await store().jobs.claimJob(claimAt('w3', 1))).toBeUndefined();
    expect(await store().jobs.getJob('job-1')).toMatchObject({ status: 'running', owner: 'w1', requestId: 'req-7' });
  });

  it('gives a job whose lease ran out to another owner, counting an attempt; a renewed lease keeps it', async () => {
    await store().jobs.createJob(job({ id: 'a' }));
    await store().jobs.createJob(job({ id: 'b' }));
    await store().jobs.claimJob(claimAt('w1', 0)); // a, until minute 1
    await store().jobs.claimJob(claimAt('w2', 0)); // b, until minute 1
    expect(await store().jobs.renewJobLease('b', 'w2', at(5))).toBe(true);
    expect(await store().jobs.renewJobLease('b', 'w1', at(9)), 'only its holder renews it').toBe(false);
    expect(await store().jobs.claimJob(claimAt('w3', 0.5)), 'no lease has run out yet').toBeUndefined();
    const taken = await store().jobs.claimJob(claimAt('w3', 2));
    expect(taken).toMatchObject({ id: 'a', status: 'running', owner: 'w3', leaseExpiresAt: at(3), attempts: 2, startedAt: at(2) });
    expect(await store().jobs.claimJob(claimAt('w3', 2)), 'b was renewed until minute 5').toBeUndefined();
    expect(await store().jobs.renewJobLease('a', 'w1', at(9)), 'the first owner lost it').toBe(false);
    expect(await store().jobs.settleJob('a', 'w1', { status: 'settled', at: at(3) })).toBe(false);
    expect(await store().jobs.getJob('a')).toMatchObject({ status: 'running', owner: 'w3' });
  });

  it('queues a failed attempt again, not taken before its time', async () => {
    await store().jobs.createJob(job({ id: 'r' }));
    await store().jobs.claimJob(claimAt('w1', 0));
    const errors = [{ row: null, column: null, message: 'Attempt 1: connection reset' }];
    expect(await store().jobs.settleJob('r', 'w1', { status: 'queued', runAfter: at(10), errors })).toBe(true);
    expect(await store().jobs.getJob('r')).toMatchObject({ status: 'queued', phase: 'queued', owner: null, leaseExpiresAt: null, runAfter: at(10), attempts: 1, errors });
    expect(await store().jobs.claimJob(claimAt('w2', 9))).toBeUndefined();
    expect(await store().jobs.claimJob(claimAt('w2', 10))).toMatchObject({ id: 'r', owner: 'w2', attempts: 2, errors });
  });

  it('sets a job aside as dead: by its worker, or when its lease runs out on the last attempt; an admin queues it again', async () => {
    await store().jobs.createJob(job({ id: 'd1' }));
    await store().jobs.createJob(job({ id: 'd2', attempts: 2 }));
    await store().jobs.claimJob(claimAt('w1', 0)); // d1, attempt 1
    await store().jobs.claimJob(claimAt('w1', 0)); // d2, attempt 3 of 3
    const errors = [{ row: null, column: null, message: 'boom' }];
    expect(await store().jobs.settleJob('d1', 'w1', { status: 'dead', at: at(1), errors })).toBe(true);
    expect(await store().jobs.getJob('d1')).toMatchObject({ status: 'dead', phase: 'dead', errors, finishedAt: at(1), leaseExpiresAt: null });
    // w1 dies holding d2: its lease runs out, no attempt is left.
    expect(await store().jobs.claimJob(claimAt('w2', 5))).toBeUndefined();
    const d2 = await store().jobs.getJob('d2');
    expect(d2).toMatchObject({ status: 'dead', attempts: 3, finishedAt: at(5) });
    expect(d2?.errors.at(-1)?.message).toMatch(/stopped answering/);
    expect((await store().jobs.listJobs('dead', 10)).map((j) => j.id)).toEqual(['d2', 'd1']);
    expect(await store().jobs.jobCounts(at(5))).toEqual({ queued: 0, running: 0, dead: 2, oldestQueuedAt: null });
    expect(await store().jobs.reviveJob('d1', at(6))).toBe(true);
    expect(await store().jobs.reviveJob('d1', at(6)), 'only a dead job is revived').toBe(false);
    expect(await store().jobs.getJob('d1')).toMatchObject({ status: 'queued', attempts: 0, owner: null, finishedAt: null, errors });
    expect(await store().jobs.claimJob(claimAt('w2', 6))).toMatchObject({ id: 'd1', attempts: 1, owner: 'w2' });
  });

  it('takes a job handed back at shutdown at once, its attempt not counted', async () => {
    await store().jobs.createJob(job({ id: 'h' }));
    await store().jobs.claimJob(claimAt('w1', 0, 60));
    expect(await store().jobs.settleJob('h', 'w1', { status: 'queued', runAfter: null, uncount: true })).toBe(true);
    expect(await store().jobs.getJob('h')).toMatchObject({ status: 'queued', owner: null, attempts: 0 });
    expect(await store().jobs.claimJob(claimAt('w2', 0))).toMatchObject({ id: 'h', owner: 'w2', attempts: 1 });
    expect(await store().jobs.settleJob('h', 'w1', { status: 'queued', runAfter: null, uncount: true }), 'w1 holds it no longer').toBe(false);
  });

  it('ends the hold on a job its handler settled, and closes one it left running', async () => {
    await store().jobs.createJob(job({ id: 's1' }));
    await store().jobs.createJob(job({ id: 's2' }));
    await store().jobs.claimJob(claimAt('w1', 0));
    await store().jobs.claimJob(claimAt('w1', 0));
    await store().jobs.updateJob('s1', { status: 'failed', phase: 'failed', finishedAt: at(1) });
    expect(await store().jobs.settleJob('s1', 'w1', { status: 'settled', at: at(2) })).toBe(true);
    expect(await store().jobs.settleJob('s2', 'w1', { status: 'settled', at: at(2) })).toBe(true);
    expect(await store().jobs.getJob('s1')).toMatchObject({ status: 'failed', finishedAt: at(1), leaseExpiresAt: null });
    expect(await store().jobs.getJob('s2')).toMatchObject({ status: 'succeeded', finishedAt: at(2), leaseExpiresAt: null });
    expect(await store().jobs.claimJob(claimAt('w2', 5)), 'a settled job is not taken again').toBeUndefined();
  });

  it('counts the queue: waiting, running, dead, and the age of the oldest job that may run', async () => {
    await store().jobs.createJob(job({ id: 'c1', createdAt: at(1) }));
    await store().jobs.createJob(job({ id: 'c2', createdAt: at(2) }));
    await store().jobs.createJob(job({ id: 'c3', createdAt: at(0), runAfter: at(30) }));
    await store().jobs.createJob(job({ id: 'c4', status: 'dead', phase: 'dead' }));
    await store().jobs.claimJob(claimAt('w1', 3)); // c1
    expect(await store().jobs.jobCounts(at(4))).toEqual({ queued: 2, running: 1, dead: 1, oldestQueuedAt: at(2) });
    expect((await store().jobs.listJobs('queued', 10)).map((j) => j.id)).toEqual(['c2', 'c3']);
  });

  it('gives each background step to one owner at a time', async () => {
    expect(await store().jobs.claimStep('mail', 'w1', at(0), at(1))).toBe(true);
    expect(await store().jobs.claimStep('mail', 'w2', at(0.5), at(1.5))).toBe(false);
    expect(await store().jobs.claimStep('webhooks', 'w2', at(0.5), at(1.5)), 'another step is free').toBe(true);
    expect(await store().jobs.claimStep('mail', 'w1', at(0.9), at(2)), 'its owner renews it').toBe(true);
    expect(await store().jobs.claimStep('mail', 'w2', at(1.5), at(2.5)), 'renewed until minute 2').toBe(false);
    expect(await store().jobs.claimStep('mail', 'w2', at(2.1), at(3)), 'run out: taken over').toBe(true);
    await store().jobs.releaseStep('mail', 'w1');
    expect(await store().jobs.claimStep('mail', 'w1', at(2.2), at(3)), 'w1 could not release what w2 holds').toBe(false);
    await store().jobs.releaseStep('mail', 'w2');
    expect(await store().jobs.claimStep('mail', 'w1', at(2.2), at(3)), 'released: free at once').toBe(true);
  });

  it('hands each step to one of several owners claiming at once', async () => {
    const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => store().jobs.claimStep('digest', `w${i}`, at(0), at(1))));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('hands each queued job to one of several concurrent claimers', async () => {
    for (const id of ['q1', 'q2', 'q3']) await store().jobs.createJob(job({ id }));
    const claims = await Promise.all(Array.from({ length: 5 }, (_, i) => store().jobs.claimJob(claimAt(`w${i}`, 0))));
    const claimed = claims.filter((c) => c !== undefined).map((c) => c.id);
    expect(claimed.sort()).toEqual(['q1', 'q2', 'q3']);
    expect(claims.filter((c) => c === undefined)).toHaveLength(2);
  });

  it.runIf(name === 'postgres')('skips jobs other workers hold: five overlapping claims over three jobs', async () => {
    for (const id of ['q1', 'q2', 'q3']) await store().jobs.createJob(job({ id }));
    // Each claimer keeps its transaction open until all five have claimed (or
    // a second has passed), so every claim runs while the others hold their rows.
    let arrived = 0;
    let release!: () => void;
    const allClaimed = new Promise<void>((resolve) => (release = resolve));
    const timeout = setTimeout(release, 1_000);
    const claims = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        store().transaction(async (tx) => {
          const claimed = await tx.jobs.claimJob(claimAt(`w${i}`, 0));
          if (++arrived === 5) release();
          await allClaimed;
          return claimed;
        }),
      ),
    );
    clearTimeout(timeout);
    expect(claims.filter((c) => c !== undefined).map((c) => c.id).sort()).toEqual(['q1', 'q2', 'q3']);
    expect(claims.filter((c) => c === undefined)).toHaveLength(2);
  });
});

describeStores('transactions', (store) => {
  it('commits every write when the function returns', async () => {
    const result = await store().transaction(async (tx) => {
      await tx.jobs.createJob(job({ id: 'j1' }));
      await tx.activity.setCursor('c', '1');
      return 'done';
    });
    expect(result).toBe('done');
    expect((await store().jobs.getJob('j1'))?.id).toBe('j1');
    expect(await store().activity.getCursor('c')).toBe('1');
  });

  it('rolls back every write when the function throws', async () => {
    await store().activity.setCursor('c', 'before');
    const org = organization();
    const failing = store().transaction(async (tx) => {
      await tx.datasets.createOrganization(org);
      await tx.datasets.createDataset(bareDataset(org.id, { id: 'ds-1' }));
      await tx.jobs.createJob(job({ id: 'j1' }));
      await tx.activity.setCursor('c', 'inside');
      await tx.activity.enqueueMail(mail());
      expect(await tx.activity.getCursor('c')).toBe('inside');
      expect((await tx.datasets.getDataset('ds-1'))?.organizationId).toBe(org.id);
      throw new Error('stop');
    });
    await expect(failing).rejects.toThrow('stop');
    expect(await store().jobs.getJob('j1')).toBeUndefined();
    expect(await store().datasets.getOrganization(org.id)).toBeUndefined();
    expect(await store().datasets.getDataset('ds-1')).toBeUndefined();
    expect(await store().activity.getCursor('c')).toBe('before');
    expect(await store().activity.dueMail(at(1), 10)).toEqual([]);
  });

  it('runs a nested transaction inside the outer one', async () => {
    const failing = store().transaction(async (outer) => {
      await outer.activity.setCursor('outer', '1');
      await outer.transaction(async (inner) => {
        expect(inner).toBe(outer);
        await inner.activity.setCursor('inner', '1');
      });
      // The inner transaction's write is visible, and not yet committed.
      expect(await outer.activity.getCursor('inner')).toBe('1');
      throw new Error('undo both');
    });
    await expect(failing).rejects.toThrow('undo both');
    expect(await store().activity.getCursor('outer')).toBeUndefined();
    expect(await store().activity.getCursor('inner')).toBeUndefined();
  });

  it('answers ping', async () => {
    await expect(store().ping()).resolves.toBeUndefined();
  });
});
