import type { IngestIssue, Job } from '../../domain/catalog/types.ts';
import type { DiskWatch, ScratchDir } from '../../ports/scratch.ts';
import type { IngestSession } from '../../ports/table-engine.ts';
import type { Deps } from '../deps.ts';
import { progressSignal } from '../jobs/progress.ts';
import type { IngestPayload } from './add-resource.ts';

export type IngestPhase = 'preparing' | 'reading' | 'typing' | 'profiling' | 'publishing' | 'done' | 'failed';

export interface IngestResult extends Record<string, unknown> {
  versionId: string;
  versionNumber: number;
  rows: number;
  rejected: number;
  columns: number;
  seconds: number;
}

/** What the job shows while a phase runs. */
export type PhaseProgress = { rowsRead?: number; rowsRejected?: number; errors?: IngestIssue[] };

/** What one ingest holds while it runs: its job, where its files go, and what must be given back. */
export interface IngestWork {
  job: Job;
  payload: IngestPayload;
  /** performance.now() when the work began. */
  started: number;
  dataKey: string;
  rejectsKey: string;
  /** Stops the work when the disk comes down to the space kept free. */
  disk: DiskWatch;
  scratch?: ScratchDir | undefined;
  session?: IngestSession | undefined;
  /** Records the phase (and what it has counted so far) on the job, and tells readers following it (`job-progress`). */
  phase(name: IngestPhase, progress?: PhaseProgress): Promise<unknown>;
  /** Tells readers following the job that it changed (after a write that commits in a transaction of its own). */
  progressed(): void;
  /** Closes the engine session, releases the scratch folder and stops the disk watch; safe to call twice. */
  cleanUp(): Promise<void>;
}

/** Starts an ingest's bookkeeping: the blob keys of the new version and a watch on the disk. */
export function startWork(deps: Deps, job: Job): IngestWork {
  const payload = job.payload as IngestPayload;
  const progressed = progressSignal(deps.signals);
  const work: IngestWork = {
    job,
    payload,
    started: performance.now(),
    dataKey: `versions/${payload.datasetId}/${payload.versionId}/data.parquet`,
    rejectsKey: `versions/${payload.datasetId}/${payload.versionId}/rejects.csv`,
    disk: deps.scratch.watch(),
    phase: async (name, progress = {}) => {
      await deps.catalog.jobs.updateJob(job.id, { phase: name, ...progress });
      progressed();
    },
    progressed,
    async cleanUp() {
      work.disk.stop();
      await work.session?.close();
      work.session = undefined;
      await work.scratch?.release();
    },
  };
  return work;
}
