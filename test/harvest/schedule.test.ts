import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harvestScheduleStep } from '../../src/actions/harvest/harvest-job.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { until } from '../support/processes.ts';
import { startReplay, type Replay } from './replay.ts';

const NY = readFileSync(fixture('standards/dcat-us-pod-v1.1/real-catalog-data.ny.gov-data.json'), 'utf8');

describe('scheduled harvests', () => {
  let t: TestPlaza;
  let site: Replay;
  beforeAll(async () => {
    t = await startTestPlaza();
    site = await startReplay();
    site.answer = () => ({ body: NY });
  }, 60_000);
  afterAll(async () => {
    await site.close();
    await t.close();
  });

  it('has the worker queue a due source’s run, run it as a job, and wait its hours before the next', async () => {
    const before = Date.now();
    const due = await addSource(t.deps, t.admin, { kind: 'dcat-us', url: `${site.url}/data.json`, name: 'Every six hours', schedule_hours: 6 });
    await addSource(t.deps, t.admin, { kind: 'dcat-us', url: `${site.url}/other.json`, name: 'On demand', schedule_hours: null });
    await addSource(t.deps, t.admin, { kind: 'dcat-us', url: `${site.url}/peer.json`, name: 'A peer only', harvest: false, peer: true });

    // The worker's background steps take it up: no one asks for the run.
    const run = await until('the scheduled run', async () => (await t.deps.catalog.harvest.listRuns(due.id, 5))[0], 30);
    expect(run).toMatchObject({ trigger: 'schedule' });
    const next = Date.parse((await t.deps.catalog.harvest.getSource(due.id))!.nextRunAt!);
    expect(next - before).toBeGreaterThanOrEqual(6 * 3_600_000 - 1_000);
    expect(next - Date.now()).toBeLessThanOrEqual(6 * 3_600_000);

    expect((await waitForJob(t.deps, run!.jobId!)).status).toBe('succeeded');
    expect(await t.deps.catalog.harvest.getRun(run!.id)).toMatchObject({ status: 'succeeded', counts: { created: 1 } });
    // Not due again for six hours; the on-demand source and the peer never are.
    expect(await harvestScheduleStep.run(t.deps)).toBe(0);
    expect(await t.deps.catalog.harvest.listRuns(due.id, 5)).toHaveLength(1);
    expect(site.requests.filter((r) => r !== '/data.json')).toEqual([]);
  }, 60_000);
});
