import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { checkAxe, describeBrowser, expectNoAxeViolations, startPortal, type Portal } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture } from '../support/plaza.ts';

/**
 * axe-core finds no WCAG 2.0 / 2.1 level A or AA violation on any kind of page
 * the portal serves, in the states a visitor meets them: with results, with a
 * table preview, with form errors, signed in.
 */

const PASSWORD = 'a long enough password';

describeBrowser('accessibility of every page', (b) => {
  let portal: Portal;
  let reader: Person;
  let census: string;
  let restricted: string;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    census = (await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Daily shelter census', slug: 'shelter-census' })).slug;
    restricted = (await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { title: 'COVID-19 totals by ZIP code', slug: 'covid-totals' })).slug;
    await updateDataset(t.deps, t.admin, restricted, { access_level: 'restricted' });
    reader = await makePerson(t, { name: 'Reader' });
    await t.deps.catalog.accounts.updateUser(reader.user.id, { passwordHash: await hashPassword(PASSWORD) });
    // Something to list on the subscriptions page, so its forms are checked too.
    const followed = await fetch(`${portal.url}/api/v1/subscriptions`, { method: 'POST', headers: { ...reader.auth, 'content-type': 'application/json' }, body: JSON.stringify({ dataset: census, email: true }) });
    expect(followed.status).toBe(201);
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('the checker itself reports violations (a page with an unlabelled field and an image without text)', async () => {
    const page = await b.page();
    await page.setContent('<!doctype html><html lang="en"><title>Broken</title><main><img src="data:,"><input type="text"></main></html>');
    const ids = (await checkAxe(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'label']));
  });

  /** Opens a page as an anonymous visitor and checks its status. */
  async function open(path: string, status = 200): Promise<Page> {
    const page = await b.page();
    const response = await page.goto(`${portal.url}${path}`);
    expect(response?.status(), path).toBe(status);
    return page;
  }

  const anonymousPages: Array<[string, () => string, number?]> = [
    ['the home page', () => '/'],
    ['the catalog', () => '/datasets'],
    ['search results', () => '/datasets?q=shelter'],
    ['a search with no results', () => '/datasets?q=zzzzqqq'],
    ['a dataset page with its table preview', () => `/datasets/${census}`],
    ['a restricted dataset, seen anonymously', () => `/datasets/${restricted}`],
    ['an organization page', () => '/organizations/test-department'],
    ['the sign-in page', () => '/sign-in'],
    ['the forgotten-password page', () => '/forgot-password'],
    ['the reset-password page of a link that does not work', () => '/reset-password?token=x', 400],
    ['the API reference', () => '/api/reference'],
    ['the community page', () => '/community'],
    ['the community page in Spanish', () => '/community?lang=es'],
    ['the page of an unknown dataset', () => '/datasets/no-such-dataset', 404],
    ['the page of an address where nothing is', () => '/no/such/page', 404],
    ['the home page in Spanish', () => '/?lang=es'],
    ['search results in Spanish', () => '/datasets?q=shelter&lang=es'],
    ['a dataset page in Spanish', () => `/datasets/${census}?lang=es`],
    ['the table explorer in Spanish, with a filter', () => `/datasets/${census}/table?lang=es&filter_column=total_individuals_in_shelter&filter_op=gt&filter_value=50000`],
    ['the chart builder in Spanish', () => `/datasets/${census}/chart?lang=es&type=line&x=date_of_census&bucket=year&agg=sum&y=total_individuals_in_shelter`],
    ['the sign-in page in Spanish', () => '/sign-in?lang=es'],
    ['the API reference in Spanish', () => '/api/reference?lang=es'],
  ];
  for (const [name, path, status] of anonymousPages) {
    it(`${name} has no violations`, async () => {
      await expectNoAxeViolations(await open(path(), status));
    });
  }

  it('the sign-in page showing a wrong password has no violations', async () => {
    const page = await open('/sign-in');
    await page.getByLabel('Email address').fill(reader.user.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
    await expect(page.getByRole('alert').count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
  });

  it('the subscriptions page, signed in through the form, has no violations', async () => {
    const page = await open(`/sign-in?next=${encodeURIComponent('/account/subscriptions')}`);
    await page.getByLabel('Email address').fill(reader.user.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await Promise.all([page.waitForURL(`${portal.url}/account/subscriptions`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).allInnerTexts()).resolves.toEqual(['Your subscriptions']);
    await expect(page.getByRole('button', { name: /stop/i }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page);

    // The account page, with a token just made (its secret shown once) and a refused one.
    await Promise.all([page.waitForURL(`${portal.url}/account`), page.getByRole('banner').getByRole('link', { name: reader.user.name }).click()]);
    await page.getByLabel('Name', { exact: true }).fill('Axe check');
    await Promise.all([page.waitForURL(`${portal.url}/account/tokens`), page.getByRole('button', { name: 'Make the token' }).click()]);
    await expect(page.locator('#token-secret').count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForURL(`${portal.url}/account/tokens`), page.getByRole('button', { name: 'Make the token' }).click()]);
    await expect(page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await expectNoAxeViolations(page);
  });
});
