import type { Actor } from './world.ts';

/**
 * Where the code answers differently from what the docs and ADR 8 say, as
 * the authorization table reads them. The table keeps the documented status;
 * each entry here records what the code answers today and why the two
 * differ, until someone decides. The matrix reports these on every run, and
 * fails when an entry no longer matches the code (fixed, or changed again),
 * so the list stays exact. Resolve one by fixing the code and deleting the
 * entry, or by changing the table's cell and deleting the entry.
 */
export interface Disagreement {
  route: string;
  case: string;
  /** What the code answers today, per actor. */
  now: Partial<Record<Actor, number>>;
  why: Reason;
}

/** Why the code and the docs differ, by a short name shown in the report. */
/** Why the code and the docs differ, by a short name shown in the report; add one with the first entry that needs it. */
export const REASONS: Record<string, string> = {};
export type Reason = keyof typeof REASONS;

export const disagreements: Disagreement[] = [];

/** The recorded answer of the code today for one call, when the call is a known disagreement. */
export function knownAnswer(route: string, name: string, actor: Actor): { now: number; why: Reason } | undefined {
  for (const d of disagreements) {
    const now = d.route === route && d.case === name ? d.now[actor] : undefined;
    if (now !== undefined) return { now, why: d.why };
  }
  return undefined;
}
