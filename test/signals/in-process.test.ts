import { describe, expect, it } from 'vitest';
import { InProcessSignals } from '../../src/adapters/signals/in-process.ts';
import { startTestPlaza } from '../support/plaza.ts';

describe('signals within one process', () => {
  it('reach every listener of the signal sent, at once, and no other', () => {
    const signals = new InProcessSignals();
    const heard: string[] = [];
    signals.listen('job-queued', () => heard.push('worker'));
    signals.listen('job-queued', () => heard.push('notifier'));
    signals.listen('pages-changed', () => heard.push('page cache'));
    signals.send('job-queued');
    expect(heard).toEqual(['worker', 'notifier']);
    signals.send('pages-changed');
    expect(heard).toEqual(['worker', 'notifier', 'page cache']);
  });

  it('stop reaching a listener that stopped, even one listening twice', () => {
    const signals = new InProcessSignals();
    let n = 0;
    const listener = () => void n++;
    const first = signals.listen('job-queued', listener);
    signals.listen('job-queued', listener);
    signals.send('job-queued');
    expect(n).toBe(2);
    first();
    first();
    signals.send('job-queued');
    expect(n).toBe(3);
  });

  it('keep reaching the other listeners when one throws, and report it', () => {
    const failures: Array<[string, string]> = [];
    const signals = new InProcessSignals((signal, err) => failures.push([signal, (err as Error).message]));
    let reached = false;
    signals.listen('pages-changed', () => {
      throw new Error('cache gone');
    });
    signals.listen('pages-changed', () => void (reached = true));
    expect(() => signals.send('pages-changed')).not.toThrow();
    expect(reached).toBe(true);
    expect(failures).toEqual([['pages-changed', 'cache gone']]);
  });

  it('reach no one once closed', async () => {
    const signals = new InProcessSignals();
    let n = 0;
    signals.listen('job-queued', () => void n++);
    await signals.close();
    signals.send('job-queued');
    expect(n).toBe(0);
  });
});

describe('a Plaza and its signals', () => {
  it('sends pages-changed on each content write and job-queued when work waits, and wakes its worker on job-queued', async () => {
    const t = await startTestPlaza();
    try {
      const heard: string[] = [];
      t.deps.signals.listen('pages-changed', () => heard.push('pages-changed'));
      t.deps.signals.listen('job-queued', () => heard.push('job-queued'));
      const before = t.deps.changes.version();
      await t.deps.catalog.site.putSiteSettings({ name: 'Ciudad Abierta' });
      expect(heard).toEqual(['pages-changed']);
      expect(t.deps.changes.version()).toBe(before + 1);
      // Another process's change, as a shared implementation would deliver it, makes kept pages stale too.
      t.deps.signals.send('pages-changed');
      expect(t.deps.changes.version()).toBe(before + 2);

      // A stopped worker is not woken; started, it takes a queued job at once, long before its next poll.
      await t.plaza.worker.stop();
      (t.plaza.jobs as unknown as { pollMs: number }).pollMs = 60_000;
      await t.plaza.worker.start();
      await new Promise((r) => setTimeout(r, 100));
      const { slug, job } = await t.load('test/fixtures/tabular/nyc_dohmh_covid_totals_by_modzcta.csv');
      expect(job.status).toBe('succeeded');
      expect(slug).toBeTruthy();
      expect(heard).toContain('job-queued');
    } finally {
      await t.close();
    }
  }, 30_000);
});
