import type { Dataset } from './types.ts';
import { frequencyById } from './vocab.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the next update is due: the last data change (or, before any, the
 * issue date or creation) plus the declared frequency. Null when the
 * frequency sets no schedule.
 */
export function nextDueAt(d: Pick<Dataset, 'frequency' | 'dataUpdatedAt' | 'issued' | 'createdAt'>): string | null {
  const days = frequencyById(d.frequency)?.days ?? null;
  if (days === null) return null;
  const from = Date.parse(d.dataUpdatedAt ?? d.issued ?? d.createdAt);
  if (Number.isNaN(from)) return null;
  return new Date(from + days * DAY_MS).toISOString();
}

export interface Freshness {
  frequency: string | null;
  lastUpdated: string | null;
  nextDue: string | null;
  overdue: boolean;
  /** Whole days past due (0 when not overdue). */
  daysOverdue: number;
}

export function freshnessOf(d: Pick<Dataset, 'frequency' | 'dataUpdatedAt' | 'nextDueAt'>, now: Date): Freshness {
  const due = d.nextDueAt ? Date.parse(d.nextDueAt) : null;
  const overdue = due !== null && now.getTime() > due;
  return {
    frequency: d.frequency,
    lastUpdated: d.dataUpdatedAt,
    nextDue: d.nextDueAt,
    overdue,
    daysOverdue: overdue && due !== null ? Math.floor((now.getTime() - due) / DAY_MS) : 0,
  };
}
