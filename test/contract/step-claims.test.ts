import { expect, it } from 'vitest';
import type { Deps } from '../../src/actions/deps.ts';
import { sendMailStep } from '../../src/actions/notify/send-mail.ts';
import type { NotifyStep } from '../../src/actions/notify/step.ts';
import { Notifier } from '../../src/jobs/notifier.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import type { MailMessage } from '../../src/ports/mailer.ts';
import { systemClock } from '../../src/ports/clock.ts';
import { mail } from './factories.ts';
import { describeStores } from './harness.ts';

const quiet = { info: () => undefined, error: () => undefined };

/** A mail server that takes a while over each message, so two workers passing at once overlap; it counts what each recipient got. */
function slowMailer(sent: Map<string, number>) {
  return {
    async send(m: MailMessage) {
      await new Promise((r) => setTimeout(r, 15));
      sent.set(m.to, (sent.get(m.to) ?? 0) + 1);
    },
    async close() {},
  };
}

/** What the mail step needs of the actions' dependencies; the rest is not reached. */
function depsOn(catalog: CatalogStore, sent: Map<string, number>): Deps {
  return { catalog, clock: systemClock, mailer: slowMailer(sent) } as unknown as Deps; // a partial Deps: the mail step reads only these
}

describeStores('background steps shared by two workers', (store) => {
  const outbox = async (n: number) => {
    for (let i = 0; i < n; i++) await store().activity.enqueueMail(mail({ to: `reader-${i}@city.example` }));
  };

  it('sends each mail exactly once when both workers pass at the same moment', async () => {
    await outbox(30);
    const sent = new Map<string, number>();
    const deps = depsOn(store(), sent);
    const a = new Notifier(() => deps, [sendMailStep], quiet, 60_000, { owner: 'host-a:1:aa', leaseMs: 30_000 });
    const b = new Notifier(() => deps, [sendMailStep], quiet, 60_000, { owner: 'host-b:2:bb', leaseMs: 30_000 });
    a.start();
    b.start();
    try {
      // Both wake together, again and again, until the outbox is empty.
      for (let round = 0; round < 10 && [...sent.values()].reduce((x, y) => x + y, 0) < 30; round++) await Promise.all([a.flush(), b.flush()]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(sent.size).toBe(30);
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
    expect(await store().activity.dueMail(new Date().toISOString(), 100)).toEqual([]);
  });

  it('skips a step another worker holds, and runs steps of its own process without a lease', async () => {
    const ran: string[] = [];
    const step = (name: string, perProcess = false): NotifyStep => ({ name, perProcess, run: async () => {
      ran.push(name);
      return 0;
    } });
    const deps = depsOn(store(), new Map());
    const now = new Date();
    expect(await store().jobs.claimStep('mail', 'host-b:2:bb', now.toISOString(), new Date(now.getTime() + 60_000).toISOString())).toBe(true);
    const a = new Notifier(() => deps, [step('mail'), step('webhooks'), step('popularity', true)], quiet, 60_000, { owner: 'host-a:1:aa', leaseMs: 30_000 });
    a.start();
    await a.flush();
    await a.stop();
    expect(ran.filter((n) => n === 'mail')).toEqual([]);
    expect(ran).toContain('webhooks');
    expect(ran).toContain('popularity');
    // The step a ran was let go: b takes it at once.
    expect(await store().jobs.claimStep('webhooks', 'host-b:2:bb', new Date().toISOString(), new Date(Date.now() + 60_000).toISOString())).toBe(true);
  });
});
