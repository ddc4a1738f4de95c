import { expect, it } from 'vitest';
import { at, bareDataset, job, mail, organization } from './factories.ts';
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

  it('claims the oldest queued job, then the next, then none', async () => {
    const [first, second] = [job({ id: 'job-1' }), job({ id: 'job-2' })];
    await store().jobs.createJob(job({ id: 'job-0', status: 'succeeded', phase: 'done' }));
    await store().jobs.createJob(first);
    await store().jobs.createJob(second);
    expect(await store().jobs.claimJob(at(1))).toEqual({ ...first, status: 'running', startedAt: at(1) });
    expect(await store().jobs.claimJob(at(2))).toEqual({ ...second, status: 'running', startedAt: at(2) });
    expect(await store().jobs.claimJob(at(3))).toBeUndefined();
    expect((await store().jobs.getJob('job-1'))?.status).toBe('running');
  });

  it('puts jobs left running back in the queue', async () => {
    for (const id of ['a', 'b', 'c']) await store().jobs.createJob(job({ id }));
    await store().jobs.createJob(job({ id: 'done', status: 'succeeded', phase: 'done', finishedAt: at(1) }));
    await store().jobs.claimJob(at(1));
    await store().jobs.claimJob(at(1));
    await store().jobs.updateJob('a', { phase: 'typing' });
    expect(await store().jobs.requeueRunningJobs()).toBe(2);
    expect(await store().jobs.getJob('a')).toMatchObject({ status: 'queued', phase: 'queued', startedAt: null });
    expect((await store().jobs.getJob('done'))?.status).toBe('succeeded');
    expect(await store().jobs.requeueRunningJobs()).toBe(0);
    expect((await store().jobs.claimJob(at(2)))?.id).toBe('a');
  });

  it('hands each queued job to one of several concurrent claimers', async () => {
    for (const id of ['q1', 'q2', 'q3']) await store().jobs.createJob(job({ id }));
    const claims = await Promise.all(Array.from({ length: 5 }, (_, i) => store().jobs.claimJob(at(i))));
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
          const claimed = await tx.jobs.claimJob(at(i));
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

  it('counts the jobs waiting and running, and when the oldest waiting one was queued', async () => {
    expect(await store().jobs.queueCounts()).toEqual({ queued: 0, running: 0, oldestQueuedAt: null });
    await store().jobs.createJob(job({ id: 'old', createdAt: at(1) }));
    await store().jobs.createJob(job({ id: 'new', createdAt: at(5) }));
    await store().jobs.createJob(job({ id: 'later', createdAt: at(9) }));
    await store().jobs.createJob(job({ id: 'done', status: 'succeeded', phase: 'done', createdAt: at(0) }));
    await store().jobs.claimJob(at(10));
    expect(await store().jobs.queueCounts()).toEqual({ queued: 2, running: 1, oldestQueuedAt: at(5) });
  });

  it('answers ping', async () => {
    await expect(store().ping()).resolves.toBeUndefined();
  });
});
