import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { describeBrowser, startPortal, type Portal } from '../support/browser.ts';
import { describeFocus, focused, tabTo } from '../support/keyboard.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture } from '../support/plaza.ts';

/**
 * The table explorer, the chart builder and the upload, used with the
 * keyboard alone: Tab to move, arrow keys to choose, typing, Enter and Space
 * to act; no mouse and no setting of values behind the page's back.
 */

const PASSWORD = 'a long enough password 1';

describeBrowser('the keyboard alone', (b) => {
  let portal: Portal;
  let editor: Person;

  beforeAll(async () => {
    portal = await startPortal();
    const { t } = portal;
    await t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { title: 'Crimes, September 2014', slug: 'crimes' });
    const org = await createOrganization(t.deps, t.admin, { name: 'Parks' });
    editor = await makePerson(t, { name: 'Kim Keyboard', roles: { [org.id]: 'editor' } });
    await t.deps.catalog.accounts.updateUser(editor.user.id, { passwordHash: await hashPassword(PASSWORD) });
    await createDataset(t.deps, editor.principal, { title: 'Park pantries', organization: 'parks', slug: 'park-pantries' });
  });
  afterAll(async () => {
    await portal?.close();
  });

  /** Chooses an option of the focused list box with the arrow keys, from its first option down. */
  async function arrowTo(page: Page, select: Locator, value: string): Promise<void> {
    expect(await focused(select), await describeFocus(page)).toBe(true);
    await page.keyboard.press('Home');
    for (let i = 0; i < 60 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
    expect(await select.inputValue()).toBe(value);
  }

  it('filters the table explorer and turns its page', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/datasets/crimes/table`);
    const count = () => page.locator('#table-count').innerText();
    await expect.poll(count).toContain('22,334 matching rows');

    const column = page.getByRole('combobox', { name: 'Column' });
    await tabTo(page, column, 60);
    await arrowTo(page, column, 'district');
    const condition = page.getByRole('combobox', { name: 'Condition' });
    await tabTo(page, condition);
    await arrowTo(page, condition, 'between');
    await tabTo(page, page.getByRole('textbox', { name: 'Value' }));
    await page.keyboard.type('1');
    await tabTo(page, page.getByRole('textbox', { name: 'And (for “between”)' }));
    await page.keyboard.type('3');
    await Promise.all([page.waitForURL((u) => u.searchParams.get('filter_to') === '3'), page.keyboard.press('Enter')]);
    await expect.poll(count).toContain('3,018 matching rows');

    const next = page.getByRole('link', { name: 'Next 25 rows' });
    await tabTo(page, next, 60);
    await Promise.all([page.waitForURL((u) => u.searchParams.get('page') === '2'), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('#table-caption').innerText()).toBe('Rows 26 to 50');
  });

  it('builds a chart in the chart builder', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/datasets/crimes/chart`);
    const type = page.getByLabel('Chart type', { exact: true });
    await tabTo(page, type, 60);
    await arrowTo(page, type, 'bar');
    await tabTo(page, page.getByLabel('X axis', { exact: true }));
    await arrowTo(page, page.getByLabel('X axis', { exact: true }), 'primary_type');
    await tabTo(page, page.getByLabel('Y value', { exact: true }));
    await arrowTo(page, page.getByLabel('Y value', { exact: true }), 'count');
    await tabTo(page, page.getByLabel('Group dates by', { exact: true }), 6);
    await arrowTo(page, page.getByLabel('Group dates by', { exact: true }), '');
    await page.waitForURL((u) => u.searchParams.get('x') === 'primary_type' && u.searchParams.get('agg') === 'count' && !u.searchParams.has('bucket'));
    const chart = page.getByRole('img', { name: /Number of rows by Primary Type/ });
    await expect.poll(() => chart.locator('rect').count()).toBeGreaterThan(3);
    await expect.poll(() => page.getByRole('status').innerText()).toBe(`Chart updated: ${await chart.locator('title').textContent()}.`);
  });

  it('signs in, chooses a file and uploads it, and sees it loaded', async () => {
    const page = await b.page();
    await page.goto(`${portal.url}/sign-in?next=${encodeURIComponent('/publish/park-pantries/upload')}`);
    await tabTo(page, page.getByLabel('Email address'), 30);
    await page.keyboard.type(editor.user.email);
    await tabTo(page, page.getByLabel('Password', { exact: true }), 3);
    await page.keyboard.type(PASSWORD);
    await Promise.all([page.waitForURL(`${portal.url}/publish/park-pantries/upload`), page.keyboard.press('Enter')]);

    const file = page.getByLabel('File');
    // Listening for the file chooser before anything can open it (the browser is told to hand it over, not show it).
    const chosen = page.waitForEvent('filechooser');
    await page.waitForLoadState('load');
    await tabTo(page, file, 60);
    await page.keyboard.press('Space');
    const chooser = await chosen;
    await chooser.setFiles(fixture('tabular/nyc_hra_efap_food_pantries_2024-11.csv'));
    await tabTo(page, page.getByRole('button', { name: 'Upload and load the data' }));
    await Promise.all([page.waitForURL(`${portal.url}/publish/park-pantries/columns`, { timeout: 60_000 }), page.keyboard.press('Enter')]);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('Park pantries');
    // The column review of the loaded file: a type to check for every column.
    await expect(page.getByRole('combobox', { name: /^Type of / }).count()).resolves.toBeGreaterThan(3);
  }, 90_000);
});
