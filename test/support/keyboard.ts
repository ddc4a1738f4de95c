import type { Locator, Page } from 'playwright-core';

/**
 * True when the element is the one with keyboard focus. False while it is not
 * on the page, or while an island is replacing the page's content (the
 * element's context is gone): the next Tab looks again.
 */
export async function focused(l: Locator): Promise<boolean> {
  try {
    if ((await l.count()) === 0) return false;
    return await l.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement, undefined, { timeout: 5_000 });
  } catch {
    return false;
  }
}

/** What the focused element is, for messages. */
export const describeFocus = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { tagName: string; outerHTML: string } | null } }).document.activeElement;
    return el ? el.outerHTML.slice(0, 120) : 'nothing';
  });

/** Presses Tab until the element has focus (at most `limit` times); returns how many presses it took. */
export async function tabTo(page: Page, target: Locator, limit = 10): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await focused(target)) return i;
  }
  throw new Error(`Tab never reached the element; focus is on ${await describeFocus(page)}`);
}
