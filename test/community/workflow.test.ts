import { describe, expect, it } from 'vitest';
import { canMoveProblem, forwardPath, isOpenProblem, PROBLEM_STATUSES, triagePath } from '../../src/domain/community/problems.ts';

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

describe('forward moves', () => {
  it('takes a problem forward only, one triage step at a time', () => {
    expect(forwardPath('new', 'scoped')).toEqual(['under_review', 'scoped']);
    expect(forwardPath('under_review', 'in_project')).toEqual(['scoped', 'in_project']);
    expect(forwardPath('in_project', 'scoped')).toEqual([]);
    expect(forwardPath('scoped', 'scoped')).toEqual([]);
    expect(forwardPath('declined', 'scoped')).toEqual([]);
    expect(forwardPath('addressed', 'in_project')).toEqual([]);
  });
});
