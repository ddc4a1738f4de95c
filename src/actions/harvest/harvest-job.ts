import type { Job } from '../../domain/catalog/types.ts';
import type { HarvestTrigger } from '../../domain/harvest/types.ts';
import type { NotifyStep } from '../notify/step.ts';
import type { Deps } from '../deps.ts';
import { runHarvest, runSummary } from './run-harvest.ts';
import { queueHarvestRun } from './sources.ts';

interface HarvestPayload {
  sourceId: string;
  runId: string;
  trigger: HarvestTrigger;
}

/** The `harvest` job: runs (or, after a stop, resumes) the run it was queued with; the run's report says what happened. */
export async function harvestJob(deps: Deps, job: Job): Promise<void> {
  const { sourceId, runId, trigger } = job.payload as unknown as HarvestPayload;
  const source = await deps.catalog.harvest.getSource(sourceId);
  if (!source) {
    await deps.catalog.jobs.updateJob(job.id, { status: 'failed', phase: 'failed', finishedAt: deps.clock.now().toISOString(), errors: [{ row: null, column: null, message: 'The harvest source was removed.' }] });
    return;
  }
  const run = await runHarvest(deps, sourceId, { trigger, runId, jobId: job.id });
  await deps.catalog.jobs.updateJob(job.id, {
    status: run.status === 'failed' ? 'failed' : 'succeeded',
    phase: run.status,
    finishedAt: deps.clock.now().toISOString(),
    result: { run: run.id, ...run.counts, summary: runSummary(source, run) },
    ...(run.message ? { errors: [{ row: null, column: null, message: run.message }] } : {}),
  });
}

/** Queues the runs of sources whose schedule says they are due. */
export const harvestScheduleStep: NotifyStep = {
  name: 'harvest-schedule',
  async run(deps: Deps): Promise<number> {
    const due = await deps.catalog.harvest.dueSources(deps.clock.now().toISOString());
    for (const source of due) await queueHarvestRun(deps, source, 'schedule');
    return due.length;
  },
};
