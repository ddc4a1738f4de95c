import { cleanupStep } from '../actions/accounts/cleanup.ts';
import { harvestFetchJob } from '../actions/harvest/fetch-job.ts';
import { harvestJob, harvestScheduleStep } from '../actions/harvest/harvest-job.ts';
import { popularityStep } from '../actions/catalog/popularity.ts';
import { runIngest } from '../actions/ingest/run-ingest.ts';
import type { JobHandler } from '../actions/jobs/handler.ts';
import { webhookStep } from '../actions/notify/deliver-webhooks.ts';
import { digestStep } from '../actions/notify/digest.ts';
import { fanOutStep } from '../actions/notify/fan-out.ts';
import { sendMailStep } from '../actions/notify/send-mail.ts';
import type { NotifyStep } from '../actions/notify/step.ts';

/** The handler of each kind of job the worker runs. A new kind (harvest, compaction, privacy scan) is one line here. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  ingest: runIngest,
  harvest: harvestJob,
  'harvest-fetch': harvestFetchJob,
};

/** The background steps the worker runs, in order. A new one is one line here. */
export const WORKER_STEPS: readonly NotifyStep[] = [fanOutStep, webhookStep, digestStep, sendMailStep, popularityStep, cleanupStep, harvestScheduleStep];

/**
 * What a process serving pages without a worker runs itself: what it keeps
 * in memory (the views it counted) is written by no one else.
 */
export const WEB_STEPS: readonly NotifyStep[] = [popularityStep];
