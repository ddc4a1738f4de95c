import { describe, expect, it } from 'vitest';
import { canMoveProblem, isOpenProblem, PROBLEM_STATUSES, triagePath } from '../../src/domain/community/problems.ts';

describe('the triage workflow', () => {
  it('finds the shortest way from new to each status, each step a move the workflow has', () => {
    expect(triagePath('new')).toEqual([]);
    expect(triagePath('declined')).toEqual(['declined']);
    expect(triagePath('addressed')).toEqual(['under_review', 'scoped', 'in_project', 'addressed']);
    for (const to of PROBLEM_STATUSES) {
      const steps = ['new' as const, ...triagePath(to)];
      expect(steps.at(-1)).toBe(to);
      for (let i = 1; i < steps.length; i++) expect(canMoveProblem(steps[i - 1]!, steps[i]!), `${steps[i - 1]} → ${steps[i]}`).toBe(true);
    }
  });

  it('counts addressed, declined and merged problems as no longer open', () => {
    expect(isOpenProblem({ status: 'scoped', mergedInto: null })).toBe(true);
    expect(isOpenProblem({ status: 'addressed', mergedInto: null })).toBe(false);
    expect(isOpenProblem({ status: 'declined', mergedInto: null })).toBe(false);
    expect(isOpenProblem({ status: 'new', mergedInto: 'other' })).toBe(false);
  });
});
