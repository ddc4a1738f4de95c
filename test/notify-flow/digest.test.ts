import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { SmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { startFlow, type Flow, type Person } from './support.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
let smtp: TestSmtpServer;
let f: Flow;

beforeEach(async () => {
  smtp = await startSmtpServer();
  f = await startFlow({ mailer: SmtpMailer.fromUrl(smtp.url, 'Plaza <noreply@data.example.gov>') });
});
afterEach(async () => {
  await f.close();
  await smtp.close();
});

async function subscribe(who: Person, body: Record<string, unknown>): Promise<void> {
  const res = await f.app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: who.auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().webhook_secret).toBeNull();
}

describe('email digests', () => {
  it('mails each subscriber one digest a period, through the outbox and a real SMTP server', async () => {
    const ada = await f.person('Ada Analyst');
    const quiet = await f.person('Quentin Quiet');
    const trees = await f.dataset('Street trees', { themes: ['Environment'], keywords: ['trees'] });
    const permits = await f.dataset('Building permits', { themes: ['Housing and development'] });
    const parks = await f.dataset('Park visits', { themes: ['Environment'] });
    await subscribe(ada, { dataset: trees.slug });
    await subscribe(ada, { search: 'theme=Environment&q=park' });
    await subscribe(quiet, { dataset: permits.slug });

    await updateDataset(f.deps, f.t.admin, trees.id, { description: 'Every street tree & its <species>.' });
    await updateDataset(f.deps, f.t.admin, trees.id, { keywords: ['trees', 'canopy'] });
    await updateDataset(f.deps, f.t.admin, parks.id, { description: 'Visits to city parks.' });
    await f.flush();
    // Not a day yet: nothing is mailed.
    expect(smtp.messages).toHaveLength(0);

    f.advance(DAY_MS + 60_000);
    await f.flush();
    const [mail] = await smtp.waitFor(1);
    await f.flush();
    expect(smtp.messages).toHaveLength(1);
    expect(mail!.to).toEqual([ada.principal.email]);
    expect(mail!.subject).toBe(`${f.deps.site.name}: 3 updates today`);
    expect(mail!.text).toContain('Hello Ada Analyst,');
    expect(mail!.text).toContain('Street trees\nhttps://data.example.gov/datasets/street-trees');
    expect(mail!.text).toContain('Site administrator updated description');
    expect(mail!.text).toContain('Site administrator updated keywords');
    expect(mail!.text).toContain('(You follow the dataset Street trees)');
    expect(mail!.text).toContain('Park visits\nhttps://data.example.gov/datasets/park-visits');
    expect(mail!.text).toContain('(You follow the search "q=park&theme=Environment")');
    expect(mail!.text).toContain('https://data.example.gov/account/subscriptions');
    expect(mail!.text).not.toContain('Building permits');
    expect(mail!.raw).toContain('Content-Type: text/html');

    // The next period brings nothing new: nobody gets a mail.
    f.advance(DAY_MS + 60_000);
    await f.flush();
    expect(smtp.messages).toHaveLength(1);

    // Then one change, for Quentin only.
    await updateDataset(f.deps, f.t.admin, permits.id, { keywords: ['permits'] });
    f.advance(DAY_MS + 60_000);
    await f.flush();
    const messages = await smtp.waitFor(2);
    expect(messages[1]!.to).toEqual([quiet.principal.email]);
    expect(messages[1]!.subject).toBe(`${f.deps.site.name}: 1 update today`);
    expect(messages[1]!.text).toContain('Building permits');
    expect(messages[1]!.text).not.toContain('Street trees');
  });

  it('leaves out what happened before the subscription was made', async () => {
    const ada = await f.person('Ada Analyst');
    const trees = await f.dataset('Street trees');
    await updateDataset(f.deps, f.t.admin, trees.id, { keywords: ['old news'] });
    await subscribe(ada, { dataset: trees.slug });
    f.advance(DAY_MS + 60_000);
    await f.flush();
    expect(smtp.messages).toHaveLength(0);
  });
});
