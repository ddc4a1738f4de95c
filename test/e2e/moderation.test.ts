import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { commentOnProblem } from '../../src/actions/community/comment-problem.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { TOKEN_SCOPES } from '../../src/domain/accounts/types.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal } from '../support/browser.ts';

/**
 * Moderation in a browser, on a phone: a resident reports a comment from the
 * problem's page; a moderator finds it in the queue and hides it with a
 * reason; it is gone for everyone else. The problem page with its report form
 * open and the queue pass axe-core and fit 390 px, in English and Spanish.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'browser moderation 2030';
const COMMENT = 'The man at 14 Elm Street does this, call him at 555-0199';

describeBrowser('moderation in a browser', (b) => {
  let portal: Portal;
  let path: string;

  beforeAll(async () => {
    portal = await startPortal();
    const deps = portal.t.deps;
    for (const name of ['ana', 'ben', 'mod']) await markEmailConfirmed(portal.t, await register(deps, { email: `${name}@example.org`, name, password: PASSWORD }));
    const as = async (email: string) => principalFor(deps, (await deps.catalog.accounts.findUserByEmail(email))!, 'session', [...TOKEN_SCOPES], null);
    const mod = await deps.catalog.accounts.findUserByEmail('mod@example.org');
    await deps.catalog.accounts.updateUser(mod!.id, { isModerator: true });
    const problem = await postProblem(deps, await as('ana@example.org'), { title: 'Litter along the river path', description: 'Bags of litter pile up by the benches every weekend.', category: 'environment', place: { kind: 'citywide' } });
    await commentOnProblem(deps, await as('ben@example.org'), problem.id, { body: COMMENT });
    path = `/problems/${problem.id}`;
  });
  afterAll(async () => {
    await portal?.close();
  });

  const check = async (page: Awaited<ReturnType<typeof b.page>>) => {
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  };

  it('a resident reports a comment; a moderator hides it from the queue with a reason; it is gone for others', async () => {
    const resident = await b.page(PHONE);
    await signInWithForm(resident, portal.url, 'ana@example.org', PASSWORD, path);
    const comment = resident.locator('li[id^="comment-"]');
    await comment.getByText('Report this comment').click();
    await check(resident);
    // USWDS draws the radio on its label, as people click it.
    await comment.locator('label', { hasText: 'Abuse or harassment' }).click();
    expect(await comment.getByLabel('Abuse or harassment').isChecked()).toBe(true);
    await comment.getByLabel('Note for the moderators').fill('It names a neighbour and his phone number.');
    await Promise.all([resident.waitForURL(/\?reported=1#comment-/), comment.getByRole('button', { name: 'Send the report' }).click()]);
    await expect(resident.getByText('Thank you: the moderators will look at your report.').count()).resolves.toBe(1);

    const moderator = await b.page(PHONE);
    await signInWithForm(moderator, portal.url, 'mod@example.org', PASSWORD, '/moderation');
    await expect(moderator.getByRole('heading', { level: 2, name: 'Comment on a problem · 1 report' }).count()).resolves.toBe(1);
    await expect(moderator.getByText('Abuse or harassment: 1').count()).resolves.toBe(1);
    await expect(moderator.getByText('It names a neighbour and his phone number.').count()).resolves.toBe(1);
    await check(moderator);
    await moderator.goto(`${portal.url}/moderation?lang=es`);
    await expect(moderator.getByRole('heading', { level: 1, name: 'Moderación' }).count()).resolves.toBe(1);
    await check(moderator);
    await moderator.goto(`${portal.url}${path}?lang=es`);
    await check(moderator);

    await moderator.goto(`${portal.url}/moderation?lang=en`);
    await moderator.getByLabel('Why hide it? The author is told.').fill('It gives a neighbour\'s address and phone number.');
    await Promise.all([moderator.waitForURL(`${portal.url}/moderation?done=hidden`), moderator.getByRole('button', { name: 'Hide', exact: true }).click()]);
    await expect(moderator.getByText('The item is hidden and its reports are resolved; its author is told why.').count()).resolves.toBe(1);
    await expect(moderator.getByText('Nothing is reported right now.').count()).resolves.toBe(1);
    await check(moderator);

    const visitor = await b.page(PHONE);
    await visitor.goto(`${portal.url}${path}`);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Litter along the river path' }).count()).resolves.toBe(1);
    await expect(visitor.getByText(COMMENT).count()).resolves.toBe(0);
    await resident.reload();
    await expect(resident.getByText(COMMENT).count()).resolves.toBe(0);
  });
});
