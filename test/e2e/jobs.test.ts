import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import type { Job } from '../../src/domain/catalog/types.ts';
import { describeBrowser, expectNoAxeViolations, pageWidth, signInWithForm, startPortal, type Portal, type SignInLabels } from '../support/browser.ts';
import { makePerson, type Person } from '../support/people.ts';

/**
 * A site administrator watches the job queue in a real browser: from the
 * settings page in English, a job another worker holds (its worker and
 * lease shown) and a dead letter retried with its button; in Spanish on a
 * 390 px phone (axe-core, the width), then without JavaScript, another dead
 * letter retried by the plain form.
 */

const PASSWORD = 'job queue in a browser 2030';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describeBrowser('the job queue in a browser', (b) => {
  let portal: Portal;
  let admin: Person;

  /** A job of a kind no worker runs, so it stays as it is made. */
  const makeJob = async (id: string, j: Partial<Job>) => {
    const at = new Date().toISOString();
    await portal.t.deps.catalog.jobs.createJob({ id, type: 'archive-check', status: 'queued', phase: 'queued', rowsRead: 0, rowsRejected: 0, errors: [], payload: {}, result: null, createdAt: at, startedAt: null, finishedAt: null, ...j });
  };

  beforeAll(async () => {
    portal = await startPortal();
    admin = await makePerson(portal.t, { name: 'Ada Admin', siteAdmin: true });
    await portal.t.deps.catalog.accounts.updateUser(admin.user.id, { passwordHash: await hashPassword(PASSWORD) });
    const at = new Date().toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await makeJob('held00000001', { status: 'running', phase: 'reading', owner: 'worker-b.internal:4242:9f3a', leaseExpiresAt: later, attempts: 1, startedAt: at, requestId: 'req-e2e-1' });
    await makeJob('dead00000001', { status: 'dead', phase: 'dead', attempts: 5, finishedAt: at, errors: [{ row: null, column: null, message: 'Attempt 5 of 5 failed: the archive answered 503' }] });
    await makeJob('dead00000002', { status: 'dead', phase: 'dead', attempts: 5, finishedAt: at, errors: [{ row: null, column: null, message: 'Attempt 5 of 5 failed: connection reset' }] });
  });
  afterAll(async () => {
    await portal?.close();
  });

  const signIn = (page: Page, next: string, labels?: SignInLabels) => signInWithForm(page, portal.url, admin.user.email, PASSWORD, next, labels);

  it('in English: from the settings page, a held job with its worker, and a dead letter retried', async () => {
    const page = await b.page();
    await signIn(page, '/admin/settings');
    await Promise.all([page.waitForURL(`${portal.url}/admin/jobs`), page.getByRole('link', { name: 'Job queue' }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Job queue');
    await expect(page.getByRole('row', { name: /archive-check held0000/ }).innerText()).resolves.toContain('worker-b.internal:4242:9f3a');
    await expect(page.getByRole('row', { name: /archive-check dead0000/ }).count()).resolves.toBe(2);
    await expect(page.getByText('Attempt 5 of 5 failed: the archive answered 503').count()).resolves.toBe(1);
    await expectNoAxeViolations(page);

    await Promise.all([page.waitForURL(`${portal.url}/admin/jobs?retried=1#dead`), page.getByRole('button', { name: 'Retry archive-check dead0000' }).first().click()]);
    await expect(page.getByRole('status').innerText()).resolves.toContain('The job is back in the queue');
    await expect(page.getByRole('row', { name: /archive-check dead0000/ }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    const retried = await portal.t.deps.catalog.jobs.listJobs('dead', 10);
    expect(retried.map((j) => j.id)).toHaveLength(1);
  });

  const SPANISH = { email: 'Correo electrónico', password: 'Contraseña', button: 'Iniciar sesión' };

  it('in Spanish on a 390 px phone: passes axe-core and fits the width', async () => {
    const page = await b.page({ ...PHONE, extraHTTPHeaders: { 'accept-language': 'es-ES,es;q=0.9' } });
    await signIn(page, '/admin/jobs', SPANISH);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Cola de tareas');
    await expect(page.getByRole('heading', { name: 'Cartas muertas' }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  });

  it('in Spanish without JavaScript: retries by the plain form', async () => {
    const page = await b.page({ ...PHONE, javaScriptEnabled: false, extraHTTPHeaders: { 'accept-language': 'es-ES,es;q=0.9' } });
    await signIn(page, '/admin/jobs', SPANISH);
    await Promise.all([page.waitForURL(`${portal.url}/admin/jobs?retried=1#dead`), page.getByRole('button', { name: /^Reintentar archive-check dead0000/ }).click()]);
    await expect(page.getByRole('status').innerText()).resolves.toContain('La tarea ha vuelto a la cola');
    await expect(page.getByText('No hay cartas muertas.').count()).resolves.toBe(1);
    expect(await portal.t.deps.catalog.jobs.listJobs('dead', 10)).toEqual([]);
  });

  it('is not for people who are not site administrators', async () => {
    const res = await fetch(`${portal.url}/admin/jobs`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fadmin%2Fjobs');
  });
});
