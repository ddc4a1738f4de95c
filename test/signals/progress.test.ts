import { describe, expect, it } from 'vitest';
import { progressSignal } from '../../src/actions/jobs/progress.ts';

describe('job-progress signals of one job', () => {
  it('go out at once, then at most once per gap, the last change always told', async () => {
    const sent: number[] = [];
    const started = Date.now();
    const progressed = progressSignal({ send: (s) => void (s === 'job-progress' && sent.push(Date.now() - started)) }, 80);
    progressed();
    expect(sent).toHaveLength(1);
    progressed();
    progressed();
    progressed();
    expect(sent, 'changes within the gap wait').toHaveLength(1);
    await new Promise((r) => setTimeout(r, 150));
    expect(sent, 'and are told once at its end').toHaveLength(2);
    expect(sent[1]!).toBeGreaterThanOrEqual(75);
    await new Promise((r) => setTimeout(r, 100));
    progressed();
    expect(sent, 'after a quiet gap, at once again').toHaveLength(3);
  });
});
