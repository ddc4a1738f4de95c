import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Result as AxeResult, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { Deps } from '../../src/actions/deps.ts';
import { startTestPlaza, type TestPlaza } from './plaza.ts';

/**
 * Browser tests: Debian's Chromium driven by playwright-core, against a real
 * Plaza listening on 127.0.0.1. No browser is ever downloaded; the one at
 * PLAZA_CHROMIUM (default /usr/bin/chromium) is used, and without it the
 * browser suites are skipped with a warning, or fail under
 * PLAZA_REQUIRE_SERVICES=1 (as in CI).
 */

export const CHROMIUM = process.env.PLAZA_CHROMIUM ?? '/usr/bin/chromium';

/** Why Chromium cannot be used, or null when it is there and executable. */
export function browserProblem(): string | null {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'ENOENT' ? `there is no Chromium at ${CHROMIUM}` : `Chromium at ${CHROMIUM} cannot be run (${code ?? String(err)})`;
  }
}

/** Whether the browser tests can run here. */
export const browserAvailable = (): boolean => browserProblem() === null;

const required = (): boolean => process.env.PLAZA_REQUIRE_SERVICES === '1';
const HOW = 'Install it (apt-get install chromium) or point PLAZA_CHROMIUM at a Chromium binary.';

/** A headless Chromium; the caller closes it. */
export async function startBrowser(): Promise<Browser> {
  const problem = browserProblem();
  if (problem) throw new Error(`The browser tests need Chromium, but ${problem}. ${HOW}`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A context whose pages may only reach 127.0.0.1: every other request is aborted, so no test touches the internet. */
export async function newLocalContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
  });
  return context;
}

export interface BrowserSuite {
  /** The file's browser, launched once before its tests. */
  browser(): Browser;
  /** A page in a fresh context (local requests only), closed after the test. */
  page(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Declares a file's browser tests: one browser for the file, a fresh context
 * for each page a test opens. Without Chromium the suite is skipped with a
 * warning; with PLAZA_REQUIRE_SERVICES=1 every test fails instead, saying why.
 */
export function describeBrowser(name: string, body: (b: BrowserSuite) => void): void {
  const problem = browserProblem();
  if (problem && !required()) {
    console.warn(`Skipping the browser tests "${name}": ${problem}. ${HOW} PLAZA_REQUIRE_SERVICES=1 makes this a failure.`);
    describe.skip(name, () => body({ browser: () => { throw new Error('skipped'); }, page: () => Promise.reject(new Error('skipped')) }));
    return;
  }
  describe(name, () => {
    let browser: Browser | undefined;
    let launchError: Error | undefined;
    const contexts: BrowserContext[] = [];
    const current = (): Browser => {
      if (launchError) throw new Error(`${launchError.message}${required() ? ' (PLAZA_REQUIRE_SERVICES=1: browser tests must run here.)' : ''}`);
      if (!browser) throw new Error('the browser is not started');
      return browser;
    };
    beforeAll(async () => {
      try {
        browser = await startBrowser();
      } catch (err) {
        // Kept for each test to report, so that every test fails with the reason.
        launchError = err instanceof Error ? err : new Error(String(err));
      }
    });
    beforeEach(() => {
      current();
    });
    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
    });
    afterAll(async () => {
      await browser?.close();
    });
    body({
      browser: current,
      async page(options) {
        const context = await newLocalContext(current(), options);
        contexts.push(context);
        return context.newPage();
      },
    });
  });
}

export interface Portal {
  t: TestPlaza;
  /** The portal's address, such as http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** A real Plaza on a temporary folder, served over HTTP on 127.0.0.1 at a free port; `overrides` replace parts of it (a mailer, say). */
export async function startPortal(overrides: Partial<Deps> = {}): Promise<Portal> {
  const t = await startTestPlaza(overrides);
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (err) {
    await t.close();
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  return {
    t,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let axeSource: Promise<string> | undefined;

/** Runs axe-core on the page as it is now, for WCAG 2.0 and 2.1 levels A and AA, and returns what it finds. Needs JavaScript on. */
export async function checkAxe(page: Page): Promise<AxeResult[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated by the browser's tooling rather than added as an inline script, which the portal's Content-Security-Policy refuses.
  await page.evaluate(await axeSource);
  const options: RunOptions = { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] };
  // The function runs in the page, where axe-core is now a global.
  return page.evaluate(async (opts) => {
    const { axe } = globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeResult[] }> } };
    const results = await axe.run((globalThis as unknown as { document: unknown }).document, opts);
    return results.violations;
  }, options);
}

/** One line per violation: rule, impact, what it asks for, and where (the first few elements). */
export function describeViolations(violations: AxeResult[]): string[] {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ');
    const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
    return `${v.id} (${v.impact ?? 'no impact given'}): ${v.help} — at ${targets}${more}`;
  });
}

/** Fails listing every accessibility violation axe-core finds on the page. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const found = describeViolations(await checkAxe(page));
  expect(found, `axe-core found ${found.length} accessibility violation(s) on ${page.url()}`).toEqual([]);
}

/** The sign-in form's labels in the page's language. */
export interface SignInLabels {
  email: string;
  password: string;
  button: string;
}

/** Signs in through the sign-in form, as a person would, and waits for the page it was sent to (`next`, a path). */
export async function signInWithForm(page: Page, base: string, email: string, password: string, next: string, labels: SignInLabels = { email: 'Email address', password: 'Password', button: 'Sign in' }): Promise<void> {
  await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await Promise.all([page.waitForURL(`${base}${next}`), page.getByRole('button', { name: labels.button }).click()]);
}

/** The page's full width in CSS pixels: more than the window when something scrolls sideways. */
export const pageWidth = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as { document: Document }).document.documentElement.scrollWidth);
