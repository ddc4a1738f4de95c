import type { Report, ReportedItem, ReportResolution } from '../../domain/community/reports.ts';

/** Who resolved an item's open reports, how and when. */
export interface ReportResolutionChange {
  kind: string;
  itemId: string;
  resolution: ReportResolution;
  by: string;
  at: string;
}

/**
 * Reports of community items. One person has at most one open report per
 * item, whatever runs at once; resolving an item's reports closes every open
 * one, after which the same person may report it again.
 */
export interface ReportStore {
  /** Keeps the report unless its reporter already has an open one on the item; says whether it was kept. */
  fileReport(r: Omit<Report, 'resolvedAt' | 'resolution' | 'resolvedBy'>): Promise<boolean>;
  /** Items with open reports, the most reported first (then the oldest report first), with the total. */
  reportQueue(limit: number, offset: number): Promise<{ total: number; results: ReportedItem[] }>;
  /** An item's reports, open and resolved, oldest first. */
  reportsOf(kind: string, itemId: string): Promise<Report[]>;
  /** Resolves every open report of an item; answers how many. */
  resolveReports(change: ReportResolutionChange): Promise<number>;
}
