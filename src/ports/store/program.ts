import type { DatasetFacts, ItemFacts, UseDay } from '../../domain/program/facts.ts';

/**
 * What the open data program's figures are computed from: uses of datasets
 * per day (counted in aggregate, never per person), and the facts of
 * datasets, problems, requests, showcases and events the figures count.
 */
export interface ProgramStore {
  /** Adds uses to one dataset's day (a UTC day, YYYY-MM-DD); a dataset that is gone is skipped. */
  addUseDay(use: UseDay): Promise<void>;
  /** The uses of every dataset on each day from `from` to `to` (both included, YYYY-MM-DD), by day then dataset. */
  listUseDays(from: string, to: string): Promise<UseDay[]>;
  /** Every dataset, with its organization and what freshness and visibility need. */
  listDatasetFacts(): Promise<DatasetFacts[]>;
  /** Every problem, with when it was first answered: its first change of status (away from `new`). */
  listProblemFacts(): Promise<ItemFacts[]>;
  /** Every dataset request, with when the city first answered it (its first change of status). */
  listRequestFacts(): Promise<ItemFacts[]>;
  /** When each showcase that is approved now was approved (its last approval), for those approved from `from` to `to` (instants). */
  listShowcaseApprovals(from: string, to: string): Promise<Array<{ showcaseId: string; at: string }>>;
  /** When each event not cancelled that starts from `from` up to `to` (instants, `to` excluded) starts, in order. */
  listEventStarts(from: string, to: string): Promise<string[]>;
}
